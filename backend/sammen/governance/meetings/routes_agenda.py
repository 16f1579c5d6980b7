"""HTTP handlers for agenda items: a meeting's agenda (under /meetings) and single items."""

from __future__ import annotations

from fastapi import Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page
from sammen.core.routing import DomainRouter
from sammen.governance.meetings import access, ordering, service
from sammen.governance.meetings.deps import OptionalViewer, SignedInViewer
from sammen.governance.meetings.routes_meetings import CHANGE, CREATE, meetings_router
from sammen.governance.meetings.schemas import (
    AgendaItemCreate,
    AgendaItemPublic,
    AgendaItemUpdate,
    AgendaOrder,
)
from sammen.orgs.deps import IfMatchDep

agenda_router = DomainRouter(prefix="/agenda-items", tags=["agenda-items"])


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
