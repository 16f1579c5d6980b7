"""Areas and the indicator catalogue: reads scoped by visibility; the domain's entry point.

Observations have their own modules: writes (the pipeline batch and import share), approval,
observations (reading one or many, with the visibility and withholding rules); imports and
exports handle files, status the status rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import links
from sammen.core.errors import NotFound, Unauthorized
from sammen.core.links import LinkTargetType
from sammen.core.permissions import Principal, can_read, visibility_clause
from sammen.goals import service as goals_service
from sammen.indicators.models import Area, Indicator, IndicatorGoal, LineBasis, Observation, ReferenceLine
from sammen.indicators.periods import parse_period as parse_period  # for the public site's charts
from sammen.indicators.schemas import (
    AreaPublic,
    GoalRollup,
    IndicatorPublic,
    ObservationPublic,
    ReferenceLinePublic,
)
from sammen.orgs import service as orgs_service

OBS = Observation.__table__  # type: ignore[attr-defined]
IND = Indicator.__table__  # type: ignore[attr-defined]
AREA = Area.__table__  # type: ignore[attr-defined]


# ------------------------------------------------------------------ areas
async def list_areas(session: AsyncSession) -> list[AreaPublic]:
    areas = list((await session.scalars(select(Area).order_by(col(Area.position), col(Area.id)))).all())
    codes = {a.id: a.code for a in areas}
    return [
        AreaPublic(
            code=a.code,
            name=a.name,
            kind=a.kind,
            dst_code=a.dst_code,
            parent=codes.get(a.parent_id) if a.parent_id else None,
        )
        for a in areas
    ]


async def area_ids_by_code(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(sa_select(AREA.c.code, AREA.c.id))
    return {r.code: r.id for r in rows}


# ------------------------------------------------------------- indicators
def visible_indicators(principal: Principal | None) -> ColumnElement[bool]:
    return visibility_clause(principal, col(Indicator.visibility), col(Indicator.owner_organisation_id))


def is_owner(principal: Principal | None, indicator: Indicator) -> bool:
    return principal is not None and indicator.owner_organisation_id in principal.org_ids


def min_n_of(indicator: Indicator, default: int) -> int:
    return indicator.min_n if indicator.min_n is not None else default


async def list_indicators(
    session: AsyncSession, *, principal: Principal | None, goal: str | None = None
) -> list[Indicator]:
    stmt = select(Indicator).where(visible_indicators(principal))
    if goal is not None:
        goal_ids = await goal_and_children_ids(session, principal=principal, code=goal)
        stmt = stmt.where(
            col(Indicator.id).in_(
                sa_select(col(IndicatorGoal.indicator_id)).where(col(IndicatorGoal.goal_id).in_(goal_ids))
            )
        )
    return list((await session.scalars(stmt.order_by(col(Indicator.position), col(Indicator.id)))).all())


async def goal_and_children_ids(
    session: AsyncSession, *, principal: Principal | None, code: str
) -> list[int]:
    """The ids of a goal (by code) and its sub-objectives, as far as the caller may see them."""
    for goal in await goals_service.goal_tree(session, principal=principal):
        if goal.code == code:
            return [goal.id, *(s.id for s in goal.sub_objectives)]
        for sub in goal.sub_objectives:
            if sub.code == code:
                return [sub.id]
    raise NotFound(f"No goal {code!r}.")


async def get_indicator(session: AsyncSession, *, principal: Principal | None, code: str) -> Indicator:
    """The indicator with `code`, or 404 when it does not exist or the caller may not read it."""
    indicator = (await session.scalars(select(Indicator).where(Indicator.code == code))).first()
    if indicator is None or not can_read(principal, indicator.visibility, indicator.owner_organisation_id):
        if principal is None and indicator is not None:
            raise Unauthorized("Sign in to read this indicator.")
        raise NotFound(f"No indicator {code!r}.")
    return indicator


async def indicators_public(
    session: AsyncSession, indicators: Sequence[Indicator], *, min_n_default: int
) -> list[IndicatorPublic]:
    ids = [i.id for i in indicators if i.id is not None]
    if not ids:
        return []
    goal_codes = {v: k for k, v in (await goals_service.goal_ids_by_code(session)).items()}
    goals: dict[int, list[str]] = {}
    for link in (
        await session.execute(
            sa_select(col(IndicatorGoal.indicator_id), col(IndicatorGoal.goal_id)).where(
                col(IndicatorGoal.indicator_id).in_(ids)
            )
        )
    ).all():
        if link.goal_id in goal_codes:
            goals.setdefault(link.indicator_id, []).append(goal_codes[link.goal_id])
    lines = await reference_lines(session, indicator_ids=ids)
    area_codes = {v: k for k, v in (await area_ids_by_code(session)).items()}
    owners = await orgs_service.organisation_slugs(
        session, ids=sorted({i.owner_organisation_id for i in indicators})
    )
    return [
        IndicatorPublic(
            id=i.id,
            code=i.code,
            name_da=i.name_da,
            name_en=i.name_en,
            definition=i.definition,
            unit=i.unit,
            decimals=i.decimals,
            direction=i.direction,
            periodicity=i.periodicity,
            source=i.source,
            owner=owners.get(i.owner_organisation_id, "?"),
            visibility=i.visibility,
            min_n=min_n_of(i, min_n_default),
            trend_tolerance=i.trend_tolerance,
            goals=sorted(goals.get(i.id or 0, [])),
            reference_lines=[reference_line_public(r, area_codes) for r in lines.get(i.id or 0, [])],
            version=i.version,
        )
        for i in indicators
    ]


def reference_line_public(line: ReferenceLine, area_codes: dict[int, str]) -> ReferenceLinePublic:
    follows = line.basis != LineBasis.fixed
    return ReferenceLinePublic(
        kind=line.kind,
        value=None if follows else line.value,
        operator=line.operator,
        area=area_codes.get(line.area_id) if line.area_id else None,
        list_kind=line.list_kind,
        from_year=line.from_year,
        to_year=line.to_year,
        note=line.note,
        basis=line.basis,
        basis_area=area_codes.get(line.basis_area_id) if line.basis_area_id else None,
        offset=line.value if follows else 0.0,
        source=line.source,
    )


async def reference_lines(
    session: AsyncSession, *, indicator_ids: Iterable[int]
) -> dict[int, list[ReferenceLine]]:
    stmt = (
        select(ReferenceLine)
        .where(col(ReferenceLine.indicator_id).in_(list(indicator_ids)))
        .order_by(col(ReferenceLine.position), col(ReferenceLine.id))
    )
    out: dict[int, list[ReferenceLine]] = {}
    for line in (await session.scalars(stmt)).all():
        out.setdefault(line.indicator_id, []).append(line)
    return out


# ---------------------------------------------------------------- links from governance
links.register(
    LinkTargetType.indicator,
    links.column_resolver(
        LinkTargetType.indicator,
        col(Indicator.id),
        col(Indicator.code) + " " + col(Indicator.name_da),
        visible_indicators,
    ),
)


# ---------------------------------------------------------------- for the change feed and webhooks
def readable_observations(principal: Principal | None, *, min_n_default: int) -> Any:
    """SQL: the ids of the observations `principal` may read (the list's own rule)."""
    from sammen.indicators.observations import ObservationFilter, observation_select

    return observation_select(principal, ObservationFilter(), min_n_default=min_n_default).with_only_columns(
        OBS.c.id
    )


async def observations_by_id(
    session: AsyncSession, *, principal: Principal | None, ids: Sequence[int], min_n_default: int
) -> dict[int, ObservationPublic]:
    """The observations among `ids` that `principal` may read, as the API shows them (withholding
    applied), by id (the observations module builds on this one)."""
    from sammen.indicators.observations import ObservationFilter, observation_public, observation_select

    stmt = observation_select(principal, ObservationFilter(), min_n_default=min_n_default)
    rows = (await session.execute(stmt.where(OBS.c.id.in_(list(ids))))).all()
    return {row.id: observation_public(row) for row in rows}


# ---------------------------------------------------------------- for the public site
# The modules below build on this one, so they are imported where they are called.
async def goal_rollups(
    session: AsyncSession, *, principal: Principal | None, as_of: dt.date, min_n_default: int
) -> list[GoalRollup]:
    """Every goal's status from its indicators' statuses, as GET /goal-status gives it to `principal`
    (indicators/rollup.py)."""
    from sammen.indicators import rollup

    return await rollup.goal_rollups(session, principal=principal, as_of=as_of, min_n_default=min_n_default)


async def observation_rows(
    session: AsyncSession, *, principal: Principal | None, indicators: Sequence[str], min_n_default: int
) -> list[Any]:
    """The observations of these indicators exactly as the API lists them to `principal` (approved
    values only for outsiders, small numbers withheld): the observations module's own select."""
    from sammen.indicators.observations import ObservationFilter, observation_select

    flt = ObservationFilter(indicators=list(indicators))
    return list(
        (await session.execute(observation_select(principal, flt, min_n_default=min_n_default))).all()
    )
