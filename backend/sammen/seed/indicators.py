"""Seed steps for the indicators domain: areas, the catalogue, reference lines, goal links,
the published observations (stored approved and final, as the file says), and in demo mode
clearly labelled demo series for the indicators without published figures."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.goals import service as goals_service
from sammen.indicators import series
from sammen.indicators.models import (
    Approval,
    Area,
    AreaKind,
    Direction,
    Indicator,
    IndicatorGoal,
    ListKind,
    Observation,
    ObservationStatus,
    Periodicity,
    ReferenceKind,
    ReferenceLine,
)
from sammen.indicators.periods import parse_period
from sammen.seed import loader
from sammen.seed.schema import AgreementFile

if TYPE_CHECKING:
    from sammen.seed.loader import SeedContext, SeedReport

SEEDED_BY = "Aftalefilen"
DEMO_BY = "Demodata"
DEMO_COMMENT = "DEMODATA - opdigtede tal til demonstration, ikke rigtige målinger."


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
                float(line.value),
                line.operator.value if line.operator else None,
                areas.get(line.area) if line.area else None,
                ListKind(line.list_kind.value) if line.list_kind else None,
                line.from_year,
                line.to_year,
                line.note,
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
            (h.kind, h.value, h.operator, h.area_id, h.list_kind, h.from_year, h.to_year, h.note, h.position)
            for h in have
        ]
        if have_lines != wanted_lines:
            await session.execute(delete(ReferenceLine).where(col(ReferenceLine.indicator_id) == ind_row.id))
            for kind, value, operator, area_id, list_kind, from_year, to_year, note, k in wanted_lines:
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
            row_obs.approved_at = row_obs.pub_entered_at = row_obs.entered_at
            await session.flush()
    await session.flush()
    await series.refresh(session, indicator_ids={indicators[o.indicator] for o in file.observations})


# ------------------------------------------------------------------ demo
def _demo_value(code: str, area: str, k: int, direction: Direction, unit: str) -> float:
    """A deterministic, plausible-looking series (no randomness: loading twice changes nothing)."""
    if unit == "×":
        return round(
            max(0.3, 1.6 - 0.05 * k + 0.1 * math.sin(k)) * (0.6 if area != "hoeje-gladsaxe" else 1), 1
        )
    base = 20.0 + (sum(map(ord, code)) % 50)
    if area != "hoeje-gladsaxe":
        base = base * (0.8 if direction == Direction.down else 1.15)
    trend = (-0.6 if direction == Direction.down else 0.6) * k
    wiggle = 1.5 * math.sin(k * 1.3 + len(code))
    return round(min(99.0, max(0.5, base + trend + wiggle)), 1)


def _demo_periods(periodicity: Periodicity) -> list[str]:
    if periodicity == Periodicity.quarter:
        return [f"{y}-Q{q}" for y in range(2021, 2026) for q in range(1, 5)]
    if periodicity == Periodicity.month:
        return [f"2025-{m:02d}" for m in range(1, 13)]
    if periodicity == Periodicity.school_year:
        return [f"{y}/{(y + 1) % 100:02d}" for y in range(2018, 2025)]
    if periodicity == Periodicity.election:
        return ["2017-11-21", "2021-11-16", "2025-11-18"]
    return [str(y) for y in range(2018, 2025)]


async def seed_demo_series(session: AsyncSession, report: SeedReport) -> None:
    """Demo series for indicators without any stored figures, labelled as demo data in the comment."""
    areas = {a.code: a for a in (await session.scalars(select(Area))).all()}
    with_data = set((await session.scalars(select(Observation.indicator_id).distinct())).all())
    demo_ids = set(
        (
            await session.scalars(
                select(Observation.indicator_id).where(Observation.entered_by == DEMO_BY).distinct()
            )
        ).all()
    )
    now = dt.datetime.now(dt.UTC)
    for ind in (await session.scalars(select(Indicator).order_by(col(Indicator.position)))).all():
        assert ind.id is not None
        if ind.id in with_data and ind.id not in demo_ids:
            continue  # real figures exist; demo data never mixes with them
        series_areas = [c for c in ("hoeje-gladsaxe", "gladsaxe-kommune") if c in areas]
        for area_code in series_areas:
            area_id = areas[area_code].id
            assert area_id is not None
            for k, period_code in enumerate(_demo_periods(ind.periodicity)):
                period = parse_period(period_code)
                assert period is not None
                value = _demo_value(ind.code, area_code, k, ind.direction, ind.unit)
                n = 3 if (ind.min_n and k == 2 and area_code == "hoeje-gladsaxe") else 40 + k
                values = {
                    "period_kind": period.kind,
                    "period_start": period.start,
                    "value": value,
                    "n": n,
                    "status": ObservationStatus.final,
                    "comment": DEMO_COMMENT,
                    "approval": Approval.approved,
                    "entered_by": DEMO_BY,
                    "published": True,
                    "pub_value": value,
                    "pub_n": n,
                    "pub_status": ObservationStatus.final,
                    "pub_comment": DEMO_COMMENT,
                    "pub_entered_by": DEMO_BY,
                    "approved_by": DEMO_BY,
                }
                row = await loader.upsert(
                    session,
                    Observation,
                    {"indicator_id": ind.id, "area_id": area_id, "period": period.code},
                    values,
                    report=report,
                    kind="demo_observations",
                )
                if row.approved_at is None:
                    row.approved_at = row.pub_entered_at = now
    await session.flush()
    await series.refresh(session, indicator_ids=set((await session.scalars(select(Indicator.id))).all()))
