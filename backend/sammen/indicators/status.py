"""Where each indicator stands: latest approved value, changes, gaps and a status with its rule.

The rules, in order (the first that applies decides; `rule` names it):

1. ``no-data``: no approved value for the area → no_recent_data.
2. ``stale``: the latest value's period started longer ago than the periodicity allows
   (periods.MAX_AGE_DAYS) → no_recent_data.
3. ``context-indicator``: the indicator has no better direction → context.
4. With a target for the area and the latest year: ``target-met`` → on_track; otherwise
   ``improving-toward-target`` (on_track) or ``not-improving-toward-target`` (off_track)
   against the previous comparable value, or ``target-not-met`` (off_track) without one.
5. Without a target: ``improving`` / ``stable`` (on_track) or ``worsening`` (off_track)
   against the previous comparable value.
6. Without a previous comparable value: ``better-than-baseline`` (on_track) or
   ``worse-than-baseline`` (off_track) when there is a baseline, else
   ``no-comparable-previous`` → no_recent_data.

"Previous comparable value": the nearest earlier period with a value (periods without one
are skipped), never across a series break: a value marked series_break starts a new
series, so nothing before it is compared with it or with what follows.

Only approved values count; a value withheld from the caller (n below the minimum) counts
as no value for them.
"""

from __future__ import annotations

import datetime as dt
import operator as op
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, true, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.permissions import Principal
from sammen.indicators import series, service
from sammen.indicators.models import Area, AreaKind, Direction, Indicator, ReferenceKind, ReferenceLine
from sammen.indicators.periods import is_stale
from sammen.indicators.schemas import (
    AreaCriteria,
    AreaStatus,
    Comparison,
    CriterionValue,
    IndicatorStatus,
    ListAssessment,
    ThresholdDistance,
)

OPERATORS: dict[str, Callable[[float, float], bool]] = {">": op.gt, ">=": op.ge, "<": op.lt, "<=": op.le}
OBS = service.OBS


@dataclass(frozen=True)
class Point:
    period: str
    start: dt.date
    value: float | None
    status: str


def _applies(line: ReferenceLine, area_id: int, year: int) -> bool:
    if line.area_id is not None and line.area_id != area_id:
        return False
    if line.from_year is not None and year < line.from_year:
        return False
    return not (line.to_year is not None and year > line.to_year)


def _line(
    lines: Sequence[ReferenceLine], kind: ReferenceKind, area_id: int, year: int
) -> ReferenceLine | None:
    found = [ln for ln in lines if ln.kind == kind and _applies(ln, area_id, year)]
    # A line for the area beats a line for all areas.
    found.sort(key=lambda ln: ln.area_id is None)
    return found[0] if found else None


def previous_comparable(points: Sequence[Point], latest: int) -> int | None:
    """Index of the previous comparable value before `latest`, never across a series break."""
    if points[latest].status == "series_break":
        return None
    j = latest - 1
    while j >= 0:
        if points[j + 1].status == "series_break":
            return None
        if points[j].value is not None:
            return j
        j -= 1
    return None


def _rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def assess(
    points: Sequence[Point],
    *,
    area_id: int,
    direction: Direction,
    periodicity: str,
    lines: Sequence[ReferenceLine],
    as_of: dt.date,
) -> dict[str, Any]:
    """The status of one area's series (points ordered by period start)."""
    out: dict[str, Any] = {
        "period": None,
        "value": None,
        "observation_status": None,
        "previous_period": None,
        "change_since_previous": None,
        "baseline": None,
        "change_since_baseline": None,
        "target": None,
        "gap_to_target": None,
    }
    with_value = [k for k, p in enumerate(points) if p.value is not None]
    if not with_value:
        return {**out, "status": "no_recent_data", "rule": "no-data", "explanation": "No approved value."}
    i = with_value[-1]
    latest = points[i]
    assert latest.value is not None
    year = latest.start.year
    out.update(period=latest.period, value=latest.value, observation_status=latest.status)
    j = previous_comparable(points, i)
    change: float | None = None
    if j is not None:
        prev_value = points[j].value
        assert prev_value is not None
        change = latest.value - prev_value
        out.update(previous_period=points[j].period, change_since_previous=_rounded(change))
    baseline = _line(lines, ReferenceKind.baseline, area_id, year)
    if baseline is not None:
        out["baseline"] = baseline.value
        broken = any(
            p.status == "series_break" and (baseline.from_year is None or p.start.year > baseline.from_year)
            for p in points[: i + 1]
        )
        if not broken:
            out["change_since_baseline"] = _rounded(latest.value - baseline.value)
    target = _line(lines, ReferenceKind.target, area_id, year)
    if target is not None:
        out.update(target=target.value, gap_to_target=_rounded(latest.value - target.value))

    def verdict(status: str, rule: str, why: str) -> dict[str, Any]:
        return {**out, "status": status, "rule": rule, "explanation": why}

    if is_stale(latest.start, periodicity, as_of):
        return verdict("no_recent_data", "stale", f"The latest value is for {latest.period}.")
    if direction == Direction.context:
        return verdict("context", "context-indicator", "A context indicator has no better direction.")
    sign = 1.0 if direction == Direction.up else -1.0
    if target is not None:
        compare: Callable[[float, float], bool] = OPERATORS.get(
            target.operator or (">=" if sign > 0 else "<="), op.ge
        )
        if compare(latest.value, target.value):
            return verdict("on_track", "target-met", f"{latest.value} meets the target {target.value}.")
        if change is not None:
            if change * sign > 0:
                return verdict(
                    "on_track",
                    "improving-toward-target",
                    f"Moved {change:+g} toward the target {target.value}.",
                )
            return verdict(
                "off_track",
                "not-improving-toward-target",
                f"Moved {change:+g}; the target {target.value} is not met.",
            )
        return verdict(
            "off_track", "target-not-met", f"{latest.value} does not meet the target {target.value}."
        )
    if change is not None:
        if change * sign > 0:
            return verdict("on_track", "improving", f"Moved {change:+g} in the right direction.")
        if change == 0:
            return verdict("on_track", "stable", "Unchanged since the previous period.")
        return verdict("off_track", "worsening", f"Moved {change:+g} in the wrong direction.")
    if baseline is not None and out["change_since_baseline"] is not None:
        delta = out["change_since_baseline"]
        if delta * sign >= 0:
            return verdict("on_track", "better-than-baseline", f"{delta:+g} against the baseline.")
        return verdict("off_track", "worse-than-baseline", f"{delta:+g} against the baseline.")
    return verdict(
        "no_recent_data",
        "no-comparable-previous",
        "Only one comparable value (none before it, or a series break).",
    )


async def _published_points(
    session: AsyncSession, *, principal: Principal | None, indicator: Indicator, min_n_default: int
) -> dict[int, list[Point]]:
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
    series: dict[int, list[Point]] = {}
    for r in (await session.execute(stmt)).all():
        hidden = not owner and r.pub_n is not None and r.pub_n < threshold
        series.setdefault(r.area_id, []).append(
            Point(r.period, r.period_start, None if hidden else r.pub_value, r.pub_status)
        )
    return series


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
    areas = list((await session.execute(sa_select(Area.id, Area.code, Area.kind))).all())  # type: ignore[call-overload]
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
        out.append(
            _status_of(
                indicator, areas=areas, lines=all_lines.get(indicator.id, []), series=points, as_of=as_of
            )
        )
    return out


def _status_of(
    indicator: Indicator,
    *,
    areas: Sequence[Any],
    lines: Sequence[ReferenceLine],
    series: dict[int, list[Point]],
    as_of: dt.date,
) -> IndicatorStatus:
    """The rule applied to one indicator's series, area by area, with comparisons and thresholds."""
    code_of = {a.id: a.code for a in areas}
    comparison_ids = [a.id for a in areas if a.kind == AreaKind.comparison]
    measured = [
        a for a in areas if a.kind != AreaKind.comparison and (a.kind == AreaKind.target or a.id in series)
    ]
    results = []
    for area in measured:
        points = series.get(area.id, [])
        verdict = assess(
            points,
            area_id=area.id,
            direction=indicator.direction,
            periodicity=indicator.periodicity.value,
            lines=lines,
            as_of=as_of,
        )
        comparisons: list[Comparison] = []
        thresholds: list[ThresholdDistance] = []
        if verdict["period"] is not None:
            for cid in comparison_ids:
                match = next(
                    (p for p in series.get(cid, []) if p.period == verdict["period"] and p.value is not None),
                    None,
                )
                if match is not None and match.value is not None:
                    comparisons.append(
                        Comparison(
                            area=code_of[cid],
                            period=match.period,
                            value=match.value,
                            gap=round(verdict["value"] - match.value, 6),
                        )
                    )
            year = int(verdict["period"][:4])
            for line in lines:
                if line.kind == ReferenceKind.threshold and line.operator and _applies(line, area.id, year):
                    thresholds.append(
                        ThresholdDistance(
                            list_kind=line.list_kind,
                            list_year=year,
                            operator=line.operator,
                            threshold=line.value,
                            crossed=OPERATORS[line.operator](verdict["value"], line.value),
                            distance=round(line.value - verdict["value"], 6),
                        )
                    )
        results.append(AreaStatus(area=area.code, comparisons=comparisons, thresholds=thresholds, **verdict))
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
                and _applies(ln, area_id, year)
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
                        and _applies(ln, area_id, year)
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
