"""Organisations named by slug or id: API clients, memberships and list filters accept either."""

from __future__ import annotations

import httpx

from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, org_id, problem, user_id

TOKEN = "/api/v1/auth/token"


async def test_an_api_client_is_created_for_the_organisation_named_by_its_slug_and_its_secret_works(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    created = await client.post(
        "/api/v1/api-clients",
        json={"name": "Politiets analyse", "organisation_id": "kvp", "role": "reporter"},
        headers=await as_user(ADMIN),
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["client"]["organisation_id"] == await org_id(database, "kvp")
    assert body["client"]["client_id"].startswith("kvp-")
    token = await client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": body["client"]["client_id"],
            "client_secret": body["client_secret"],
        },
    )
    assert token.status_code == 200, token.text
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"}
    )
    assert me.json()["permissions"].keys() == {"kvp"}


async def test_the_numeric_id_still_names_the_organisation(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    kvp = await org_id(database, "kvp")
    created = await client.post(
        "/api/v1/api-clients", json={"name": "Script", "organisation_id": kvp}, headers=await as_user(ADMIN)
    )
    assert created.status_code == 201
    assert created.json()["client"]["organisation_id"] == kvp


async def test_an_unknown_slug_is_a_422_naming_the_field_and_creates_nothing(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    before = (await client.get("/api/v1/api-clients", headers=admin)).json()["total"]
    response = await client.post(
        "/api/v1/api-clients", json={"name": "Script", "organisation_id": "no-such-org"}, headers=admin
    )
    assert [e["field"] for e in problem(response, 422)["errors"]] == ["body.organisation_id"]
    assert (await client.get("/api/v1/api-clients", headers=admin)).json()["total"] == before


async def test_a_membership_and_a_new_users_memberships_take_the_slug(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    admin = await as_user(ADMIN)
    created = await client.post(
        "/api/v1/users",
        json={
            "email": "ny@lejerbo.dk",
            "name": "Ny",
            "memberships": [{"organisation_id": "lejerbo", "role": "viewer"}],
        },
        headers=admin,
    )
    assert created.status_code == 201, created.text
    new_id = created.json()["user"]["id"]
    membership = await client.post(
        "/api/v1/memberships",
        json={"user_id": new_id, "organisation_id": "3b", "role": "editor"},
        headers=admin,
    )
    assert membership.status_code == 201, membership.text
    assert membership.json()["organisation_id"] == await org_id(database, "3b")
    listed = await client.get("/api/v1/memberships", params={"user_id": new_id}, headers=admin)
    assert {m["organisation_id"] for m in listed.json()["items"]} == {
        await org_id(database, "lejerbo"),
        await org_id(database, "3b"),
    }


async def test_list_filters_take_the_slug_or_the_id(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    admin = await as_user(ADMIN)
    by_slug = await client.get(
        "/api/v1/users", params={"organisation_id": "aab", "limit": 500}, headers=admin
    )
    by_id = await client.get(
        "/api/v1/users",
        params={"organisation_id": await org_id(database, "aab"), "limit": 500},
        headers=admin,
    )
    assert by_slug.status_code == by_id.status_code == 200
    assert by_slug.json() == by_id.json()
    assert await user_id(database, "editor@aab.demo") in {u["id"] for u in by_slug.json()["items"]}
    unknown = await client.get("/api/v1/memberships", params={"organisation_id": "nope"}, headers=admin)
    assert [e["field"] for e in problem(unknown, 422)["errors"]] == ["query.organisation_id"]


async def test_an_organisation_slug_of_digits_only_is_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.post(
        "/api/v1/organisations",
        json={"slug": "2030", "name": "Tal", "kind": "other"},
        headers=await as_user(ADMIN),
    )
    assert [e["field"] for e in problem(response, 422)["errors"]] == ["body.slug"]
