"""The status summary: per indicator and area, what the status rule reads, kept with the data.

`refresh` rewrites the series of the given indicators from their approved values; every write
path that changes approved values calls it in its own transaction (writes.write_candidates
with approve, approval.approve), so the summary is never behind the observations it sums up.
`load` reads the series of many indicators in one statement; `points` turns one into the
points the rule (status.assess) takes, as the caller may see them (withheld values hidden).

A series keeps its RECENT newest approved points, the starts of all its series breaks, and
whether older points exist. The rule needs the latest visible value, the previous comparable
one and (for a trend) a third: with three visible values in the window the window decides
exactly; otherwise (`needs_history`) the caller reads that one series' whole history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, delete, func, insert, true, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.reads import Reader, as_reader
from sammen.core.tables import utcnow
from sammen.indicators.models import IndicatorSeries
from sammen.indicators.service import OBS

RECENT = 12
ENOUGH = 3  # visible values in the window that make the window decide
SERIES = IndicatorSeries.__table__  # type: ignore[attr-defined]


# A point as the rule takes it: (period, period start, value or None when withheld, status).
PointTuple = tuple[str, dt.date, float | None, str]


@dataclass(frozen=True)
class Series:
    indicator_id: int
    area_id: int
    recent: list[list[Any]]  # [period, start, value, n, status], oldest first
    breaks: list[str]
    older: bool


def _point_rows(indicator_ids: Sequence[int], area_ids: Sequence[int] | None) -> Any:
    """The RECENT newest approved points of every series of these indicators (in these areas),
    newest first."""
    ranked = (
        sa_select(
            OBS.c.indicator_id,
            OBS.c.area_id,
            OBS.c.period,
            OBS.c.period_start,
            OBS.c.pub_value,
            OBS.c.pub_n,
            type_coerce(OBS.c.pub_status, String).label("pub_status"),
            func.row_number()
            .over(partition_by=(OBS.c.indicator_id, OBS.c.area_id), order_by=OBS.c.period_start.desc())
            .label("rank"),
        )
        .where(OBS.c.indicator_id.in_(indicator_ids), OBS.c.published == true(), *_in_areas(area_ids))
        .subquery()
    )
    return (
        sa_select(ranked)
        .where(ranked.c.rank <= RECENT + 1)
        .order_by(ranked.c.indicator_id, ranked.c.area_id, ranked.c.rank)
    )


def _in_areas(area_ids: Sequence[int] | None, column: Any = OBS.c.area_id) -> list[Any]:
    return [] if area_ids is None else [column.in_(area_ids)]


async def refresh(
    session: AsyncSession, *, indicator_ids: Iterable[int], area_ids: Iterable[int] | None = None
) -> None:
    """Rewrite the series of these indicators (only those in `area_ids`, when given) from their
    approved values, in the session's transaction: the summary commits or rolls back with the
    write that changed them."""
    ids = sorted(set(indicator_ids))
    areas = None if area_ids is None else sorted(set(area_ids))
    if areas is not None and len(areas) > 1000:
        areas = None  # as cheap to rewrite every area
    if not ids or areas == []:
        return
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for r in (await session.execute(_point_rows(ids, areas))).all():
        entry = found.setdefault((r.indicator_id, r.area_id), {"recent": [], "breaks": [], "older": False})
        if r.rank > RECENT:
            entry["older"] = True
        else:
            entry["recent"].insert(
                0, [r.period, r.period_start.isoformat(), r.pub_value, r.pub_n, r.pub_status]
            )
    breaks = sa_select(OBS.c.indicator_id, OBS.c.area_id, OBS.c.period_start).where(
        OBS.c.indicator_id.in_(ids),
        OBS.c.published == true(),
        OBS.c.pub_status == "series_break",
        *_in_areas(areas),
    )
    for r in (await session.execute(breaks.order_by(OBS.c.period_start))).all():
        found[(r.indicator_id, r.area_id)]["breaks"].append(r.period_start.isoformat())
    await session.execute(
        delete(SERIES).where(SERIES.c.indicator_id.in_(ids), *_in_areas(areas, SERIES.c.area_id))
    )
    now = utcnow()
    if found:
        await session.execute(
            insert(SERIES),
            [
                {"indicator_id": i, "area_id": a, "updated_at": now, **entry}
                for (i, a), entry in found.items()
            ],
        )


async def load(source: AsyncSession | Reader, *, indicator_ids: Sequence[int]) -> dict[int, list[Series]]:
    """The series of these indicators, by indicator, in one statement."""
    if not indicator_ids:
        return {}
    stmt = sa_select(
        SERIES.c.indicator_id, SERIES.c.area_id, SERIES.c.recent, SERIES.c.breaks, SERIES.c.older
    ).where(SERIES.c.indicator_id.in_(list(indicator_ids)))
    out: dict[int, list[Series]] = {}
    for r in await as_reader(source).rows(stmt):
        out.setdefault(r.indicator_id, []).append(
            Series(r.indicator_id, r.area_id, r.recent or [], r.breaks or [], bool(r.older))
        )
    return out


def points(series: Series, *, withheld_below: int | None) -> list[PointTuple]:
    """The window as the caller sees it (values with n below `withheld_below` hidden), led by the
    series breaks older than the window, so the rule sees every break before its latest value."""
    first = series.recent[0][1] if series.recent else None
    out: list[PointTuple] = [
        ("", dt.date.fromisoformat(b), None, "series_break")
        for b in series.breaks
        if first is not None and b < first
    ]
    for period, start, value, n, status in series.recent:
        hidden = withheld_below is not None and n is not None and n < withheld_below
        out.append((period, dt.date.fromisoformat(start), None if hidden else value, status))
    return out


def needs_history(series: Series, window: Sequence[PointTuple]) -> bool:
    """True when older points could change the rule's answer (too few visible values here)."""
    return series.older and sum(1 for p in window if p[2] is not None and p[0]) < ENOUGH
