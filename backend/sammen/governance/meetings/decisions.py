"""Decisions: numbering, corrections, the register with its references, and the check for amendments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Integer, String, literal_column, or_, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, clock, links
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.idlist import among
from sammen.core.links import LinkTargetType
from sammen.core.live import get_live, live
from sammen.core.pagination import PageParams, fetch_rows
from sammen.core.search import contains_text
from sammen.core.tables import Visibility
from sammen.goals import service as goals
from sammen.governance.bodies import service as bodies
from sammen.governance.meetings.access import (
    BEFORE_HELD,
    Viewer,
    decisions_stmt,
    get_meeting,
    require_runner,
    restricted_clause,
)
from sammen.governance.meetings.linking import link_pairs, links_of, set_links
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
    ReferencePublic,
)


# ---------------------------------------------------------------- decisions
async def get_decision(session: AsyncSession, *, v: Viewer, decision_id: int) -> Decision:
    decision = (await session.scalars(decisions_stmt(v).where(Decision.id == decision_id))).first()
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


async def list_decisions(
    session: AsyncSession,
    *,
    v: Viewer,
    page: PageParams,
    body_id: int | None = None,
    meeting_id: int | None = None,
    kind: DecisionKind | None = None,
    target_type: LinkTargetType | None = None,
    target_id: int | None = None,
    q: str | None = None,
    decided_from: dt.date | None = None,
    decided_to: dt.date | None = None,
    include_superseded: bool = False,
) -> tuple[list[Decision], int]:
    # the page as Core rows (attribute access as on a Decision, without building ORM objects)
    stmt = (
        decisions_stmt(v)
        .with_only_columns(*Decision.__table__.c)  # type: ignore[attr-defined]
        .order_by(col(Decision.decided_on).desc(), col(Decision.id).desc())
    )
    if not include_superseded:
        stmt = stmt.where(col(Decision.superseded_by_id).is_(None))
    if body_id is not None:
        stmt = stmt.where(Decision.body_id == body_id)
    if meeting_id is not None:
        stmt = stmt.where(Decision.meeting_id == meeting_id)
    if kind is not None:
        stmt = stmt.where(Decision.kind == kind)
    if decided_from is not None:
        stmt = stmt.where(col(Decision.decided_on) >= decided_from)
    if decided_to is not None:
        stmt = stmt.where(col(Decision.decided_on) <= decided_to)
    if q and q.strip():
        stmt = stmt.where(
            or_(
                contains_text(Decision.title, q),
                contains_text(Decision.text, q),
                contains_text(Decision.number, q),
            )
        )
    if target_type is not None:
        linked = select(GovernanceLink.source_id).where(
            GovernanceLink.source_type == LinkSource.decision, GovernanceLink.target_type == target_type
        )
        if target_id is not None:
            linked = linked.where(GovernanceLink.target_id == target_id)
        stmt = stmt.where(col(Decision.id).in_(linked))
    rows, total = await fetch_rows(session, stmt, page)
    return list(rows), total  # type: ignore[arg-type]


async def _references(
    session: AsyncSession, *, v: Viewer, ids: Sequence[int]
) -> dict[int, list[ReferencePublic]]:
    """What points at each decision, in one statement: amendments (partners), the bodies and
    mandates it set up, dissolved or approved, its action items (partners, restricted ones for
    the body's members), in that order and by id within each."""
    refs: dict[int, list[ReferencePublic]] = {}
    if not ids:
        return refs
    branches = list(bodies.decision_references(ids))
    if v.is_partner:
        items = ActionItem.__table__  # type: ignore[attr-defined]
        branches.insert(0, goals.amendment_references(ids))
        branches.append(
            sa_select(
                items.c.decision_id, literal_column("'action_item'", String).label("object_type"),
                items.c.id.label("object_id"), items.c.title,
            ).where(
                among(items.c.decision_id, ids), live(items),
                restricted_clause(v, items.c.restricted, items.c.body_id),
            )
        )  # fmt: skip
    everything = union_all(
        *(
            branch.add_columns(literal_column(str(n), Integer).label("part"))
            for n, branch in enumerate(branches)
        )
    ).subquery()
    stmt = sa_select(everything).order_by(everything.c.part, everything.c.object_id)
    for row in await session.execute(stmt):
        refs.setdefault(row.decision_id, []).append(
            ReferencePublic(object_type=row.object_type, object_id=row.object_id, title=row.title)
        )
    return refs


async def decisions_public(
    session: AsyncSession, *, v: Viewer, decisions: Sequence[Decision]
) -> list[DecisionPublic]:
    """Decisions with both directions: what each links to, and what points at it."""
    ids = [d.id for d in decisions if d.id is not None]
    by_decision = await links_of(session, v=v, source_type=LinkSource.decision, source_ids=ids)
    references = await _references(session, v=v, ids=ids)
    out = []
    for d in decisions:
        assert d.id is not None
        out.append(
            DecisionPublic(
                id=d.id, body_id=d.body_id, meeting_id=d.meeting_id, agenda_item_id=d.agenda_item_id,
                number=d.number, kind=d.kind, title=d.title, text=d.text, decided_on=d.decided_on,
                restricted=d.restricted, recorded_by=d.recorded_by, revision=d.revision, reason=d.reason,
                corrects_id=d.corrects_id, superseded_by_id=d.superseded_by_id, links=by_decision.get(d.id, []),
                referenced_by=references.get(d.id, []),
                version=d.version,
            )
        )  # fmt: skip
    return out


async def check_amendment_decision(session: AsyncSession, decision_id: int) -> None:
    """Hook for the goals domain: an amendment's decision must exist and be of kind amend_agreement."""
    await require_decision(
        session,
        decision_id=decision_id,
        kinds={DecisionKind.amend_agreement},
        field="body.amendment.decision_id",
    )


goals.decision_checks.append(check_amendment_decision)
