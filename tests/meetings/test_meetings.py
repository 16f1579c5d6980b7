"""Meetings, agenda and attendance: who runs them, their lifecycle, visibility."""

from __future__ import annotations

import httpx

from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, field_names, if_match, problem, user_id
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    COORDINATION_MEMBER,
    COORDINATION_SECRETARY,
    OUTSIDER,
    action,
    body_id,
    end_term,
    future,
    held_meeting,
    make_meeting,
    post,
)


async def test_the_chair_the_secretary_and_admins_plan_meetings_members_do_not(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    for who in (COORDINATION_CHAIR, COORDINATION_SECRETARY, ADMIN):
        await make_meeting(client, await as_user(who), coordination)
    for who in (COORDINATION_MEMBER, OUTSIDER):
        response = await client.post(
            "/api/v1/meetings",
            json={"body_id": coordination, "title": "x", "starts_at": future().isoformat(),
                  "ends_at": future(15).isoformat()},
            headers=await as_user(who),
        )  # fmt: skip
        assert "chair or secretary" in problem(response, 403)["detail"]


async def test_meeting_lifecycle_refusals(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting = await make_meeting(client, chair, await body_id(client, "koordinationsgruppe"), starts=future())
    base = f"/api/v1/meetings/{meeting['id']}"
    assert "agenda is empty" in problem(await action(client, chair, f"{base}/publish-agenda"), 409)["detail"]
    await post(client, chair, f"{base}/agenda-items", {"title": "Velkomst"})
    published = await action(client, chair, f"{base}/publish-agenda")
    assert published.json()["status"] == "agenda_published"
    assert "not started yet" in problem(await action(client, chair, f"{base}/hold"), 409)["detail"]
    no_reason = await action(client, chair, f"{base}/cancel", {})
    assert "body.reason" in field_names(problem(no_reason, 422))
    stale = await client.post(f"{base}/cancel", json={"reason": "x"}, headers={**chair, "If-Match": '"1"'})
    problem(stale, 412)
    problem(await client.post(f"{base}/cancel", json={"reason": "x"}, headers=chair), 428)
    cancelled = await action(client, chair, f"{base}/cancel", {"reason": "Sygdom"})
    assert (cancelled.json()["status"], cancelled.json()["cancelled_reason"]) == ("cancelled", "Sygdom")
    assert problem(await action(client, chair, f"{base}/cancel", {"reason": "igen"}), 409)


async def test_the_agenda_is_fixed_once_the_meeting_is_held(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    late = await client.post(
        f"/api/v1/meetings/{meeting['id']}/agenda-items", json={"title": "x"}, headers=chair
    )
    assert "agenda is fixed" in problem(late, 409)["detail"]
    read = await client.get(f"/api/v1/agenda-items/{items[0]['id']}", headers=chair)
    change = await client.patch(
        f"/api/v1/agenda-items/{items[0]['id']}", json={"title": "y"}, headers={**chair, **if_match(read)}
    )
    problem(change, 409)


async def test_agenda_item_links_are_validated_through_the_resolvers(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting = await make_meeting(client, chair, await body_id(client, "koordinationsgruppe"), starts=future())
    goal = (await client.get("/api/v1/goals")).json()["items"][0]
    path = f"/api/v1/meetings/{meeting['id']}/agenda-items"
    item = await post(
        client, chair, path,
        {"title": "Mål 1", "kind": "discussion", "links": [{"target_type": "goal", "target_id": goal["id"]}]},
    )  # fmt: skip
    assert item["links"][0]["title"].startswith(goal["code"])
    response = await client.post(
        path,
        json={"title": "x", "links": [
            {"target_type": "goal", "target_id": 999_999},
            {"target_type": "initiative", "target_id": 1},
            {"target_type": "unknown", "target_id": 1},
        ]},
        headers=chair,
    )  # fmt: skip
    problem(response, 422)  # an unknown type is refused by the schema
    response = await client.post(
        path,
        json={"title": "x", "links": [
            {"target_type": "goal", "target_id": 999_999},
            {"target_type": "initiative", "target_id": 999_999},
        ]},
        headers=chair,
    )  # fmt: skip
    body = problem(response, 422)
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages == {
        "body.links.0": "no goal 999999",
        "body.links.1": "no initiative 999999",
    }


async def test_attendance_is_recorded_per_member_and_idempotent(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    secretary = await as_user(COORDINATION_SECRETARY)
    meeting, _ = await held_meeting(client, secretary, await body_id(client, "koordinationsgruppe"))
    path = f"/api/v1/meetings/{meeting['id']}/attendance"
    roster = (await client.get(path, headers=secretary)).json()["items"]
    assert roster and all(r["status"] is None for r in roster)
    batch = {"items": [{"member_id": r["member_id"], "status": "present"} for r in roster]}
    batch["items"][0]["status"] = "excused"
    for _ in range(2):
        response = await client.put(path, json=batch, headers=secretary)
        assert response.status_code == 200, response.text
    statuses = [r["status"] for r in response.json()]
    assert statuses.count("excused") == 1 and statuses.count("present") == len(roster) - 1
    partnership_members = (
        await client.get(f"/api/v1/bodies/{await body_id(client, 'partnerskab')}/members", headers=secretary)
    ).json()["items"]
    stranger = {"items": [{"member_id": partnership_members[0]["id"], "status": "present"}]}
    assert field_names(problem(await client.put(path, json=stranger, headers=secretary), 422)) == {
        "body.items.0.member_id"
    }


async def test_a_member_represented_by_a_substitute_is_recorded_with_the_substitutes_name(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    secretary = await as_user(COORDINATION_SECRETARY)
    meeting, _ = await held_meeting(client, secretary, await body_id(client, "koordinationsgruppe"))
    path = f"/api/v1/meetings/{meeting['id']}/attendance"
    member = (await client.get(path, headers=secretary)).json()["items"][0]["member_id"]
    nameless = {"items": [{"member_id": member, "status": "substitute"}]}
    assert "body.items.0" in field_names(
        problem(await client.put(path, json=nameless, headers=secretary), 422)
    )
    stray = {"items": [{"member_id": member, "status": "present", "substitute_name": "Lise"}]}
    problem(await client.put(path, json=stray, headers=secretary), 422)
    named = {"items": [{"member_id": member, "status": "substitute", "substitute_name": "Lise Krog"}]}
    recorded = await client.put(path, json=named, headers=secretary)
    row = next(r for r in recorded.json() if r["member_id"] == member)
    assert (row["status"], row["substitute_name"]) == ("substitute", "Lise Krog")
    back = {"items": [{"member_id": member, "status": "present"}]}
    row = next(
        r for r in (await client.put(path, json=back, headers=secretary)).json() if r["member_id"] == member
    )
    assert (row["status"], row["substitute_name"]) == ("present", None)


async def test_a_restricted_meeting_is_visible_only_to_the_bodys_members(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting = await make_meeting(
        client, chair, await body_id(client, "koordinationsgruppe"), visibility="restricted"
    )
    path = f"/api/v1/meetings/{meeting['id']}"
    assert (await client.get(path, headers=await as_user(COORDINATION_MEMBER))).status_code == 200
    for who in (OUTSIDER, ADMIN):
        problem(await client.get(path, headers=await as_user(who)), 404)
        listed = (
            await client.get("/api/v1/meetings", params={"limit": 500}, headers=await as_user(who))
        ).json()
        assert meeting["id"] not in {m["id"] for m in listed["items"]}
    problem(await client.get(path), 404)


async def test_a_members_list_shows_a_restricted_meeting_until_their_term_ends(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    meeting = await make_meeting(
        client, await as_user(COORDINATION_CHAIR), coordination, visibility="restricted"
    )
    member = await as_user(COORDINATION_MEMBER)

    async def listed() -> set[int]:
        page = (await client.get("/api/v1/meetings", params={"limit": 500}, headers=member)).json()
        return {m["id"] for m in page["items"]}

    assert meeting["id"] in await listed()
    await end_term(client, await as_user(ADMIN), coordination, await user_id(database, COORDINATION_MEMBER))
    assert meeting["id"] not in await listed()


async def test_anonymous_callers_see_only_public_meetings(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    coordination = await body_id(client, "koordinationsgruppe")
    public = await make_meeting(client, chair, coordination, visibility="public")
    await make_meeting(client, chair, coordination)
    listed = (await client.get("/api/v1/meetings", params={"limit": 500})).json()["items"]
    assert [m["id"] for m in listed] == [public["id"]]


async def test_guests_email_addresses_are_not_shown_to_the_public(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    starts = future()
    meeting = await post(
        client, chair, "/api/v1/meetings",
        {"body_id": await body_id(client, "koordinationsgruppe"), "title": "Åbent møde", "visibility": "public",
         "starts_at": starts.isoformat(), "ends_at": future(days=14, hour=15).isoformat(),
         "guests": [{"name": "Maria Holm", "organisation": "Kirken", "email": "maria@example.org"}]},
    )  # fmt: skip
    path = f"/api/v1/meetings/{meeting['id']}"
    assert (await client.get(path)).json()["guests"] == [
        {"name": "Maria Holm", "organisation": "Kirken", "email": None}
    ]
    assert (await client.get(path, headers=await as_user(OUTSIDER))).json()["guests"][0][
        "email"
    ] == "maria@example.org"


async def test_agenda_items_link_to_indicators_initiatives_and_action_plans(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting = await make_meeting(client, chair, await body_id(client, "koordinationsgruppe"), starts=future())
    indicator = (await client.get("/api/v1/indicators/tryghed")).json()
    initiative = (await client.get("/api/v1/initiatives", headers=chair)).json()["items"][0]
    plan = (await client.get("/api/v1/action-plans", headers=chair)).json()["items"][0]
    item = await post(
        client, chair, f"/api/v1/meetings/{meeting['id']}/agenda-items",
        {"title": "Status", "kind": "discussion", "links": [
            {"target_type": "indicator", "target_id": indicator["id"]},
            {"target_type": "initiative", "target_id": initiative["id"]},
            {"target_type": "action_plan", "target_id": plan["id"]},
        ]},
    )  # fmt: skip
    titles = [link["title"] for link in item["links"]]
    assert titles == [f"tryghed {indicator['name_da']}", initiative["title"], plan["title"]]
