"""Access-matrix cases for the agreement, its amendments and the goal tree."""

from __future__ import annotations

from tests.factories import ADMIN, demo
from tests.matrix import Call, Case, Ctx, register, static

API = "/api/v1"
ADMIN_ONLY = (
    "the agreement belongs to the partnership: only the admin role changes it, whatever the organisation"
)
PUBLIC = "public content: every caller reads it"
EDITOR = demo("editor", "gladsaxe-kommune")

register(
    Case(
        "GET",
        f"{API}/agreement",
        static(f"{API}/agreement"),
        allowed=EDITOR,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": PUBLIC},
    )
)


async def _patch_agreement(ctx: Ctx) -> Call:
    return Call(
        path=f"{API}/agreement",
        json={"effect": "Status hvert år i første kvartal.", "amendment": {"note": "Præcisering"}},
        headers=await ctx.etag(f"{API}/agreement"),
    )


register(
    Case(
        "PATCH",
        f"{API}/agreement",
        _patch_agreement,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="agreement.update",
    )
)
register(
    Case(
        "GET",
        f"{API}/agreement/amendments",
        static(f"{API}/agreement/amendments"),
        allowed=EDITOR,
        not_applicable={
            "too_low": "every partner role reads amendments",
            "other_org": "amendments belong to the whole partnership",
        },
    )
)
register(
    Case(
        "GET",
        f"{API}/goals",
        static(f"{API}/goals"),
        allowed=EDITOR,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": PUBLIC},
    )
)


async def _goal_path(ctx: Ctx, code: str = "2") -> str:
    goals = (await ctx.get(f"{API}/goals")).json()["items"]
    return f"{API}/goals/{next(g['id'] for g in goals if g['code'] == code)}"


async def _read_goal(ctx: Ctx) -> Call:
    return Call(path=await _goal_path(ctx))


register(
    Case(
        "GET",
        f"{API}/goals/{{goal_id}}",
        _read_goal,
        allowed=EDITOR,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": "public goal; restricted goals: tests/goals"},
    )
)
register(
    Case(
        "POST",
        f"{API}/goals",
        static(f"{API}/goals", json={"code": "5", "title": "Et nyt mål"}),
        allowed=ADMIN,
        success=201,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="goal.create",
    )
)


async def _patch_goal(ctx: Ctx) -> Call:
    return await ctx.change(await _goal_path(ctx), {"description": "Tryghed"})


register(
    Case(
        "PATCH",
        f"{API}/goals/{{goal_id}}",
        _patch_goal,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="goal.update",
    )
)


async def _delete_goal(ctx: Ctx) -> Call:
    created = await ctx.post(f"{API}/goals", {"code": "9", "title": "Midlertidigt mål"})
    return await ctx.change(f"{API}/goals/{created.json()['id']}")


register(
    Case(
        "DELETE",
        f"{API}/goals/{{goal_id}}",
        _delete_goal,
        allowed=ADMIN,
        success=204,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="goal.delete",
    )
)


async def _restore_goal(ctx: Ctx) -> Call:
    call = await _delete_goal(ctx)
    response = await ctx.client.delete(call.path, headers={**call.headers, **await ctx.headers(ADMIN)})
    assert response.status_code == 204
    return Call(path=f"{call.path}/restore")


register(
    Case(
        "POST",
        f"{API}/goals/{{goal_id}}/restore",
        _restore_goal,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="goal.restore",
    )
)
