"""Access-matrix cases for sign-in, organisations, users, memberships and API clients."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tests.factories import ADMIN, demo
from tests.matrix import Call, Case, Ctx, register, static

API = "/api/v1"
ADMIN_ONLY = "admin-only resource: no organisation owns it, so only the role decides"
SELF_ONLY = "the caller acts only on their own session or account"
PUBLIC = "public information"
EDITOR, VIEWER = demo("editor", "aab"), demo("viewer", "kvp")
Prepare = Callable[[Ctx], Awaitable[Call]]


def admin_only(method: str, path: str, prepare: Prepare, **kw: Any) -> None:
    """Organisations, users, memberships and API clients are managed by admins only."""
    register(
        Case(
            method,
            f"{API}{path}",
            prepare,
            allowed=ADMIN,
            too_low=EDITOR,
            not_applicable={"other_org": ADMIN_ONLY},
            **kw,
        )
    )


# ---------------------------------------------------------------- auth
register(
    Case(
        "POST",
        f"{API}/auth/token",
        static(f"{API}/auth/token", data={"grant_type": "password", "username": EDITOR, "password": "demo"}),
        allowed=EDITOR,
        anonymous=200,
        audit="security-log",
        not_applicable={"too_low": "signing in needs no role", "other_org": "signing in needs no role"},
    )
)
register(
    Case(
        "POST",
        f"{API}/auth/logout",
        static(f"{API}/auth/logout", json={"refresh_token": "srt_unknown"}),
        allowed=VIEWER,
        success=204,
        audit="security-log",
        not_applicable={"too_low": SELF_ONLY, "other_org": SELF_ONLY},
    )
)
register(
    Case(
        "GET",
        f"{API}/auth/me",
        static(f"{API}/auth/me"),
        allowed=VIEWER,
        not_applicable={"too_low": SELF_ONLY, "other_org": SELF_ONLY},
    )
)
register(
    Case(
        "POST",
        f"{API}/auth/password",
        static(
            f"{API}/auth/password", json={"current_password": "demo", "new_password": "a-much-longer-pass"}
        ),
        allowed=VIEWER,
        success=204,
        not_applicable={"too_low": SELF_ONLY, "other_org": SELF_ONLY},
    )
)


# ---------------------------------------------------------------- organisations
async def _org_path(ctx: Ctx, slug: str = "lejerbo") -> str:
    return f"{API}/organisations/{await ctx.org_id(slug)}"


async def _read_org(ctx: Ctx) -> Call:
    return Call(path=await _org_path(ctx))


async def _patch_org(ctx: Ctx) -> Call:
    return await ctx.change(await _org_path(ctx), {"description": "Boligorganisation"})


async def _delete_org(ctx: Ctx) -> Call:
    return await ctx.change(await _org_path(ctx, "vores-hg"))


async def _restore_org(ctx: Ctx) -> Call:
    deleted = await _delete_org(ctx)
    response = await ctx.client.delete(deleted.path, headers={**deleted.headers, **await ctx.headers(ADMIN)})
    assert response.status_code == 204
    return Call(path=f"{deleted.path}/restore")


register(
    Case(
        "GET",
        f"{API}/organisations",
        static(f"{API}/organisations"),
        allowed=VIEWER,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": PUBLIC},
    )
)
register(
    Case(
        "GET",
        f"{API}/organisations/{{organisation_id}}",
        _read_org,
        allowed=VIEWER,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": PUBLIC},
    )
)
admin_only(
    "POST",
    "/organisations",
    static(f"{API}/organisations", json={"slug": "kirken", "name": "Søborg Kirke", "kind": "other"}),
    success=201,
    audit_action="organisation.create",
)
admin_only("PATCH", "/organisations/{organisation_id}", _patch_org, audit_action="organisation.update")
admin_only(
    "DELETE", "/organisations/{organisation_id}", _delete_org, success=204, audit_action="organisation.delete"
)
admin_only(
    "POST", "/organisations/{organisation_id}/restore", _restore_org, audit_action="organisation.restore"
)


# ---------------------------------------------------------------- users
async def _user_path(ctx: Ctx) -> str:
    return f"{API}/users/{await ctx.user_id(demo('reporter', 'aab'))}"


async def _read_user(ctx: Ctx) -> Call:
    return Call(path=await _user_path(ctx))


async def _patch_user(ctx: Ctx) -> Call:
    return await ctx.change(await _user_path(ctx), {"name": "Rita Reporter"})


def _user_action(action: str) -> Prepare:
    async def prepare(ctx: Ctx) -> Call:
        return await ctx.change(await _user_path(ctx), action=action)

    return prepare


admin_only("GET", "/users", static(f"{API}/users"))
admin_only(
    "POST",
    "/users",
    static(f"{API}/users", json={"email": "ny@aab.dk", "name": "Ny Bruger"}),
    success=201,
    audit_action="user.create",
)
admin_only("GET", "/users/{user_id}", _read_user)
admin_only("PATCH", "/users/{user_id}", _patch_user, audit_action="user.update")
for action, audit_action in (
    ("deactivate", "user.deactivate"),
    ("activate", "user.activate"),
    ("reset-password", "user.reset_password"),
):
    admin_only("POST", f"/users/{{user_id}}/{action}", _user_action(action), audit_action=audit_action)


# ---------------------------------------------------------------- memberships
async def _membership_path(ctx: Ctx) -> str:
    response = await ctx.get(f"{API}/memberships", user_id=await ctx.user_id(demo("viewer", "aab")))
    return f"{API}/memberships/{response.json()['items'][0]['id']}"


async def _create_membership(ctx: Ctx) -> Call:
    return Call(
        path=f"{API}/memberships",
        json={
            "user_id": await ctx.user_id(demo("viewer", "aab")),
            "organisation_id": await ctx.org_id("lejerbo"),
            "role": "viewer",
        },
    )


async def _read_membership(ctx: Ctx) -> Call:
    return Call(path=await _membership_path(ctx))


async def _patch_membership(ctx: Ctx) -> Call:
    return await ctx.change(await _membership_path(ctx), {"role": "reporter"})


async def _delete_membership(ctx: Ctx) -> Call:
    return await ctx.change(await _membership_path(ctx))


admin_only("GET", "/memberships", static(f"{API}/memberships"))
admin_only("POST", "/memberships", _create_membership, success=201, audit_action="membership.create")
admin_only("GET", "/memberships/{membership_id}", _read_membership)
admin_only("PATCH", "/memberships/{membership_id}", _patch_membership, audit_action="membership.update")
admin_only(
    "DELETE",
    "/memberships/{membership_id}",
    _delete_membership,
    success=204,
    audit_action="membership.delete",
)


# ---------------------------------------------------------------- API clients
async def _client_path(ctx: Ctx) -> str:
    created = await ctx.post(
        f"{API}/api-clients", {"name": "Boligsystem", "organisation_id": await ctx.org_id("aab")}
    )
    return f"{API}/api-clients/{created.json()['client']['id']}"


async def _create_client(ctx: Ctx) -> Call:
    return Call(
        path=f"{API}/api-clients",
        json={"name": "Analysescript", "organisation_id": await ctx.org_id("aab"), "role": "reporter"},
    )


async def _read_client(ctx: Ctx) -> Call:
    return Call(path=await _client_path(ctx))


async def _patch_client(ctx: Ctx) -> Call:
    return await ctx.change(await _client_path(ctx), {"name": "Boligsystem 2"})


async def _rotate_client(ctx: Ctx) -> Call:
    return await ctx.change(await _client_path(ctx), action="rotate-secret")


async def _delete_client(ctx: Ctx) -> Call:
    return await ctx.change(await _client_path(ctx))


admin_only("GET", "/api-clients", static(f"{API}/api-clients"))
admin_only("POST", "/api-clients", _create_client, success=201, audit_action="api_client.create")
admin_only("GET", "/api-clients/{client_pk}", _read_client)
admin_only("PATCH", "/api-clients/{client_pk}", _patch_client, audit_action="api_client.update")
admin_only(
    "POST", "/api-clients/{client_pk}/rotate-secret", _rotate_client, audit_action="api_client.rotate_secret"
)
admin_only(
    "DELETE", "/api-clients/{client_pk}", _delete_client, success=204, audit_action="api_client.delete"
)
