"""Action items: origin, owner, lists per organisation and person, overdue flag."""

from __future__ import annotations

import datetime as dt

import httpx

from sammen.core import clock
from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, if_match, org_id, problem, user_id
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    COORDINATION_MEMBER,
    OUTSIDER,
    body_id,
    end_term,
    held_meeting,
    post,
)


async def test_action_items_list_per_organisation_and_person_with_overdue_flag(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    owner = await user_id(database, COORDINATION_MEMBER)
    aab = await org_id(database, "aab")
    late = await post(
        client, chair, "/api/v1/action-items",
        {"title": "Sent", "agenda_item_id": items[0]["id"], "owner_user_id": owner, "organisation_id": aab,
         "due_on": (clock.today() - dt.timedelta(days=3)).isoformat()},
    )  # fmt: skip
    assert (late["overdue"], late["meeting_id"], late["owner_name"]) == (
        True,
        meeting["id"],
        late["owner_name"],
    )
    on_time = await post(
        client, chair, "/api/v1/action-items",
        {"title": "Til tiden", "meeting_id": meeting["id"], "owner_name": "Maria Holm", "organisation_id": aab,
         "due_on": (clock.today() + dt.timedelta(days=30)).isoformat()},
    )  # fmt: skip
    assert on_time["overdue"] is False
    viewer = await as_user(demo("viewer", "kvp"))
    per_org = (
        await client.get(
            "/api/v1/action-items",
            params={"organisation_id": aab, "meeting_id": meeting["id"]},
            headers=viewer,
        )
    ).json()
    assert {i["id"] for i in per_org["items"]} == {late["id"], on_time["id"]}
    overdue = (
        await client.get(
            "/api/v1/action-items", params={"overdue": True, "meeting_id": meeting["id"]}, headers=viewer
        )
    ).json()
    assert [i["id"] for i in overdue["items"]] == [late["id"]]
    mine = (
        await client.get(
            "/api/v1/action-items", params={"mine": True}, headers=await as_user(COORDINATION_MEMBER)
        )
    ).json()
    assert late["id"] in {i["id"] for i in mine["items"]} and on_time["id"] not in {
        i["id"] for i in mine["items"]
    }
    problem(await client.get("/api/v1/action-items"), 401)


async def test_restricted_action_items_are_listed_to_the_bodys_members_while_their_term_lasts(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    coordination = await body_id(client, "koordinationsgruppe")
    meeting, _ = await held_meeting(client, chair, coordination, visibility="restricted")
    item = await post(
        client, chair, "/api/v1/action-items",
        {"title": "Fortroligt", "meeting_id": meeting["id"], "owner_name": "Maria Holm"},
    )  # fmt: skip

    async def listed(who: str) -> set[int]:
        params = {"meeting_id": meeting["id"]}
        page = (await client.get("/api/v1/action-items", params=params, headers=await as_user(who))).json()
        return {i["id"] for i in page["items"]}

    assert item["id"] in await listed(COORDINATION_MEMBER)
    assert item["id"] not in await listed(OUTSIDER) | await listed(ADMIN)
    await end_term(client, await as_user(ADMIN), coordination, await user_id(database, COORDINATION_MEMBER))
    assert item["id"] not in await listed(COORDINATION_MEMBER)


async def test_the_owner_reports_status_others_are_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, _ = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    item = await post(
        client, chair, "/api/v1/action-items",
        {"title": "Gør noget", "meeting_id": meeting["id"], "owner_user_id": await user_id(database, COORDINATION_MEMBER)},
    )  # fmt: skip
    path = f"/api/v1/action-items/{item['id']}"
    owner = await as_user(COORDINATION_MEMBER)
    read = await client.get(path, headers=owner)
    problem(await client.patch(path, json={"title": "Andet"}, headers={**owner, **if_match(read)}), 403)
    problem(
        await client.patch(
            path, json={"status": "done"}, headers={**await as_user(OUTSIDER), **if_match(read)}
        ),
        403,
    )
    done = await client.patch(path, json={"status": "done"}, headers={**owner, **if_match(read)})
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["completed_on"]) == ("done", clock.today().isoformat())


async def test_the_owner_marks_an_item_done_with_a_note_and_reopening_clears_it(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, _ = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    item = await post(
        client, chair, "/api/v1/action-items",
        {"title": "Ring til skolen", "meeting_id": meeting["id"],
         "owner_user_id": await user_id(database, COORDINATION_MEMBER)},
    )  # fmt: skip
    path = f"/api/v1/action-items/{item['id']}"
    owner = await as_user(COORDINATION_MEMBER)
    done = await client.patch(
        path,
        json={"status": "done", "completion_note": "Skolen deltager i tryghedsvandringen."},
        headers={**owner, **if_match(await client.get(path, headers=owner))},
    )
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["completion_note"]) == (
        "done",
        "Skolen deltager i tryghedsvandringen.",
    )
    reopened = await client.patch(
        path, json={"status": "open"}, headers={**owner, **if_match(await client.get(path, headers=owner))}
    )
    assert (
        reopened.json()["status"],
        reopened.json()["completion_note"],
        reopened.json()["completed_on"],
    ) == (
        "open",
        None,
        None,
    )


async def test_only_those_who_run_the_body_create_action_items(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, _ = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    response = await client.post(
        "/api/v1/action-items", json={"title": "x", "meeting_id": meeting["id"], "owner_name": "y"},
        headers=await as_user(COORDINATION_MEMBER),
    )  # fmt: skip
    problem(response, 403)
    no_origin = await client.post(
        "/api/v1/action-items", json={"title": "x", "owner_name": "y"}, headers=chair
    )
    problem(no_origin, 422)


async def test_the_demo_has_open_and_overdue_action_items(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    listed = (
        await client.get(
            "/api/v1/action-items", params={"status": "open"}, headers=await as_user(demo("viewer", "aab"))
        )
    ).json()
    assert listed["total"] >= 3
    assert any(i["overdue"] for i in listed["items"])
