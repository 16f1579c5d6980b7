"""Initiatives as a yearly report reads them: running by a cut-off date, with their latest progress
on that date, the year's good stories and reached milestones, as far as a reader may see them.

Each is one statement (the report assembles 200 initiatives in a few milliseconds), and every
row respects the initiative's visibility, so the public edition gets public initiatives only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.live import live, unfiltered
from sammen.core.permissions import Principal
from sammen.initiatives.access import IG, INI, ORG, PU, live_visible_initiatives
from sammen.initiatives.models import Milestone

MS = Milestone.__table__  # type: ignore[attr-defined]


@dataclass
class InitiativeAtCutoff:
    id: int
    title: str
    lead: str
    status: str
    goal_ids: list[int] = field(default_factory=list)
    reported_on: dt.date | None = None
    status_colour: str | None = None
    percent_complete: int | None = None
    narrative: str | None = None


@dataclass(frozen=True)
class Story:
    title: str
    text: str
    initiative: str
    organisation: str
    reported_on: dt.date


@dataclass(frozen=True)
class ReachedMilestone:
    title: str
    initiative_id: int
    initiative: str
    done_on: dt.date


def _running(principal: Principal | None, cutoff: dt.date) -> object:
    return and_(
        live_visible_initiatives(principal),
        or_(INI.c.starts_on.is_(None), INI.c.starts_on <= cutoff),
    )


@unfiltered(ORG, why="the status names an initiative's lead, even a deleted organisation")
async def initiatives_as_of(
    session: AsyncSession, *, principal: Principal | None, cutoff: dt.date
) -> list[InitiativeAtCutoff]:
    """Initiatives started by the cut-off (or without a start date), each with its goals and the
    latest progress update reported on or before it; ordered by title."""
    latest = (
        sa_select(PU.c.initiative_id, func.max(PU.c.reported_on).label("on"))
        .where(live(PU), PU.c.reported_on <= cutoff)
        .group_by(PU.c.initiative_id)
        .subquery()
    )
    rows = (
        await session.execute(
            sa_select(INI.c.id, INI.c.title, ORG.c.name.label("lead"), INI.c.status, latest.c.on)
            .select_from(
                INI.join(ORG, ORG.c.id == INI.c.lead_organisation_id).outerjoin(
                    latest, latest.c.initiative_id == INI.c.id
                )
            )
            .where(_running(principal, cutoff))  # type: ignore[arg-type]
            .order_by(INI.c.title, INI.c.id)
        )
    ).all()
    out = {r.id: InitiativeAtCutoff(id=r.id, title=r.title, lead=r.lead, status=str(r.status)) for r in rows}
    if not out:
        return []
    for goal in await session.execute(
        sa_select(IG.c.initiative_id, IG.c.goal_id).where(IG.c.initiative_id.in_(list(out)))
    ):
        out[goal.initiative_id].goal_ids.append(goal.goal_id)
    wanted = [(r.id, r.on) for r in rows if r.on is not None]
    if wanted:
        progress = await session.execute(
            sa_select(
                PU.c.initiative_id,
                PU.c.reported_on,
                PU.c.status_colour,
                PU.c.percent_complete,
                PU.c.narrative,
                PU.c.id,
            )
            .where(
                live(PU),
                PU.c.reported_on <= cutoff,
                PU.c.initiative_id.in_([i for i, _ in wanted]),
            )
            .order_by(PU.c.initiative_id, PU.c.reported_on, PU.c.id)
        )
        for p in progress:  # the last row per initiative is its latest on the cut-off date
            item = out[p.initiative_id]
            item.reported_on, item.status_colour = p.reported_on, str(p.status_colour)
            item.percent_complete, item.narrative = p.percent_complete, p.narrative
    return list(out.values())


@unfiltered(ORG, why="a story names its organisation, even a deleted one")
async def stories_between(
    session: AsyncSession, *, principal: Principal | None, start: dt.date, end: dt.date
) -> list[tuple[list[int], Story]]:
    """Good stories reported in [start, end], with the goal ids of their initiative."""
    rows = (
        await session.execute(
            sa_select(
                PU.c.initiative_id,
                PU.c.story_title,
                PU.c.story_text,
                PU.c.reported_on,
                INI.c.title.label("initiative"),
                ORG.c.name.label("organisation"),
            )
            .select_from(
                PU.join(INI, INI.c.id == PU.c.initiative_id).join(ORG, ORG.c.id == PU.c.organisation_id)
            )
            .where(
                PU.c.is_story.is_(True),
                live(PU),
                live_visible_initiatives(principal),
                PU.c.reported_on >= start,
                PU.c.reported_on <= end,
            )
            .order_by(PU.c.reported_on, PU.c.id)
        )
    ).all()
    goals = await _goal_ids(session, {r.initiative_id for r in rows})
    return [
        (
            goals.get(r.initiative_id, []),
            Story(r.story_title or "", r.story_text or "", r.initiative, r.organisation, r.reported_on),
        )
        for r in rows
    ]


async def milestones_between(
    session: AsyncSession, *, principal: Principal | None, start: dt.date, end: dt.date
) -> list[tuple[list[int], ReachedMilestone]]:
    """Milestones reached in [start, end], with the goal ids of their initiative."""
    rows = (
        await session.execute(
            sa_select(MS.c.title, MS.c.initiative_id, MS.c.done_on, INI.c.title.label("initiative"))
            .select_from(MS.join(INI, INI.c.id == MS.c.initiative_id))
            .where(
                live_visible_initiatives(principal),
                MS.c.done_on >= start,
                MS.c.done_on <= end,
            )
            .order_by(MS.c.done_on, MS.c.id)
        )
    ).all()
    goals = await _goal_ids(session, {r.initiative_id for r in rows})
    return [
        (goals.get(r.initiative_id, []), ReachedMilestone(r.title, r.initiative_id, r.initiative, r.done_on))
        for r in rows
    ]


async def _goal_ids(session: AsyncSession, initiative_ids: set[int]) -> dict[int, list[int]]:
    if not initiative_ids:
        return {}
    out: dict[int, list[int]] = {}
    for r in await session.execute(
        sa_select(IG.c.initiative_id, IG.c.goal_id).where(IG.c.initiative_id.in_(sorted(initiative_ids)))
    ):
        out.setdefault(r.initiative_id, []).append(r.goal_id)
    return out
