"""Seed steps for the indicators domain: areas, the catalogue, reference lines, goal links, and
the published observations (stored approved and final, as the file says, approved on the day
they plausibly became public). The demo series are in demo_series.py."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.goals import service as goals_service
from sammen.indicators.api import Period, parse_period, series
from sammen.indicators.models import (
    Approval,
    Area,
    AreaKind,
    Direction,
    Indicator,
    IndicatorGoal,
    LineBasis,
    ListKind,
    Observation,
    ObservationStatus,
    Periodicity,
    ReferenceKind,
    ReferenceLine,
)
from sammen.seed import loader
from sammen.seed.schema import AgreementFile

if TYPE_CHECKING:
    from sammen.seed.loader import SeedContext

SEEDED_BY = "Aftalefilen"


async def seed_indicators(session: AsyncSession, file: AgreementFile, ctx: SeedContext) -> None:
    areas: dict[str, int] = {}
    pending = list(file.areas)
    while pending:
        ready = [a for a in pending if a.parent is None or a.parent in areas]
        if not ready:  # a parent that is not in the file: the file validator reports it
            break
        for area in ready:
            row = await loader.upsert(
                session,
                Area,
                {"code": area.code},
                {
                    "name": area.name,
                    "kind": AreaKind(area.kind.value),
                    "dst_code": area.dst_code,
                    "parent_id": areas[area.parent] if area.parent else None,
                    "position": next(k for k, a in enumerate(file.areas) if a.code == area.code),
                },
                report=ctx.report,
                kind="areas",
            )
            assert row.id is not None
            areas[area.code] = row.id
        pending = [a for a in pending if a not in ready]
    ctx.extra["areas"] = areas

    goal_ids = ctx.goals or await goals_service.goal_ids_by_code(session)
    indicators: dict[str, int] = {}
    for position, ind in enumerate(file.indicators):
        ind_row = await loader.upsert(
            session,
            Indicator,
            {"code": ind.code},
            {
                "name_da": ind.name_da,
                "name_en": ind.name_en,
                "definition": ind.definition,
                "unit": ind.unit,
                "decimals": ind.decimals,
                "direction": Direction(ind.direction.value),
                "periodicity": Periodicity(ind.periodicity.value),
                "source": ind.source,
                "owner_organisation_id": ctx.organisations[ind.owner],
                "visibility": ind.visibility.value,
                "min_n": ind.min_n,
                "trend_tolerance": ind.trend_tolerance,
                "position": position,
            },
            report=ctx.report,
            kind="indicators",
        )
        assert ind_row.id is not None
        indicators[ind.code] = ind_row.id
        # Goal links and reference lines are replaced as a set when they differ from the file.
        wanted_goals = {goal_ids[g] for g in ind.goals if g in goal_ids}
        have_goals = set(
            (
                await session.scalars(
                    select(IndicatorGoal.goal_id).where(IndicatorGoal.indicator_id == ind_row.id)
                )
            ).all()
        )
        if wanted_goals != have_goals:
            await session.execute(delete(IndicatorGoal).where(col(IndicatorGoal.indicator_id) == ind_row.id))
            session.add_all(IndicatorGoal(indicator_id=ind_row.id, goal_id=g) for g in sorted(wanted_goals))
            ctx.report.add("indicator_goals", "updated")
        wanted_lines = [
            (
                ReferenceKind(line.kind.value),
                float(line.value or 0.0),
                line.operator.value if line.operator else None,
                areas.get(line.area) if line.area else None,
                ListKind(line.list_kind.value) if line.list_kind else None,
                line.from_year,
                line.to_year,
                line.note,
                LineBasis(line.basis.value),
                areas.get(line.basis_area) if line.basis_area else None,
                line.source,
                k,
            )
            for k, line in enumerate(ind.reference_lines)
        ]
        have = list(
            (
                await session.scalars(
                    select(ReferenceLine)
                    .where(ReferenceLine.indicator_id == ind_row.id)
                    .order_by(col(ReferenceLine.position))
                )
            ).all()
        )
        have_lines = [
            (
                h.kind,
                h.value,
                h.operator,
                h.area_id,
                h.list_kind,
                h.from_year,
                h.to_year,
                h.note,
                h.basis,
                h.basis_area_id,
                h.source,
                h.position,
            )
            for h in have
        ]
        if have_lines != wanted_lines:
            await session.execute(delete(ReferenceLine).where(col(ReferenceLine.indicator_id) == ind_row.id))
            for (
                kind,
                value,
                operator,
                area_id,
                list_kind,
                from_year,
                to_year,
                note,
                basis,
                basis_area_id,
                source,
                k,
            ) in wanted_lines:
                session.add(
                    ReferenceLine(
                        indicator_id=ind_row.id,
                        kind=kind,
                        value=value,
                        operator=operator,
                        area_id=area_id,
                        list_kind=list_kind,
                        from_year=from_year,
                        to_year=to_year,
                        note=note,
                        basis=basis,
                        basis_area_id=basis_area_id,
                        source=source,
                        position=k,
                    )
                )
            ctx.report.add("reference_lines", "updated")
        await session.flush()
    ctx.extra["indicators"] = indicators

    for obs in file.observations:
        period = parse_period(obs.period)
        assert period is not None  # the file validator checked it
        comment = obs.comment
        if obs.source:
            comment = f"{comment} Kilde: {obs.source}" if comment else f"Kilde: {obs.source}"
        status = ObservationStatus(obs.status.value)
        values = {
            "period_kind": period.kind,
            "period_start": period.start,
            "value": obs.value,
            "missing_reason": obs.missing_reason,
            "n": obs.n,
            "status": status,
            "comment": comment,
            "approval": Approval.approved,
            "entered_by": SEEDED_BY,
            "published": True,
            "pub_value": obs.value,
            "pub_missing_reason": obs.missing_reason,
            "pub_n": obs.n,
            "pub_status": status,
            "pub_comment": comment,
            "pub_entered_by": SEEDED_BY,
            "approved_by": SEEDED_BY,
        }
        row_obs = await loader.upsert(
            session,
            Observation,
            {"indicator_id": indicators[obs.indicator], "area_id": areas[obs.area], "period": period.code},
            values,
            report=ctx.report,
            kind="observations",
        )
        if row_obs.approved_at is None:
            row_obs.approved_at = row_obs.pub_entered_at = published_on(period)
            await session.flush()
    await session.flush()
    await series.refresh(session, indicator_ids={indicators[o.indicator] for o in file.observations})


def published_on(period: Period, *, now: dt.datetime | None = None) -> dt.datetime:
    """When a figure for `period` plausibly became public (and was approved), never after `now`.

    Register figures for a year appear in the autumn of the next; quarterly figures some six weeks
    after the quarter; school-year figures in the autumn after it; election results within days.
    A report as of a cut-off then sees what was known by that date (INDICATORS.md, "Timing").
    """
    start = period.start
    if period.kind == "quarter":
        end = dt.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)
        day = end + dt.timedelta(days=45)
    elif period.kind == "month":
        day = start + dt.timedelta(days=61)
    elif period.kind == "school_year":
        day = dt.date(start.year + 1, 10, 1)
    elif period.kind == "date":
        day = start + dt.timedelta(days=14)
    else:
        day = dt.date(start.year + 1, 11, 15)
    at = dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.UTC)
    return min(at, now or dt.datetime.now(dt.UTC))
