"""Decisions: numbering, corrections, the register with its references, and the check for amendments."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Integer, String, bindparam, literal_column, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, clock, links
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.idlist import within
from sammen.core.live import get_live, live
from sammen.core.reads import as_reader
from sammen.core.sqljson import StatementCache
from sammen.core.tables import Visibility
from sammen.goals import service as goals
from sammen.governance.bodies import service as bodies
from sammen.governance.meetings.access import (
    BEFORE_HELD,
    AnyViewer,
    Viewer,
    decisions_stmt,
    get_meeting,
    require_runner,
    restricted_clause,
    viewer_key,
)
from sammen.governance.meetings.linking import link_documents, link_pairs, set_links
from sammen.governance.meetings.models import (
    ActionItem,
    AgendaItem,
    Decision,
    DecisionKind,
    GovernanceLink,
    LinkSource,
    MeetingStatus,
)
from sammen.governance.meetings.schemas import (
    DecisionCorrection,
    DecisionCreate,
    DecisionPublic,
)

# ---------------------------------------------------------------- decisions
_ONE = StatementCache()


async def get_decision(session: AsyncSession, *, v: Viewer, decision_id: int) -> Decision:
    """The decision if the caller may see it (404 otherwise); its statement built once per viewer key."""
    stmt = _ONE.get(
        viewer_key(v), lambda: decisions_stmt(v).where(col(Decision.id) == bindparam("decision_id"))
    )
    decision = (await session.scalars(stmt, {"decision_id": decision_id})).first()
    if decision is None:
        raise NotFound(f"No decision {decision_id}.")
    assert isinstance(decision, Decision)
    return decision


async def require_decision(
    session: AsyncSession,
    *,
    decision_id: int,
    kinds: set[DecisionKind] | None,
    field: str,
    made_by_body_id: int | None = None,
    made_by_kind: bodies.BodyKind | None = None,
) -> Decision:
    """A reference to a decision must name one that exists, of the right kind, by the right body."""
    decision = await session.get(Decision, decision_id)
    if decision is None:
        raise field_error(field, f"no decision {decision_id}")
    if kinds is not None and decision.kind not in kinds:
        wanted = " or ".join(sorted(k.value for k in kinds))
        raise field_error(
            field, f"decision {decision_id} is of kind {decision.kind.value}; it must be {wanted}"
        )
    if made_by_body_id is not None and decision.body_id != made_by_body_id:
        raise field_error(field, f"decision {decision_id} was not made by body {made_by_body_id}")
    if made_by_kind is not None:
        body = await bodies.get_body(session, body_id=decision.body_id)
        if body.kind != made_by_kind:
            raise field_error(field, f"decision {decision_id} was not made by the {made_by_kind.value}")
    return decision


async def _next_number(session: AsyncSession, *, body_id: int, year: int) -> str:
    prefix = f"{year}-"
    numbers = await session.scalars(
        select(Decision.number).where(Decision.body_id == body_id, col(Decision.number).startswith(prefix))
    )
    running = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{(max(running) if running else 0) + 1:03d}"


async def create_decision(session: AsyncSession, *, v: Viewer, data: DecisionCreate) -> Decision:
    assert v.principal is not None
    try:
        meeting = await get_meeting(session, v=v, meeting_id=data.meeting_id)
    except NotFound:
        raise field_error("body.meeting_id", f"no meeting {data.meeting_id}") from None
    require_runner(v, meeting.body_id)
    if meeting.status in BEFORE_HELD or meeting.status == MeetingStatus.cancelled:
        raise Conflict(f"Decisions are made at a held meeting; this meeting is {meeting.status.value}.")
    restricted = meeting.visibility == Visibility.restricted
    if data.agenda_item_id is not None:
        item = await get_live(session, AgendaItem, data.agenda_item_id)
        if item is None or item.meeting_id != meeting.id:
            raise field_error("body.agenda_item_id", f"no agenda item {data.agenda_item_id} in this meeting")
        restricted = restricted or item.restricted
    pairs = link_pairs(data.links)
    await links.validate(session, v.principal, pairs)
    await bodies.check_decision_effects(
        session, approves_mandates=data.kind == DecisionKind.approve_mandate, deciding_body_id=meeting.body_id,
        targets=pairs,
    )  # fmt: skip
    decided_on = data.decided_on or clock.local_date(meeting.starts_at)
    number = data.number or await _next_number(session, body_id=meeting.body_id, year=decided_on.year)
    taken = (
        await session.scalars(
            select(Decision).where(Decision.body_id == meeting.body_id, Decision.number == number)
        )
    ).first()
    if taken is not None:
        raise field_error("body.number", f"the body already has decision {number}")
    decision = Decision(
        body_id=meeting.body_id,
        meeting_id=data.meeting_id,
        agenda_item_id=data.agenda_item_id,
        number=number,
        kind=data.kind,
        title=data.title,
        text=data.text,
        decided_on=decided_on,
        restricted=restricted,
        recorded_by=v.principal.name,
    )
    session.add(decision)
    await session.flush()
    assert decision.id is not None
    await set_links(session, source_type=LinkSource.decision, source_id=decision.id, pairs=pairs)
    audit.record(
        session, actor=v.principal, action="decision.create", object_type="decision", object_id=decision.id,
        after=audit.snapshot(decision), summary={"links": [f"{t.value}:{i}" for t, i in pairs]},
    )  # fmt: skip
    await bodies.apply_decision_effects(
        session, actor=v.principal, decision_id=decision.id,
        approves_mandates=decision.kind == DecisionKind.approve_mandate,
        sets_up_working_groups=decision.kind == DecisionKind.set_up_working_group,
        deciding_body_id=decision.body_id, decided_on=decided_on, targets=pairs,
    )  # fmt: skip
    return decision


async def correct_decision(
    session: AsyncSession, *, v: Viewer, decision: Decision, data: DecisionCorrection, expected_version: int
) -> Decision:
    """A correction: a new revision with the same number, pointing to the one it replaces."""
    assert v.principal is not None
    assert decision.id is not None
    require_runner(v, decision.body_id)
    if decision.superseded_by_id is not None:
        raise Conflict(
            f"Revision {decision.revision} is already corrected by decision {decision.superseded_by_id}."
        )
    if data.links is not None:
        pairs = link_pairs(data.links)
        await links.validate(session, v.principal, pairs)
    else:
        rows = await session.scalars(
            select(GovernanceLink)
            .where(GovernanceLink.source_type == LinkSource.decision, GovernanceLink.source_id == decision.id)
            .order_by(col(GovernanceLink.id))
        )
        pairs = [(r.target_type, r.target_id) for r in rows]
    before = audit.snapshot(decision)
    await claim_version(session, decision, expected_version)
    correction = Decision(
        body_id=decision.body_id,
        meeting_id=decision.meeting_id,
        agenda_item_id=decision.agenda_item_id,
        number=decision.number,
        kind=decision.kind,
        title=data.title or decision.title,
        text=data.text,
        decided_on=decision.decided_on,
        restricted=decision.restricted,
        recorded_by=v.principal.name,
        revision=decision.revision + 1,
        reason=data.reason,
        corrects_id=decision.id,
    )
    session.add(correction)
    await session.flush()
    assert correction.id is not None
    decision.superseded_by_id = correction.id
    await set_links(session, source_type=LinkSource.decision, source_id=correction.id, pairs=pairs)
    await session.flush()
    audit.record(
        session, actor=v.principal, action="decision.correct", object_type="decision", object_id=correction.id,
        before=before, after=audit.snapshot(correction), summary={"reason": data.reason, "corrects_id": decision.id},
    )  # fmt: skip
    return correction


# DecisionPublic's own fields, read from a Decision or a Core row of the decisions table
DECISION_FIELDS = (
    "id", "body_id", "meeting_id", "agenda_item_id", "number", "kind", "title", "text", "decided_on",
    "restricted", "recorded_by", "revision", "reason", "corrects_id", "superseded_by_id", "version",
)  # fmt: skip
_REFERENCES = StatementCache()


def references_union(v: AnyViewer, ids: str | Any) -> Any:
    """(decision_id, object_type, object_id, title, part) of what points at the decisions bound as
    `ids` (or those a select gives): amendments (partners), the bodies and mandates they set up,
    dissolved or approved, their action items (partners, restricted ones for the body's members),
    `part` numbering those kinds in that order."""
    branches = list(bodies.decision_references(ids))
    if v.is_partner:
        items = ActionItem.__table__  # type: ignore[attr-defined]
        branches.insert(0, goals.amendment_references(ids))
        branches.append(
            sa_select(
                items.c.decision_id, literal_column("'action_item'", String).label("object_type"),
                items.c.id.label("object_id"), items.c.title,
            ).where(
                within(items.c.decision_id, ids), live(items),
                restricted_clause(v, items.c.restricted, items.c.body_id),
            )
        )  # fmt: skip
    return union_all(
        *(
            branch.add_columns(literal_column(str(n), Integer).label("part"))
            for n, branch in enumerate(branches)
        )
    ).subquery("refs")


def _references_statement(v: Viewer) -> Any:
    """What points at the decisions bound as `ids`, in that order and by id within each kind."""
    everything = references_union(v, "ids")
    return sa_select(
        everything.c.decision_id, everything.c.object_type, everything.c.object_id, everything.c.title
    ).order_by(everything.c.part, everything.c.object_id)


async def _references(
    session: AsyncSession, *, v: Viewer, ids: Sequence[int]
) -> dict[int, list[dict[str, Any]]]:
    """What points at each decision, in one statement, as ReferencePublic's fields."""
    refs: dict[int, list[dict[str, Any]]] = {}
    if not ids:
        return refs
    stmt = _REFERENCES.get(viewer_key(v), lambda: _references_statement(v))
    for decision_id, object_type, object_id, title in await as_reader(session).rows(stmt, {"ids": list(ids)}):
        refs.setdefault(decision_id, []).append(
            {"object_type": object_type, "object_id": object_id, "title": title}
        )
    return refs


_fields_of = attrgetter(*DECISION_FIELDS)
DECISIONS: TypeAdapter[list[DecisionPublic]] = TypeAdapter(list[DecisionPublic])


async def decisions_public(
    session: AsyncSession, *, v: Viewer, decisions: Sequence[Any]
) -> list[DecisionPublic]:
    """Decisions (ORM objects or Core rows) with both directions: what each links to, and what
    points at it; validated once as a list (not model by model: a page has hundreds of them)."""
    ids = [d.id for d in decisions]
    by_decision = await link_documents(session, v=v, source_type=LinkSource.decision, source_ids=ids)
    references = await _references(session, v=v, ids=ids)
    docs = []
    for d in decisions:
        doc = dict(zip(DECISION_FIELDS, _fields_of(d), strict=True))
        doc["links"] = by_decision.get(d.id, [])
        doc["referenced_by"] = references.get(d.id, [])
        docs.append(doc)
    return DECISIONS.validate_python(docs)


async def check_amendment_decision(session: AsyncSession, decision_id: int) -> None:
    """Hook for the goals domain: an amendment's decision must exist and be of kind amend_agreement."""
    await require_decision(
        session,
        decision_id=decision_id,
        kinds={DecisionKind.amend_agreement},
        field="body.amendment.decision_id",
    )


goals.decision_checks.append(check_amendment_decision)
