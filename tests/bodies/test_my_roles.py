"""The caller's body roles and what they allow, for permission-aware screens."""

from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, problem
from tests.meetings.helpers import COORDINATION_MEMBER, PARTNERSHIP_SECRETARY, body_id


async def test_a_person_sees_their_body_roles_with_the_permissions_of_each(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    partnership = await body_id(client, "partnerskab")
    coordination = await body_id(client, "koordinationsgruppe")
    secretary = (
        await client.get("/api/v1/bodies/my-roles", headers=await as_user(PARTNERSHIP_SECRETARY))
    ).json()
    assert secretary["items"] == [
        {
            "body_id": partnership,
            "roles": ["secretary"],
            "permissions": ["body:approve-minutes", "body:read-restricted", "body:run-meetings"],
        }
    ]
    member = (await client.get("/api/v1/bodies/my-roles", headers=await as_user(COORDINATION_MEMBER))).json()
    by_body = {r["body_id"]: r for r in member["items"]}
    assert by_body[coordination] == {
        "body_id": coordination,
        "roles": ["member"],
        "permissions": ["body:read-restricted"],
    }


async def test_an_admin_holds_no_body_role_by_being_admin(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.get("/api/v1/bodies/my-roles", headers=await as_user(ADMIN))
    assert response.json()["items"] == []
    problem(await client.get("/api/v1/bodies/my-roles"), 401)
