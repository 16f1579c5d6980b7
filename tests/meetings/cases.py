"""Access-matrix cases for meetings, agenda, attendance, minutes, decisions, links, action items, calendars.

Writes: the coordination group's chair may; a plain member of the group is too low (403); the
partnership's chair, who holds the same body role in another body, is refused (403: the meeting is
visible to partners, so it is "seen but not allowed"). Restricted reads: a member may, a partner
outside the body gets 404.
"""

from __future__ import annotations

from typing import Any

from tests.matrix import Call, Case, Ctx, register
from tests.meetings import scenarios
from tests.meetings.helpers import COORDINATION_CHAIR, COORDINATION_MEMBER, OUTSIDER, PARTNERSHIP_CHAIR

RUN = {
    "allowed": COORDINATION_CHAIR,
    "too_low": COORDINATION_MEMBER,
    "other_org": PARTNERSHIP_CHAIR,
    "other_org_status": 403,
}
RESTRICTED_READ = {
    "allowed": COORDINATION_MEMBER,
    "anonymous": 404,
    "other_org": OUTSIDER,
    "other_org_status": 404,
    "not_applicable": {"too_low": "reading needs no role: restricted content needs body membership"},
}
OPEN_READ = {
    "allowed": COORDINATION_MEMBER,
    "anonymous": 200,
    "not_applicable": {
        "too_low": "anyone reads what the visibility allows",
        "other_org": "filtered by visibility, not by organisation",
    },
}
PARTNER_LIST = {
    "allowed": COORDINATION_MEMBER,
    "not_applicable": {"too_low": "every partner reads", "other_org": "filtered by visibility"},
}


def _m(meeting: dict[str, Any]) -> str:
    return f"/api/v1/meetings/{meeting['id']}"


async def list_meetings(ctx: Ctx) -> Call:
    return Call("/api/v1/meetings")


async def create_meeting(ctx: Ctx) -> Call:
    return Call(
        "/api/v1/meetings",
        json={"body_id": await scenarios.body(ctx, "koordinationsgruppe"), "title": "Nyt",
              "starts_at": "2030-01-10T13:00:00+01:00", "ends_at": "2030-01-10T15:00:00+01:00"},
    )  # fmt: skip


async def read_meeting(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, visibility="restricted")
    return Call(_m(m))


async def update_meeting(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, when="future")
    return Call(_m(m), json={"place": "Rådhuset"}, headers=await ctx.etag(_m(m)))


async def publish_agenda(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, when="future")
    return Call(f"{_m(m)}/publish-agenda", headers=await ctx.etag(_m(m)))


async def hold_meeting(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx)
    return Call(f"{_m(m)}/hold", headers=await ctx.etag(_m(m)))


async def cancel_meeting(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, when="future")
    return Call(f"{_m(m)}/cancel", json={"reason": "Aflyst"}, headers=await ctx.etag(_m(m)))


async def list_agenda_items(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, visibility="restricted")
    return Call(f"{_m(m)}/agenda-items")


async def create_agenda_item(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, when="future")
    return Call(f"{_m(m)}/agenda-items", json={"title": "Nyt punkt"})


async def _item(ctx: Ctx, **kw: Any) -> str:
    _, items = await scenarios.meeting(ctx, when="future", **kw)
    return f"/api/v1/agenda-items/{items[0]['id']}"


async def read_agenda_item(ctx: Ctx) -> Call:
    return Call(await _item(ctx, items=[{"title": "Politiets sag", "restricted": True}]))


async def update_agenda_item(ctx: Ctx) -> Call:
    path = await _item(ctx)
    return Call(path, json={"title": "Ændret"}, headers=await ctx.etag(path))


async def delete_agenda_item(ctx: Ctx) -> Call:
    path = await _item(ctx)
    return Call(path, headers=await ctx.etag(path))


async def reorder_agenda(ctx: Ctx) -> Call:
    m, items = await scenarios.meeting(ctx, when="future", items=[{"title": "A"}, {"title": "B"}])
    return Call(f"{_m(m)}/agenda-order", json={"item_ids": [items[1]["id"], items[0]["id"]]})


async def list_attendance(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, visibility="restricted", held=True)
    return Call(f"{_m(m)}/attendance")


async def record_attendance(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, held=True)
    roster = (await ctx.get(f"{_m(m)}/attendance")).json()["items"]
    return Call(
        f"{_m(m)}/attendance", json={"items": [{"member_id": roster[0]["member_id"], "status": "present"}]}
    )


async def list_minutes(ctx: Ctx) -> Call:
    m, _ = await scenarios.minutes(ctx, state="approved")
    return Call(f"{_m(m)}/minutes")


async def create_minutes(ctx: Ctx) -> Call:
    m, items = await scenarios.meeting(ctx, held=True)
    return Call(f"{_m(m)}/minutes", json={"agenda_item_id": items[0]["id"], "text": "Referat"})


async def circulate_minutes(ctx: Ctx) -> Call:
    m, _ = await scenarios.minutes(ctx)
    return Call(f"{_m(m)}/minutes/circulate", headers=await ctx.etag(_m(m)))


async def approve_minutes(ctx: Ctx) -> Call:
    m, _ = await scenarios.minutes(ctx, state="circulated")
    return Call(f"{_m(m)}/minutes/approve", headers=await ctx.etag(_m(m)))


async def read_minutes(ctx: Ctx) -> Call:
    _, entry = await scenarios.minutes(ctx, state="approved", restricted=True)
    return Call(f"/api/v1/minutes/{entry['id']}")


async def list_minutes_revisions(ctx: Ctx) -> Call:
    _, entry = await scenarios.minutes(ctx, state="approved", restricted=True)
    return Call(f"/api/v1/minutes/{entry['id']}/revisions")


async def update_minutes(ctx: Ctx) -> Call:
    _, entry = await scenarios.minutes(ctx)
    path = f"/api/v1/minutes/{entry['id']}"
    return Call(path, json={"text": "Rettet udkast"}, headers=await ctx.etag(path))


async def revise_minutes(ctx: Ctx) -> Call:
    _, entry = await scenarios.minutes(ctx, state="approved")
    path = f"/api/v1/minutes/{entry['id']}"
    return Call(f"{path}/revisions", json={"text": "Rettet", "reason": "Fejl"}, headers=await ctx.etag(path))


async def list_decisions(ctx: Ctx) -> Call:
    return Call("/api/v1/decisions", params={"q": "sommer"})


async def create_decision(ctx: Ctx) -> Call:
    m, items = await scenarios.meeting(ctx, held=True)
    return Call(
        "/api/v1/decisions",
        json={
            "meeting_id": m["id"],
            "agenda_item_id": items[0]["id"],
            "title": "Beslutning",
            "text": "Tekst",
        },
    )


async def read_decision(ctx: Ctx) -> Call:
    decision = await scenarios.decision(ctx, restricted=True)
    return Call(f"/api/v1/decisions/{decision['id']}")


async def correct_decision(ctx: Ctx) -> Call:
    decision = await scenarios.decision(ctx)
    path = f"/api/v1/decisions/{decision['id']}"
    return Call(
        f"{path}/corrections", json={"text": "Rettet", "reason": "Fejl"}, headers=await ctx.etag(path)
    )


async def list_links_to(ctx: Ctx) -> Call:
    return Call(
        "/api/v1/links",
        params={"target_type": "body", "target_id": await scenarios.body(ctx, "arbejdsgruppe-tryghed")},
    )


async def list_link_kinds(ctx: Ctx) -> Call:
    return Call("/api/v1/links/target-types")


async def search_link_targets(ctx: Ctx) -> Call:
    return Call("/api/v1/links/targets", params={"target_type": "goal", "q": "tryg"})


async def list_action_items(ctx: Ctx) -> Call:
    return Call("/api/v1/action-items", params={"overdue": True})


async def _action(ctx: Ctx, **kw: Any) -> str:
    m, _ = await scenarios.meeting(ctx, held=True, **kw)
    owner = await ctx.user_id(COORDINATION_MEMBER)
    item = (
        await ctx.post(
            "/api/v1/action-items",
            {"title": "Opfølgning", "meeting_id": m["id"], "owner_user_id": owner},
            as_email=COORDINATION_CHAIR,
        )
    ).json()
    return f"/api/v1/action-items/{item['id']}"


async def create_action_item(ctx: Ctx) -> Call:
    m, _ = await scenarios.meeting(ctx, held=True)
    return Call(
        "/api/v1/action-items", json={"title": "Gør det", "meeting_id": m["id"], "owner_name": "Maria"}
    )


async def read_action_item(ctx: Ctx) -> Call:
    return Call(await _action(ctx, visibility="restricted"))


async def update_action_item(ctx: Ctx) -> Call:
    path = await _action(ctx)
    return Call(path, json={"title": "Ny titel"}, headers=await ctx.etag(path, COORDINATION_CHAIR))


async def read_meetings_feed(ctx: Ctx) -> Call:
    return Call("/api/v1/calendar/meetings.ics")


async def read_body_feed(ctx: Ctx) -> Call:
    return Call(f"/api/v1/bodies/{await scenarios.body(ctx, 'koordinationsgruppe')}/meetings.ics")


async def rotate_feed_token(ctx: Ctx) -> Call:
    return Call("/api/v1/calendar/feed-token")


M = "/api/v1/meetings/{meeting_id}"
ANY_USER = {"too_low": "every signed-in person may have a feed", "other_org": "a feed is personal"}
for method, path, prepare, options in (
    ("GET", "/api/v1/meetings", list_meetings, OPEN_READ),
    ("POST", "/api/v1/meetings", create_meeting, {**RUN, "success": 201}),
    ("GET", M, read_meeting, RESTRICTED_READ),
    ("PATCH", M, update_meeting, RUN),
    ("POST", M + "/publish-agenda", publish_agenda, RUN),
    ("POST", M + "/hold", hold_meeting, RUN),
    ("POST", M + "/cancel", cancel_meeting, RUN),
    ("GET", M + "/agenda-items", list_agenda_items, RESTRICTED_READ),
    ("POST", M + "/agenda-items", create_agenda_item, {**RUN, "success": 201}),
    ("GET", "/api/v1/agenda-items/{item_id}", read_agenda_item, RESTRICTED_READ),
    ("PATCH", "/api/v1/agenda-items/{item_id}", update_agenda_item, RUN),
    ("DELETE", "/api/v1/agenda-items/{item_id}", delete_agenda_item, {**RUN, "success": 204}),
    ("PUT", M + "/agenda-order", reorder_agenda, {**RUN, "audit_action": "meeting.reorder_agenda"}),
    ("GET", M + "/attendance", list_attendance, {**RESTRICTED_READ, "anonymous": 401}),
    ("PUT", M + "/attendance", record_attendance, RUN),
    ("GET", M + "/minutes", list_minutes, OPEN_READ | {"anonymous": 404}),
    ("POST", M + "/minutes", create_minutes, {**RUN, "success": 201}),
    ("POST", M + "/minutes/circulate", circulate_minutes, RUN),
    ("POST", M + "/minutes/approve", approve_minutes, RUN),
    ("GET", "/api/v1/minutes/{minutes_id}", read_minutes, RESTRICTED_READ),
    ("GET", "/api/v1/minutes/{minutes_id}/revisions", list_minutes_revisions, RESTRICTED_READ),
    (
        "PATCH",
        "/api/v1/minutes/{minutes_id}",
        update_minutes,
        {**RUN, "other_org_status": 404},
    ),  # drafts: members only
    ("POST", "/api/v1/minutes/{minutes_id}/revisions", revise_minutes, {**RUN, "success": 201}),
    ("GET", "/api/v1/decisions", list_decisions, OPEN_READ),
    ("POST", "/api/v1/decisions", create_decision, {**RUN, "success": 201}),
    ("GET", "/api/v1/decisions/{decision_id}", read_decision, RESTRICTED_READ),
    ("POST", "/api/v1/decisions/{decision_id}/corrections", correct_decision, {**RUN, "success": 201}),
    ("GET", "/api/v1/links", list_links_to, OPEN_READ),
    ("GET", "/api/v1/links/target-types", list_link_kinds, OPEN_READ),
    ("GET", "/api/v1/links/targets", search_link_targets, OPEN_READ),
    ("GET", "/api/v1/action-items", list_action_items, PARTNER_LIST),
    ("POST", "/api/v1/action-items", create_action_item, {**RUN, "success": 201}),
    ("GET", "/api/v1/action-items/{action_id}", read_action_item, {**RESTRICTED_READ, "anonymous": 401}),
    ("PATCH", "/api/v1/action-items/{action_id}", update_action_item, RUN),
    ("GET", "/api/v1/calendar/meetings.ics", read_meetings_feed, OPEN_READ),
    ("GET", "/api/v1/bodies/{body_id}/meetings.ics", read_body_feed, OPEN_READ),
    (
        "POST",
        "/api/v1/calendar/feed-token",
        rotate_feed_token,
        {"allowed": OUTSIDER, "not_applicable": ANY_USER},
    ),
):
    register(Case(method=method, path=path, prepare=prepare, **options))
