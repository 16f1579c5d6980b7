"""Demo series (demo mode only): plausible, clearly labelled figures for the indicators that have
no published ones, for Høje Gladsaxe and the comparison areas the catalogue reads them against.

Levels and drifts are chosen to look like the real registers (a quarterly move-out rate of a
few per cent, not 50 %), deterministic (loading twice changes nothing), and a figure exists
only once it would plausibly have been published (`published_on`), approved on that day, so a
report as of a cut-off sees what was known then.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.indicators.api import Period, parse_period, series
from sammen.indicators.models import Approval, Area, Indicator, Observation, ObservationStatus, Periodicity
from sammen.seed import loader
from sammen.seed.indicators import published_on
from sammen.seed.loader import SeedReport

DEMO_BY = "Demodata"
DEMO_COMMENT = "DEMODATA - opdigtede tal til demonstration, ikke rigtige målinger."
FIRST_YEAR = 2018

HG, KOMMUNE, REGION, DANMARK = "hoeje-gladsaxe", "gladsaxe-kommune", "region-hovedstaden", "danmark"

# indicator -> area -> (level in 2018, change per year); wiggle: the size of the year-to-year noise.
LEVELS: dict[str, dict[str, tuple[float, float]]] = {
    "k1-uden-beskaeftigelse": {
        HG: (47.6, -0.8),
        KOMMUNE: (21.4, -0.25),
        REGION: (24.1, -0.2),
        DANMARK: (25.3, -0.2),
    },
    "k2-doemte": {HG: (1.9, -0.06), KOMMUNE: (0.7, 0.0), REGION: (1.0, 0.0), DANMARK: (1.0, 0.0)},
    "k3-kun-grundskole": {
        HG: (38.2, -0.5),
        KOMMUNE: (16.8, -0.3),
        REGION: (17.9, -0.3),
        DANMARK: (20.4, -0.3),
    },
    "k4-indkomst": {HG: (58.3, 0.45), KOMMUNE: (103.1, 0.1), REGION: (100.0, 0.0), DANMARK: (91.7, 0.0)},
    "e-ikke-vestlige": {HG: (48.9, -0.3), KOMMUNE: (14.2, 0.2), REGION: (12.6, 0.2), DANMARK: (9.1, 0.15)},
    "beskaeftigelse": {HG: (51.8, 0.8), KOMMUNE: (75.9, 0.25), REGION: (74.2, 0.25), DANMARK: (73.8, 0.25)},
    "nye-lejere-i-arbejde": {HG: (58.0, 1.2)},
    "fraflytning": {HG: (2.9, -0.05), KOMMUNE: (2.2, 0.0)},
    "anmeldelser": {HG: (17.8, -0.35), KOMMUNE: (15.1, -0.2)},
    "karakter-9-klasse": {HG: (78.5, 0.9), KOMMUNE: (90.2, 0.2), DANMARK: (88.4, 0.2)},
    "neet": {HG: (16.3, -0.5), KOMMUNE: (7.2, -0.05), REGION: (8.3, -0.05), DANMARK: (9.0, -0.05)},
    "dagtilbud": {HG: (81.7, 0.8), KOMMUNE: (92.8, 0.1), DANMARK: (90.3, 0.1)},
    "elevtrivsel": {HG: (85.1, 0.3), KOMMUNE: (89.6, 0.0), DANMARK: (89.9, 0.0)},
    "valgdeltagelse": {HG: (47.9, -0.5), KOMMUNE: (70.3, -0.6), DANMARK: (70.8, -0.8)},
}
WIGGLE = {"k2-doemte": 0.05, "fraflytning": 0.25, "nye-lejere-i-arbejde": 3.0, "anmeldelser": 1.1}
ELECTIONS = ("2017-11-21", "2021-11-16", "2025-11-18")  # municipal elections


def periods(periodicity: Periodicity, *, until: dt.date) -> list[Period]:
    """The periods from 2018 (the 2017 election: the one before the agreement) up to `until`."""
    if periodicity == Periodicity.quarter:
        codes = [f"{y}-Q{q}" for y in range(FIRST_YEAR, until.year + 1) for q in range(1, 5)]
    elif periodicity == Periodicity.month:
        codes = [f"{y}-{m:02d}" for y in range(until.year - 1, until.year + 1) for m in range(1, 13)]
    elif periodicity == Periodicity.school_year:
        codes = [f"{y}/{(y + 1) % 100:02d}" for y in range(FIRST_YEAR, until.year + 1)]
    elif periodicity == Periodicity.election:
        codes = list(ELECTIONS)
    else:
        codes = [str(y) for y in range(FIRST_YEAR, until.year + 1)]
    parsed = [parse_period(c) for c in codes]
    return [p for p in parsed if p is not None and p.start <= until]


def value(code: str, area: str, period: Period) -> float:
    """Level + drift since 2018 + a small deterministic wiggle (+ a summer peak for move-outs)."""
    level, drift = LEVELS[code][area]
    years = (period.start - dt.date(FIRST_YEAR, 1, 1)).days / 365.25
    seed = sum(map(ord, code + area))
    size = WIGGLE.get(code, 0.6 if level > 5 else 0.05)
    wiggle = size * math.sin(years * 2.1 + seed) * (0.6 if area != HG else 1.0)
    if code == "fraflytning" and period.kind == "quarter" and period.start.month == 7:
        wiggle += 0.6  # people move in the summer
    if code == "k2-doemte" and area == DANMARK:
        return 1.0  # the national average, by definition
    return round(max(0.1, level + drift * years + wiggle), 1)


def count(code: str, area: str, k: int) -> int:
    """The base n: lettings per quarter are few, so some quarters fall below the minimum."""
    if code == "nye-lejere-i-arbejde":
        return (9, 14, 7, 11, 4, 16, 3, 12)[k % 8]
    return 380 if area == HG else 12_000


async def seed_demo_series(session: AsyncSession, report: SeedReport) -> None:
    """Demo series for indicators without published figures, labelled as demo data in the comment."""
    areas = {a.code: a.id for a in (await session.scalars(select(Area))).all()}
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
        if ind.code not in LEVELS or (ind.id in with_data and ind.id not in demo_ids):
            continue  # real figures exist; demo data never mixes with them
        for area_code in LEVELS[ind.code]:
            area_id = areas.get(area_code)
            if area_id is None:
                continue
            for k, period in enumerate(periods(ind.periodicity, until=now.date())):
                approved_at = published_on(period, now=now)
                if approved_at >= now:
                    continue  # not published yet
                figure = value(ind.code, area_code, period)
                n = count(ind.code, area_code, k)
                values = {
                    "period_kind": period.kind,
                    "period_start": period.start,
                    "value": figure,
                    "n": n,
                    "status": ObservationStatus.final,
                    "comment": DEMO_COMMENT,
                    "approval": Approval.approved,
                    "entered_by": DEMO_BY,
                    "entered_at": approved_at,
                    "published": True,
                    "pub_value": figure,
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
                    row.approved_at = row.pub_entered_at = approved_at
    await session.flush()
    await series.refresh(session, indicator_ids=set((await session.scalars(select(Indicator.id))).all()))
