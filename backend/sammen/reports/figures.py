"""One indicator's part of the report, as of the cut-off: its status by the rule, comparisons, the
change over the current phase, the reference lines as the chart draws them, its series; and the
official area criteria from all of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sammen.core import danish
from sammen.indicators.api import (
    LIST_WORDS,
    OPERATOR_WORDS,
    Indicator,
    Point,
    ReferenceLine,
    applies,
    history,
    status,
)
from sammen.indicators.schemas import AreaStatus
from sammen.reports.content import (
    ContentComparison,
    ContentCriterion,
    ContentIndicator,
    ContentLine,
    ContentListAssessment,
    ContentPoint,
    ContentSeries,
    PhaseChange,
)


def indicator_content(
    indicator: Indicator,
    figures: dict[int, list[history.Figure]],
    lines: Sequence[ReferenceLine],
    *,
    cutoff: dt.date,
    target_id: int,
    comparison_ids: Sequence[int],
    codes: dict[int, str],
    names: dict[int, str],
    owner: str,
    goals: list[str],
    phase: int | None,
    phase_start: int | None,
) -> ContentIndicator:
    series: dict[int, list[Point]] = {area: [f.point for f in fs] for area, fs in figures.items()}
    st = status.area_status(
        area_id=target_id,
        indicator=indicator,
        series=series,
        lines=lines,
        as_of=cutoff,
        codes=codes,
        names=names,
        comparison_ids=comparison_ids,
    )
    shown = [target_id, *(c for c in comparison_ids if c in figures)]
    return ContentIndicator(
        code=indicator.code,
        name=indicator.name_da,
        definition=indicator.definition,
        unit=indicator.unit,
        decimals=indicator.decimals,
        direction=indicator.direction.value,
        periodicity=indicator.periodicity.value,
        data_source=indicator.source,
        owner=owner,
        goals=goals,
        area=codes.get(target_id, ""),
        status=st,
        comparisons=[
            ContentComparison(
                area=c.area,
                area_name=names.get(_id_of(codes, c.area), c.area),
                period=c.period,
                value=c.value,
                gap=c.gap,
            )
            for c in st.comparisons
        ],
        phase_change=_phase_change(series.get(target_id, []), st, phase, phase_start),
        lines=_lines(indicator, lines, st, target_id, names),
        series=[
            ContentSeries(
                area=codes[a],
                area_name=names.get(a, codes[a]),
                points=[
                    ContentPoint(
                        period=f.period, value=f.value, withheld=f.withheld, missing_reason=f.missing_reason
                    )
                    for f in figures.get(a, [])
                ],
            )
            for a in shown
            if a in codes
        ],
    )


def _id_of(codes: dict[int, str], code: str) -> int:
    return next((k for k, v in codes.items() if v == code), 0)


def _phase_change(
    points: Sequence[Point], st: AreaStatus, phase: int | None, phase_start: int | None
) -> PhaseChange | None:
    if phase is None or phase_start is None or st.value is None or st.period is None:
        return None
    first = next((p for p in points if p.value is not None and p.start.year >= phase_start), None)
    if first is None or first.value is None or first.period == st.period:
        return None
    return PhaseChange(
        phase=phase,
        from_period=first.period,
        from_value=first.value,
        to_period=st.period,
        to_value=st.value,
        change=round(st.value - first.value, 6),
    )


def _lines(
    indicator: Indicator,
    lines: Sequence[ReferenceLine],
    st: AreaStatus,
    target_id: int,
    names: dict[int, str],
) -> list[ContentLine]:
    def fig(x: float) -> str:
        return danish.figure(x, indicator.unit, indicator.decimals)

    out: list[ContentLine] = []
    year = int(st.period[:4]) if st.period else None
    if st.baseline is not None:
        line = next(ln for ln in lines if ln.kind.value == "baseline")
        when = f" ({danish.period(st.baseline_period)})" if st.baseline_period else ""
        out.append(_line("baseline", st.baseline, f"Udgangspunkt{when}: {fig(st.baseline)}", line, names))
    target = next((ln for ln in lines if ln.kind.value == "target"), None)
    if target is not None:
        follows = target.basis.value == "area_level"
        who = names.get(target.basis_area_id or 0, "")
        if st.target is None:
            label = f"Mål: {who}s niveau (intet tal)" if follows else "Mål"
        elif follows:
            label = f"Mål: {who}s niveau, {fig(st.target)} {danish.when(st.target_period or '')}"
        else:
            label = f"Mål: {fig(st.target)}"
        # a target that follows another area is that area's series, not a horizontal line
        out.append(_line("target", None if follows else st.target, label, target, names))
    for ln in lines:
        if ln.kind.value != "threshold" or ln.operator is None:
            continue
        if year is not None and not applies(ln, target_id, year):
            continue
        kind = LIST_WORDS.get(ln.list_kind.value if ln.list_kind else "", "en officiel liste")
        label = f"Grænse for {kind}: {OPERATOR_WORDS[ln.operator]} {fig(ln.value)}"
        out.append(_line("threshold", ln.value, label, ln, names))
    return out


def _line(
    kind: str, value: float | None, label: str, line: ReferenceLine, names: dict[int, str]
) -> ContentLine:
    return ContentLine(
        kind=kind,
        value=value,
        label=label,
        operator=line.operator,
        list_kind=line.list_kind.value if line.list_kind else None,
        basis=line.basis.value,
        basis_area=names.get(line.basis_area_id) if line.basis_area_id else None,
        source=line.source,
    )


def criteria(indicators: Sequence[ContentIndicator], year: int) -> list[ContentListAssessment]:
    """The official area criteria on the cut-off: per list kind, the counting criteria crossed."""
    kinds = sorted({t.list_kind for c in indicators for t in c.status.thresholds if t.list_kind})
    out = []
    for kind in kinds:
        criteria: list[ContentCriterion] = []
        conditions: list[ContentCriterion] = []
        for c in indicators:
            for t in c.status.thresholds:
                if t.list_kind != kind:
                    continue
                entry = ContentCriterion(
                    indicator=c.code,
                    name=c.name,
                    period=c.status.period,
                    value=c.status.value,
                    operator=t.operator,
                    threshold=t.threshold,
                    crossed=t.crossed,
                )
                (conditions if c.direction == "context" else criteria).append(entry)
        crossed = sum(1 for x in criteria if x.crossed)
        meets = crossed >= 2 and (kind.value != "forebyggelse" or all(x.crossed for x in conditions))
        out.append(
            ContentListAssessment(
                list_kind=kind.value,
                list_year=year,
                criteria=criteria,
                crossed=crossed,
                conditions=conditions,
                meets_list_criteria=meets,
            )
        )
    return out
