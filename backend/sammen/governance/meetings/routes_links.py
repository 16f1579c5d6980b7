"""HTTP handlers for links from agenda items and decisions to other objects (goals, mandates, ...)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from sammen.core import links
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.links import LinkTargetType
from sammen.core.pagination import Page
from sammen.core.routing import DomainRouter
from sammen.governance.meetings import linking
from sammen.governance.meetings.deps import OptionalViewer
from sammen.governance.meetings.schemas import LinkedFrom, LinkKindPublic, LinkTargetPublic

links_router = DomainRouter(prefix="/links", tags=["links"])


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
