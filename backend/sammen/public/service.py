"""What the public site shows: every page's content, read as an anonymous caller.

Nothing here decides visibility or withholding itself. Each read goes through the owning
domain's own function with `principal=None` (or the meetings domain's anonymous viewer), so
the public site shows exactly what the API shows a caller without a token: public rows only,
approved values only, small numbers withheld. A signed-in partner visiting the site sees the
same pages (the site never reads the Authorization header), which keeps them cacheable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.bodies import service as bodies_service
from sammen.core.clock import today
from sammen.core.errors import NotFound, Unauthorized
from sammen.core.pagination import PageParams
from sammen.core.reads import Reader
from sammen.goals import service as goals_service
from sammen.goals.schemas import AgreementPublic, GoalPublic, PhasePublic
from sammen.indicators import observations as indicator_observations
from sammen.indicators import service as indicators_service
from sammen.indicators import status as indicator_status
from sammen.indicators.schemas import IndicatorPublic, IndicatorStatus
from sammen.initiatives import listing as initiative_listing
from sammen.initiatives import progress as initiative_progress
from sammen.initiatives import service as initiatives_service
from sammen.initiatives.markdown import render as render_markdown
from sammen.initiatives.schemas import GoodStory, InitiativeFilters, ProgressPublic
from sammen.meetings import access as meeting_access
from sammen.meetings import decisions as meeting_decisions
from sammen.meetings import minutes as meeting_minutes
from sammen.meetings import service as meetings_service
from sammen.meetings.models import MeetingStatus
from sammen.orgs import service as orgs_service
from sammen.public.charts import IndicatorFigures, figures_of

ANONYMOUS = None  # the principal every read here uses: no token, public content only


class Gone(Exception):
    """What a page shows does not exist or is not public: the site answers with its 404 page
    (an HTML page, never an API problem; the domains' own NotFound means the same)."""


MAX_LIST = 500  # the API's largest page; the public lists stay well below it


# ------------------------------------------------------------------ goal status (the seam for #12)
@dataclass(frozen=True)
class GoalStatus:
    """A goal's status for residents: a verdict key (None while no rule gives one) and plain words."""

    verdict: str | None
    counts: dict[str, int]


async def goal_statuses(
    session: AsyncSession,
    *,
    min_n_default: int,
    as_of: dt.date | None = None,
    codes: Sequence[str] | None = None,
) -> dict[str, GoalStatus]:
    """Each goal's status, by goal code, from the public indicators only.

    The ONE place the public site learns a goal's status. Today (main) it counts the statuses
    the indicators domain gives each public indicator of the goal in the measured area, and
    names no verdict of its own. When issue #12's roll-up lands, replace the body with
    `indicators.rollup.goal_rollups(session, principal=ANONYMOUS, as_of=..., min_n_default=...)`
    and map each GoalRollup to GoalStatus(verdict=r.status, counts=r.counts.model_dump());
    the templates already show a verdict when there is one. `codes`: only these goals.
    """
    as_of = as_of or today()
    tree = await goals_service.goal_tree(session, principal=ANONYMOUS)
    target = await measured_area(session)
    out: dict[str, GoalStatus] = {}
    for goal in tree:
        if codes is not None and goal.code not in codes:
            continue
        statuses = await _indicator_statuses(
            session, goal=goal.code, min_n_default=min_n_default, as_of=as_of
        )
        counts: dict[str, int] = {}
        for item in statuses:
            own = next((a.status for a in item.areas if a.area == target), None)
            if own is not None:
                counts[own] = counts.get(own, 0) + 1
        out[goal.code] = GoalStatus(verdict=None, counts=counts)
    return out


# ------------------------------------------------------------------ published reports (the seam for #12)
@dataclass(frozen=True)
class ReportLink:
    year: int
    title: str
    url: str


async def published_reports(session: AsyncSession) -> list[ReportLink]:
    """The published annual status reports (public edition), newest first.

    Issue #12 brings the reports domain and its PDFs; until it lands there is nothing to link,
    and the pages say so. Then: `reports.service.list_reports(session, a=await
    reports.access.access_of(session, ANONYMOUS), page=PageParams(limit=MAX_LIST))` gives the
    frozen reports an anonymous caller may read; link each as
    `/api/v1/reports/{id}.pdf?edition=public` (the public edition: public data, small numbers withheld)."""
    return []


# ------------------------------------------------------------------ shared pieces
async def _indicator_statuses(
    session: AsyncSession, *, goal: str, min_n_default: int, as_of: dt.date
) -> list[IndicatorStatus]:
    indicators = await indicators_service.list_indicators(session, principal=ANONYMOUS, goal=goal)
    return await indicator_status.indicator_statuses(
        session, principal=ANONYMOUS, indicators=indicators, as_of=as_of, min_n_default=min_n_default
    )


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
    items, _ = await initiative_progress.list_good_stories(
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
    v = await meeting_access.viewer(session, ANONYMOUS)
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
    v = await meeting_access.viewer(session, ANONYMOUS)
    rows, _ = await meeting_decisions.list_decisions(session, v=v, page=PageParams(limit=limit))
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
    v = await meeting_access.viewer(session, ANONYMOUS)
    found, _ = await meetings_service.list_meetings(
        session, v=v, page=PageParams(limit=MAX_LIST), status=MeetingStatus.minutes_approved
    )
    names = await bodies_service.body_names(session)
    return [MeetingLine(m.id or 0, m.title, names.get(m.body_id, ""), m.starts_at, m.place) for m in found]


async def minutes_page(session: AsyncSession, *, meeting_id: int) -> MinutesPage:
    """A meeting's approved minutes: the public agenda items and their approved text only."""
    v = await meeting_access.viewer(session, ANONYMOUS)
    meeting = await meeting_access.get_meeting(session, v=v, meeting_id=meeting_id)
    if meeting.status != MeetingStatus.minutes_approved:
        raise Gone
    agenda = await meetings_service.list_agenda(session, v=v, meeting=meeting)
    entries = {
        e.agenda_item_id: e
        for e in await meeting_minutes.list_minutes(session, v=v, meeting=meeting)
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
    body = await initiative_listing.list_page(
        reader, principal=ANONYMOUS, flt=flt, limit=limit, offset=offset
    )
    page = orjson.loads(body)
    return list(page["items"]), int(page["total"])


@dataclass
class InitiativePage:
    detail: dict[str, Any]
    progress: list[ProgressPublic]


async def initiative_page(session: AsyncSession, *, initiative_id: int) -> InitiativePage:
    detail = orjson.loads(
        await initiative_listing.initiative_detail(session, principal=ANONYMOUS, initiative_id=initiative_id)
    )
    obj = await initiatives_service.get_initiative(session, principal=ANONYMOUS, initiative_id=initiative_id)
    progress, _ = await initiative_progress.list_progress(session, initiative=obj, limit=5, offset=0)
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
    as_of = today()
    indicators = await indicators_service.list_indicators(session, principal=ANONYMOUS, goal=code)
    described = await indicators_service.indicators_public(session, indicators, min_n_default=min_n_default)
    statuses = await indicator_status.indicator_statuses(
        session, principal=ANONYMOUS, indicators=indicators, as_of=as_of, min_n_default=min_n_default
    )
    rows = await _observation_rows(session, [i.code for i in described], min_n_default=min_n_default)
    areas = await indicators_service.list_areas(session)
    figures = [
        figures_of(info, status, rows.get(info.code, []), areas)
        for info, status in zip(described, statuses, strict=True)
    ]
    initiatives, _ = await initiative_list(reader, goal=code, organisation=None, limit=MAX_LIST, offset=0)
    status = (await goal_statuses(session, min_n_default=min_n_default, as_of=as_of, codes=[code])).get(
        code, GoalStatus(None, {})
    )
    return GoalPage(goal=goal, status=status, indicators=figures, initiatives=initiatives)


async def _observation_rows(
    session: AsyncSession, codes: list[str], *, min_n_default: int
) -> dict[str, list[Any]]:
    """The observations of these indicators exactly as the API gives an anonymous caller:
    approved values only, small numbers withheld (the indicators domain's own select)."""
    if not codes:
        return {}
    stmt = indicator_observations.observation_select(
        ANONYMOUS, indicator_observations.ObservationFilter(indicators=codes), min_n_default=min_n_default
    )
    out: dict[str, list[Any]] = {}
    for row in (await session.execute(stmt)).all():
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
