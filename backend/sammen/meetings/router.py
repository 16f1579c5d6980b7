"""HTTP handlers for meetings, agenda, attendance, minutes, decisions, links, action items, calendars."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query, Request, Response, status
from pydantic import TypeAdapter

from sammen.bodies import service as bodies
from sammen.core import links
from sammen.core.concurrency import set_etag
from sammen.core.deps import ReaderDep, SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.links import LinkTargetType
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.meetings import access, action_items, calendar, decisions, linking, minutes, ordering, service
from sammen.meetings.deps import OptionalViewer, PartnerViewer, SignedInViewer
from sammen.meetings.models import ActionItemStatus, DecisionKind, MeetingStatus
from sammen.meetings.schemas import (
    ActionItemCreate,
    ActionItemPublic,
    ActionItemUpdate,
    AgendaItemCreate,
    AgendaItemPublic,
    AgendaItemUpdate,
    AgendaOrder,
    AttendanceBatch,
    AttendancePublic,
    DecisionCorrection,
    DecisionCreate,
    DecisionPublic,
    FeedTokenPublic,
    LinkedFrom,
    LinkKindPublic,
    LinkTargetPublic,
    MeetingCancel,
    MeetingCreate,
    MeetingPublic,
    MeetingUpdate,
    MinutesCreate,
    MinutesPublic,
    MinutesRevision,
    MinutesUpdate,
)
from sammen.orgs.deps import CurrentPrincipal, IfMatchDep, OptionalPrincipal

meetings_router = DomainRouter(prefix="/meetings", tags=["meetings"])
agenda_router = DomainRouter(prefix="/agenda-items", tags=["agenda-items"])
minutes_router = DomainRouter(prefix="/minutes", tags=["minutes"])
decisions_router = DomainRouter(prefix="/decisions", tags=["decisions"])
links_router = DomainRouter(prefix="/links", tags=["links"])
actions_router = DomainRouter(prefix="/action-items", tags=["action-items"])
calendar_router = DomainRouter(tags=["calendar"])

CHANGE = problem_responses(401, 403, 404, 409, 412, 422, 428)
CREATE = problem_responses(401, 403, 404, 409, 422)


# ---------------------------------------------------------------- meetings
@meetings_router.get("", response_model=Page[MeetingPublic], responses=problem_responses(401))
async def list_meetings(
    reader: ReaderDep,
    page: PageDep,
    v: OptionalViewer,
    body_id: Id | None = None,
    status: MeetingStatus | None = None,
    starts_from: dt.datetime | None = None,
    starts_before: dt.datetime | None = None,
) -> Response:
    """Meetings the caller may see, newest first."""
    filters = {
        "body_id": body_id,
        "status": status,
        "starts_from": starts_from,
        "starts_before": starts_before,
    }
    return Response(
        await service.list_page(reader, v=v, page=page, filters=filters), media_type="application/json"
    )


@meetings_router.post("", response_model=MeetingPublic, status_code=status.HTTP_201_CREATED, responses=CREATE)
async def create_meeting(
    data: MeetingCreate, response: Response, session: SessionDep, v: SignedInViewer
) -> MeetingPublic:
    """Plan a meeting (the body's chair or secretary, or an admin)."""
    meeting = await service.create_meeting(session, v=v, data=data)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


@meetings_router.get("/{meeting_id}", response_model=MeetingPublic, responses=problem_responses(404))
async def read_meeting(
    meeting_id: Id, response: Response, session: SessionDep, v: OptionalViewer
) -> MeetingPublic:
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


@meetings_router.patch("/{meeting_id}", response_model=MeetingPublic, responses=CHANGE)
async def update_meeting(
    meeting_id: Id, data: MeetingUpdate, version: IfMatchDep, response: Response, session: SessionDep,
    v: SignedInViewer,
) -> MeetingPublic:  # fmt: skip
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    meeting = await service.update_meeting(session, v=v, meeting=meeting, data=data, expected_version=version)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


@meetings_router.post("/{meeting_id}/publish-agenda", response_model=MeetingPublic, responses=CHANGE)
async def publish_agenda(
    meeting_id: Id, version: IfMatchDep, response: Response, session: SessionDep, v: SignedInViewer
) -> MeetingPublic:
    """planned -> agenda_published (needs at least one agenda item)."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    meeting = await service.publish_agenda(session, v=v, meeting=meeting, expected_version=version)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


@meetings_router.post("/{meeting_id}/hold", response_model=MeetingPublic, responses=CHANGE)
async def hold_meeting(
    meeting_id: Id, version: IfMatchDep, response: Response, session: SessionDep, v: SignedInViewer
) -> MeetingPublic:
    """Mark the meeting held (once it has started); minutes, attendance and decisions follow."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    meeting = await service.hold_meeting(session, v=v, meeting=meeting, expected_version=version)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


@meetings_router.post("/{meeting_id}/cancel", response_model=MeetingPublic, responses=CHANGE)
async def cancel_meeting(
    meeting_id: Id, data: MeetingCancel, version: IfMatchDep, response: Response, session: SessionDep,
    v: SignedInViewer,
) -> MeetingPublic:  # fmt: skip
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    meeting = await service.cancel_meeting(session, v=v, meeting=meeting, data=data, expected_version=version)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


# ---------------------------------------------------------------- agenda
@meetings_router.get(
    "/{meeting_id}/agenda-items", response_model=Page[AgendaItemPublic], responses=problem_responses(404)
)
async def list_agenda_items(meeting_id: Id, session: SessionDep, v: OptionalViewer) -> Page[AgendaItemPublic]:
    """The agenda in order (restricted items only for the body's members), always whole."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    items = await service.list_agenda(session, v=v, meeting=meeting)
    return Page.whole(await service.agenda_public(session, v=v, items=items))


@meetings_router.post(
    "/{meeting_id}/agenda-items",
    response_model=AgendaItemPublic,
    status_code=status.HTTP_201_CREATED,
    responses=CREATE,
)
async def create_agenda_item(
    meeting_id: Id, data: AgendaItemCreate, response: Response, session: SessionDep, v: SignedInViewer
) -> AgendaItemPublic:
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    item = await service.create_agenda_item(session, v=v, meeting=meeting, data=data)
    set_etag(response, item.version)
    return (await service.agenda_public(session, v=v, items=[item]))[0]


@meetings_router.put(
    "/{meeting_id}/agenda-order",
    response_model=Page[AgendaItemPublic],
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def reorder_agenda(
    meeting_id: Id, data: AgendaOrder, session: SessionDep, v: SignedInViewer
) -> Page[AgendaItemPublic]:
    """Put the agenda in a new order in one step (keyed by the items; no If-Match). Name every
    item you see; items hidden from you keep their places. 409 when the agenda changed meanwhile."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    items = await ordering.reorder_agenda(session, v=v, meeting=meeting, item_ids=data.item_ids)
    return Page.whole(await service.agenda_public(session, v=v, items=items))


@agenda_router.get("/{item_id}", response_model=AgendaItemPublic, responses=problem_responses(404))
async def read_agenda_item(
    item_id: Id, response: Response, session: SessionDep, v: OptionalViewer
) -> AgendaItemPublic:
    item, _ = await service.get_agenda_item(session, v=v, item_id=item_id)
    set_etag(response, item.version)
    return (await service.agenda_public(session, v=v, items=[item]))[0]


@agenda_router.patch("/{item_id}", response_model=AgendaItemPublic, responses=CHANGE)
async def update_agenda_item(
    item_id: Id, data: AgendaItemUpdate, version: IfMatchDep, response: Response, session: SessionDep,
    v: SignedInViewer,
) -> AgendaItemPublic:  # fmt: skip
    item, meeting = await service.get_agenda_item(session, v=v, item_id=item_id)
    item = await service.update_agenda_item(
        session, v=v, item=item, meeting=meeting, data=data, expected_version=version
    )
    set_etag(response, item.version)
    return (await service.agenda_public(session, v=v, items=[item]))[0]


@agenda_router.delete(
    "/{item_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
async def delete_agenda_item(
    item_id: Id, version: IfMatchDep, session: SessionDep, v: SignedInViewer
) -> Response:
    item, meeting = await service.get_agenda_item(session, v=v, item_id=item_id)
    await service.delete_agenda_item(session, v=v, item=item, meeting=meeting, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- attendance
@meetings_router.get(
    "/{meeting_id}/attendance",
    response_model=Page[AttendancePublic],
    responses=problem_responses(401, 403, 404),
)
async def list_attendance(meeting_id: Id, session: SessionDep, v: PartnerViewer) -> Page[AttendancePublic]:
    """Every member of the body on the meeting's day, with present / absent / excused (or null)."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    return Page.whole(await service.attendance(session, meeting=meeting))


@meetings_router.put(
    "/{meeting_id}/attendance",
    response_model=list[AttendancePublic],
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def record_attendance(
    meeting_id: Id, data: AttendanceBatch, session: SessionDep, v: SignedInViewer
) -> list[AttendancePublic]:
    """Record attendance, keyed by member (idempotent; no If-Match)."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    return await service.record_attendance(session, v=v, meeting=meeting, data=data)


# ---------------------------------------------------------------- minutes
@meetings_router.get(
    "/{meeting_id}/minutes", response_model=Page[MinutesPublic], responses=problem_responses(404)
)
async def list_minutes(meeting_id: Id, session: SessionDep, v: OptionalViewer) -> Page[MinutesPublic]:
    """The current minutes per agenda item, as far as the caller may see them, always whole."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    entries = await minutes.list_minutes(session, v=v, meeting=meeting)
    return Page.whole([MinutesPublic.model_validate(e) for e in entries])


@meetings_router.post(
    "/{meeting_id}/minutes",
    response_model=MinutesPublic,
    status_code=status.HTTP_201_CREATED,
    responses=CREATE,
)
async def create_minutes(
    meeting_id: Id, data: MinutesCreate, response: Response, session: SessionDep, v: SignedInViewer
) -> MinutesPublic:
    """Write the draft minutes of one agenda item (the meeting moves to minutes_draft)."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    entry = await minutes.create_minutes(session, v=v, meeting=meeting, data=data)
    set_etag(response, entry.version)
    return MinutesPublic.model_validate(entry)


@meetings_router.post("/{meeting_id}/minutes/circulate", response_model=MeetingPublic, responses=CHANGE)
async def circulate_minutes(
    meeting_id: Id, version: IfMatchDep, response: Response, session: SessionDep, v: SignedInViewer
) -> MeetingPublic:
    """Send the draft to the attendees; changing the draft afterwards needs another circulation."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    meeting, _ = await minutes.circulate_minutes(session, v=v, meeting=meeting, expected_version=version)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


@meetings_router.post("/{meeting_id}/minutes/approve", response_model=MeetingPublic, responses=CHANGE)
async def approve_minutes(
    meeting_id: Id, version: IfMatchDep, response: Response, session: SessionDep, v: SignedInViewer
) -> MeetingPublic:
    """The chair or the secretary approves the circulated draft; it then changes only by revision."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    meeting = await minutes.approve_minutes(session, v=v, meeting=meeting, expected_version=version)
    set_etag(response, meeting.version)
    return service.meeting_public(meeting, v)


@minutes_router.get("/{minutes_id}", response_model=MinutesPublic, responses=problem_responses(404))
async def read_minutes(
    minutes_id: Id, response: Response, session: SessionDep, v: OptionalViewer
) -> MinutesPublic:
    entry, _, _ = await minutes.get_minutes(session, v=v, minutes_id=minutes_id)
    set_etag(response, entry.version)
    return MinutesPublic.model_validate(entry)


@minutes_router.get(
    "/{minutes_id}/revisions", response_model=Page[MinutesPublic], responses=problem_responses(404)
)
async def list_minutes_revisions(
    minutes_id: Id, session: SessionDep, v: OptionalViewer
) -> Page[MinutesPublic]:
    """Every revision of the same agenda item's minutes, oldest first, with reasons."""
    entry, _, _ = await minutes.get_minutes(session, v=v, minutes_id=minutes_id)
    history = await minutes.minutes_history(session, entry=entry)
    return Page.whole([MinutesPublic.model_validate(e) for e in history])


@minutes_router.patch("/{minutes_id}", response_model=MinutesPublic, responses=CHANGE)
async def update_minutes(
    minutes_id: Id, data: MinutesUpdate, version: IfMatchDep, response: Response, session: SessionDep,
    v: SignedInViewer,
) -> MinutesPublic:  # fmt: skip
    """Edit a draft (approved minutes: 409, post a revision instead)."""
    entry, meeting, _ = await minutes.get_minutes(session, v=v, minutes_id=minutes_id)
    entry = await minutes.update_minutes(
        session, v=v, entry=entry, meeting=meeting, data=data, expected_version=version
    )
    set_etag(response, entry.version)
    return MinutesPublic.model_validate(entry)


@minutes_router.post(
    "/{minutes_id}/revisions",
    response_model=MinutesPublic,
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
)
async def revise_minutes(
    minutes_id: Id, data: MinutesRevision, version: IfMatchDep, response: Response, session: SessionDep,
    v: SignedInViewer,
) -> MinutesPublic:  # fmt: skip
    """Correct approved minutes: a new approved revision with a reason (chair or secretary)."""
    entry, meeting, _ = await minutes.get_minutes(session, v=v, minutes_id=minutes_id)
    revision = await minutes.revise_minutes(
        session, v=v, entry=entry, meeting=meeting, data=data, expected_version=version
    )
    set_etag(response, revision.version)
    return MinutesPublic.model_validate(revision)


# ---------------------------------------------------------------- decisions
@decisions_router.get("", response_model=Page[DecisionPublic], responses=problem_responses(422))
async def list_decisions(
    session: SessionDep,
    page: PageDep,
    v: OptionalViewer,
    body_id: Id | None = None,
    meeting_id: Id | None = None,
    kind: DecisionKind | None = None,
    target_type: LinkTargetType | None = Query(default=None, description="Decisions linking to this kind"),
    target_id: Id | None = Query(default=None, description="... and this id"),
    q: Annotated[str | None, Query(max_length=200, description="Text search in number, title, text")] = None,
    decided_from: dt.date | None = None,
    decided_to: dt.date | None = None,
    include_superseded: bool = Query(default=False, description="Also revisions replaced by a correction"),
) -> Response:
    """The decision register: filters, text search, and what each decision links to."""
    items, total = await decisions.list_decisions(
        session, v=v, page=page, body_id=body_id, meeting_id=meeting_id, kind=kind, target_type=target_type,
        target_id=target_id, q=q, decided_from=decided_from, decided_to=decided_to,
        include_superseded=include_superseded,
    )  # fmt: skip
    found = Page.of(await decisions.decisions_public(session, v=v, decisions=items), total, page)
    # built from validated models: serialised once, not validated again by the response model
    return Response(DECISION_PAGE.dump_json(found), media_type="application/json")


DECISION_PAGE: TypeAdapter[Page[DecisionPublic]] = TypeAdapter(Page[DecisionPublic])


@decisions_router.post(
    "", response_model=DecisionPublic, status_code=status.HTTP_201_CREATED, responses=CREATE
)
async def create_decision(
    data: DecisionCreate, response: Response, session: SessionDep, v: SignedInViewer
) -> DecisionPublic:
    """Record a decision made at a held meeting, with links to what it authorises."""
    decision = await decisions.create_decision(session, v=v, data=data)
    set_etag(response, decision.version)
    return (await decisions.decisions_public(session, v=v, decisions=[decision]))[0]


@decisions_router.get("/{decision_id}", response_model=DecisionPublic, responses=problem_responses(404))
async def read_decision(
    decision_id: Id, response: Response, session: SessionDep, v: OptionalViewer
) -> DecisionPublic:
    """A decision with its links and the objects that point at it (both directions)."""
    decision = await decisions.get_decision(session, v=v, decision_id=decision_id)
    set_etag(response, decision.version)
    return (await decisions.decisions_public(session, v=v, decisions=[decision]))[0]


@decisions_router.post(
    "/{decision_id}/corrections",
    response_model=DecisionPublic,
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
)
async def correct_decision(
    decision_id: Id, data: DecisionCorrection, version: IfMatchDep, response: Response, session: SessionDep,
    v: SignedInViewer,
) -> DecisionPublic:  # fmt: skip
    """Correct a decision: a new revision with the same number and a reason; the old one is kept."""
    decision = await decisions.get_decision(session, v=v, decision_id=decision_id)
    correction = await decisions.correct_decision(
        session, v=v, decision=decision, data=data, expected_version=version
    )
    set_etag(response, correction.version)
    return (await decisions.decisions_public(session, v=v, decisions=[correction]))[0]


@links_router.get("", response_model=Page[LinkedFrom])
async def list_links_to(
    session: SessionDep, v: OptionalViewer, target_type: LinkTargetType, target_id: Id
) -> Page[LinkedFrom]:
    """The agenda items and decisions that link to one object (e.g. a goal or a mandate)."""
    return Page.whole(await linking.linked_from(session, v=v, target_type=target_type, target_id=target_id))


@links_router.get("/target-types", response_model=Page[LinkKindPublic])
async def list_link_kinds() -> Page[LinkKindPublic]:
    """The kinds of object an agenda item or a decision can link to now (for link pickers)."""
    return Page.whole([LinkKindPublic(target_type=t, searchable=s) for t, s in links.available()])


@links_router.get("/targets", response_model=Page[LinkTargetPublic], responses=problem_responses(422))
async def search_link_targets(
    session: SessionDep,
    v: OptionalViewer,
    target_type: LinkTargetType,
    q: Annotated[str, Query(max_length=200, description="Text in the target's title")] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> Page[LinkTargetPublic]:
    """Objects of one kind the caller may see and link to, by title (at most `limit`)."""
    found = await links.search(session, v.principal, target_type, q, limit)
    return Page.whole([LinkTargetPublic(target_type=t.type, target_id=t.id, title=t.title) for t in found])


# ---------------------------------------------------------------- action items
@actions_router.get("", response_model=Page[ActionItemPublic], responses=problem_responses(401, 403))
async def list_action_items(
    reader: ReaderDep,
    page: PageDep,
    v: PartnerViewer,
    organisation_id: Id | None = None,
    owner_user_id: Id | None = None,
    mine: bool = Query(default=False, description="Only the caller's own action items"),
    body_id: Id | None = None,
    meeting_id: Id | None = None,
    decision_id: Id | None = None,
    status: ActionItemStatus | None = None,
    overdue: bool | None = None,
) -> Response:
    """Follow-up actions per organisation or person; `overdue` flags open items past their due date."""
    if mine:
        assert v.principal is not None
        owner_user_id = v.principal.id if v.principal.kind == "user" else -1
    filters = {
        "organisation_id": organisation_id, "owner_user_id": owner_user_id, "body_id": body_id,
        "meeting_id": meeting_id, "decision_id": decision_id, "status": status,
    }  # fmt: skip
    body = await action_items.list_page(reader, v=v, page=page, filters=filters, overdue=overdue)
    return Response(body, media_type="application/json")


@actions_router.post(
    "", response_model=ActionItemPublic, status_code=status.HTTP_201_CREATED, responses=CREATE
)
async def create_action_item(
    data: ActionItemCreate, response: Response, session: SessionDep, v: SignedInViewer
) -> ActionItemPublic:
    item = await action_items.create_action_item(session, v=v, data=data)
    set_etag(response, item.version)
    return action_items.action_public(item)


@actions_router.get(
    "/{action_id}", response_model=ActionItemPublic, responses=problem_responses(401, 403, 404)
)
async def read_action_item(
    action_id: Id, response: Response, session: SessionDep, v: PartnerViewer
) -> ActionItemPublic:
    item = await action_items.get_action_item(session, v=v, action_id=action_id)
    set_etag(response, item.version)
    return action_items.action_public(item)


@actions_router.patch("/{action_id}", response_model=ActionItemPublic, responses=CHANGE)
async def update_action_item(
    action_id: Id, data: ActionItemUpdate, version: IfMatchDep, response: Response, session: SessionDep,
    v: PartnerViewer,
) -> ActionItemPublic:  # fmt: skip
    """The owner reports status; the body's chair or secretary change anything."""
    item = await action_items.get_action_item(session, v=v, action_id=action_id)
    item = await action_items.update_action_item(session, v=v, item=item, data=data, expected_version=version)
    set_etag(response, item.version)
    return action_items.action_public(item)


# ---------------------------------------------------------------- calendar
ICS = "text/calendar; charset=utf-8"
TokenQuery = Annotated[
    str | None,
    Query(description="Personal feed token (from POST /calendar/feed-token); for calendar clients"),
]


async def _feed(
    request: Request,
    session: SessionDep,
    principal: OptionalPrincipal,
    token: str | None,
    body_id: Id | None,
) -> Response:
    if token:
        principal = await calendar.principal_for_feed(session, token=token)
    v = await access.viewer(session, principal)
    name = "Sammen: møder"
    if body_id is not None:
        body = await bodies.get_body(session, body_id=body_id)
        name = f"Sammen: {body.name}"
    meetings, agendas = await service.feed_meetings(session, v=v, body_id=body_id)
    text = calendar.render(meetings, name=name, agendas=agendas, host=request.url.hostname or "sammen")
    return Response(text, media_type=ICS, headers={"Cache-Control": "private, max-age=300"})


@calendar_router.get(
    "/calendar/meetings.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **problem_responses(401)},
)
async def read_meetings_feed(
    request: Request, session: SessionDep, principal: OptionalPrincipal, token: TokenQuery = None
) -> Response:
    """iCalendar feed of every meeting the token's owner may see (anonymous: public meetings)."""
    return await _feed(request, session, principal, token, None)


@calendar_router.get(
    "/bodies/{body_id}/meetings.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **problem_responses(401, 404)},
)
async def read_body_feed(
    body_id: Id,
    request: Request,
    session: SessionDep,
    principal: OptionalPrincipal,
    token: TokenQuery = None,
) -> Response:
    """iCalendar feed of one body's meetings, as far as the token's owner may see them."""
    return await _feed(request, session, principal, token, body_id)


@calendar_router.post(
    "/calendar/feed-token", response_model=FeedTokenPublic, responses=problem_responses(401, 403)
)
async def rotate_feed_token(
    request: Request, session: SessionDep, principal: CurrentPrincipal
) -> FeedTokenPublic:
    """A new personal feed token (the old URLs stop working); shown once."""
    token = await calendar.rotate_feed_token(session, actor=principal)
    base = str(request.base_url).rstrip("/") + "/api/v1"
    return FeedTokenPublic(
        token=token,
        meetings_url=f"{base}/calendar/meetings.ics?token={token}",
        body_url_template=f"{base}/bodies/{{body_id}}/meetings.ics?token={token}",
    )
