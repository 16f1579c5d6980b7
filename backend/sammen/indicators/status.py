"""Where each indicator stands: the latest approved value per area, read through the status rule.

The rule itself (position against threshold, target and baseline; trend over the last three
periods; the verdict and its Danish explanation) is the pure function in `assessment`; this
module reads the series from the maintained summary (series.py), or an indicator's whole
history when the summary's window cannot decide, and shapes the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import String, and_, or_, true, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.permissions import Principal
from sammen.indicators import series, service
from sammen.indicators.assessment import OPERATORS, Assessment, LineLike, Point, Rule, applies, assess
from sammen.indicators.models import Area, AreaKind, Direction, Indicator, ReferenceKind
from sammen.indicators.schemas import (
    AreaCriteria,
    AreaStatus,
    Comparison,
    CriterionValue,
    IndicatorStatus,
    ListAssessment,
    ThresholdDistance,
)

OBS = service.OBS

__all__ = ["Point", "area_status", "assess", "indicator_status", "indicator_statuses", "rule_of"]


def rule_of(indicator: Indicator) -> Rule:
    return Rule(
        direction=indicator.direction.value,
        periodicity=indicator.periodicity.value,
        unit=indicator.unit,
        decimals=indicator.decimals,
        tolerance=indicator.trend_tolerance,
    )


def area_status(
    *,
    area_id: int,
    indicator: Indicator,
    series: Mapping[int, Sequence[Point]],
    lines: Sequence[LineLike],
    as_of: dt.date,
    codes: Mapping[int, str],
    names: Mapping[int, str],
    comparison_ids: Sequence[int],
) -> AreaStatus:
    """One area's status: the rule's assessment, its comparisons, shaped as AreaStatus."""
    verdict = assess(
        series.get(area_id, []),
        area_id=area_id,
        rule=rule_of(indicator),
        lines=lines,
        as_of=as_of,
        others=series,
        area_names=names,
    )
    comparisons: list[Comparison] = []
    if verdict.period is not None and verdict.value is not None:
        for cid in comparison_ids:
            match = next(
                (p for p in series.get(cid, []) if p.period == verdict.period and p.value is not None), None
            )
            if match is not None and match.value is not None:
                gap = round(verdict.value - match.value, 6)
                comparisons.append(
                    Comparison(area=codes[cid], period=match.period, value=match.value, gap=gap)
                )
    return status_public(codes[area_id], verdict, comparisons, codes)


def status_public(
    area: str, v: Assessment, comparisons: list[Comparison], codes: Mapping[int, str]
) -> AreaStatus:
    return AreaStatus(
        area=area,
        period=v.period,
        value=v.value,
        observation_status=v.observation_status,
        previous_period=v.previous_period,
        change_since_previous=v.change_since_previous,
        baseline=v.baseline.value if v.baseline else None,
        baseline_period=v.baseline.period if v.baseline else None,
        baseline_source=v.baseline.source if v.baseline else None,
        change_since_baseline=v.change_since_baseline,
        target=v.target.value if v.target else None,
        target_basis=v.target.basis if v.target else None,
        target_area=codes.get(v.target.basis_area_id or 0) if v.target else None,
        target_period=v.target.period if v.target else None,
        target_source=v.target.source if v.target else None,
        gap_to_target=v.gap_to_target,
        comparisons=comparisons,
        thresholds=[ThresholdDistance(**t) for t in v.thresholds],
        position=v.position,
        trend=v.trend,
        trend_periods=v.trend_periods,
        trend_change=v.trend_change,
        trend_tolerance=v.trend_tolerance,
        stale=v.stale,
        status=v.status,
        rule=v.rule,
        explanation=v.explanation,
    )


async def _published_points(
    session: AsyncSession,
    *,
    principal: Principal | None,
    indicator: Indicator,
    min_n_default: int,
    area_ids: Sequence[int] | None = None,
    years: Sequence[int] | None = None,
) -> dict[int, list[Point]]:
    """An indicator's approved points as `principal` may see them: its whole history, or only the
    periods starting in `years` of the areas `area_ids` (what a baseline of the area's own level needs)."""
    owner = service.is_owner(principal, indicator)
    threshold = service.min_n_of(indicator, min_n_default)
    stmt = (
        sa_select(
            OBS.c.area_id,
            OBS.c.period,
            OBS.c.period_start,
            OBS.c.pub_value,
            OBS.c.pub_n,
            type_coerce(OBS.c.pub_status, String).label("pub_status"),
        )
        .where(OBS.c.indicator_id == indicator.id, OBS.c.published == true())
        .order_by(OBS.c.area_id, OBS.c.period_start)
    )
    if area_ids is not None:
        stmt = stmt.where(OBS.c.area_id.in_(list(area_ids)))
    if years is not None:
        stmt = stmt.where(
            or_(
                *(
                    and_(OBS.c.period_start >= dt.date(y, 1, 1), OBS.c.period_start < dt.date(y + 1, 1, 1))
                    for y in sorted(set(years))
                )
            )
        )
    series: dict[int, list[Point]] = {}
    for r in (await session.execute(stmt)).all():
        hidden = not owner and r.pub_n is not None and r.pub_n < threshold
        series.setdefault(r.area_id, []).append(
            Point(r.period, r.period_start, None if hidden else r.pub_value, r.pub_status)
        )
    return series


def _own_level_years(lines: Sequence[LineLike]) -> list[int]:
    """The years whose level a line of the area's own level follows (baselines and targets alike)."""
    return sorted({ln.from_year for ln in lines if ln.basis == "own_level" and ln.from_year is not None})


def _with(window: Sequence[Point], extra: Sequence[Point]) -> list[Point]:
    """The window and the extra points, one per period, oldest first."""
    by_period = {p.period: p for p in (*extra, *window)}
    return sorted(by_period.values(), key=lambda p: p.start)


async def indicator_status(
    session: AsyncSession,
    *,
    principal: Principal | None,
    indicator: Indicator,
    as_of: dt.date,
    min_n_default: int,
) -> IndicatorStatus:
    found = await indicator_statuses(
        session, principal=principal, indicators=[indicator], as_of=as_of, min_n_default=min_n_default
    )
    return found[0]


async def indicator_statuses(
    session: AsyncSession,
    *,
    principal: Principal | None,
    indicators: Sequence[Indicator],
    as_of: dt.date,
    min_n_default: int,
) -> list[IndicatorStatus]:
    """The status of each indicator, from the maintained series summary (series.py)."""
    ids = [i.id for i in indicators if i.id is not None]
    areas = list((await session.execute(sa_select(Area.id, Area.code, Area.name, Area.kind))).all())  # type: ignore[call-overload]
    all_lines = await service.reference_lines(session, indicator_ids=ids)
    all_series = await series.load(session, indicator_ids=ids)
    out = []
    for indicator in indicators:
        assert indicator.id is not None
        hide_below = (
            None if service.is_owner(principal, indicator) else service.min_n_of(indicator, min_n_default)
        )
        points: dict[int, list[Point]] = {}
        full: dict[int, list[Point]] | None = None
        lines = all_lines.get(indicator.id, [])
        early: list[int] = []  # areas whose baseline year lies before their window
        for one in all_series.get(indicator.id, []):
            window = series.points(one, withheld_below=hide_below)
            if series.needs_history(one, window):
                if full is None:
                    full = await _published_points(
                        session, principal=principal, indicator=indicator, min_n_default=min_n_default
                    )
                points[one.area_id] = full.get(one.area_id, [])
            else:
                points[one.area_id] = [Point(*p) for p in window]
                if _baseline_before(one, window, lines):
                    early.append(one.area_id)
        if early:  # only the baseline years' points, not the whole history (1M rows in Python)
            found = await _published_points(
                session,
                principal=principal,
                indicator=indicator,
                min_n_default=min_n_default,
                area_ids=early,
                years=_own_level_years(lines),
            )
            for area_id in early:
                points[area_id] = _with(points[area_id], found.get(area_id, []))
        out.append(_status_of(indicator, areas=areas, lines=lines, series=points, as_of=as_of))
    return out


def _baseline_before(one: series.Series, window: Sequence[Any], lines: Sequence[LineLike]) -> bool:
    """True when a baseline that is the area's own level in a year reaches back past the window."""
    if not one.older:
        return False
    starts = [p[1] for p in window if p[0]]
    oldest = min(starts) if starts else None
    return any(
        ln.kind == "baseline"
        and ln.basis == "own_level"
        and ln.from_year is not None
        and (oldest is None or oldest.year >= ln.from_year)
        for ln in lines
    )


def _status_of(
    indicator: Indicator,
    *,
    areas: Sequence[Any],
    lines: Sequence[LineLike],
    series: dict[int, list[Point]],
    as_of: dt.date,
) -> IndicatorStatus:
    """The rule applied to one indicator's series, area by area (the measured area always)."""
    codes = {a.id: a.code for a in areas}
    names = {a.id: a.name for a in areas}
    comparison_ids = [a.id for a in areas if a.kind == AreaKind.comparison]
    measured = [
        a for a in areas if a.kind != AreaKind.comparison and (a.kind == AreaKind.target or a.id in series)
    ]
    results = [
        area_status(
            area_id=area.id,
            indicator=indicator,
            series=series,
            lines=lines,
            as_of=as_of,
            codes=codes,
            names=names,
            comparison_ids=comparison_ids,
        )
        for area in measured
    ]
    return IndicatorStatus(
        indicator=indicator.code,
        name_da=indicator.name_da,
        name_en=indicator.name_en,
        unit=indicator.unit,
        direction=indicator.direction,
        periodicity=indicator.periodicity,
        as_of=as_of,
        areas=results,
    )


async def area_criteria(
    session: AsyncSession,
    *,
    principal: Principal | None,
    area_id: int,
    area_code: str,
    list_year: int | None,
    min_n_default: int,
) -> AreaCriteria:
    """The official list criteria for an area, per list year and list kind.

    Counting criteria (K1-K4) are indicators with threshold lines and a direction; share
    criteria that qualify a list (E) are context indicators with threshold lines. A
    figure's list year is the year its period starts in; for each list year the latest
    figure up to that year is used.
    """
    indicators = await service.list_indicators(session, principal=principal)
    ids = [i.id for i in indicators if i.id is not None]
    all_lines = await service.reference_lines(session, indicator_ids=ids)
    with_thresholds = [
        i
        for i in indicators
        if any(ln.kind == ReferenceKind.threshold for ln in all_lines.get(i.id or 0, []))
    ]
    series: dict[int, list[Point]] = {}
    for ind in with_thresholds:
        assert ind.id is not None
        points = (
            await _published_points(session, principal=principal, indicator=ind, min_n_default=min_n_default)
        ).get(area_id, [])
        series[ind.id] = [p for p in points if p.value is not None]
    years = sorted({p.start.year for pts in series.values() for p in pts})
    if list_year is not None:
        years = [list_year]
    assessments: list[ListAssessment] = []
    for year in years:
        kinds = sorted(
            {
                ln.list_kind
                for ind in with_thresholds
                for ln in all_lines.get(ind.id or 0, [])
                if ln.kind == ReferenceKind.threshold
                and ln.list_kind is not None
                and applies(ln, area_id, year)
            }
        )
        for kind in kinds:
            criteria: list[CriterionValue] = []
            conditions: list[CriterionValue] = []
            for ind in with_thresholds:
                line = next(
                    (
                        ln
                        for ln in all_lines.get(ind.id or 0, [])
                        if ln.kind == ReferenceKind.threshold
                        and ln.list_kind == kind
                        and applies(ln, area_id, year)
                    ),
                    None,
                )
                if line is None or line.operator is None:
                    continue
                latest = next(
                    (p for p in reversed(series.get(ind.id or 0, [])) if p.start.year <= year), None
                )
                value = latest.value if latest else None
                entry = CriterionValue(
                    indicator=ind.code,
                    period=latest.period if latest else None,
                    value=value,
                    operator=line.operator,
                    threshold=line.value,
                    crossed=None if value is None else OPERATORS[line.operator](value, line.value),
                    distance=None if value is None else round(line.value - value, 6),
                )
                (conditions if ind.direction == Direction.context else criteria).append(entry)
            crossed = sum(1 for c in criteria if c.crossed)
            meets = crossed >= 2
            if kind.value == "forebyggelse" and conditions:
                meets = meets and all(c.crossed for c in conditions)
            assessments.append(
                ListAssessment(
                    list_year=year,
                    list_kind=kind,
                    criteria=criteria,
                    crossed=crossed,
                    conditions=conditions,
                    meets_list_criteria=meets,
                )
            )
    return AreaCriteria(area=area_code, assessments=assessments)
