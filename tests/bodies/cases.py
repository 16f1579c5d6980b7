"""Access-matrix cases for bodies, members, composition and mandates."""

from __future__ import annotations

from typing import Any

from tests.factories import ADMIN, demo
from tests.matrix import Call, Case, Ctx, register
from tests.meetings import scenarios

EDITOR = demo("editor", "aab")  # a partner editor: too low to manage bodies
ADMIN_ONLY = {"other_org": "bodies belong to no organisation; only admins (bodies:manage) manage them"}
PUBLIC = {
    "too_low": "public: bodies and approved mandates are readable by anyone",
    "other_org": "public: bodies and approved mandates are readable by anyone",
}
PARTNERS = {
    "too_low": "every partner reads members and composition",
    "other_org": "bodies belong to no organisation",
}


async def _partnership(ctx: Ctx) -> int:
    return await scenarios.body(ctx, "partnerskab")


async def _working_group(ctx: Ctx, *, active: bool) -> str:
    coordination = await scenarios.body(ctx, "koordinationsgruppe")
    group = (
        await ctx.post(
            "/api/v1/bodies",
            {
                "slug": "wg-matrix",
                "kind": "working_group",
                "name": "WG",
                "purpose": "p",
                "parent_id": coordination,
            },
        )
    ).json()
    path = f"/api/v1/bodies/{group['id']}"
    if active:
        await scenarios.act(ctx, f"{path}/activate", {"set_up_on": "2025-01-01"}, who=ADMIN, etag_of=path)
    return path


async def _member(ctx: Ctx) -> str:
    path = f"/api/v1/bodies/{await _partnership(ctx)}/members"
    member = (await ctx.post(path, {"person_name": "Matrix", "from_date": "2025-01-01"})).json()
    return f"{path}/{member['id']}"


async def _draft_mandate(ctx: Ctx) -> str:
    mandate = (await ctx.post(f"/api/v1/bodies/{await _partnership(ctx)}/mandates", {"purpose": "v2"})).json()
    return f"/api/v1/mandates/{mandate['id']}"


async def _approved_mandate(ctx: Ctx) -> str:
    listed = (await ctx.get(f"/api/v1/bodies/{await _partnership(ctx)}/mandates")).json()["items"]
    return f"/api/v1/mandates/{listed[0]['id']}"


async def list_bodies(ctx: Ctx) -> Call:
    return Call("/api/v1/bodies")


async def read_body(ctx: Ctx) -> Call:
    return Call(f"/api/v1/bodies/{await _partnership(ctx)}")


async def create_body(ctx: Ctx) -> Call:
    return Call(
        "/api/v1/bodies", json={"slug": "ny-krop", "kind": "partnership", "name": "Ny", "purpose": "p"}
    )


async def update_body(ctx: Ctx) -> Call:
    path = f"/api/v1/bodies/{await _partnership(ctx)}"
    return Call(path, json={"name": "Partnerskabet"}, headers=await ctx.etag(path))


async def activate_body(ctx: Ctx) -> Call:
    path = await _working_group(ctx, active=False)
    return Call(f"{path}/activate", json={"set_up_on": "2025-03-01"}, headers=await ctx.etag(path))


async def dissolve_body(ctx: Ctx) -> Call:
    path = await _working_group(ctx, active=True)
    return Call(
        f"{path}/dissolve",
        json={"dissolved_on": "2025-06-01", "reason": "Løst", "final_summary": "Færdig"},
        headers=await ctx.etag(path),
    )


async def read_composition(ctx: Ctx) -> Call:
    return Call(f"/api/v1/bodies/{await _partnership(ctx)}/composition")


async def list_members(ctx: Ctx) -> Call:
    return Call(f"/api/v1/bodies/{await _partnership(ctx)}/members")


async def create_member(ctx: Ctx) -> Call:
    return Call(
        f"/api/v1/bodies/{await _partnership(ctx)}/members",
        json={"person_name": "Ny", "from_date": "2025-01-01"},
    )


async def read_member(ctx: Ctx) -> Call:
    return Call(await _member(ctx))


async def update_member(ctx: Ctx) -> Call:
    path = await _member(ctx)
    return Call(path, json={"to_date": "2025-12-31"}, headers=await ctx.etag(path))


async def delete_member(ctx: Ctx) -> Call:
    path = await _member(ctx)
    return Call(path, headers=await ctx.etag(path))


async def list_mandates(ctx: Ctx) -> Call:
    return Call(f"/api/v1/bodies/{await _partnership(ctx)}/mandates")


async def create_mandate(ctx: Ctx) -> Call:
    return Call(f"/api/v1/bodies/{await _partnership(ctx)}/mandates", json={"purpose": "Ny version"})


async def read_mandate(ctx: Ctx) -> Call:
    return Call(await _approved_mandate(ctx))


async def update_mandate(ctx: Ctx) -> Call:
    path = await _draft_mandate(ctx)
    return Call(path, json={"tasks": "Opgaver"}, headers=await ctx.etag(path))


async def submit_mandate(ctx: Ctx) -> Call:
    path = await _draft_mandate(ctx)
    return Call(f"{path}/submit", headers=await ctx.etag(path))


async def approve_mandate(ctx: Ctx) -> Call:
    path = await _draft_mandate(ctx)
    await scenarios.act(ctx, f"{path}/submit", who=ADMIN, etag_of=path)
    decision = await scenarios.board_decision(ctx, "approve_mandate")
    return Call(f"{path}/approve", json={"decision_id": decision["id"]}, headers=await ctx.etag(path))


async def list_my_body_roles(ctx: Ctx) -> Call:
    return Call("/api/v1/bodies/my-roles")


B = "/api/v1/bodies"
register(
    Case(
        method="GET",
        path=B + "/my-roles",
        prepare=list_my_body_roles,
        allowed=EDITOR,
        not_applicable={
            "too_low": "every signed-in person has (or has no) body roles",
            "other_org": "the answer is the caller's own roles",
        },
    )
)
for method, path, prepare, extra in (
    ("GET", B, list_bodies, {"anonymous": 200, "not_applicable": PUBLIC}),
    ("GET", B + "/{body_id}", read_body, {"anonymous": 200, "not_applicable": PUBLIC}),
    ("POST", B, create_body, {"success": 201}),
    ("PATCH", B + "/{body_id}", update_body, {}),
    ("POST", B + "/{body_id}/activate", activate_body, {}),
    ("POST", B + "/{body_id}/dissolve", dissolve_body, {}),
    ("GET", B + "/{body_id}/composition", read_composition, {"allowed": EDITOR, "not_applicable": PARTNERS}),
    ("GET", B + "/{body_id}/members", list_members, {"allowed": EDITOR, "not_applicable": PARTNERS}),
    ("POST", B + "/{body_id}/members", create_member, {"success": 201}),
    (
        "GET",
        B + "/{body_id}/members/{member_id}",
        read_member,
        {"allowed": EDITOR, "not_applicable": PARTNERS},
    ),
    ("PATCH", B + "/{body_id}/members/{member_id}", update_member, {}),
    ("DELETE", B + "/{body_id}/members/{member_id}", delete_member, {"success": 204}),
    ("GET", B + "/{body_id}/mandates", list_mandates, {"anonymous": 200, "not_applicable": PUBLIC}),
    ("POST", B + "/{body_id}/mandates", create_mandate, {"success": 201}),
    ("GET", "/api/v1/mandates/{mandate_id}", read_mandate, {"anonymous": 200, "not_applicable": PUBLIC}),
    ("PATCH", "/api/v1/mandates/{mandate_id}", update_mandate, {}),
    ("POST", "/api/v1/mandates/{mandate_id}/submit", submit_mandate, {}),
    ("POST", "/api/v1/mandates/{mandate_id}/approve", approve_mandate, {}),
):
    options: dict[str, Any] = {"allowed": ADMIN, "too_low": EDITOR, "not_applicable": ADMIN_ONLY, **extra}
    if "too_low" in options["not_applicable"]:
        options["too_low"] = None
    register(Case(method=method, path=path, prepare=prepare, **options))
