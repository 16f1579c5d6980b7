"""What the public site shows: every page's content, read as an anonymous caller.

Nothing here decides visibility or withholding itself. Each read goes through the owning
domain's own function with `principal=None` (or the meetings domain's anonymous viewer), so
the public site shows exactly what the API shows a caller without a token: public rows only,
approved values only, small numbers withheld, frozen reports only. Like every domain it reaches
the others only through their `service` and `schemas` modules. A signed-in partner visiting the site sees the
same pages (the site never reads the Authorization header), which keeps them cacheable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.clock import today
from sammen.core.errors import NotFound, Unauthorized
from sammen.core.markdown import render as render_markdown
from sammen.core.pagination import PageParams
from sammen.core.reads import Reader
from sammen.goals import service as goals_service
from sammen.goals.schemas import AgreementPublic, GoalPublic, PhasePublic
from sammen.governance.bodies import service as bodies_service
from sammen.governance.meetings import service as meetings_service
from sammen.governance.meetings.service import MeetingStatus
from sammen.indicators import service as indicators_service
from sammen.indicators.schemas import IndicatorPublic, RollupIndicator
from sammen.initiatives import service as initiatives_service
from sammen.initiatives.schemas import GoodStory, InitiativeFilters, ProgressPublic
from sammen.orgs import service as orgs_service
from sammen.public.charts import IndicatorFigures, figures_of
from sammen.reports import service as reports_service

ANONYMOUS = None  # the principal every read here uses: no token, public content only


class Gone(Exception):
    """What a page shows does not exist or is not public: the site answers with its 404 page
    (an HTML page, never an API problem; the domains' own NotFound means the same)."""


MAX_LIST = 500  # the API's largest page; the public lists stay well below it


# ------------------------------------------------------------------ goal status
@dataclass(frozen=True)
class GoalStatus:
    """A goal's status for residents, from the indicators domain's goal roll-up (GET /goal-status)."""

    verdict: str | None  # on_track, at_risk, off_track, no_target, no_recent_data; None: no roll-up
    explanation: str | None  # the verdict's reasons in Danish (the rule's own words): Danish pages only
    counts: dict[str, int] = field(default_factory=dict)  # indicators per status (none with 0)
    indicators: dict[str, RollupIndicator] = field(default_factory=dict)  # by code, in the measured area


NO_STATUS = GoalStatus(verdict=None, explanation=None)


async def goal_statuses(
    session: AsyncSession, *, min_n_default: int, as_of: dt.date | None = None
) -> dict[str, GoalStatus]:
    """Each goal's status by goal code: the roll-up the API gives an anonymous caller, so only
    public indicators count (their own and their sub-objectives', each once), judged as of today
    in Copenhagen. The ONE place the public site learns a goal's status."""
    rollups = await indicators_service.goal_rollups(
        session, principal=ANONYMOUS, as_of=as_of or today(), min_n_default=min_n_default
    )
    return {
        r.goal: GoalStatus(
            verdict=r.status,
            explanation=r.explanation,
            counts={key: n for key, n in r.counts.model_dump().items() if n},
            indicators={i.indicator: i for i in r.indicators},
        )
        for r in rollups
    }


# ------------------------------------------------------------------ published annual status reports
REPORTS_API = "/api/v1/reports"  # the reports domain's documents (main.API_PREFIX + its router)


@dataclass(frozen=True)
class ReportLink:
    """A frozen annual status report's public edition: public data only, small numbers withheld."""

    id: int
    year: int
    title: str
    approved_at: dt.datetime | None  # when the partnership's decision froze it

    @property
    def pdf(self) -> str:
        return f"{REPORTS_API}/{self.id}.pdf?edition=public"

    @property
    def html(self) -> str:
        return f"{REPORTS_API}/{self.id}.html?edition=public"


async def published_reports(session: AsyncSession) -> list[ReportLink]:
    """The annual status reports anyone may read, newest first: the frozen ones, as the reports
    domain lists them to an anonymous caller (a draft, in review or presented report is never here)."""
    a = await reports_service.access_of(session, ANONYMOUS)
    found, _ = await reports_service.list_reports(session, a=a, page=PageParams(limit=MAX_LIST))
    hashes = await reports_service.hashes(session, report_ids=[r.id for r in found if r.id is not None])
    shown = [reports_service.report_public(a, r, hashes) for r in found]
    return [
        ReportLink(r.id, r.year, r.title, r.freezing.frozen_at if r.freezing else None)
        for r in shown
        if "public" in r.editions
    ]


# ------------------------------------------------------------------ shared pieces
async def measured_area(session: AsyncSession) -> str | None:
    """The code of the area the agreement is about (kind `target`, e.g. hoeje-gladsaxe)."""
    return next((a.code for a in await indicators_service.list_areas(session) if a.kind == "target"), None)


async def agreement(session: AsyncSession) -> AgreementPublic:
    return await goals_service.agreement_public(session, await goals_service.get_agreement(session))


def current_phase(phases: Sequence[PhasePublic], on: dt.date) -> PhasePublic | None:
    for phase in phases:
        if phase.starts_year <= on.year <= phase.ends_year:
            return phase
    return None


async def goals(session: AsyncSession) -> list[GoalPublic]:
    return await goals_service.goal_tree(session, principal=ANONYMOUS)


async def organisation_names(session: AsyncSession) -> dict[str, str]:
    found, _ = await orgs_service.list_organisations(session, page=PageParams(limit=MAX_LIST))
    return {o.slug: o.name for o in found}


async def parties(session: AsyncSession) -> list[str]:
    found, _ = await orgs_service.list_organisations(session, page=PageParams(limit=MAX_LIST), is_party=True)
    return [o.name for o in found]


# ------------------------------------------------------------------ good stories
async def latest_stories(session: AsyncSession, *, limit: int) -> list[GoodStory]:
    items, _ = await initiatives_service.list_good_stories(
        session, principal=ANONYMOUS, limit=limit, offset=0
    )
    return items


async def story(session: AsyncSession, *, story_id: int) -> GoodStory:
    for item in await latest_stories(session, limit=MAX_LIST):
        if item.id == story_id:
            return item
    raise Gone


# ------------------------------------------------------------------ meetings, decisions, minutes
@dataclass(frozen=True)
class MeetingLine:
    id: int
    title: str
    body: str
    starts_at: dt.datetime
    place: str | None


async def next_meetings(session: AsyncSession, *, now: dt.datetime, limit: int) -> list[MeetingLine]:
    v = await meetings_service.viewer(session, ANONYMOUS)
    found, _ = await meetings_service.list_meetings(
        session, v=v, page=PageParams(limit=MAX_LIST), starts_from=now
    )
    names = await bodies_service.body_names(session)
    upcoming = sorted((m for m in found if m.status != MeetingStatus.cancelled), key=lambda m: m.starts_at)
    return [
        MeetingLine(m.id or 0, m.title, names.get(m.body_id, ""), m.starts_at, m.place)
        for m in upcoming[:limit]
    ]


@dataclass(frozen=True)
class DecisionLine:
    id: int
    number: str
    title: str
    text: str
    body: str
    decided_on: dt.date
    updated_at: dt.datetime


async def public_decisions(session: AsyncSession, *, limit: int = MAX_LIST) -> list[DecisionLine]:
    v = await meetings_service.viewer(session, ANONYMOUS)
    rows, _ = await meetings_service.list_decisions(session, v=v, page=PageParams(limit=limit))
    names = await bodies_service.body_names(session)
    return [
        DecisionLine(
            d.id or 0, d.number, d.title, d.text, names.get(d.body_id, ""), d.decided_on, d.updated_at
        )
        for d in rows
    ]


@dataclass
class MinutesPage:
    meeting: MeetingLine
    approved_on: dt.date | None
    items: list[tuple[str, str]] = field(default_factory=list)  # (agenda item title, minutes text)


async def approved_minutes_meetings(session: AsyncSession) -> list[MeetingLine]:
    """Public meetings whose minutes are approved, newest first."""
    v = await meetings_service.viewer(session, ANONYMOUS)
    found, _ = await meetings_service.list_meetings(
        session, v=v, page=PageParams(limit=MAX_LIST), status=MeetingStatus.minutes_approved
    )
    names = await bodies_service.body_names(session)
    return [MeetingLine(m.id or 0, m.title, names.get(m.body_id, ""), m.starts_at, m.place) for m in found]


async def minutes_page(session: AsyncSession, *, meeting_id: int) -> MinutesPage:
    """A meeting's approved minutes: the public agenda items and their approved text only."""
    v = await meetings_service.viewer(session, ANONYMOUS)
    meeting = await meetings_service.get_meeting(session, v=v, meeting_id=meeting_id)
    if meeting.status != MeetingStatus.minutes_approved:
        raise Gone
    agenda = await meetings_service.list_agenda(session, v=v, meeting=meeting)
    entries = {
        e.agenda_item_id: e
        for e in await meetings_service.current_minutes(session, v=v, meeting=meeting)
        if e.status == "approved"
    }
    names = await bodies_service.body_names(session)
    page = MinutesPage(
        meeting=MeetingLine(
            meeting.id or 0, meeting.title, names.get(meeting.body_id, ""), meeting.starts_at, meeting.place
        ),
        approved_on=meeting.minutes_approved_at.date() if meeting.minutes_approved_at else None,
    )
    page.items = [(item.title, entries[item.id].text) for item in agenda if item.id in entries]
    return page


# ------------------------------------------------------------------ initiatives
async def initiative_list(
    reader: Reader, *, goal: str | None, organisation: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """Public initiatives, newest change first, as the API's list gives them (dicts)."""
    flt = InitiativeFilters(goal=goal or None, organisation=organisation or None)
    page = await initiatives_service.initiative_list_json(
        reader, principal=ANONYMOUS, flt=flt, limit=limit, offset=offset
    )
    return list(page["items"]), int(page["total"])


@dataclass
class InitiativePage:
    detail: dict[str, Any]
    progress: list[ProgressPublic]


async def initiative_page(session: AsyncSession, *, initiative_id: int) -> InitiativePage:
    detail = await initiatives_service.initiative_json(
        session, principal=ANONYMOUS, initiative_id=initiative_id
    )
    obj = await initiatives_service.get_initiative(session, principal=ANONYMOUS, initiative_id=initiative_id)
    progress, _ = await initiatives_service.list_progress(session, initiative=obj, limit=5, offset=0)
    return InitiativePage(detail=detail, progress=progress)


# ------------------------------------------------------------------ a goal's page
@dataclass
class GoalPage:
    goal: GoalPublic
    status: GoalStatus
    indicators: list[IndicatorFigures]
    initiatives: list[dict[str, Any]]


async def goal_page(session: AsyncSession, reader: Reader, *, code: str, min_n_default: int) -> GoalPage:
    goal = next((g for g in await goals(session) if g.code == code), None)
    if goal is None:
        raise Gone
    status = (await goal_statuses(session, min_n_default=min_n_default)).get(code, NO_STATUS)
    indicators = await indicators_service.list_indicators(session, principal=ANONYMOUS, goal=code)
    described = await indicators_service.indicators_public(session, indicators, min_n_default=min_n_default)
    rows = await _observation_rows(session, [i.code for i in described], min_n_default=min_n_default)
    areas = await indicators_service.list_areas(session)
    figures = [
        figures_of(info, status.indicators.get(info.code), rows.get(info.code, []), areas)
        for info in described
    ]
    initiatives, _ = await initiative_list(reader, goal=code, organisation=None, limit=MAX_LIST, offset=0)
    return GoalPage(goal=goal, status=status, indicators=figures, initiatives=initiatives)


async def _observation_rows(
    session: AsyncSession, codes: list[str], *, min_n_default: int
) -> dict[str, list[Any]]:
    """The observations of these indicators exactly as the API gives an anonymous caller:
    approved values only, small numbers withheld (the indicators domain's own select)."""
    if not codes:
        return {}
    out: dict[str, list[Any]] = {}
    for row in await indicators_service.observation_rows(
        session, principal=ANONYMOUS, indicators=codes, min_n_default=min_n_default
    ):
        out.setdefault(row.indicator, []).append(row)
    return out


def indicator_min_n(indicators: Sequence[IndicatorPublic]) -> dict[str, int]:
    return {i.code: i.min_n for i in indicators}


# ------------------------------------------------------------------ about the agreement
@dataclass
class BodyLine:
    kind: str
    name: str
    purpose: str


async def bodies(session: AsyncSession) -> list[BodyLine]:
    found, _ = await bodies_service.list_bodies(session, page=PageParams(limit=MAX_LIST))
    order = {"partnership": 0, "coordination_group": 1, "working_group": 2}
    live = [b for b in found if b.status != "dissolved"]
    live.sort(key=lambda b: (order.get(b.kind, 9), b.id))
    return [BodyLine(b.kind, b.name, b.purpose) for b in live]


def markdown(text: str | None, *, top: int = 3) -> str | None:
    """The project's one Markdown renderer (safe HTML), as the SPA shows the same text, with its
    headings moved so the highest is `top` (the page's outline never skips a level)."""
    html = render_markdown(text)
    levels = [int(n) for n in re.findall(r"<h([1-6])>", html or "")]
    if not html or not levels:
        return html
    shift = top - min(levels)
    return re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}>", html)


NOT_PUBLIC = (Gone, NotFound, Unauthorized)  # what a page for a missing or non-public object raises
