"""HTTP handlers for action items: follow-up actions from meetings and decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import ReaderDep, SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.governance.meetings import access, action_items
from sammen.governance.meetings.deps import PartnerViewer, SignedInViewer
from sammen.governance.meetings.routes_meetings import CHANGE, CREATE
from sammen.governance.meetings.schemas import (
    ActionItemCreate,
    ActionItemFilters,
    ActionItemPublic,
    ActionItemUpdate,
)
from sammen.orgs.deps import IfMatchDep, Partner

actions_router = DomainRouter(prefix="/action-items", tags=["action-items"])


@actions_router.get("", response_model=Page[ActionItemPublic], responses=problem_responses(401, 403))
async def list_action_items(
    reader: ReaderDep, page: PageDep, principal: Partner, filters: Annotated[ActionItemFilters, Query()]
) -> Response:
    """Follow-up actions per organisation or person; `overdue` flags open items past their due date."""
    owner_user_id = filters.owner_user_id
    if filters.mine:
        owner_user_id = principal.id if principal.kind == "user" else -1
    given = {
        "organisation_id": filters.organisation_id, "owner_user_id": owner_user_id, "body_id": filters.body_id,
        "meeting_id": filters.meeting_id, "decision_id": filters.decision_id, "status": filters.status,
    }  # fmt: skip
    # the caller's bodies are read by the page's statement: no statement for their roles first
    v = access.SqlViewer(principal)
    body = await action_items.list_page(reader, v=v, page=page, filters=given, overdue=filters.overdue)
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
