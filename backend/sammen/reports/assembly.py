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

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import clock, danish
from sammen.core.errors import NotFound
from sammen.core.pagination import PageParams
from sammen.core.permissions import Principal
from sammen.goals import service as goals_service
from sammen.governance.bodies import service as bodies_service
from sammen.governance.meetings import service as meetings_service
from sammen.indicators import service as indicators_service
from sammen.indicators.api import RULE_TEXT, history, rollup
from sammen.indicators.schemas import RollupIndicator
from sammen.initiatives import api as initiatives_api
from sammen.orgs import service as orgs_service
from sammen.reports import figures
from sammen.reports.access import reader_for
from sammen.reports.content import (
    ContentAgreement,
    ContentCoverage,
    ContentDecision,
    ContentGoal,
    ContentIndicator,
    ContentInitiative,
    ContentMilestone,
    ContentPhase,
    ContentProgress,
    ContentReport,
    ContentRollup,
    ContentSection,
    ContentStory,
    ContentSubObjective,
    ReportContent,
)
from sammen.reports.models import Edition, ReportSection, StatusReport
from sammen.reports.service import INTRODUCTION, RECOMMENDATIONS, sections_of

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
    observed = await history.figures_at(
        session, indicator_ids=ids, at=history.end_of_day(cutoff), min_n_default=min_n_default
    )
    by_indicator: dict[int, dict[int, list[history.Figure]]] = defaultdict(lambda: defaultdict(list))
    for f in observed:
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
        contents[indicator.code] = figures.indicator_content(
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

    initiatives = await initiatives_api.initiatives_as_of(session, principal=reader, cutoff=cutoff)
    stories = await initiatives_api.stories_between(session, principal=reader, start=year_start, end=cutoff)
    milestones = await initiatives_api.milestones_between(
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
        criteria=figures.criteria(list(contents.values()), cutoff.year),
        decisions=await _decisions(session, reader, year_start, cutoff),
        coverage=await _coverage(session, reader),
        status_rule=RULE_TEXT + "\n\n" + rollup.RULE_TEXT,
    )


def _section(sections: dict[str, ReportSection], key: str, title: str) -> ContentSection:
    found = sections.get(key)
    return ContentSection(
        key=key, title=found.title if found else title, markdown=found.body if found else ""
    )


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
    found = await initiatives_api.coverage(session, principal=reader or Principal(kind="user", id=0, name=""))
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
            meeting = f"{m.title}, {danish.date(clock.local_date(m.starts_at))}, punkt: {item.title}"
            presented_on = clock.local_date(m.starts_at)
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
