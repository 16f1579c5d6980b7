"""What recording a decision does: the partnership's approve_mandate decision approves the submitted
kommissorium it links; a coordination group's set_up_working_group decision sets up the group it links."""

from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, field_names, problem
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    PARTNERSHIP_SECRETARY,
    action,
    body_id,
    held_meeting,
    post,
)


async def _proposed_group(client: httpx.AsyncClient, admin: dict[str, str], slug: str) -> dict[str, object]:
    return await post(
        client, admin, "/api/v1/bodies",
        {"slug": slug, "kind": "working_group", "name": f"Gruppe {slug}", "purpose": "Et formål",
         "parent_id": await body_id(client, "koordinationsgruppe")},
    )  # fmt: skip


async def test_an_approve_mandate_decision_of_the_partnership_approves_the_submitted_kommissorium(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin, secretary = await as_user(ADMIN), await as_user(PARTNERSHIP_SECRETARY)
    group = await _proposed_group(client, admin, "gruppe-kommissorium")
    mandate = await post(client, admin, f"/api/v1/bodies/{group['id']}/mandates", {"purpose": "Formål"})
    submitted = await action(client, admin, f"/api/v1/mandates/{mandate['id']}/submit")
    assert submitted.json()["status"] == "submitted"
    meeting, items = await held_meeting(client, secretary, await body_id(client, "partnerskab"))
    decision = await post(
        client, secretary, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "kind": "approve_mandate",
         "title": "Kommissorium godkendt", "text": "Godkendt.",
         "links": [{"target_type": "mandate", "target_id": mandate["id"]}]},
    )  # fmt: skip
    approved = (await client.get(f"/api/v1/mandates/{mandate['id']}")).json()
    assert (approved["status"], approved["approved_decision_id"]) == ("approved", decision["id"])
    assert (await client.get(f"/api/v1/bodies/{group['id']}")).json()["mandate_in_force_id"] == mandate["id"]
    read = (await client.get(f"/api/v1/decisions/{decision['id']}", headers=secretary)).json()
    assert {
        "object_type": "mandate",
        "object_id": mandate["id"],
        "title": "Gruppe gruppe-kommissorium: kommissorium v1",
    } in read["referenced_by"]


async def test_a_draft_kommissorium_cannot_be_approved_by_a_decision(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin, secretary = await as_user(ADMIN), await as_user(PARTNERSHIP_SECRETARY)
    group = await _proposed_group(client, admin, "gruppe-udkast")
    draft = await post(client, admin, f"/api/v1/bodies/{group['id']}/mandates", {"purpose": "Formål"})
    meeting, items = await held_meeting(client, secretary, await body_id(client, "partnerskab"))
    body = {
        "meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "kind": "approve_mandate",
        "title": "Godkendt", "text": "t", "links": [{"target_type": "mandate", "target_id": draft["id"]}],
    }  # fmt: skip
    refused = await client.post("/api/v1/decisions", json=body, headers=secretary)
    assert "body.links.0" in field_names(problem(refused, 422))
    listed = (
        await client.get("/api/v1/decisions", params={"meeting_id": meeting["id"]}, headers=secretary)
    ).json()
    assert listed["items"] == []
    assert (await client.get(f"/api/v1/mandates/{draft['id']}", headers=admin)).json()["status"] == "draft"


async def test_only_the_partnership_approves_a_kommissorium(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin, chair = await as_user(ADMIN), await as_user(COORDINATION_CHAIR)
    group = await _proposed_group(client, admin, "gruppe-forkert-organ")
    mandate = await post(client, admin, f"/api/v1/bodies/{group['id']}/mandates", {"purpose": "Formål"})
    await action(client, admin, f"/api/v1/mandates/{mandate['id']}/submit")
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    refused = await client.post(
        "/api/v1/decisions",
        json={"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "kind": "approve_mandate",
              "title": "x", "text": "t", "links": [{"target_type": "mandate", "target_id": mandate["id"]}]},
        headers=chair,
    )  # fmt: skip
    assert "body.kind" in field_names(problem(refused, 422))


async def test_a_set_up_decision_of_the_coordination_group_sets_up_the_proposed_group(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin, chair = await as_user(ADMIN), await as_user(COORDINATION_CHAIR)
    group = await _proposed_group(client, admin, "gruppe-nedsat")
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    decision = await post(
        client, chair, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "kind": "set_up_working_group",
         "title": "Gruppen nedsættes", "text": "t", "links": [{"target_type": "body", "target_id": group["id"]}]},
    )  # fmt: skip
    set_up = (await client.get(f"/api/v1/bodies/{group['id']}")).json()
    assert (set_up["status"], set_up["set_up_decision_id"], set_up["set_up_on"]) == (
        "active",
        decision["id"],
        decision["decided_on"],
    )
