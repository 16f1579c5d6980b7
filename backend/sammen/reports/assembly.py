"""Assembling a report's content as of its cut-off date, for one edition.

Figures: observations approved on or before the cut-off (a later correction does not change
them: indicators/history.py), read as a non-owner reads them (small numbers withheld), judged by
the one status rule (indicators/assessment.py) as of the cut-off day. Initiatives running by the
cut-off with their latest progress on that day; the year's good stories, reached milestones and
the partnership's decisions; the coverage gaps; the agreement's phase. The partners edition holds
what any partner may read, the public edition public content only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.bodies import service as bodies_service
from sammen.core import danish
from sammen.core.errors import NotFound
from sammen.core.pagination import PageParams
from sammen.core.permissions import Principal
from sammen.goals import service as goals_service
from sammen.indicators import history, rollup, status
from sammen.indicators import service as indicators_service
from sammen.indicators.assessment import LIST_WORDS, OPERATOR_WORDS, RULE_TEXT, Point, applies
from sammen.indicators.models import Indicator, ReferenceLine
from sammen.indicators.schemas import AreaStatus, RollupIndicator
from sammen.initiatives import coverage as coverage_service
from sammen.initiatives import reporting as initiatives_reporting
from sammen.meetings import service as meetings_service
from sammen.orgs import service as orgs_service
from sammen.reports.content import (
    ContentAgreement,
    ContentComparison,
    ContentCoverage,
    ContentCriterion,
    ContentDecision,
    ContentGoal,
    ContentIndicator,
    ContentInitiative,
    ContentLine,
    ContentListAssessment,
    ContentMilestone,
    ContentPhase,
    ContentPoint,
    ContentProgress,
    ContentReport,
    ContentRollup,
    ContentSection,
    ContentSeries,
    ContentStory,
    ContentSubObjective,
    PhaseChange,
    ReportContent,
)
from sammen.reports.models import Edition, ReportSection, StatusReport
from sammen.reports.service import INTRODUCTION, RECOMMENDATIONS, reader_for, sections_of

ALL = PageParams(limit=500, offset=0)


async def assemble(
    session: AsyncSession, *, report: StatusReport, edition: Edition, min_n_default: int
) -> ReportContent:
    assert report.id is not None
    reader = reader_for(edition)
    cutoff = report.cutoff
    year_start = dt.date(cutoff.year, 1, 1)
    agreement = await goals_service.get_agreement(session)
    assert agreement.id is not None
    phases = await goals_service.list_phases(session, agreement_id=agreement.id)
    phase = next((p for p in phases if p.starts_year <= cutoff.year <= p.ends_year), None)
    parties, _ = await orgs_service.list_organisations(session, page=ALL, is_party=True)
    areas = await indicators_service.list_areas(session)
    area_ids = await indicators_service.area_ids_by_code(session)
    codes = {v: k for k, v in area_ids.items()}
    names = {area_ids[a.code]: a.name for a in areas}
    target = next((a for a in areas if a.kind.value == "target"), None)
    target_id = area_ids[target.code] if target else 0
    comparison_ids = [area_ids[a.code] for a in areas if a.kind.value == "comparison"]

    indicators = await indicators_service.list_indicators(session, principal=reader)
    ids = [i.id for i in indicators if i.id is not None]
    lines = await indicators_service.reference_lines(session, indicator_ids=ids)
    figures = await history.figures_at(
        session, indicator_ids=ids, at=history.end_of_day(cutoff), min_n_default=min_n_default
    )
    by_indicator: dict[int, dict[int, list[history.Figure]]] = defaultdict(lambda: defaultdict(list))
    for f in figures:
        by_indicator[f.indicator_id][f.area_id].append(f)
    owners = {o.id: o.name for o in (await orgs_service.list_organisations(session, page=ALL))[0]}
    goal_links = await rollup.goal_links(session, indicator_ids=ids)
    goal_codes = {v: k for k, v in (await goals_service.goal_ids_by_code(session)).items()}
    goals_of: dict[int, list[str]] = defaultdict(list)
    for goal_id, indicator_ids in goal_links.items():
        for indicator_id in indicator_ids:
            if goal_id in goal_codes:
                goals_of[indicator_id].append(goal_codes[goal_id])

    contents: dict[str, ContentIndicator] = {}
    for indicator in indicators:
        assert indicator.id is not None
        contents[indicator.code] = _indicator(
            indicator,
            by_indicator[indicator.id],
            lines.get(indicator.id, []),
            cutoff=cutoff,
            target_id=target_id,
            comparison_ids=comparison_ids,
            codes=codes,
            names=names,
            owner=owners.get(indicator.owner_organisation_id, ""),
            goals=sorted(goals_of[indicator.id]),
            phase=phase.number if phase else None,
            phase_start=phase.starts_year if phase else None,
        )

    tree = await goals_service.goal_tree(session, principal=reader)
    code_of = {i.id: i.code for i in indicators}
    by_goal = {g: [code_of[i] for i in inds if i in code_of] for g, inds in goal_links.items()}
    statuses = {
        code: RollupIndicator(
            indicator=code,
            name_da=c.name,
            status=c.status.status,
            position=c.status.position,
            trend=c.status.trend,
            period=c.status.period,
            explanation=c.status.explanation,
        )
        for code, c in contents.items()
    }
    rollups = {
        r.goal: r
        for r in rollup.build_rollups(
            tree, by_goal, statuses, area=target.code if target else "", as_of=cutoff
        )
    }
    sections = {s.key: s for s in await sections_of(session, report_id=report.id)}

    initiatives = await initiatives_reporting.initiatives_as_of(session, principal=reader, cutoff=cutoff)
    stories = await initiatives_reporting.stories_between(
        session, principal=reader, start=year_start, end=cutoff
    )
    milestones = await initiatives_reporting.milestones_between(
        session, principal=reader, start=year_start, end=cutoff
    )
    goal_id_to_top: dict[int, str] = {}
    for g in tree:
        goal_id_to_top[g.id] = g.code
        for s in g.sub_objectives:
            goal_id_to_top[s.id] = g.code
    all_codes = {**{g.id: g.code for g in tree}, **{s.id: s.code for g in tree for s in g.sub_objectives}}

    goals: list[ContentGoal] = []
    for g in tree:
        top = rollups[g.code]
        section = sections.get(f"goal:{g.code}")
        goals.append(
            ContentGoal(
                code=g.code,
                title=g.title,
                rollup=ContentRollup(status=top.status, explanation=top.explanation, counts=top.counts),
                sub_objectives=[
                    ContentSubObjective(
                        code=s.goal,
                        title=s.title,
                        rollup=ContentRollup(status=s.status, explanation=s.explanation, counts=s.counts),
                    )
                    for s in top.sub_objectives
                ],
                assessment=ContentSection(
                    key=f"goal:{g.code}",
                    title=section.title if section else f"Vurdering: mål {g.code}",
                    markdown=section.body if section else "",
                ),
                indicators=[contents[i.indicator] for i in top.indicators],
                initiatives=[
                    ContentInitiative(
                        id=i.id,
                        title=i.title,
                        lead=i.lead,
                        status=i.status,
                        goals=sorted(all_codes[x] for x in i.goal_ids if x in all_codes),
                        latest_progress=ContentProgress(
                            reported_on=i.reported_on,
                            status_colour=i.status_colour or "",
                            percent_complete=i.percent_complete,
                            narrative=i.narrative or "",
                        )
                        if i.reported_on
                        else None,
                    )
                    for i in initiatives
                    if any(goal_id_to_top.get(x) == g.code for x in i.goal_ids)
                ],
                stories=[
                    ContentStory(**vars(story))
                    for goal_ids, story in stories
                    if any(goal_id_to_top.get(x) == g.code for x in goal_ids)
                ],
                milestones=[
                    ContentMilestone(title=m.title, initiative=m.initiative, done_on=m.done_on)
                    for goal_ids, m in milestones
                    if any(goal_id_to_top.get(x) == g.code for x in goal_ids)
                ],
            )
        )

    return ReportContent(
        report=await _report_part(session, report, edition),
        agreement=ContentAgreement(
            title=agreement.title,
            subtitle=agreement.subtitle,
            parties=[o.name for o in parties],
            starts_on=agreement.starts_on,
            ends_on=agreement.ends_on,
        ),
        phase=ContentPhase(
            number=phase.number, title=phase.title, starts_year=phase.starts_year, ends_year=phase.ends_year
        )
        if phase
        else None,
        as_of=cutoff,
        area=target.code if target else "",
        area_name=target.name if target else "",
        introduction=_section(sections, INTRODUCTION, "Indledning"),
        recommendations=_section(
            sections, RECOMMENDATIONS, "Anbefalinger til næste års strategiske prioritering"
        ),
        goals=goals,
        criteria=_criteria(list(contents.values()), cutoff.year),
        decisions=await _decisions(session, reader, year_start, cutoff),
        coverage=await _coverage(session, reader),
        status_rule=RULE_TEXT + "\n\n" + rollup.RULE_TEXT,
    )


def _section(sections: dict[str, ReportSection], key: str, title: str) -> ContentSection:
    found = sections.get(key)
    return ContentSection(
        key=key, title=found.title if found else title, markdown=found.body if found else ""
    )


def _indicator(
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


def _criteria(indicators: Sequence[ContentIndicator], year: int) -> list[ContentListAssessment]:
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


async def _decisions(
    session: AsyncSession, reader: Principal | None, start: dt.date, end: dt.date
) -> list[ContentDecision]:
    partnerships, _ = await bodies_service.list_bodies(
        session, page=ALL, kind=bodies_service.BodyKind.partnership
    )
    v = await meetings_service.viewer(session, reader)
    out: list[ContentDecision] = []
    for body in partnerships:
        found, _ = await meetings_service.list_decisions(
            session, v=v, page=ALL, body_id=body.id, decided_from=start, decided_to=end
        )
        out += [
            ContentDecision(number=d.number, title=d.title, text=d.text, decided_on=d.decided_on)
            for d in found
        ]
    return sorted(out, key=lambda d: (d.decided_on, d.number))


async def _coverage(session: AsyncSession, reader: Principal | None) -> ContentCoverage:
    found = await coverage_service.coverage(
        session, principal=reader or Principal(kind="user", id=0, name="")
    )
    return ContentCoverage(
        sub_objectives_without_active_initiative=[
            f"{g.code} {g.title}" for g in found.sub_objectives_without_active_initiative
        ],
        indicators_without_initiative=[i.name_da for i in found.indicators_without_initiative],
        initiatives_without_indicator=[i.title for i in found.initiatives_without_indicator],
    )


async def _report_part(session: AsyncSession, report: StatusReport, edition: Edition) -> ContentReport:
    assert report.id is not None
    meeting = decision = None
    presented_on = None
    v = await meetings_service.viewer(session, reader_for(edition))
    if report.presented_agenda_item_id is not None:
        try:
            item, m = await meetings_service.get_agenda_item(
                session, v=v, item_id=report.presented_agenda_item_id
            )
            meeting = f"{m.title}, {danish.date(bodies_service.local_date(m.starts_at))}, punkt: {item.title}"
            presented_on = bodies_service.local_date(m.starts_at)
        except NotFound:
            meeting = None  # a meeting the edition's readers may not see is not named
    if report.frozen_decision_id is not None:
        d = await meetings_service.require_decision(
            session, decision_id=report.frozen_decision_id, kinds=None, field="decision_id"
        )
        decision = f"Beslutning {d.number}: {d.title} ({danish.date(d.decided_on)})"
    return ContentReport(
        id=report.id,
        year=report.year,
        title=report.title,
        cutoff=report.cutoff,
        edition=edition,
        state=report.state,
        presented_on=presented_on,
        meeting=meeting,
        decision=decision,
        frozen_at=report.frozen_at,
    )
