"""The mandate lifecycle: draft -> submitted -> approved (a partnership decision) -> superseded."""

from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, field_names, if_match, problem
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    PARTNERSHIP_CHAIR,
    action,
    body_id,
    decision_of,
    post,
)


async def test_mandate_lifecycle_through_approval_supersedes_the_version_in_force(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    coordination = await body_id(client, "koordinationsgruppe")
    body_path = f"/api/v1/bodies/{coordination}"
    first_in_force = (await client.get(body_path)).json()["mandate_in_force_id"]
    assert first_in_force is not None  # the demo's approved version 1

    draft = await post(
        client, admin, f"{body_path}/mandates", {"purpose": "Ny version", "tasks": "Koordinere"}
    )
    assert (draft["number"], draft["status"]) == (2, "draft")
    path = f"/api/v1/mandates/{draft['id']}"
    read = await client.get(path, headers=admin)
    edited = await client.patch(
        path, json={"meeting_frequency": "månedligt"}, headers={**admin, **if_match(read)}
    )
    assert edited.status_code == 200, edited.text

    early = await action(client, admin, f"{path}/approve", {"decision_id": 1})
    assert "Only a submitted mandate" in problem(early, 409)["detail"]
    submitted = await action(client, admin, f"{path}/submit")
    assert submitted.json()["status"] == "submitted"
    frozen = await client.patch(path, json={"tasks": "x"}, headers={**admin, **if_match(submitted)})
    assert "Only a draft" in problem(frozen, 409)["detail"]

    general = await decision_of(client, as_user, "partnerskab", PARTNERSHIP_CHAIR, "general")
    wrong_kind = await action(client, admin, f"{path}/approve", {"decision_id": general})
    assert field_names(problem(wrong_kind, 422)) == {"body.decision_id"}
    by_group = await decision_of(
        client, as_user, "koordinationsgruppe", COORDINATION_CHAIR, "approve_mandate"
    )
    not_board = await action(client, admin, f"{path}/approve", {"decision_id": by_group})
    assert "partnership" in problem(not_board, 422)["errors"][0]["message"]
    missing = await action(client, admin, f"{path}/approve", {"decision_id": 999_999})
    assert "no decision" in problem(missing, 422)["errors"][0]["message"]

    board = await decision_of(client, as_user, "partnerskab", PARTNERSHIP_CHAIR, "approve_mandate")
    approved = await action(client, admin, f"{path}/approve", {"decision_id": board})
    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["approved_decision_id"]) == ("approved", board)

    assert (await client.get(body_path)).json()["mandate_in_force_id"] == draft["id"]
    old = (await client.get(f"/api/v1/mandates/{first_in_force}")).json()
    assert (old["status"], old["superseded_by_id"]) == ("superseded", draft["id"])
    versions = (await client.get(f"{body_path}/mandates")).json()["items"]
    assert [v["status"] for v in versions].count("approved") == 1

    # The decision shows what it approved.
    decision = (await client.get(f"/api/v1/decisions/{board}", headers=admin)).json()
    assert {"target_type": "mandate", "target_id": draft["id"]}.items() <= decision["links"][0].items()
    assert {"object_type": "mandate", "object_id": draft["id"]}.items() <= decision["referenced_by"][
        0
    ].items()

    fixed = await client.patch(path, json={"tasks": "x"}, headers={**admin, **if_match(approved)})
    assert "Start a new version" in problem(fixed, 409)["detail"]


async def test_only_one_open_mandate_version_per_body(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    body_path = f"/api/v1/bodies/{await body_id(client, 'partnerskab')}"
    await post(client, admin, f"{body_path}/mandates", {"purpose": "v2"})
    response = await client.post(f"{body_path}/mandates", json={"purpose": "v3"}, headers=admin)
    assert "still draft" in problem(response, 409)["detail"]


async def test_draft_mandates_are_not_public(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    admin = await as_user(ADMIN)
    body_path = f"/api/v1/bodies/{await body_id(client, 'partnerskab')}"
    draft = await post(client, admin, f"{body_path}/mandates", {"purpose": "v2"})
    problem(await client.get(f"/api/v1/mandates/{draft['id']}"), 404)
    assert [m["status"] for m in (await client.get(f"{body_path}/mandates")).json()["items"]] == ["approved"]
    assert (
        await client.get(f"/api/v1/mandates/{draft['id']}", headers=await as_user("viewer@aab.demo"))
    ).status_code == 200
