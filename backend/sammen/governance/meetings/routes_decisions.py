"""HTTP handlers for the decision register: list, record, read and correct decisions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query, Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.links import LinkTargetType
from sammen.core.pagination import Page, PageDep
from sammen.core.reads import as_reader
from sammen.core.routing import DomainRouter
from sammen.governance.meetings import decisions, register
from sammen.governance.meetings.deps import OptionalViewer, SignedInViewer
from sammen.governance.meetings.models import DecisionKind
from sammen.governance.meetings.routes_meetings import CHANGE, CREATE
from sammen.governance.meetings.schemas import DecisionCorrection, DecisionCreate, DecisionPublic
from sammen.orgs.deps import IfMatchDep

decisions_router = DomainRouter(prefix="/decisions", tags=["decisions"])


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
    found = await register.decision_page(
        as_reader(session), v=v, page=page, body_id=body_id, meeting_id=meeting_id, kind=kind,
        target_type=target_type, target_id=target_id, q=q, decided_from=decided_from, decided_to=decided_to,
        include_superseded=include_superseded,
    )  # fmt: skip
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
