"""Validating observation rows: the write context (catalogue, areas, caller) and the candidates.

`validate_rows` finds every error (with row and column; permissions per row) and turns the good
rows into `Candidate`s for `writes.write_candidates`; `batch_rows` shapes a JSON batch as rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sammen.core.errors import FieldError
from sammen.core.permissions import Permission, Principal
from sammen.core.table_files import row_error
from sammen.indicators.cells import STATUS_WORDS, parse_count, parse_number, parse_text
from sammen.indicators.models import Indicator, ObservationStatus
from sammen.indicators.periods import FITS, Period, parse_period, period_error
from sammen.indicators.schemas import ObservationIn
from sammen.indicators.service import area_ids_by_code, visible_indicators


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
            comment = parse_text(raw.comment, 2000, multiline=True)
        except ValueError as exc:
            ctx.error(raw.row, "comment", str(exc), code="", value=raw.comment)
            ok = False
        try:
            reason = parse_text(raw.missing_reason, 500, multiline=False)
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
