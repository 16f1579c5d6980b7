"""Writing observations: the all-or-nothing write a JSON batch and a CSV/XLSX import share.

Rows are first checked by `validation.validate_rows`; `write_candidates` then writes all or
nothing: new rows in bulk (`bulk_insert`), changed rows by one executemany UPDATE, one audit
event with the summary.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import String, bindparam, insert, type_coerce, update
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import audit
from sammen.core.errors import Conflict, FieldError, Forbidden, ValidationFailed
from sammen.core.outages import is_unique_violation
from sammen.core.permissions import Permission, Principal
from sammen.core.table_files import row_error
from sammen.core.tables import utcnow
from sammen.indicators import series
from sammen.indicators.bulk_insert import INSERT_COLUMNS as INSERT_COLUMNS
from sammen.indicators.bulk_insert import NO_PUB, Native, bulk_insert
from sammen.indicators.cells import STATUS_WORDS as STATUS_WORDS
from sammen.indicators.cells import parse_count as parse_count
from sammen.indicators.cells import parse_number as parse_number
from sammen.indicators.models import Approval, ObservationRevision
from sammen.indicators.observation_state import CURRENT_FIELDS as CURRENT_FIELDS
from sammen.indicators.observation_state import STATE_COLUMNS as STATE_COLUMNS
from sammen.indicators.observation_state import published_values as published_values
from sammen.indicators.observation_state import revision_of as revision_of
from sammen.indicators.schemas import WriteSummary
from sammen.indicators.service import OBS
from sammen.indicators.validation import Candidate as Candidate
from sammen.indicators.validation import RawRow as RawRow
from sammen.indicators.validation import WriteContext as WriteContext
from sammen.indicators.validation import batch_rows as batch_rows
from sammen.indicators.validation import validate_rows as validate_rows
from sammen.indicators.validation import write_context as write_context


async def write_candidates(
    session: AsyncSession,
    *,
    actor: Principal,
    ctx: WriteContext,
    candidates: list[Candidate],
    rows: int,
    dry_run: bool,
    approve: bool,
    action: str,
    object_id: str,
) -> WriteSummary:
    """Upsert the validated rows in bulk; all or nothing: any error and nothing is written."""
    if approve:
        for ind in {c.indicator_id: c.indicator for c in candidates}.values():
            if not actor.can(Permission.edit, ind.owner_organisation_id):
                ctx.errors.append(
                    FieldError(field="query.approve", message=f"approving {ind.code!r} needs an editor")
                )
                ctx.forbidden = True
    indicator_ids = sorted({c.indicator_id for c in candidates})
    existing: dict[tuple[int, int, str], Any] = {}
    if indicator_ids:
        stmt = sa_select(
            OBS.c.id,
            OBS.c.indicator_id,
            OBS.c.area_id,
            OBS.c.period,
            *STATE_COLUMNS,
            type_coerce(OBS.c.approval, String).label("approval"),
        ).where(OBS.c.indicator_id.in_(indicator_ids))
        area_ids = {c.area_id for c in candidates}
        if len(area_ids) <= 1000:  # load only what the rows can meet, not a whole long series
            stmt = stmt.where(OBS.c.area_id.in_(sorted(area_ids)))
        for r in (await session.execute(stmt)).all():
            existing[(r.indicator_id, r.area_id, r.period)] = r
    now = utcnow()
    who = actor.name
    who_id = actor.id if actor.kind == "user" else None
    connection = await session.connection()
    native = Native(connection.dialect.name)
    now_db = native.moment(now)
    inserts: list[tuple[Any, ...]] = []
    updates: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    unchanged = 0
    for c in candidates:
        old = existing.get((c.indicator_id, c.area_id, c.period.code))
        current = {
            "value": c.value,
            "missing_reason": c.missing_reason,
            "n": c.n,
            "status": c.status.value,
            "comment": c.comment,
        }
        same = old is not None and all(getattr(old, k) == current[k] for k in CURRENT_FIELDS)
        if same and (not approve or (old is not None and old.approval == Approval.approved.value)):
            unchanged += 1
            continue
        values = {
            **current,
            "approval": Approval.approved.value if approve else Approval.draft.value,
            "entered_by_id": who_id,
            "entered_by": who,
            "entered_at": now,
            "updated_at": now,
        }
        if approve:
            values.update(
                published_values(
                    current, who_id, who, now, self_approved=True, entered_by=who, entered_at=now
                )
            )
        if old is None:
            status_value = current["status"]
            inserts.append(
                (
                    1, c.indicator_id, c.area_id, c.period.code, c.period.kind, native.day(c.period.start),
                    c.value, c.missing_reason, c.n, status_value, c.comment, values["approval"],
                    who_id, who, now_db, native.yes if approve else native.no,
                    *((c.value, c.missing_reason, c.n, status_value, c.comment, who_id, who, now_db)
                      if approve else NO_PUB),
                    native.yes if approve else native.no, now_db, now_db,
                    who if approve else None, now_db if approve else None,
                )
            )  # fmt: skip
        else:
            if approve and old.published:
                revisions.append(revision_of(old))
            updates.append({**values, "b_id": old.id})
    summary = WriteSummary(
        dry_run=dry_run,
        valid=not ctx.errors,
        rows=rows,
        created=len(inserts),
        updated=len(updates),
        unchanged=unchanged,
        approved=(len(inserts) + len(updates)) if approve else 0,
        errors=ctx.errors,
    )
    if dry_run:
        return summary
    if ctx.errors:
        detail = f"{len(ctx.errors)} problem(s); nothing was written. First: {ctx.errors[0].field}: {ctx.errors[0].message}"
        if ctx.forbidden:
            raise Forbidden(detail, errors=ctx.errors)
        raise ValidationFailed(detail, errors=ctx.errors)
    if revisions:
        await session.execute(insert(ObservationRevision.__table__), revisions)  # type: ignore[attr-defined]
    if inserts:
        try:
            await bulk_insert(session, native, inserts)
        except Exception as exc:
            if not is_unique_violation(exc):
                raise
            raise _written_meanwhile(exc, candidates) from exc
    if updates:
        by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for u in updates:
            by_shape.setdefault(tuple(sorted(u)), []).append(u)
        for shape, batch in by_shape.items():
            cols = [k for k in shape if k != "b_id"]
            stmt_u = (
                update(OBS)
                .where(OBS.c.id == bindparam("b_id"))
                .values({**{k: bindparam("b_" + k) for k in cols}, "version": OBS.c.version + 1})
            )
            params = [{"b_" + k if k != "b_id" else k: v for k, v in u.items()} for u in batch]
            await session.execute(stmt_u.execution_options(synchronize_session=False), params)
    if approve:  # approved values changed: the status summary follows in this transaction
        await series.refresh(session, indicator_ids=indicator_ids, area_ids={c.area_id for c in candidates})
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type="observations",
        object_id=object_id,
        summary=summary.model_dump(mode="json", exclude={"errors"}),
        changed={"approved": await _written_ids(session, indicator_ids, now)} if approve else None,
    )
    return summary


_KEY_DETAIL = re.compile(r"\(indicator_id, area_id, period\)=\((\d+), (\d+), ([^)]+)\)")


def _written_meanwhile(exc: Exception, candidates: list[Candidate]) -> Conflict:
    """Another import or batch inserted some of the same observations between our read and our
    insert (PostgreSQL; SQLite's writers queue). Nothing of this one is written: send it again."""
    rows = {(c.indicator_id, c.area_id, c.period.code): c.row for c in candidates}
    found = _KEY_DETAIL.search(str(exc))
    row = rows.get((int(found.group(1)), int(found.group(2)), found.group(3))) if found else None
    errors = (
        [
            row_error(
                row,
                "period",
                "observations.written_meanwhile",
                "written by another import at the same moment",
            )
        ]
        if row is not None
        else []
    )
    return Conflict(
        "Another import or batch wrote some of these observations at the same moment; nothing was "
        "written. Send it again.",
        errors=errors,
    )


async def _written_ids(session: AsyncSession, indicator_ids: list[int], stamp: dt.datetime) -> list[int]:
    """The ids of the rows this write stamped (inserted rows get theirs from the database)."""
    stmt = sa_select(OBS.c.id).where(OBS.c.indicator_id.in_(indicator_ids), OBS.c.updated_at == stamp)
    return [row[0] for row in await session.execute(stmt)]
