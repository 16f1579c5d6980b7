"""Observations as they stood at a moment: the approved value of each (indicator, area, period)
at that time, from the current published value and the history of the values it replaced.

A report as of a cut-off reads this: a value approved after the cut-off is not in it, and a
correction approved later does not change it (the replaced value is in observation_revisions
with the time it was approved). Values are read as someone who does not own the indicator reads
them: a value whose n is below the minimum is withheld (flag set, value absent, never 0).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import String, func, literal, true, type_coerce, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.indicators.assessment import Point
from sammen.indicators.models import ObservationRevision
from sammen.indicators.service import IND, OBS

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
REV = ObservationRevision.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Figure:
    """One approved figure as it stood at the moment asked about."""

    observation_id: int
    indicator_id: int
    area_id: int
    period: str
    start: dt.date
    value: float | None  # None when withheld or missing
    withheld: bool
    missing_reason: str | None
    status: str
    approved_at: dt.datetime

    @property
    def point(self) -> Point:
        return Point(self.period, self.start, self.value, self.status)


def end_of_day(day: dt.date) -> dt.datetime:
    """The first moment after `day` in Copenhagen, in UTC: "approved on or before `day`" is before it."""
    nxt = day + dt.timedelta(days=1)
    return dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=COPENHAGEN).astimezone(dt.UTC)


async def figures_at(
    session: AsyncSession, *, indicator_ids: Sequence[int], at: dt.datetime | None, min_n_default: int
) -> list[Figure]:
    """Every figure of the indicators as approved before `at` (None: as they stand now), ordered by
    indicator, area and period start. Two statements, whatever the number of indicators."""
    if not indicator_ids:
        return []
    threshold = func.coalesce(IND.c.min_n, literal(min_n_default))
    current = sa_select(
        OBS.c.id.label("oid"),
        OBS.c.pub_value.label("value"),
        OBS.c.pub_n.label("n"),
        OBS.c.pub_missing_reason.label("missing_reason"),
        type_coerce(OBS.c.pub_status, String).label("status"),
        OBS.c.approved_at.label("approved_at"),
    ).where(OBS.c.indicator_id.in_(list(indicator_ids)), OBS.c.published == true())
    replaced = (
        sa_select(
            REV.c.observation_id.label("oid"),
            REV.c.value,
            REV.c.n,
            REV.c.missing_reason,
            type_coerce(REV.c.status, String).label("status"),
            REV.c.approved_at,
        )
        .select_from(REV.join(OBS, OBS.c.id == REV.c.observation_id))
        .where(OBS.c.indicator_id.in_(list(indicator_ids)))
    )
    if at is not None:
        current = current.where(OBS.c.approved_at < at)
        replaced = replaced.where(REV.c.approved_at < at)
    candidates = union_all(current, replaced).subquery()
    stmt = (
        sa_select(
            candidates.c.oid,
            OBS.c.indicator_id,
            OBS.c.area_id,
            OBS.c.period,
            OBS.c.period_start,
            candidates.c.value,
            candidates.c.n,
            candidates.c.missing_reason,
            candidates.c.status,
            candidates.c.approved_at,
            threshold.label("min_n"),
        )
        .select_from(
            candidates.join(OBS, OBS.c.id == candidates.c.oid).join(IND, IND.c.id == OBS.c.indicator_id)
        )
        .order_by(OBS.c.indicator_id, OBS.c.area_id, OBS.c.period_start, candidates.c.approved_at)
    )
    latest: dict[int, Figure] = {}
    for r in (await session.execute(stmt)).all():
        approved_at = r.approved_at if r.approved_at.tzinfo else r.approved_at.replace(tzinfo=dt.UTC)
        withheld = r.n is not None and r.n < r.min_n
        # rows come oldest approval first, so the last one per observation is the one that stood
        latest[r.oid] = Figure(
            observation_id=r.oid,
            indicator_id=r.indicator_id,
            area_id=r.area_id,
            period=r.period,
            start=r.period_start,
            value=None if withheld else r.value,
            withheld=withheld,
            missing_reason=r.missing_reason,
            status=r.status,
            approved_at=approved_at,
        )
    return sorted(latest.values(), key=lambda f: (f.indicator_id, f.area_id, f.start))
