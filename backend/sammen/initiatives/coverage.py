"""Coverage: the sub-objectives, indicators and initiatives the initiatives leave uncovered."""

from __future__ import annotations

from sqlalchemy import exists
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.live import unfiltered
from sammen.core.permissions import Principal
from sammen.goals import service as goals_service
from sammen.indicators import service as indicators_service
from sammen.initiatives.access import (
    IG,
    II,
    INI,
    LEAD_AND_PARTNERS,
    ORG,
    live_visible_initiatives,
)
from sammen.initiatives.models import InitiativeStatus
from sammen.initiatives.schemas import Coverage, CoverageGoal, CoverageIndicator, CoverageInitiative


# ------------------------------------------------------------ coverage
@unfiltered(ORG, why=LEAD_AND_PARTNERS)
async def coverage(session: AsyncSession, *, principal: Principal) -> Coverage:
    """The gaps: sub-objectives no active initiative serves, indicators no initiative aims at,
    and initiatives that name no indicator (as far as the caller can see)."""
    live_visible = live_visible_initiatives(principal)
    tree = await goals_service.goal_tree(session, principal=principal)
    served = {
        r[0]
        for r in await session.execute(
            sa_select(IG.c.goal_id)
            .distinct()
            .select_from(IG.join(INI, INI.c.id == IG.c.initiative_id))
            .where(live_visible, INI.c.status == InitiativeStatus.active.value)
        )
    }
    gaps = [
        CoverageGoal(id=s.id, code=s.code, title=s.title, parent_code=g.code)
        for g in tree
        for s in g.sub_objectives
        if s.id not in served
    ]
    aimed = {
        r[0]
        for r in await session.execute(
            sa_select(II.c.indicator_id)
            .distinct()
            .select_from(II.join(INI, INI.c.id == II.c.initiative_id))
            .where(live_visible)
        )
    }
    indicators = [
        CoverageIndicator(code=i.code, name_da=i.name_da)
        for i in await indicators_service.list_indicators(session, principal=principal)
        if i.id not in aimed
    ]
    lonely = (
        await session.execute(
            sa_select(INI.c.id, INI.c.title, ORG.c.slug, INI.c.status)
            .select_from(INI.join(ORG, ORG.c.id == INI.c.lead_organisation_id))
            .where(live_visible, ~exists().where(II.c.initiative_id == INI.c.id))
            .order_by(INI.c.title, INI.c.id)
        )
    ).all()
    return Coverage(
        sub_objectives_without_active_initiative=gaps,
        indicators_without_initiative=indicators,
        initiatives_without_indicator=[
            CoverageInitiative(id=r.id, title=r.title, lead=r.slug, status=r.status) for r in lonely
        ],
    )
