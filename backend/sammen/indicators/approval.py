"""Approval: an editor of the owning organisation publishes the selected drafts of one indicator."""

from __future__ import annotations

from sqlalchemy import bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.errors import FieldError, Forbidden, ValidationFailed, field_error
from sammen.core.permissions import Permission, Principal
from sammen.core.tables import utcnow
from sammen.indicators import series
from sammen.indicators.models import Approval, Indicator, ObservationRevision
from sammen.indicators.observation_state import CURRENT_FIELDS, STATE_COLUMNS, published_values, revision_of
from sammen.indicators.periods import parse_period
from sammen.indicators.schemas import ApproveQueue, ApproveResult, ApproveSelection
from sammen.indicators.service import OBS, area_ids_by_code, visible_indicators


# ------------------------------------------------------------------ approval
async def approve(
    session: AsyncSession, *, actor: Principal, indicator: Indicator, selection: ApproveSelection
) -> ApproveResult:
    """Approve the selected drafts of one indicator (editors of the owner); one audit event."""
    if not actor.can(Permission.edit, indicator.owner_organisation_id):
        raise Forbidden("Only an editor of the owning organisation approves its values.")
    stmt = sa_select(
        OBS.c.id,
        OBS.c.area_id,
        OBS.c.entered_by_id,
        *STATE_COLUMNS,
    ).where(OBS.c.indicator_id == indicator.id, OBS.c.approval == Approval.draft.value)
    if selection.ids is not None:
        stmt = stmt.where(OBS.c.id.in_(selection.ids))
    if selection.areas is not None:
        areas = await area_ids_by_code(session)
        unknown = [a for a in selection.areas if a not in areas]
        if unknown:
            raise ValidationFailed(
                "unknown areas",
                errors=[FieldError(field="body.areas", message=f"unknown area {a!r}") for a in unknown],
            )
        stmt = stmt.where(OBS.c.area_id.in_([areas[a] for a in selection.areas]))
    if selection.periods is not None:
        codes = []
        for p in selection.periods:
            parsed = parse_period(p)
            if parsed is None:
                raise ValidationFailed(
                    "bad period", errors=[FieldError(field="body.periods", message=f"malformed period {p!r}")]
                )
            codes.append(parsed.code)
        stmt = stmt.where(OBS.c.period.in_(codes))
    rows = (await session.execute(stmt)).all()
    now = utcnow()
    who_id = actor.id if actor.kind == "user" else None
    revisions = [revision_of(r) for r in rows if r.published]
    updates = []
    self_count = 0
    for r in rows:
        current = {k: getattr(r, k) for k in CURRENT_FIELDS}
        own = who_id is not None and r.entered_by_id == who_id
        self_count += own
        updates.append(
            {
                **published_values(
                    current,
                    who_id,
                    actor.name,
                    now,
                    self_approved=own,
                    entered_by=r.entered_by,
                    entered_at=r.entered_at,
                ),
                "approval": Approval.approved.value,
                "updated_at": now,
                "b_id": r.id,
            }
        )
    if revisions:
        await session.execute(insert(ObservationRevision.__table__), revisions)  # type: ignore[attr-defined]
    if updates:
        cols = [k for k in updates[0] if k != "b_id"]
        stmt_u = (
            update(OBS)
            .where(OBS.c.id == bindparam("b_id"))
            .values({**{k: bindparam("b_" + k) for k in cols}, "version": OBS.c.version + 1})
        )
        params = [{"b_" + k if k != "b_id" else k: v for k, v in u.items()} for u in updates]
        await session.execute(stmt_u.execution_options(synchronize_session=False), params)
        assert indicator.id is not None
        # the status summary of the series just approved follows, in this transaction
        await series.refresh(session, indicator_ids=[indicator.id], area_ids={r.area_id for r in rows})
    result = ApproveResult(approved=len(updates), self_approved=self_count)
    audit.record(
        session,
        actor=actor,
        action="observations.approve",
        object_type="indicator",
        object_id=indicator.code,
        organisation_id=indicator.owner_organisation_id,
        summary={**result.model_dump(), "ids": [r.id for r in rows][:1000]},
        changed={"approved": [r.id for r in rows]},
    )
    return result


async def approve_queue(session: AsyncSession, *, actor: Principal, queue: ApproveQueue) -> ApproveResult:
    """Approve drafts across indicators, all or nothing: each indicator's editors only; one audit
    event per indicator, as approving on the indicator writes."""
    rows = (
        await session.execute(
            sa_select(OBS.c.id, OBS.c.indicator_id).where(
                OBS.c.id.in_(queue.ids), OBS.c.approval == Approval.draft.value
            )
        )
    ).all()
    by_indicator: dict[int, list[int]] = {}
    for row in rows:
        by_indicator.setdefault(row.indicator_id, []).append(row.id)
    # Drafts are their owner's only: another organisation's drafts are as unknown as missing ids.
    indicators = {
        i.id: i
        for i in await session.scalars(
            select(Indicator).where(col(Indicator.id).in_(list(by_indicator)), visible_indicators(actor))
        )
        if i.owner_organisation_id in actor.org_ids or actor.can(Permission.edit, i.owner_organisation_id)
    }
    unknown = sorted(set(queue.ids) - {i for k, ids in by_indicator.items() if k in indicators for i in ids})
    editable = {k for k, ind in indicators.items() if actor.can(Permission.edit, ind.owner_organisation_id)}
    hidden = [i for k, ids in by_indicator.items() if k in indicators and k not in editable for i in ids]
    if hidden:
        raise Forbidden("Only an editor of the owning organisation approves its values.")
    if unknown:
        raise field_error("body.ids", f"no drafts {unknown}")
    approved = self_approved = 0
    for indicator_id, ids in sorted(by_indicator.items()):
        result = await approve(
            session, actor=actor, indicator=indicators[indicator_id], selection=ApproveSelection(ids=ids)
        )
        approved += result.approved
        self_approved += result.self_approved
    return ApproveResult(approved=approved, self_approved=self_approved)
