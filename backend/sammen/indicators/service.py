"""Areas, the indicator catalogue and observations: reads scoped by visibility, bulk writes, approval.

Who sees what (DESIGN.md): an indicator's visibility decides who may read it at all. The
owning organisation's members see the current entries (drafts included) and real values;
everyone else sees only approved values, and a value whose n is below the indicator's
minimum as withheld (value and n absent, flag set). Both rules are SQL expressions, so
lists and streamed exports apply them without touching rows in Python.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    true,
    type_coerce,
    update,
)
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, links
from sammen.core.errors import FieldError, Forbidden, NotFound, Unauthorized, ValidationFailed
from sammen.core.links import LinkTarget, LinkTargetType
from sammen.core.permissions import Permission, Principal, can_read, visibility_clause
from sammen.core.tables import utcnow
from sammen.goals import service as goals_service
from sammen.indicators.models import (
    Approval,
    Area,
    Indicator,
    IndicatorGoal,
    Observation,
    ObservationRevision,
    ObservationStatus,
    ReferenceLine,
)
from sammen.indicators.periods import FITS, Period, parse_period, period_error
from sammen.indicators.schemas import (
    ApproveResult,
    ApproveSelection,
    AreaPublic,
    IndicatorPublic,
    ObservationDetail,
    ObservationIn,
    ObservationPublic,
    ReferenceLinePublic,
    RevisionPublic,
    WriteSummary,
)
from sammen.orgs import service as orgs_service

OBS = Observation.__table__  # type: ignore[attr-defined]
IND = Indicator.__table__  # type: ignore[attr-defined]
AREA = Area.__table__  # type: ignore[attr-defined]
MAX_IMPORT_ROWS = 200_000


# ------------------------------------------------------------------ areas
async def list_areas(session: AsyncSession) -> list[AreaPublic]:
    areas = list((await session.scalars(select(Area).order_by(col(Area.position), col(Area.id)))).all())
    codes = {a.id: a.code for a in areas}
    return [
        AreaPublic(
            code=a.code,
            name=a.name,
            kind=a.kind,
            dst_code=a.dst_code,
            parent=codes.get(a.parent_id) if a.parent_id else None,
        )
        for a in areas
    ]


async def area_ids_by_code(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(sa_select(AREA.c.code, AREA.c.id))
    return {r.code: r.id for r in rows}


# ------------------------------------------------------------- indicators
def visible_indicators(principal: Principal | None) -> ColumnElement[bool]:
    return visibility_clause(principal, col(Indicator.visibility), col(Indicator.owner_organisation_id))


def is_owner(principal: Principal | None, indicator: Indicator) -> bool:
    return principal is not None and indicator.owner_organisation_id in principal.org_ids


def min_n_of(indicator: Indicator, default: int) -> int:
    return indicator.min_n if indicator.min_n is not None else default


async def list_indicators(
    session: AsyncSession, *, principal: Principal | None, goal: str | None = None
) -> list[Indicator]:
    stmt = select(Indicator).where(visible_indicators(principal))
    if goal is not None:
        goal_ids = await goal_and_children_ids(session, principal=principal, code=goal)
        stmt = stmt.where(
            col(Indicator.id).in_(
                sa_select(col(IndicatorGoal.indicator_id)).where(col(IndicatorGoal.goal_id).in_(goal_ids))
            )
        )
    return list((await session.scalars(stmt.order_by(col(Indicator.position), col(Indicator.id)))).all())


async def goal_and_children_ids(
    session: AsyncSession, *, principal: Principal | None, code: str
) -> list[int]:
    """The ids of a goal (by code) and its sub-objectives, as far as the caller may see them."""
    for goal in await goals_service.goal_tree(session, principal=principal):
        if goal.code == code:
            return [goal.id, *(s.id for s in goal.sub_objectives)]
        for sub in goal.sub_objectives:
            if sub.code == code:
                return [sub.id]
    raise NotFound(f"No goal {code!r}.")


async def get_indicator(session: AsyncSession, *, principal: Principal | None, code: str) -> Indicator:
    """The indicator with `code`, or 404 when it does not exist or the caller may not read it."""
    indicator = (await session.scalars(select(Indicator).where(Indicator.code == code))).first()
    if indicator is None or not can_read(principal, indicator.visibility, indicator.owner_organisation_id):
        if principal is None and indicator is not None:
            raise Unauthorized("Sign in to read this indicator.")
        raise NotFound(f"No indicator {code!r}.")
    return indicator


async def indicators_public(
    session: AsyncSession, indicators: Sequence[Indicator], *, min_n_default: int
) -> list[IndicatorPublic]:
    ids = [i.id for i in indicators if i.id is not None]
    if not ids:
        return []
    goal_codes = {v: k for k, v in (await goals_service.goal_ids_by_code(session)).items()}
    goals: dict[int, list[str]] = {}
    for link in (
        await session.execute(
            sa_select(col(IndicatorGoal.indicator_id), col(IndicatorGoal.goal_id)).where(
                col(IndicatorGoal.indicator_id).in_(ids)
            )
        )
    ).all():
        if link.goal_id in goal_codes:
            goals.setdefault(link.indicator_id, []).append(goal_codes[link.goal_id])
    lines = await reference_lines(session, indicator_ids=ids)
    area_codes = {v: k for k, v in (await area_ids_by_code(session)).items()}
    owners = await orgs_service.organisation_slugs(
        session, ids=sorted({i.owner_organisation_id for i in indicators})
    )
    return [
        IndicatorPublic(
            id=i.id,
            code=i.code,
            name_da=i.name_da,
            name_en=i.name_en,
            definition=i.definition,
            unit=i.unit,
            decimals=i.decimals,
            direction=i.direction,
            periodicity=i.periodicity,
            source=i.source,
            owner=owners.get(i.owner_organisation_id, "?"),
            visibility=i.visibility,
            min_n=min_n_of(i, min_n_default),
            goals=sorted(goals.get(i.id or 0, [])),
            reference_lines=[
                ReferenceLinePublic(
                    kind=r.kind,
                    value=r.value,
                    operator=r.operator,
                    area=area_codes.get(r.area_id) if r.area_id else None,
                    list_kind=r.list_kind,
                    from_year=r.from_year,
                    to_year=r.to_year,
                    note=r.note,
                )
                for r in lines.get(i.id or 0, [])
            ],
            version=i.version,
        )
        for i in indicators
    ]


async def reference_lines(
    session: AsyncSession, *, indicator_ids: Iterable[int]
) -> dict[int, list[ReferenceLine]]:
    stmt = (
        select(ReferenceLine)
        .where(col(ReferenceLine.indicator_id).in_(list(indicator_ids)))
        .order_by(col(ReferenceLine.position), col(ReferenceLine.id))
    )
    out: dict[int, list[ReferenceLine]] = {}
    for line in (await session.scalars(stmt)).all():
        out.setdefault(line.indicator_id, []).append(line)
    return out


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
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("expected a whole number")
    if isinstance(raw, int):
        n = raw
    elif isinstance(raw, str) and raw.isdigit():
        return int(raw)
    else:
        number = parse_number(raw)
        if number is None:
            return None
        if number != int(number):
            raise ValueError("expected a whole number")
        n = int(number)
    if n < 0:
        raise ValueError("must not be negative")
    return n


def _text(raw: Any, limit: int) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if len(text) > limit:
        raise ValueError(f"longer than {limit} characters")
    return text or None


@dataclass
class WriteContext:
    """What validating rows needs: the catalogue the caller may see, the areas and the caller."""

    principal: Principal
    indicators: dict[str, Indicator]
    areas: dict[str, int]
    errors: list[FieldError] = field(default_factory=list)
    forbidden: bool = False

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(FieldError(field=f"row {row}.{column}", message=message))


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
        if found is None:
            ctx.error(raw.row, "indicator", f"unknown indicator {raw.indicator!r}")
            ok = False
        else:
            indicator, indicator_id, kinds, may = found
            if not may:
                ctx.error(raw.row, "indicator", f"your organisation does not own {indicator.code!r}")
                ctx.forbidden = True
                ok = False
        area_id = ctx.areas.get(raw.area.strip() if isinstance(raw.area, str) else str(raw.area or ""))
        if area_id is None:
            ctx.error(raw.row, "area", f"unknown area {raw.area!r}")
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
                ctx.error(raw.row, "period", period_error(period_text, indicator.periodicity.value) or "?")
                ok = False
                period = None
        value: float | None = None
        try:
            value = parse_number(raw.value)
        except ValueError:
            ctx.error(raw.row, "value", f"not a number: {raw.value!r}")
            ok = False
        n: int | None = None
        try:
            n = parse_count(raw.n)
        except ValueError as exc:
            ctx.error(raw.row, "n", f"{exc}: {raw.n!r}")
            ok = False
        status = ObservationStatus.provisional
        if raw.status is not None and str(raw.status).strip():
            word = str(raw.status).strip().lower()
            named = STATUS_WORDS.get(word)
            if named is None:
                ctx.error(
                    raw.row, "status", f"expected provisional, final or series_break, not {raw.status!r}"
                )
                ok = False
            else:
                status = named
        comment = reason = None
        try:
            comment = _text(raw.comment, 2000)
        except ValueError as exc:
            ctx.error(raw.row, "comment", str(exc))
            ok = False
        try:
            reason = _text(raw.missing_reason, 500)
        except ValueError as exc:
            ctx.error(raw.row, "missing_reason", str(exc))
            ok = False
        if ok and value is None and reason is None and str(raw.value or "").strip() == "":
            ctx.error(raw.row, "value", "give a value, or a missing_reason when there is none")
            ok = False
        if ok and value is not None and reason is not None:
            ctx.error(raw.row, "missing_reason", "only allowed when there is no value")
            ok = False
        if not ok or indicator is None or period is None or area_id is None:
            continue
        key = (indicator_id, area_id, period.code)
        if key in seen:
            ctx.error(raw.row, "period", f"the same indicator, area and period as row {seen[key]}")
            continue
        seen[key] = raw.row
        out.append(
            Candidate(raw.row, indicator, indicator_id, area_id, period, value, reason, n, status, comment)
        )
    return out


_CURRENT = ("value", "missing_reason", "n", "status", "comment")


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
        same = old is not None and all(getattr(old, k) == current[k] for k in _CURRENT)
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
                _published_values(
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
                revisions.append(_revision_of(old))
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
        await _bulk_insert(session, native, inserts)
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
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type="observations",
        object_id=object_id,
        summary=summary.model_dump(mode="json", exclude={"errors"}),
    )
    return summary


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


def _published_values(
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


def _revision_of(old: Any) -> dict[str, Any]:
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


# ------------------------------------------------------------------ approval
async def approve(
    session: AsyncSession, *, actor: Principal, indicator: Indicator, selection: ApproveSelection
) -> ApproveResult:
    """Approve the selected drafts of one indicator (editors of the owner); one audit event."""
    if not actor.can(Permission.edit, indicator.owner_organisation_id):
        raise Forbidden("Only an editor of the owning organisation approves its values.")
    stmt = sa_select(
        OBS.c.id,
        OBS.c.value,
        OBS.c.missing_reason,
        OBS.c.n,
        type_coerce(OBS.c.status, String).label("status"),
        OBS.c.comment,
        OBS.c.entered_by_id,
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
    revisions = [_revision_of(r) for r in rows if r.published]
    updates = []
    self_count = 0
    for r in rows:
        current = {k: getattr(r, k) for k in _CURRENT}
        own = who_id is not None and r.entered_by_id == who_id
        self_count += own
        updates.append(
            {
                **_published_values(
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
    result = ApproveResult(approved=len(updates), self_approved=self_count)
    audit.record(
        session,
        actor=actor,
        action="observations.approve",
        object_type="indicator",
        object_id=indicator.code,
        organisation_id=indicator.owner_organisation_id,
        summary={**result.model_dump(), "ids": [r.id for r in rows][:1000]},
    )
    return result


# ------------------------------------------------------------------ reading
@dataclass(frozen=True)
class ObservationFilter:
    indicators: list[str] | None = None
    areas: list[str] | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    status: ObservationStatus | None = None
    updated_since: dt.datetime | None = None


def filter_from_query(
    *,
    indicator: list[str] | None,
    area: list[str] | None,
    period_from: str | None,
    period_to: str | None,
    status: ObservationStatus | None,
    updated_since: dt.datetime | None,
) -> ObservationFilter:
    errors: list[FieldError] = []

    def start(raw: str | None, name: str) -> dt.date | None:
        if raw is None:
            return None
        p = parse_period(raw)
        if p is None:
            errors.append(FieldError(field=f"query.{name}", message=f"malformed period {raw!r}"))
            return None
        return p.start

    result = ObservationFilter(
        indicators=_split(indicator),
        areas=_split(area),
        period_from=start(period_from, "period_from"),
        period_to=start(period_to, "period_to"),
        status=status,
        updated_since=updated_since,
    )
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    return result


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def observation_select(
    principal: Principal | None, flt: ObservationFilter, *, min_n_default: int, for_export: bool = False
) -> Select[Any]:
    """The observations the caller may see, as plain columns; owner and withholding rules in SQL."""
    org_ids = sorted(principal.org_ids) if principal is not None else []
    owner: ColumnElement[bool] = IND.c.owner_organisation_id.in_(org_ids) if org_ids else false()
    threshold = func.coalesce(IND.c.min_n, literal(min_n_default))
    small = and_(OBS.c.pub_n.is_not(None), OBS.c.pub_n < threshold)
    value = case((owner, OBS.c.value), (small, null()), else_=OBS.c.pub_value)
    n = case((owner, OBS.c.n), (small, null()), else_=OBS.c.pub_n)
    status = case((owner, OBS.c.status), else_=OBS.c.pub_status)
    comment = case((owner, OBS.c.comment), else_=OBS.c.pub_comment)
    reason = case((owner, OBS.c.missing_reason), else_=OBS.c.pub_missing_reason)
    approval = case((owner, OBS.c.approval), else_=literal(Approval.approved.value))
    if for_export:
        withheld: Any = case((owner, literal("false")), (small, literal("true")), else_=literal("false"))
    else:
        withheld = case((owner, false()), (small, true()), else_=false())
    columns: list[Any] = [
        IND.c.code.label("indicator"),
        AREA.c.code.label("area"),
        OBS.c.period,
        value.label("value"),
        n.label("n"),
        type_coerce(status, String).label("status"),
        comment.label("comment"),
        reason.label("missing_reason"),
        withheld.label("withheld"),
        type_coerce(approval, String).label("approval"),
    ]
    if not for_export:
        columns += [
            OBS.c.id,
            OBS.c.self_approved,
            OBS.c.approved_at,
            OBS.c.updated_at,
            OBS.c.version,
        ]
    stmt = (
        sa_select(*columns)
        .select_from(OBS.join(IND, IND.c.id == OBS.c.indicator_id).join(AREA, AREA.c.id == OBS.c.area_id))
        .where(visible_indicators(principal), or_(owner, OBS.c.published == true()))
    )
    if flt.indicators is not None:
        stmt = stmt.where(IND.c.code.in_(flt.indicators))
    if flt.areas is not None:
        stmt = stmt.where(AREA.c.code.in_(flt.areas))
    if flt.period_from is not None:
        stmt = stmt.where(OBS.c.period_start >= flt.period_from)
    if flt.period_to is not None:
        stmt = stmt.where(OBS.c.period_start <= flt.period_to)
    if flt.status is not None:
        stmt = stmt.where(status == flt.status.value)
    if flt.updated_since is not None:
        stmt = stmt.where(OBS.c.updated_at >= flt.updated_since)
    return stmt.order_by(OBS.c.id)


def observation_public(row: Any) -> ObservationPublic:
    return ObservationPublic(
        id=row.id,
        indicator=row.indicator,
        area=row.area,
        period=row.period,
        value=row.value,
        missing_reason=row.missing_reason,
        n=row.n,
        status=row.status,
        comment=row.comment,
        withheld=bool(row.withheld),
        approval=row.approval,
        self_approved=bool(row.self_approved) if row.approval == "approved" else False,
        approved_at=row.approved_at if row.approval == "approved" else None,
        updated_at=row.updated_at,
        version=row.version,
    )


async def get_observation(
    session: AsyncSession, *, principal: Principal | None, observation_id: int, min_n_default: int
) -> ObservationDetail:
    stmt = observation_select(principal, ObservationFilter(), min_n_default=min_n_default).where(
        OBS.c.id == observation_id
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        if principal is None and await session.get(Observation, observation_id) is not None:
            raise Unauthorized("Sign in to read this observation.")
        raise NotFound(f"No observation {observation_id}.")
    obs = await session.get(Observation, observation_id)
    assert obs is not None
    indicator = await session.get(Indicator, obs.indicator_id)
    assert indicator is not None
    owner_view = is_owner(principal, indicator)
    history = list(
        (
            await session.scalars(
                select(ObservationRevision)
                .where(ObservationRevision.observation_id == observation_id)
                .order_by(col(ObservationRevision.id))
            )
        ).all()
    )
    threshold = min_n_of(indicator, min_n_default)
    revisions = []
    for h in history:
        hidden = not owner_view and h.n is not None and h.n < threshold
        revisions.append(
            RevisionPublic(
                value=None if hidden else h.value,
                missing_reason=h.missing_reason,
                n=None if hidden else h.n,
                status=h.status,
                comment=h.comment,
                entered_by=h.entered_by if owner_view else None,
                entered_at=h.entered_at,
                approved_by=h.approved_by if owner_view else None,
                approved_at=h.approved_at,
                self_approved=h.self_approved,
            )
        )
    base = observation_public(row)
    return ObservationDetail(
        **base.model_dump(),
        entered_by=obs.entered_by if owner_view else None,
        entered_at=obs.entered_at if owner_view else None,
        approved_by=obs.approved_by if owner_view and obs.published else None,
        history=revisions,
    )


# ---------------------------------------------------------------- links from governance
async def _resolve_indicator_links(
    session: AsyncSession, principal: Principal | None, ids: Sequence[int]
) -> dict[int, LinkTarget]:
    """Agenda items and decisions may point at indicators the caller can see."""
    stmt = select(col(Indicator.id), col(Indicator.code), col(Indicator.name_da)).where(
        col(Indicator.id).in_(ids), visible_indicators(principal)
    )
    return {
        row.id: LinkTarget(LinkTargetType.indicator, row.id, f"{row.code} {row.name_da}")
        for row in await session.execute(stmt)
    }


links.register(LinkTargetType.indicator, _resolve_indicator_links)
