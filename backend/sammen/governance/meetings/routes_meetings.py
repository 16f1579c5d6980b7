"""HTTP handlers for meetings themselves: plan, read, change, and move through their states.

`meetings_router` also serves the meeting's sub-resources: routes_agenda, routes_attendance and
routes_minutes add their `/meetings/{meeting_id}/...` routes to it when imported, and
sammen.governance.meetings.router imports them in the order they must be registered in. CHANGE and CREATE
are the problem responses every meetings routes module shares.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import ReaderDep, SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.governance.meetings import access, service
from sammen.governance.meetings.deps import OptionalViewer, SignedInViewer
from sammen.governance.meetings.schemas import (
    MeetingCancel,
    MeetingCreate,
    MeetingFilters,
    MeetingPublic,
    MeetingUpdate,
)
from sammen.orgs.deps import IfMatchDep, OptionalPrincipal

meetings_router = DomainRouter(prefix="/meetings", tags=["meetings"])

CHANGE = problem_responses(401, 403, 404, 409, 412, 422, 428)
CREATE = problem_responses(401, 403, 404, 409, 422)


@meetings_router.get("", response_model=Page[MeetingPublic], responses=problem_responses(401))
async def list_meetings(
    reader: ReaderDep,
    page: PageDep,
    principal: OptionalPrincipal,
    filters: Annotated[MeetingFilters, Query()],
) -> Response:
    """Meetings the caller may see, newest first."""
    # the caller's bodies are read by the page's statement: no statement for their roles first
    v = access.SqlViewer(principal)
    return Response(
        await service.list_page(reader, v=v, page=page, filters=filters.model_dump()),
        media_type="application/json",
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
