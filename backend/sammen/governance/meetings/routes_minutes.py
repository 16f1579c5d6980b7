"""HTTP handlers for minutes: a meeting's minutes and their workflow (under /meetings), single
entries and their revisions.
"""

from __future__ import annotations

from fastapi import Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page
from sammen.core.routing import DomainRouter
from sammen.governance.meetings import access, minutes, service
from sammen.governance.meetings.deps import OptionalViewer, SignedInViewer
from sammen.governance.meetings.routes_meetings import CHANGE, CREATE, meetings_router
from sammen.governance.meetings.schemas import (
    MeetingPublic,
    MinutesCreate,
    MinutesPublic,
    MinutesRevision,
    MinutesUpdate,
)
from sammen.orgs.deps import IfMatchDep

minutes_router = DomainRouter(prefix="/minutes", tags=["minutes"])


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
