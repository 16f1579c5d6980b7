"""HTTP handlers for the decision register: list, record, read and correct decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import ReaderDep, SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.governance.meetings import access, decisions, register
from sammen.governance.meetings.deps import OptionalViewer, SignedInViewer
from sammen.governance.meetings.routes_meetings import CHANGE, CREATE
from sammen.governance.meetings.schemas import (
    DecisionCorrection,
    DecisionCreate,
    DecisionFilters,
    DecisionPublic,
)
from sammen.orgs.deps import IfMatchDep, OptionalPrincipal

decisions_router = DomainRouter(prefix="/decisions", tags=["decisions"])


@decisions_router.get("", response_model=Page[DecisionPublic], responses=problem_responses(422))
async def list_decisions(
    reader: ReaderDep,
    page: PageDep,
    principal: OptionalPrincipal,
    filters: Annotated[DecisionFilters, Query()],
) -> Response:
    """The decision register: filters, text search, and what each decision links to."""
    # the caller's bodies are read by the page's statement: no statement for their roles first
    found = await register.decision_page(
        reader,
        v=access.SqlViewer(principal),
        page=page,
        include_superseded=filters.include_superseded,
        **filters.model_dump(exclude={"include_superseded"}),
    )
    # the database built the page's JSON (Page[DecisionPublic], tests/test_hand_serialised.py)
    return Response(found, media_type="application/json")


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
