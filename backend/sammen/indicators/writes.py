"""Writing observations: the pipeline a JSON batch and a CSV/XLSX import share.

`validate_rows` finds every error (with row and column; permissions per row), then
`write_candidates` writes all or nothing: new rows by executemany / COPY on the session's own
connection, changed rows by one executemany UPDATE, one audit event with the summary.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, bindparam, insert, type_coerce, update
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sammen.core import audit
from sammen.core.errors import Conflict, FieldError, Forbidden, ValidationFailed
from sammen.core.fields import MAX_INT, control_character_problem
from sammen.core.outages import is_unique_violation
from sammen.core.permissions import Permission, Principal
from sammen.core.table_files import row_error
from sammen.core.tables import utcnow
from sammen.indicators import series
from sammen.indicators.models import Approval, Indicator, ObservationRevision, ObservationStatus
from sammen.indicators.periods import FITS, Period, parse_period, period_error
from sammen.indicators.schemas import ObservationIn, WriteSummary
from sammen.indicators.service import OBS, area_ids_by_code, visible_indicators

# A row's current value, its published copy and who entered and approved them: what writing and
# approving need to decide what changes and what goes to the history.
STATE_COLUMNS = (
    OBS.c.value,
    OBS.c.missing_reason,
    OBS.c.n,
    type_coerce(OBS.c.status, String).label("status"),
    OBS.c.comment,
    OBS.c.published,
    OBS.c.pub_value,
    OBS.c.pub_missing_reason,
    OBS.c.pub_n,
    type_coerce(OBS.c.pub_status, String).label("pub_status"),
    OBS.c.pub_comment,
    OBS.c.entered_by,
    OBS.c.entered_at,
    OBS.c.pub_entered_by,
    OBS.c.pub_entered_at,
    OBS.c.approved_by,
    OBS.c.approved_at,
    OBS.c.self_approved,
)


# ------------------------------------------------------------ writing data
@dataclass
class RawRow:
    """One incoming row, as text or already typed (JSON batch); `row` is its number for errors."""

    row: int
    indicator: str | None
    area: Any
    period: Any
    value: Any = None
    n: Any = None
    status: Any = None
    comment: Any = None
    missing_reason: Any = None


@dataclass
class Candidate:
    row: int
    indicator: Indicator
    indicator_id: int
    area_id: int
    period: Period
    value: float | None
    missing_reason: str | None
    n: int | None
    status: ObservationStatus
    comment: str | None


STATUS_WORDS = {
    "provisional": ObservationStatus.provisional,
    "foreløbig": ObservationStatus.provisional,
    "final": ObservationStatus.final,
    "endelig": ObservationStatus.final,
    "series_break": ObservationStatus.series_break,
    "series break": ObservationStatus.series_break,
    "databrud": ObservationStatus.series_break,
}


def parse_number(raw: Any) -> float | None:
    """A number from JSON or text: decimal point or decimal comma; empty is None."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("expected a number")
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str) and "," not in raw and "_" not in raw:
        if not raw or raw.isspace():
            return None
        value = float(raw)
    else:
        text = str(raw).strip()
        if not text:
            return None
        if "," in text:
            if "." in text:  # 1.234,5 (Danish thousands) or 1,234.5
                text = (
                    text.replace(".", "").replace(",", ".")
                    if text.rfind(",") > text.rfind(".")
                    else text.replace(",", "")
                )
            else:
                text = text.replace(",", ".")
        value = float(text)
    if math.isnan(value) or math.isinf(value):
        raise ValueError("expected a finite number")
    return value


def parse_count(raw: Any) -> int | None:
    """A count from JSON or text; the ValueError's text is one of the catalogue's (never Python's own)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("expected a whole number")
    if isinstance(raw, int):
        n = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit():
        n = int(raw) if len(raw) <= 12 else MAX_INT + 1
    else:
        try:
            number = parse_number(raw)
        except ValueError:  # not a number at all, or not a finite one
            raise ValueError("expected a whole number") from None
        if number is None:
            return None
        if number != int(number):
            raise ValueError("expected a whole number")
        n = int(number)
    if n < 0:
        raise ValueError("must not be negative")
    if n > MAX_INT:
        raise ValueError(f"larger than {MAX_INT:,}")
    return n


def _text(raw: Any, limit: int, *, multiline: bool) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if len(text) > limit:
        raise ValueError(f"longer than {limit} characters")
    problem = control_character_problem(text, multiline=multiline)
    if problem is not None:
        raise ValueError(problem)
    return text or None


@dataclass
class WriteContext:
    """What validating rows needs: the catalogue the caller may see, the areas and the caller."""

    principal: Principal
    indicators: dict[str, Indicator]
    areas: dict[str, int]
    errors: list[FieldError] = field(default_factory=list)
    forbidden: bool = False

    def error(
        self, row: int, column: str, message: str, *, code: str, value: Any = None, **params: Any
    ) -> None:
        """One cell's problem; `code` as in core/messages/ ("" where the text varies: the catalogue
        recognises it); `value` is what the cell held, as given."""
        shown = value if value is None or isinstance(value, int | float | str) else str(value)
        self.errors.append(row_error(row, column, code, message, value=shown, **params))


async def write_context(session: AsyncSession, *, principal: Principal) -> WriteContext:
    indicators = list((await session.scalars(select(Indicator).where(visible_indicators(principal)))).all())
    return WriteContext(
        principal=principal,
        indicators={i.code: i for i in indicators},
        areas=await area_ids_by_code(session),
    )


def validate_rows(ctx: WriteContext, rows: Iterable[RawRow]) -> list[Candidate]:
    """Check every row (all problems, not the first); permissions are checked per row."""
    out: list[Candidate] = []
    seen: dict[tuple[int, int, str], int] = {}
    # Per indicator, once: (indicator, id, period kinds that fit, may the caller write it).
    info: dict[str, tuple[Indicator, int, frozenset[str], bool]] = {}
    for code, ind in ctx.indicators.items():
        assert ind.id is not None
        may = ctx.principal.can(Permission.report, ind.owner_organisation_id)
        info[code] = (ind, ind.id, FITS.get(ind.periodicity.value, frozenset()), may)
    for raw in rows:
        ok = True
        code = raw.indicator.strip() if isinstance(raw.indicator, str) else str(raw.indicator or "")
        found = info.get(code)
        indicator: Indicator | None = None
        indicator_id = 0
        kinds: frozenset[str] = frozenset()
        if not code:
            ctx.error(raw.row, "indicator", "no indicator given", code="observations.no_indicator")
            ok = False
        elif found is None:
            ctx.error(
                raw.row,
                "indicator",
                f"unknown indicator {raw.indicator!r}",
                code="observations.unknown_indicator",
                value=raw.indicator,
            )
            ok = False
        else:
            indicator, indicator_id, kinds, may = found
            if not may:
                ctx.error(
                    raw.row,
                    "indicator",
                    f"your organisation does not own {indicator.code!r}",
                    code="observations.not_owner",
                    value=indicator.code,
                )
                ctx.forbidden = True
                ok = False
        area_code = raw.area.strip() if isinstance(raw.area, str) else str(raw.area or "")
        area_id = ctx.areas.get(area_code)
        if not area_code:
            ctx.error(raw.row, "area", "no area given", code="observations.no_area")
            ok = False
        elif area_id is None:
            ctx.error(
                raw.row,
                "area",
                f"unknown area {raw.area!r}",
                code="observations.unknown_area",
                value=raw.area,
            )
            ok = False
        period: Period | None = None
        period_text = (
            raw.period.strip()
            if isinstance(raw.period, str)
            else ("" if raw.period is None else str(raw.period))
        )
        if indicator is not None:
            period = parse_period(period_text)
            if period is None or period.kind not in kinds:
                ctx.error(
                    raw.row,
                    "period",
                    period_error(period_text, indicator.periodicity.value) or "?",
                    code="",  # periods.*: the text says which problem
                    value=period_text,
                )
                ok = False
                period = None
        value: float | None = None
        try:
            value = parse_number(raw.value)
        except ValueError:
            ctx.error(
                raw.row,
                "value",
                f"not a number: {raw.value!r}",
                code="observations.not_a_number",
                value=raw.value,
            )
            ok = False
        n: int | None = None
        try:
            n = parse_count(raw.n)
        except ValueError as exc:
            ctx.error(raw.row, "n", f"{exc}: {raw.n!r}", code="", value=raw.n)  # observations.count_*
            ok = False
        status = ObservationStatus.provisional
        if raw.status is not None and str(raw.status).strip():
            word = str(raw.status).strip().lower()
            named = STATUS_WORDS.get(word)
            if named is None:
                ctx.error(
                    raw.row,
                    "status",
                    f"expected provisional, final or series_break, not {raw.status!r}",
                    code="observations.bad_status",
                    value=raw.status,
                )
                ok = False
            else:
                status = named
        comment = reason = None
        try:
            comment = _text(raw.comment, 2000, multiline=True)
        except ValueError as exc:
            ctx.error(raw.row, "comment", str(exc), code="", value=raw.comment)
            ok = False
        try:
            reason = _text(raw.missing_reason, 500, multiline=False)
        except ValueError as exc:
            ctx.error(raw.row, "missing_reason", str(exc), code="", value=raw.missing_reason)
            ok = False
        if ok and value is None and reason is None and str(raw.value or "").strip() == "":
            ctx.error(
                raw.row,
                "value",
                "give a value, or a missing_reason when there is none",
                code="observations.value_missing",
            )
            ok = False
        if ok and value is not None and reason is not None:
            ctx.error(
                raw.row,
                "missing_reason",
                "only allowed when there is no value",
                code="observations.reason_with_value",
            )
            ok = False
        if not ok or indicator is None or period is None or area_id is None:
            continue
        key = (indicator_id, area_id, period.code)
        if key in seen:
            ctx.error(
                raw.row,
                "period",
                f"the same indicator, area and period as row {seen[key]}",
                code="observations.duplicate",
                other=seen[key],
            )
            continue
        seen[key] = raw.row
        out.append(
            Candidate(raw.row, indicator, indicator_id, area_id, period, value, reason, n, status, comment)
        )
    return out


CURRENT_FIELDS = ("value", "missing_reason", "n", "status", "comment")


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
    native = _Native(connection.dialect.name)
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
                      if approve else _NO_PUB),
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
            await _bulk_insert(session, native, inserts)
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


INSERT_COLUMNS = (
    "version", "indicator_id", "area_id", "period", "period_kind", "period_start", "value", "missing_reason",
    "n", "status", "comment", "approval", "entered_by_id", "entered_by", "entered_at", "published",
    "pub_value", "pub_missing_reason", "pub_n", "pub_status", "pub_comment", "approved_by_id", "approved_by",
    "approved_at", "self_approved", "created_at", "updated_at", "pub_entered_by", "pub_entered_at",
)  # fmt: skip
_NO_PUB = (None, None, None, None, None, None, None, None)
# Built from the constant column list above, never from input.
_SQLITE_INSERT = "INSERT INTO observations ({}) VALUES ({})".format(  # noqa: S608
    ", ".join(INSERT_COLUMNS), ", ".join("?" for _ in INSERT_COLUMNS)
)
_PG_COPY = "COPY observations ({}) FROM STDIN".format(", ".join(INSERT_COLUMNS))


class _Native:
    """Values as the driver stores them, so bulk inserts skip SQLAlchemy's per-value processing.

    SQLite: the formats SQLAlchemy itself writes (naive UTC "YYYY-MM-DD HH:MM:SS.ffffff",
    ISO dates, 0/1); PostgreSQL (psycopg adapts Python values): the values themselves.
    """

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.sqlite = dialect == "sqlite"
        self.yes: Any = 1 if self.sqlite else True
        self.no: Any = 0 if self.sqlite else False

    def moment(self, value: dt.datetime) -> Any:
        if self.sqlite:
            return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        return value

    def day(self, value: dt.date) -> Any:
        return value.isoformat() if self.sqlite else value


async def _bulk_insert(session: AsyncSession, native: _Native, rows: list[tuple[Any, ...]]) -> None:
    """executemany (SQLite) or COPY (PostgreSQL) on the session's own connection and transaction."""
    connection = await session.connection()
    raw: Any = (await connection.get_raw_connection()).driver_connection
    if native.dialect == "sqlite" and raw is not None:
        await raw.executemany(_SQLITE_INSERT, rows)
    elif native.dialect == "postgresql" and raw is not None:
        async with raw.cursor() as cursor, cursor.copy(_PG_COPY) as copy:
            for row in rows:
                await copy.write_row(row)
    else:
        await session.execute(insert(OBS), [dict(zip(INSERT_COLUMNS, row, strict=True)) for row in rows])


def published_values(
    current: dict[str, Any],
    who_id: int | None,
    who: str,
    now: dt.datetime,
    *,
    self_approved: bool,
    entered_by: str,
    entered_at: dt.datetime,
) -> dict[str, Any]:
    return {
        "published": True,
        "pub_entered_by": entered_by,
        "pub_entered_at": entered_at,
        "pub_value": current["value"],
        "pub_missing_reason": current["missing_reason"],
        "pub_n": current["n"],
        "pub_status": current["status"],
        "pub_comment": current["comment"],
        "approved_by_id": who_id,
        "approved_by": who,
        "approved_at": now,
        "self_approved": self_approved,
    }


def revision_of(old: Any) -> dict[str, Any]:
    return {
        "observation_id": old.id,
        "value": old.pub_value,
        "missing_reason": old.pub_missing_reason,
        "n": old.pub_n,
        "status": old.pub_status,
        "comment": old.pub_comment,
        "entered_by": old.pub_entered_by or old.entered_by,
        "entered_at": old.pub_entered_at or old.entered_at,
        "approved_by": old.approved_by or "?",
        "approved_at": old.approved_at,
        "self_approved": bool(old.self_approved),
    }


def batch_rows(indicator: Indicator, items: Sequence[ObservationIn]) -> list[RawRow]:
    return [
        RawRow(
            row=k + 1,
            indicator=indicator.code,
            area=item.area,
            period=item.period,
            value=item.value,
            n=item.n,
            status=item.status.value,
            comment=item.comment,
            missing_reason=item.missing_reason,
        )
        for k, item in enumerate(items)
    ]
