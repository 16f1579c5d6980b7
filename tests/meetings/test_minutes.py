"""Minutes: draft per agenda item, circulated, approved by chair or secretary, then revised only."""

from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, field_names, if_match, problem
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    COORDINATION_MEMBER,
    COORDINATION_SECRETARY,
    OUTSIDER,
    action,
    body_id,
    held_meeting,
    make_meeting,
    post,
)


async def test_minutes_lifecycle_draft_circulate_approve_then_revise_with_a_reason(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    base = f"/api/v1/meetings/{meeting['id']}"
    entry = await post(client, chair, f"{base}/minutes", {"agenda_item_id": items[0]["id"], "text": "Udkast"})
    assert entry["status"] == "draft"
    assert (await client.get(base, headers=chair)).json()["status"] == "minutes_draft"
    twice = await client.post(
        f"{base}/minutes", json={"agenda_item_id": items[0]["id"], "text": "x"}, headers=chair
    )
    problem(twice, 409)

    early = await action(client, chair, f"{base}/minutes/approve", etag_of=base)
    assert "Circulate" in problem(early, 409)["detail"]
    circulated = await action(client, chair, f"{base}/minutes/circulate", etag_of=base)
    assert circulated.json()["minutes_circulated_at"] is not None

    for who in (COORDINATION_MEMBER, ADMIN):
        refused = await action(client, await as_user(who), f"{base}/minutes/approve", etag_of=base)
        assert "chair or secretary" in problem(refused, 403)["detail"]
    approved = await action(
        client, await as_user(COORDINATION_SECRETARY), f"{base}/minutes/approve", etag_of=base
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "minutes_approved"

    path = f"/api/v1/minutes/{entry['id']}"
    read = await client.get(path, headers=chair)
    assert read.json()["status"] == "approved"
    in_place = await client.patch(path, json={"text": "Rettet"}, headers={**chair, **if_match(read)})
    assert "new revision with a reason" in problem(in_place, 409)["detail"]
    no_reason = await client.post(
        f"{path}/revisions", json={"text": "Rettet"}, headers={**chair, **if_match(read)}
    )
    assert field_names(problem(no_reason, 422)) == {"body.reason"}
    member_revision = await client.post(
        f"{path}/revisions", json={"text": "Rettet", "reason": "Stavefejl"},
        headers={**await as_user(COORDINATION_MEMBER), **if_match(read)},
    )  # fmt: skip
    problem(member_revision, 403)
    revised = await client.post(
        f"{path}/revisions",
        json={"text": "Rettet", "reason": "Stavefejl"},
        headers={**chair, **if_match(read)},
    )
    assert revised.status_code == 201, revised.text
    revision = revised.json()
    assert (revision["revision"], revision["previous_id"], revision["reason"]) == (
        2,
        entry["id"],
        "Stavefejl",
    )
    current = (await client.get(f"{base}/minutes", headers=chair)).json()["items"]
    assert [(m["id"], m["text"]) for m in current] == [(revision["id"], "Rettet")]
    history = (await client.get(f"{path}/revisions", headers=chair)).json()["items"]
    assert [(m["revision"], m["status"]) for m in history] == [(1, "superseded"), (2, "approved")]
    old_again = await client.post(
        f"{path}/revisions",
        json={"text": "x", "reason": "y"},
        headers={**chair, "If-Match": f'"{history[0]["version"]}"'},
    )
    problem(old_again, 409)


async def test_changing_a_circulated_draft_requires_circulating_it_again(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    base = f"/api/v1/meetings/{meeting['id']}"
    entry = await post(client, chair, f"{base}/minutes", {"agenda_item_id": items[0]["id"], "text": "Udkast"})
    await action(client, chair, f"{base}/minutes/circulate", etag_of=base)
    read = await client.get(f"/api/v1/minutes/{entry['id']}", headers=chair)
    changed = await client.patch(
        f"/api/v1/minutes/{entry['id']}", json={"text": "Udkast 2"}, headers={**chair, **if_match(read)}
    )
    assert changed.status_code == 200, changed.text
    assert (
        "Circulate"
        in problem(await action(client, chair, f"{base}/minutes/approve", etag_of=base), 409)["detail"]
    )


async def test_minutes_wait_until_the_meeting_is_held(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting = await make_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    item = await post(client, chair, f"/api/v1/meetings/{meeting['id']}/agenda-items", {"title": "x"})
    response = await client.post(
        f"/api/v1/meetings/{meeting['id']}/minutes",
        json={"agenda_item_id": item["id"], "text": "t"},
        headers=chair,
    )
    assert "once the meeting is held" in problem(response, 409)["detail"]


async def test_restricted_minutes_are_invisible_to_non_members(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(
        client, chair, await body_id(client, "koordinationsgruppe"),
        items=[{"title": "Åbent punkt"}, {"title": "Politiets sag", "restricted": True}],
    )  # fmt: skip
    base = f"/api/v1/meetings/{meeting['id']}"
    public = await post(client, chair, f"{base}/minutes", {"agenda_item_id": items[0]["id"], "text": "Åbent"})
    secret = await post(
        client, chair, f"{base}/minutes", {"agenda_item_id": items[1]["id"], "text": "Fortroligt"}
    )
    await action(client, chair, f"{base}/minutes/circulate", etag_of=base)
    await action(client, chair, f"{base}/minutes/approve", etag_of=base)

    member = await as_user(COORDINATION_MEMBER)
    assert (await client.get(f"/api/v1/minutes/{secret['id']}", headers=member)).status_code == 200
    assert (await client.get(f"{base}/minutes", headers=member)).json()["total"] == 2
    for who in (OUTSIDER, ADMIN):
        headers = await as_user(who)
        problem(await client.get(f"/api/v1/minutes/{secret['id']}", headers=headers), 404)
        problem(await client.get(f"/api/v1/agenda-items/{items[1]['id']}", headers=headers), 404)
        assert [m["id"] for m in (await client.get(f"{base}/minutes", headers=headers)).json()["items"]] == [
            public["id"]
        ]
        agenda = (await client.get(f"{base}/agenda-items", headers=headers)).json()["items"]
        assert [i["title"] for i in agenda] == ["Åbent punkt"]


async def test_draft_minutes_are_for_members_until_approved(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    entry = await post(
        client,
        chair,
        f"/api/v1/meetings/{meeting['id']}/minutes",
        {"agenda_item_id": items[0]["id"], "text": "t"},
    )
    problem(await client.get(f"/api/v1/minutes/{entry['id']}", headers=await as_user(OUTSIDER)), 404)
    assert (
        await client.get(f"/api/v1/minutes/{entry['id']}", headers=await as_user(COORDINATION_MEMBER))
    ).status_code == 200
