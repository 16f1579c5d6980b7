"""Signing in: password, refresh rotation and reuse, client credentials, throttling, sign-out."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlmodel import col

from sammen.core.audit import SecurityEvent
from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, if_match, problem

TOKEN = "/api/v1/auth/token"
EDITOR = demo("editor", "aab")


async def _login(client: httpx.AsyncClient, email: str = EDITOR, password: str = "demo") -> httpx.Response:
    return await client.post(TOKEN, data={"grant_type": "password", "username": email, "password": password})


async def _refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": token})


async def _security_kinds(database: Database) -> list[str]:
    async with database.session(write=False) as session:
        return [
            str(k)
            for k in await session.scalars(select(col(SecurityEvent.kind)).order_by(col(SecurityEvent.id)))
        ]


async def test_password_grant_returns_access_and_refresh_tokens(client: httpx.AsyncClient) -> None:
    body = (await _login(client)).json()
    assert body["token_type"] == "bearer"
    assert body["refresh_token"].startswith("srt_")
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["permissions"]["aab"] == ["content:edit", "content:read", "content:report"]


async def test_wrong_password_is_401_and_logged(client: httpx.AsyncClient, database: Database) -> None:
    problem(await _login(client, password="wrong"), 401)
    assert (await _security_kinds(database))[-1] == "login_failed"


async def test_unknown_account_gets_the_same_answer_as_a_wrong_password(client: httpx.AsyncClient) -> None:
    unknown = problem(await _login(client, email="nobody@example.org"), 401)
    wrong = problem(await _login(client, password="wrong"), 401)
    assert unknown["detail"] == wrong["detail"]


async def test_missing_password_names_the_field(client: httpx.AsyncClient) -> None:
    body = problem(await client.post(TOKEN, data={"grant_type": "password", "username": EDITOR}), 422)
    assert body["errors"][0]["field"] == "body.password"


async def test_repeated_failures_lock_the_account_with_429(
    client: httpx.AsyncClient, database: Database
) -> None:
    for _ in range(10):
        problem(await _login(client, password="wrong"), 401)
    response = await _login(client)  # even the right password is refused while locked
    problem(response, 429)
    assert int(response.headers["Retry-After"]) > 0
    assert (await _security_kinds(database))[-1] == "login_refused"


async def test_refresh_rotates_the_refresh_token(client: httpx.AsyncClient) -> None:
    first = (await _login(client)).json()["refresh_token"]
    second = (await _refresh(client, first)).json()
    assert second["refresh_token"] != first
    assert (await _refresh(client, second["refresh_token"])).status_code == 200


async def test_reusing_a_refresh_token_revokes_its_whole_family(
    client: httpx.AsyncClient, database: Database
) -> None:
    first = (await _login(client)).json()["refresh_token"]
    second = (await _refresh(client, first)).json()["refresh_token"]
    problem(await _refresh(client, first), 401)  # the stolen copy is replayed
    problem(await _refresh(client, second), 401)  # and the legitimate chain is dead too
    assert "refresh_reused" in await _security_kinds(database)


async def test_other_sign_ins_survive_a_reused_family(client: httpx.AsyncClient) -> None:
    other = (await _login(client)).json()["refresh_token"]
    first = (await _login(client)).json()["refresh_token"]
    await _refresh(client, first)
    await _refresh(client, first)
    assert (await _refresh(client, other)).status_code == 200


async def test_logout_revokes_the_refresh_token(client: httpx.AsyncClient) -> None:
    body = (await _login(client)).json()
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    response = await client.post(
        "/api/v1/auth/logout", json={"refresh_token": body["refresh_token"]}, headers=headers
    )
    assert response.status_code == 204
    problem(await _refresh(client, body["refresh_token"]), 401)


async def test_spa_sign_in_keeps_the_refresh_token_in_an_httponly_cookie(client: httpx.AsyncClient) -> None:
    response = await client.post(
        TOKEN,
        headers={"X-Sammen-Client": "spa"},
        data={"grant_type": "password", "username": EDITOR, "password": "demo"},
    )
    assert "refresh_token" not in response.json()
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "Secure" in cookie
    assert "SameSite=strict" in cookie
    assert "Path=/api/v1/auth" in cookie


async def test_cookie_refresh_requires_the_spa_header(client: httpx.AsyncClient) -> None:
    login = await client.post(
        TOKEN,
        headers={"X-Sammen-Client": "spa"},
        data={"grant_type": "password", "username": EDITOR, "password": "demo"},
    )
    cookie = login.cookies.get("sammen_refresh") or login.headers["set-cookie"].split(";")[0].split("=", 1)[1]
    client.cookies.set("sammen_refresh", cookie, path="/api/v1/auth")
    problem(await client.post(TOKEN, data={"grant_type": "refresh_token"}), 403)
    refreshed = await client.post(
        TOKEN, data={"grant_type": "refresh_token"}, headers={"X-Sammen-Client": "spa"}
    )
    assert refreshed.status_code == 200


async def test_client_credentials_give_the_clients_organisation_role(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    from tests.factories import org_id

    created = await client.post(
        "/api/v1/api-clients",
        headers=await as_user(ADMIN),
        json={
            "name": "Udlejningssystem",
            "organisation_id": await org_id(database, "aab"),
            "role": "reporter",
        },
    )
    credentials = created.json()
    token = await client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": credentials["client"]["client_id"],
            "client_secret": credentials["client_secret"],
        },
    )
    assert "refresh_token" not in token.json()
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"}
    )
    assert me.json()["kind"] == "client"
    assert me.json()["memberships"] == [
        {"organisation_id": await org_id(database, "aab"), "organisation_slug": "aab", "role": "reporter"}
    ]


async def test_a_wrong_client_secret_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        TOKEN, data={"grant_type": "client_credentials", "client_id": "aab-0000", "client_secret": "nope"}
    )
    problem(response, 401)


async def test_a_deactivated_users_token_stops_working_at_once(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    from tests.factories import user_id

    viewer = await as_user(demo("viewer", "aab"))
    assert (await client.get("/api/v1/auth/me", headers=viewer)).status_code == 200
    path = f"/api/v1/users/{await user_id(database, demo('viewer', 'aab'))}"
    admin = await as_user(ADMIN)
    read = await client.get(path, headers=admin)
    assert (await client.post(f"{path}/deactivate", headers={**admin, **if_match(read)})).status_code == 200
    problem(await client.get("/api/v1/auth/me", headers=viewer), 401)
    problem(await _login(client, demo("viewer", "aab")), 401)


async def test_a_changed_membership_applies_to_the_next_request_with_the_same_token(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    from tests.factories import user_id

    editor = await as_user(demo("editor", "sekretariat"))
    admin = await as_user(ADMIN)
    memberships = await client.get(
        "/api/v1/memberships",
        headers=admin,
        params={"user_id": await user_id(database, demo("editor", "sekretariat"))},
    )
    membership = memberships.json()["items"][0]
    path = f"/api/v1/memberships/{membership['id']}"
    await client.patch(
        path, json={"role": "viewer"}, headers={**admin, "If-Match": f'"{membership["version"]}"'}
    )
    me = await client.get("/api/v1/auth/me", headers=editor)
    assert me.json()["memberships"][0]["role"] == "viewer"  # the same token, the database's current role


async def test_the_spas_refresh_without_a_cookie_is_401_not_a_validation_error(
    client: httpx.AsyncClient,
) -> None:
    problem(
        await client.post(TOKEN, data={"grant_type": "refresh_token"}, headers={"X-Sammen-Client": "spa"}),
        401,
    )


async def test_a_script_refresh_without_a_token_names_the_field(client: httpx.AsyncClient) -> None:
    body = problem(await client.post(TOKEN, data={"grant_type": "refresh_token"}), 422)
    assert body["errors"][0]["field"] == "body.refresh_token"
