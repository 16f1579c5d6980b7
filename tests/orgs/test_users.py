"""Users: one-time passwords, the forced change, memberships and their rules."""

from __future__ import annotations

from typing import Any

import httpx

from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, field_names, org_id, problem

TOKEN = "/api/v1/auth/token"


async def _create(
    client: httpx.AsyncClient, admin: dict[str, str], database: Database, **extra: object
) -> dict[str, Any]:
    body = {
        "email": "Ny.Medarbejder@AAB.dk",
        "name": "Ny Medarbejder",
        "memberships": [{"organisation_id": await org_id(database, "aab"), "role": "reporter"}],
        **extra,
    }
    response = await client.post("/api/v1/users", json=body, headers=admin)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def _sign_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post(TOKEN, data={"grant_type": "password", "username": email, "password": password})


async def test_admin_creates_a_user_with_a_one_time_password(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    created = await _create(client, await as_user(ADMIN), database)
    assert created["user"]["email"] == "ny.medarbejder@aab.dk"  # normalised
    assert created["user"]["must_change_password"] is True
    signed_in = await _sign_in(client, "ny.medarbejder@aab.dk", created["one_time_password"])
    assert signed_in.json()["must_change_password"] is True


async def test_a_user_must_change_the_one_time_password_before_anything_else(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    created = await _create(client, await as_user(ADMIN), database)
    token = (await _sign_in(client, "ny.medarbejder@aab.dk", created["one_time_password"])).json()[
        "access_token"
    ]
    headers = {"Authorization": f"Bearer {token}"}
    body = problem(await client.get("/api/v1/agreement/amendments", headers=headers), 403)
    assert body["type"].endswith("password-change-required")
    change = await client.post(
        "/api/v1/auth/password",
        headers=headers,
        json={"current_password": created["one_time_password"], "new_password": "en-god-lang-adgangskode"},
    )
    assert change.status_code == 204
    fresh = (await _sign_in(client, "ny.medarbejder@aab.dk", "en-god-lang-adgangskode")).json()
    assert fresh["must_change_password"] is False
    assert (
        await client.get(
            "/api/v1/agreement/amendments", headers={"Authorization": f"Bearer {fresh['access_token']}"}
        )
    ).status_code == 200


async def test_a_short_new_password_is_refused_naming_the_field(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.post(
        "/api/v1/auth/password",
        headers=await as_user("viewer@aab.demo"),
        json={"current_password": "demo", "new_password": "kort"},
    )
    assert field_names(problem(response, 422)) == {"body.new_password"}


async def test_a_wrong_current_password_is_refused(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    response = await client.post(
        "/api/v1/auth/password",
        headers=await as_user("viewer@aab.demo"),
        json={"current_password": "forkert", "new_password": "en-god-lang-adgangskode"},
    )
    assert field_names(problem(response, 422)) == {"body.current_password"}


async def test_admin_role_is_only_held_in_the_secretariat(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    response = await client.post(
        "/api/v1/users",
        headers=await as_user(ADMIN),
        json={
            "email": "x@aab.dk",
            "name": "X",
            "memberships": [{"organisation_id": await org_id(database, "aab"), "role": "admin"}],
        },
    )
    assert field_names(problem(response, 422)) == {"body.memberships.0.role"}
    assert (await client.get("/api/v1/users", params={"q": "x@aab.dk"}, headers=await as_user(ADMIN))).json()[
        "total"
    ] == 0  # nothing was written


async def test_a_duplicate_email_is_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    admin = await as_user(ADMIN)
    await _create(client, admin, database)
    response = await client.post(
        "/api/v1/users", headers=admin, json={"email": "ny.medarbejder@aab.dk", "name": "Y"}
    )
    assert field_names(problem(response, 422)) == {"body.email"}


async def test_user_search_ignores_case_including_danish_letters(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    await client.post(
        "/api/v1/users", headers=admin, json={"email": "soeren@kvp.dk", "name": "Søren Ærø Åberg"}
    )
    for query in ("SØREN", "ærø", "ÅBERG"):
        found = await client.get("/api/v1/users", params={"q": query}, headers=admin)
        assert [u["name"] for u in found.json()["items"]] == ["Søren Ærø Åberg"], query


async def test_admin_cannot_deactivate_themselves(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    from tests.factories import if_match, user_id

    admin = await as_user(ADMIN)
    path = f"/api/v1/users/{await user_id(database, ADMIN)}"
    read = await client.get(path, headers=admin)
    problem(await client.post(f"{path}/deactivate", headers={**admin, **if_match(read)}), 409)


async def test_reset_password_issues_a_new_one_time_password(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    from tests.factories import if_match, user_id

    admin = await as_user(ADMIN)
    path = f"/api/v1/users/{await user_id(database, 'viewer@aab.demo')}"
    read = await client.get(path, headers=admin)
    reset = await client.post(f"{path}/reset-password", headers={**admin, **if_match(read)})
    problem(await _sign_in(client, "viewer@aab.demo", "demo"), 401)
    assert (await _sign_in(client, "viewer@aab.demo", reset.json()["one_time_password"])).json()[
        "must_change_password"
    ]
