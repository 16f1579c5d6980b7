"""Status that tells the truth: where an area stands, where it is heading, and the verdict.

A pure function of one area's series, the other areas' series, the indicator's reference
lines and a date: no database, no clock. The status endpoint, the goal roll-ups and the
yearly report all call it, on today's data or on the data as of a report's cut-off.

Reglen (skrevet ud, som den står i rapporten):

Placering – hvor området står, ud fra seneste godkendte tal:
  * På den forkerte side af en lovgrænse: tallet overskrider en af de officielle grænser
    for udsatte boligområder eller forebyggelsesområder (almenboligloven §§ 61 a–61 b).
    Det går forud for alt andet: indikatoren er aldrig grøn, så længe grænsen er overskredet.
  * Målet er nået: tallet er på eller forbi målet.
  * Mellem udgangspunkt og mål: bedre end (eller lig) udgangspunktet, men ikke ved målet.
  * Dårligere end udgangspunktet.
  * Målet er ikke nået (uden udgangspunkt at sammenligne med).
  * Intet mål fastsat – vises som sådan, aldrig som grøn.
  * Kontekstindikatorer har ingen ønsket retning og vurderes ikke.

Udvikling – over de seneste tre målinger med tal (inden for samme serie, aldrig hen over
et databrud): ændringen fra den første til den sidste af de tre. Inden for tolerancen
(±1 procentpoint for andele, ellers indikatorens egen tolerance eller 5 % af niveauet) er
udviklingen stabil; ellers forbedres eller forværres den. Med færre end tre målinger er
der for få tal til at vurdere udviklingen.

Samlet status (farven):
  * Ikke på rette vej (rød): en lovgrænse er overskredet; eller tallet er mellem
    udgangspunkt og mål og forværres; eller det er dårligere end udgangspunktet uden at
    forbedres.
  * I risiko (gul): målet er nået, men udviklingen forværres; mellem udgangspunkt og mål
    uden forbedring (stabil eller for få tal); dårligere end udgangspunktet, men forbedres.
  * På rette vej (grøn): målet er nået og holdes; eller tallet er på vej mod målet og
    forbedres.
  * Intet mål (neutral), Ingen nye tal (grå: ingen tal, eller det seneste tal er ældre end
    periodiciteten tillader), Kontekst.

The verdict in words (and the rule as the report prints it) is in wording.py.

Only approved values count; a value withheld from the reader (n below the minimum) counts
as no value. A reference line may follow the data: a baseline "the area's own level in a
year" (the mean of that year's values) or a target "the level of another area" (its value
in the same period, else its latest earlier one).
"""

from __future__ import annotations

import datetime as dt
import operator as op
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sammen.indicators.periods import is_stale
from sammen.indicators.wording import explain

Position = Literal[
    "threshold_crossed",
    "target_met",
    "toward_target",
    "behind_baseline",
    "short_of_target",
    "no_target",
    "context",
    "no_data",
]
Trend = Literal["improving", "stable", "worsening", "too_few", "not_applicable"]
Verdict = Literal["on_track", "at_risk", "off_track", "no_target", "no_recent_data", "context"]

OPERATORS: dict[str, Callable[[float, float], bool]] = {">": op.gt, ">=": op.ge, "<": op.lt, "<=": op.le}
TREND_SPAN = 3  # "the last three periods"


@dataclass(frozen=True)
class Point:
    period: str
    start: dt.date
    value: float | None
    status: str  # provisional, final, series_break


class LineLike(Protocol):
    """A reference line as the rule reads it (the table row, or a report's stored copy)."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def operator(self) -> str | None: ...
    @property
    def area_id(self) -> int | None: ...
    @property
    def list_kind(self) -> Any: ...
    @property
    def from_year(self) -> int | None: ...
    @property
    def to_year(self) -> int | None: ...
    @property
    def basis(self) -> str: ...
    @property
    def basis_area_id(self) -> int | None: ...
    @property
    def source(self) -> str | None: ...


@dataclass(frozen=True)
class Rule:
    """The indicator's side of the rule."""

    direction: str  # up, down, context
    periodicity: str
    unit: str
    decimals: int = 1
    tolerance: float | None = None  # None: 1 point for shares, else 5 % of the level


@dataclass(frozen=True)
class Resolved:
    """A reference line's value for one area and period, and where that value comes from."""

    kind: str
    value: float
    operator: str | None
    basis: str
    period: str | None = None  # the period the value was measured in (following lines)
    basis_area_id: int | None = None
    source: str | None = None
    list_kind: str | None = None


@dataclass
class Assessment:
    """Everything the rule found for one area; `fields()` gives AreaStatus's fields."""

    period: str | None = None
    value: float | None = None
    observation_status: str | None = None
    previous_period: str | None = None
    change_since_previous: float | None = None
    baseline: Resolved | None = None
    change_since_baseline: float | None = None
    target: Resolved | None = None
    target_note: str | None = None  # why a set target has no value
    gap_to_target: float | None = None
    thresholds: list[dict[str, Any]] = field(default_factory=list)
    position: Position = "no_data"
    trend: Trend = "too_few"
    trend_periods: list[str] = field(default_factory=list)
    trend_change: float | None = None
    trend_tolerance: float | None = None
    stale: bool = False
    status: Verdict = "no_recent_data"
    rule: str = "no-data"
    explanation: str = "Ingen godkendte tal."


# ---------------------------------------------------------------- series helpers
def applies(line: LineLike, area_id: int, year: int) -> bool:
    if line.area_id is not None and line.area_id != area_id:
        return False
    if line.from_year is not None and year < line.from_year:
        return False
    return not (line.to_year is not None and year > line.to_year)


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


def segment_values(points: Sequence[Point], latest: int) -> list[Point]:
    """The points with a value in the series segment that ends at `latest` (after the last break)."""
    out: list[Point] = []
    for k in range(latest, -1, -1):
        p = points[k]
        if p.value is not None:
            out.append(p)
        if p.status == "series_break":
            break
    return out[::-1]


def level_in_year(points: Sequence[Point], year: int) -> tuple[float, str] | None:
    """The mean of the values of periods starting in `year` (one value for a yearly series)."""
    values = [p for p in points if p.value is not None and p.start.year == year]
    if not values:
        return None
    mean = sum(p.value for p in values if p.value is not None) / len(values)
    label = values[0].period if len(values) == 1 else str(year)
    return mean, label


def value_at(points: Sequence[Point], period: str, start: dt.date) -> Point | None:
    """The value for `period`, else the latest one before it."""
    best: Point | None = None
    for p in points:
        if p.value is None or p.start > start:
            continue
        if p.period == period:
            return p
        if best is None or p.start >= best.start:
            best = p
    return best


def resolve(
    line: LineLike, *, latest: Point, own: Sequence[Point], others: Mapping[int, Sequence[Point]]
) -> Resolved | None:
    """The line's value for the area's latest point, or None when the data it follows is missing."""
    basis = line.basis or "fixed"
    common = {
        "kind": line.kind,
        "operator": line.operator,
        "basis": basis,
        "source": line.source,
        "basis_area_id": line.basis_area_id,
        "list_kind": getattr(line.list_kind, "value", line.list_kind),
    }
    if basis == "own_level":
        if line.from_year is None:
            return None
        level = level_in_year(own, line.from_year)
        if level is None:
            return None
        return Resolved(value=round(level[0] + line.value, 6), period=level[1], **common)
    if basis == "area_level":
        found = value_at(others.get(line.basis_area_id or 0, ()), latest.period, latest.start)
        if found is None or found.value is None:
            return None
        return Resolved(value=round(found.value + line.value, 6), period=found.period, **common)
    period = str(line.from_year) if line.kind == "baseline" and line.from_year is not None else None
    return Resolved(value=line.value, period=period, **common)


def _first(lines: Sequence[LineLike], kind: str, area_id: int, year: int) -> LineLike | None:
    found = [ln for ln in lines if ln.kind == kind and applies(ln, area_id, year)]
    found.sort(key=lambda ln: ln.area_id is None)  # a line for the area beats a line for all areas
    return found[0] if found else None


def tolerance_of(rule: Rule, level: float) -> float:
    if rule.tolerance is not None:
        return rule.tolerance
    return 1.0 if rule.unit == "%" else round(abs(level) * 0.05, max(rule.decimals, 1) + 1)


# ---------------------------------------------------------------- the rule
def assess(
    points: Sequence[Point],
    *,
    area_id: int,
    rule: Rule,
    lines: Sequence[LineLike],
    as_of: dt.date,
    others: Mapping[int, Sequence[Point]] | None = None,
    area_names: Mapping[int, str] | None = None,
) -> Assessment:
    """The status of one area's series (points ordered by period start)."""
    others = others or {}
    names = area_names or {}
    out = Assessment()
    with_value = [k for k, p in enumerate(points) if p.value is not None]
    if not with_value:
        return out
    i = with_value[-1]
    latest = points[i]
    assert latest.value is not None
    value = latest.value
    year = latest.start.year
    out.period, out.value, out.observation_status = latest.period, value, latest.status
    j = previous_comparable(points, i)
    if j is not None and points[j].value is not None:
        out.previous_period = points[j].period
        out.change_since_previous = _r(value - (points[j].value or 0.0))
    out.stale = is_stale(latest.start, rule.periodicity, as_of)

    baseline_line = _first(lines, "baseline", area_id, year)
    if baseline_line is not None:
        out.baseline = resolve(baseline_line, latest=latest, own=points, others=others)
        broken = any(
            p.status == "series_break"
            and (baseline_line.from_year is None or p.start.year > baseline_line.from_year)
            for p in points[: i + 1]
        )
        if broken:
            out.baseline = None  # a break since the baseline: the two are not comparable
        elif out.baseline is not None:
            out.change_since_baseline = _r(value - out.baseline.value)
    target_line = _first(lines, "target", area_id, year)
    if target_line is not None:
        out.target = resolve(target_line, latest=latest, own=points, others=others)
        if out.target is None:
            who = names.get(target_line.basis_area_id or 0, "sammenligningsområdet")
            out.target_note = f"målet følger {who}, som ikke har tal for perioden"
        else:
            out.gap_to_target = _r(value - out.target.value)
    for line in lines:
        if line.kind == "threshold" and line.operator in OPERATORS and applies(line, area_id, year):
            out.thresholds.append(
                {
                    "list_kind": getattr(line.list_kind, "value", line.list_kind),
                    "list_year": year,
                    "operator": line.operator,
                    "threshold": line.value,
                    "crossed": OPERATORS[line.operator](value, line.value),
                    "distance": _r(line.value - value),
                }
            )

    if rule.direction == "context":
        out.position, out.trend = "context", "not_applicable"
        return _verdict(out, rule, "context", "context-indicator", names)
    sign = 1.0 if rule.direction == "up" else -1.0
    _trend(out, points, i, rule, sign)
    crossed = [t for t in out.thresholds if t["crossed"]]
    if crossed:
        out.position = "threshold_crossed"
        return _verdict(out, rule, "off_track", "threshold-crossed", names)
    out.position = _position(out, value, sign)
    if out.stale:
        return _verdict(out, rule, "no_recent_data", "stale", names)
    if out.position == "no_target":
        return _verdict(out, rule, "no_target", "no-target", names)
    status = _status(out.position, out.trend)
    code = f"{out.position.replace('_', '-')}-{out.trend.replace('_', '-')}"
    return _verdict(out, rule, status, code, names)


def _r(x: float) -> float:
    return round(x, 6)


def _trend(out: Assessment, points: Sequence[Point], latest: int, rule: Rule, sign: float) -> None:
    last = segment_values(points, latest)[-TREND_SPAN:]
    out.trend_periods = [p.period for p in last]
    if len(last) < TREND_SPAN:
        out.trend = "too_few"
        return
    first_value, last_value = last[0].value or 0.0, last[-1].value or 0.0
    delta = last_value - first_value
    tolerance = tolerance_of(rule, first_value)
    out.trend_change, out.trend_tolerance = _r(delta), tolerance
    if abs(delta) <= tolerance + 1e-9:
        out.trend = "stable"
    else:
        out.trend = "improving" if delta * sign > 0 else "worsening"


def _position(out: Assessment, value: float, sign: float) -> Position:
    if out.target is None:
        return "no_target"
    default = ">=" if sign > 0 else "<="
    meets: Callable[[float, float], bool] = OPERATORS.get(out.target.operator or default, op.ge)
    if meets(value, out.target.value):
        return "target_met"
    if out.baseline is None:
        return "short_of_target"
    return "toward_target" if (value - out.baseline.value) * sign >= 0 else "behind_baseline"


def _status(position: Position, trend: Trend) -> Verdict:
    if position == "target_met":
        return "at_risk" if trend == "worsening" else "on_track"
    if position in ("toward_target", "short_of_target"):
        return {"improving": "on_track", "worsening": "off_track"}.get(trend, "at_risk")  # type: ignore[return-value]
    return "at_risk" if trend == "improving" else "off_track"  # behind the baseline


# ---------------------------------------------------------------- the rule in words
def _verdict(out: Assessment, rule: Rule, status: Verdict, code: str, names: Mapping[int, str]) -> Assessment:
    out.status, out.rule = status, code
    out.explanation = explain(out, rule, names)
    return out
