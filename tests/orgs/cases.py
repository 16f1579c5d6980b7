"""Access-matrix cases for sign-in, organisations, users, memberships and API clients."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tests.factories import ADMIN, demo
from tests.matrix import Call, Case, Ctx, register, static

API = "/api/v1"
ADMIN_ONLY = "admin-only resource: no organisation owns it, so only the role decides"
EDITOR, VIEWER = demo("editor", "aab"), demo("viewer", "kvp")


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


async def _logout(ctx: Ctx) -> Call:
    return Call(path=f"{API}/auth/logout", json={"refresh_token": "srt_unknown"})


register(
    Case(
        "POST",
        f"{API}/auth/logout",
        _logout,
        allowed=VIEWER,
        success=204,
        audit="security-log",
        not_applicable={
            "too_low": "any signed-in caller may sign out",
            "other_org": "signing out concerns only the caller",
        },
    )
)
register(
    Case(
        "GET",
        f"{API}/auth/me",
        static(f"{API}/auth/me"),
        allowed=VIEWER,
        not_applicable={
            "too_low": "any signed-in caller reads themselves",
            "other_org": "the caller reads only themselves",
        },
    )
)


async def _password(ctx: Ctx) -> Call:
    return Call(
        path=f"{API}/auth/password", json={"current_password": "demo", "new_password": "a-much-longer-pass"}
    )


register(
    Case(
        "POST",
        f"{API}/auth/password",
        _password,
        allowed=VIEWER,
        success=204,
        not_applicable={
            "too_low": "any signed-in user changes their own password",
            "other_org": "a user changes only their own password",
        },
    )
)

# ---------------------------------------------------------------- organisations
register(
    Case(
        "GET",
        f"{API}/organisations",
        static(f"{API}/organisations"),
        allowed=VIEWER,
        anonymous=200,
        not_applicable={"too_low": "public information", "other_org": "public information"},
    )
)


async def _org(ctx: Ctx) -> Call:
    return Call(path=f"{API}/organisations/{await ctx.org_id('aab')}")


register(
    Case(
        "GET",
        f"{API}/organisations/{{organisation_id}}",
        _org,
        allowed=VIEWER,
        anonymous=200,
        not_applicable={"too_low": "public information", "other_org": "public information"},
    )
)


async def _create_org(ctx: Ctx) -> Call:
    return Call(path=f"{API}/organisations", json={"slug": "kirken", "name": "Søborg Kirke", "kind": "other"})


register(
    Case(
        "POST",
        f"{API}/organisations",
        _create_org,
        allowed=ADMIN,
        success=201,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="organisation.create",
    )
)


async def _patch_org(ctx: Ctx) -> Call:
    path = f"{API}/organisations/{await ctx.org_id('lejerbo')}"
    return Call(path=path, json={"description": "Boligorganisation"}, headers=await ctx.etag(path))


register(
    Case(
        "PATCH",
        f"{API}/organisations/{{organisation_id}}",
        _patch_org,
        allowed=ADMIN,
        too_low=demo("editor", "lejerbo"),
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="organisation.update",
    )
)


async def _delete_org(ctx: Ctx) -> Call:
    path = f"{API}/organisations/{await ctx.org_id('vores-hg')}"
    return Call(path=path, headers=await ctx.etag(path))


register(
    Case(
        "DELETE",
        f"{API}/organisations/{{organisation_id}}",
        _delete_org,
        allowed=ADMIN,
        success=204,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="organisation.delete",
    )
)


async def _restore_org(ctx: Ctx) -> Call:
    path = f"{API}/organisations/{await ctx.org_id('vores-hg')}"
    response = await ctx.client.delete(path, headers={**await ctx.headers(ADMIN), **await ctx.etag(path)})
    assert response.status_code == 204
    return Call(path=f"{path}/restore")


register(
    Case(
        "POST",
        f"{API}/organisations/{{organisation_id}}/restore",
        _restore_org,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="organisation.restore",
    )
)

# ---------------------------------------------------------------- users
register(
    Case(
        "GET",
        f"{API}/users",
        static(f"{API}/users"),
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
    )
)
register(
    Case(
        "POST",
        f"{API}/users",
        static(f"{API}/users", json={"email": "ny@aab.dk", "name": "Ny Bruger"}),
        allowed=ADMIN,
        success=201,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="user.create",
    )
)


async def _user(ctx: Ctx) -> Call:
    return Call(path=f"{API}/users/{await ctx.user_id(demo('reporter', 'aab'))}")


register(
    Case(
        "GET",
        f"{API}/users/{{user_id}}",
        _user,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
    )
)


async def _patch_user(ctx: Ctx) -> Call:
    path = f"{API}/users/{await ctx.user_id(demo('reporter', 'aab'))}"
    return Call(path=path, json={"name": "Rita Reporter"}, headers=await ctx.etag(path))


register(
    Case(
        "PATCH",
        f"{API}/users/{{user_id}}",
        _patch_user,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="user.update",
    )
)


def _user_action(action: str) -> Callable[[Ctx], Awaitable[Call]]:
    async def prepare(ctx: Ctx) -> Call:
        path = f"{API}/users/{await ctx.user_id(demo('reporter', 'aab'))}"
        return Call(path=f"{path}/{action}", headers=await ctx.etag(path))

    return prepare


for action, audit_action in (
    ("deactivate", "user.deactivate"),
    ("activate", "user.activate"),
    ("reset-password", "user.reset_password"),
):
    register(
        Case(
            "POST",
            f"{API}/users/{{user_id}}/{action}",
            _user_action(action),
            allowed=ADMIN,
            too_low=EDITOR,
            not_applicable={"other_org": ADMIN_ONLY},
            audit_action=audit_action,
        )
    )

# ---------------------------------------------------------------- memberships
register(
    Case(
        "GET",
        f"{API}/memberships",
        static(f"{API}/memberships"),
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
    )
)


async def _create_membership(ctx: Ctx) -> Call:
    return Call(
        path=f"{API}/memberships",
        json={
            "user_id": await ctx.user_id(demo("viewer", "aab")),
            "organisation_id": await ctx.org_id("lejerbo"),
            "role": "viewer",
        },
    )


register(
    Case(
        "POST",
        f"{API}/memberships",
        _create_membership,
        allowed=ADMIN,
        success=201,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="membership.create",
    )
)


async def _membership_path(ctx: Ctx) -> str:
    response = await ctx.get(f"{API}/memberships", user_id=await ctx.user_id(demo("viewer", "aab")))
    return f"{API}/memberships/{response.json()['items'][0]['id']}"


async def _membership(ctx: Ctx) -> Call:
    return Call(path=await _membership_path(ctx))


async def _patch_membership(ctx: Ctx) -> Call:
    path = await _membership_path(ctx)
    return Call(path=path, json={"role": "reporter"}, headers=await ctx.etag(path))


async def _delete_membership(ctx: Ctx) -> Call:
    path = await _membership_path(ctx)
    return Call(path=path, headers=await ctx.etag(path))


register(
    Case(
        "GET",
        f"{API}/memberships/{{membership_id}}",
        _membership,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
    )
)
register(
    Case(
        "PATCH",
        f"{API}/memberships/{{membership_id}}",
        _patch_membership,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="membership.update",
    )
)
register(
    Case(
        "DELETE",
        f"{API}/memberships/{{membership_id}}",
        _delete_membership,
        allowed=ADMIN,
        success=204,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="membership.delete",
    )
)

# ---------------------------------------------------------------- API clients
register(
    Case(
        "GET",
        f"{API}/api-clients",
        static(f"{API}/api-clients"),
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
    )
)


async def _create_client(ctx: Ctx) -> Call:
    return Call(
        path=f"{API}/api-clients",
        json={"name": "Analysescript", "organisation_id": await ctx.org_id("aab"), "role": "reporter"},
    )


register(
    Case(
        "POST",
        f"{API}/api-clients",
        _create_client,
        allowed=ADMIN,
        success=201,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="api_client.create",
    )
)


async def _client_path(ctx: Ctx) -> str:
    created = await ctx.post(
        f"{API}/api-clients", {"name": "Boligsystem", "organisation_id": await ctx.org_id("aab")}
    )
    return f"{API}/api-clients/{created.json()['client']['id']}"


async def _read_client(ctx: Ctx) -> Call:
    return Call(path=await _client_path(ctx))


async def _patch_client(ctx: Ctx) -> Call:
    path = await _client_path(ctx)
    return Call(path=path, json={"name": "Boligsystem 2"}, headers=await ctx.etag(path))


async def _rotate_client(ctx: Ctx) -> Call:
    path = await _client_path(ctx)
    return Call(path=f"{path}/rotate-secret", headers=await ctx.etag(path))


async def _delete_client(ctx: Ctx) -> Call:
    path = await _client_path(ctx)
    return Call(path=path, headers=await ctx.etag(path))


register(
    Case(
        "GET",
        f"{API}/api-clients/{{client_pk}}",
        _read_client,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
    )
)
register(
    Case(
        "PATCH",
        f"{API}/api-clients/{{client_pk}}",
        _patch_client,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="api_client.update",
    )
)
register(
    Case(
        "POST",
        f"{API}/api-clients/{{client_pk}}/rotate-secret",
        _rotate_client,
        allowed=ADMIN,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="api_client.rotate_secret",
    )
)
register(
    Case(
        "DELETE",
        f"{API}/api-clients/{{client_pk}}",
        _delete_client,
        allowed=ADMIN,
        success=204,
        too_low=EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="api_client.delete",
    )
)
