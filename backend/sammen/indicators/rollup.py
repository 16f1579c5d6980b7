"""Goal roll-ups: the status of a goal (and each sub-objective) from its indicators' statuses.

Reglen for et mål (skrevet ud i `explanation`), for det målte område:
  * Ikke på rette vej, hvis en indikator er på den forkerte side af en lovgrænse, eller hvis
    mindst halvdelen af de vurderede indikatorer ikke er på rette vej.
  * På rette vej, når alle vurderede indikatorer er på rette vej.
  * Ellers I risiko.
  * Uden vurderede indikatorer: Intet mål (hvis nogen mangler et mål), ellers Ingen nye tal.
"Vurderede" er indikatorer med status på rette vej, i risiko eller ikke på rette vej;
indikatorer uden mål, uden nye tal og kontekstindikatorer tælles, men vurderes ikke.
A goal counts the indicators linked to it and to its sub-objectives, each once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sammen.core.permissions import Principal
from sammen.goals import service as goals_service
from sammen.goals.schemas import GoalPublic
from sammen.indicators import service, status
from sammen.indicators.models import Area, AreaKind, IndicatorGoal
from sammen.indicators.schemas import GoalRollup, IndicatorStatus, RollupIndicator, StatusCounts

ASSESSED = ("on_track", "at_risk", "off_track")
RULE_TEXT = """Et måls status samler dets indikatorer (også delmålenes): *Ikke på rette vej*, hvis en indikator
er på den forkerte side af en lovgrænse, eller hvis mindst halvdelen af de vurderede indikatorer ikke
er på rette vej; *På rette vej*, når alle vurderede er det; ellers *I risiko*. Indikatorer uden mål,
uden nye tal og kontekstindikatorer tælles med, men vurderes ikke."""
WORDS = {
    "on_track": "på rette vej",
    "at_risk": "i risiko",
    "off_track": "ikke på rette vej",
    "no_target": "uden mål",
    "no_recent_data": "uden nye tal",
    "context": "kontekst",
}


def rollup_of(items: Sequence[RollupIndicator]) -> tuple[str, str, StatusCounts]:
    """The goal's verdict, its Danish explanation and the counts, from its indicators."""
    counts = StatusCounts()
    for item in items:
        setattr(counts, item.status, getattr(counts, item.status) + 1)
    assessed = counts.on_track + counts.at_risk + counts.off_track
    crossed = [i for i in items if i.position == "threshold_crossed"]
    tally = "; ".join(f"{getattr(counts, key)} {word}" for key, word in WORDS.items() if getattr(counts, key))
    if not items:
        return "no_recent_data", "Ingen indikatorer følger målet.", counts
    if crossed:
        verdict = "off_track"
        reason = (
            f"{len(crossed)} på den forkerte side af en lovgrænse ({', '.join(i.indicator for i in crossed)})"
        )
    elif assessed == 0:
        verdict = "no_target" if counts.no_target else "no_recent_data"
        reason = "ingen indikator kan vurderes"
    elif counts.on_track == assessed:
        verdict, reason = "on_track", f"alle {assessed} vurderede indikatorer er på rette vej"
    elif 2 * counts.off_track >= assessed:
        verdict, reason = "off_track", f"{counts.off_track} af {assessed} vurderede er ikke på rette vej"
    else:
        verdict, reason = "at_risk", f"{counts.on_track} af {assessed} vurderede er på rette vej"
    label = {
        "on_track": "På rette vej",
        "at_risk": "I risiko",
        "off_track": "Ikke på rette vej",
        "no_target": "Intet mål",
        "no_recent_data": "Ingen nye tal",
    }[verdict]
    return verdict, f"{label}: {reason}. Indikatorer: {tally}.", counts


def build_rollups(
    tree: Sequence[GoalPublic],
    links: Mapping[int, Sequence[str]],
    statuses: Mapping[str, RollupIndicator],
    *,
    area: str,
    as_of: dt.date,
) -> list[GoalRollup]:
    """One roll-up per goal with one per sub-objective; `links` maps goal id -> indicator codes."""

    def one(goal_id: int, code: str, title: str, parent: str | None, codes: Sequence[str]) -> GoalRollup:
        items = [statuses[c] for c in dict.fromkeys(codes) if c in statuses]
        verdict, explanation, counts = rollup_of(items)
        return GoalRollup(
            goal=code,
            title=title,
            parent=parent,
            area=area,
            as_of=as_of,
            status=verdict,
            explanation=explanation,
            counts=counts,
            indicators=items,
            sub_objectives=[],
        )

    out = []
    for goal in tree:
        subs = [one(s.id, s.code, s.title, goal.code, links.get(s.id, ())) for s in goal.sub_objectives]
        codes = [*links.get(goal.id, ()), *(c for s in goal.sub_objectives for c in links.get(s.id, ()))]
        top = one(goal.id, goal.code, goal.title, None, codes)
        top.sub_objectives = subs
        out.append(top)
    return out


def rollup_indicator(item: IndicatorStatus, area: str) -> RollupIndicator | None:
    found = next((a for a in item.areas if a.area == area), None)
    if found is None:
        return None
    return RollupIndicator(
        indicator=item.indicator,
        name_da=item.name_da,
        status=found.status,
        position=found.position,
        trend=found.trend,
        period=found.period,
        explanation=found.explanation,
    )


async def goal_links(session: AsyncSession, *, indicator_ids: Sequence[int]) -> dict[int, list[int]]:
    """goal id -> the indicator ids that follow it."""
    rows = await session.execute(
        sa_select(col(IndicatorGoal.goal_id), col(IndicatorGoal.indicator_id)).where(
            col(IndicatorGoal.indicator_id).in_(list(indicator_ids))
        )
    )
    out: dict[int, list[int]] = {}
    for goal_id, indicator_id in rows.all():
        out.setdefault(goal_id, []).append(indicator_id)
    return out


async def target_area(session: AsyncSession) -> str:
    """The measured area (kind target), e.g. hoeje-gladsaxe."""
    code = await session.scalar(sa_select(col(Area.code)).where(col(Area.kind) == AreaKind.target).limit(1))
    return code or ""


async def goal_rollups(
    session: AsyncSession, *, principal: Principal | None, as_of: dt.date, min_n_default: int
) -> list[GoalRollup]:
    """Every goal's roll-up today (or as of a day), for the indicators the caller may see."""
    area = await target_area(session)
    indicators = await service.list_indicators(session, principal=principal)
    code_of = {i.id: i.code for i in indicators if i.id is not None}
    statuses: dict[str, RollupIndicator] = {}
    for found in await status.indicator_statuses(
        session, principal=principal, indicators=indicators, as_of=as_of, min_n_default=min_n_default
    ):
        item = rollup_indicator(found, area)
        if item is not None:
            statuses[found.indicator] = item
    links = await goal_links(session, indicator_ids=list(code_of))
    tree = await goals_service.goal_tree(session, principal=principal)
    by_goal = {goal_id: [code_of[i] for i in ids] for goal_id, ids in links.items()}
    return build_rollups(tree, by_goal, statuses, area=area, as_of=as_of)
