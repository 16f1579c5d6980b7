"""Turning what a caller sends (slugs, codes, ids) into an initiative's links, checked once per
request or import: lookups, resolution, state checks, and replacing the stored links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import FieldError
from sammen.core.live import live, unfiltered
from sammen.core.permissions import Principal
from sammen.goals import service as goals_service
from sammen.indicators import service as indicators_service
from sammen.initiatives.access import (
    IG,
    II,
    INI,
    IP,
    ORG,
    REASON_NEEDED,
    levels_text,
    partner_ids,
)
from sammen.initiatives.models import (
    Initiative,
)
from sammen.initiatives.schemas import (
    InitiativeFields,
)


@dataclass
class Lookups:
    """Slugs and codes the caller may refer to, resolved once per request or import."""

    orgs: dict[str, int]
    goals: dict[str, int]
    indicators: dict[str, int]
    phases: list[tuple[int, int, int]]  # number, starts_year, ends_year


async def lookups(session: AsyncSession, *, principal: Principal | None) -> Lookups:
    orgs = {r.slug: r.id for r in await session.execute(sa_select(ORG.c.slug, ORG.c.id).where(live(ORG)))}
    goals = await goals_service.goal_ids_by_code(session)
    indicators = {
        i.code: i.id for i in await indicators_service.list_indicators(session, principal=principal) if i.id
    }
    agreement = await goals_service.get_agreement(session)
    assert agreement.id is not None
    phases = [
        (p.number, p.starts_year, p.ends_year)
        for p in await goals_service.list_phases(session, agreement_id=agreement.id)
    ]
    return Lookups(orgs=orgs, goals=goals, indicators=indicators, phases=phases)


def derive_phase(phases: list[tuple[int, int, int]], starts_on: dt.date | None) -> int | None:
    if starts_on is None:
        return None
    for number, first, last in phases:
        if first <= starts_on.year <= last:
            return number
    if phases and starts_on.year < min(p[1] for p in phases):
        return min(p[0] for p in phases)
    if phases and starts_on.year > max(p[2] for p in phases):
        return max(p[0] for p in phases)
    return None


@dataclass
class Resolved:
    """The stored form of an initiative's fields (ids instead of slugs and codes)."""

    values: dict[str, Any]
    goals: list[int] | None = None
    partners: list[int] | None = None
    indicators: list[tuple[int, str]] | None = None


def resolve(
    data: InitiativeFields, lk: Lookups, *, prefix: str = "body"
) -> tuple[Resolved, list[FieldError]]:
    """Check the slugs and codes in `data` and turn them into ids; collect every error."""
    errors: list[FieldError] = []
    given = data.model_dump(exclude_unset=True)
    values: dict[str, Any] = {}
    out = Resolved(values=values)
    for key in (
        "title",
        "summary",
        "description",
        "responsible_body_id",
        "size",
        "horizon",
        "status",
        "status_reason",
        "starts_on",
        "ends_on",
        "target_group",
        "budget_dkk",
        "funding_source",
        "visibility",
        "external_id",
    ):
        if key in given:
            values[key] = getattr(data, key)
    if "tags" in given:
        values["tags"] = sorted(set(data.tags or []))
    if "levels" in given:
        values["levels"] = levels_text(data.levels or [])
    if "phase" in given:
        values["phase"] = data.phase
        values["phase_overridden"] = data.phase is not None
    lead = getattr(data, "lead", None)
    if lead is not None:
        if lead not in lk.orgs:
            errors.append(FieldError(field=f"{prefix}.lead", message=f"no organisation {lead!r}"))
        else:
            values["lead_organisation_id"] = lk.orgs[lead]
    for key in ("title", "status", "visibility", "lead"):
        if key in given and given[key] is None:
            errors.append(FieldError(field=f"{prefix}.{key}", message="may not be null"))
    if "goals" in given:
        codes = data.goals or []
        bad = [c for c in codes if c not in lk.goals]
        if bad:
            errors.append(
                FieldError(field=f"{prefix}.goals", message=f"unknown goal codes: {', '.join(bad)}")
            )
        out.goals = sorted({lk.goals[c] for c in codes if c in lk.goals})
    if "partners" in given:
        slugs = data.partners or []
        bad = [s for s in slugs if s not in lk.orgs]
        if bad:
            errors.append(
                FieldError(field=f"{prefix}.partners", message=f"unknown organisations: {', '.join(bad)}")
            )
        out.partners = sorted({lk.orgs[s] for s in slugs if s in lk.orgs})
    if "indicators" in given:
        links = data.indicators or []
        bad = [link.indicator for link in links if link.indicator not in lk.indicators]
        if bad:
            errors.append(
                FieldError(field=f"{prefix}.indicators", message=f"unknown indicator codes: {', '.join(bad)}")
            )
        seen: dict[int, str] = {}
        for link in links:
            if link.indicator in lk.indicators:
                seen[lk.indicators[link.indicator]] = link.expected_direction.value
        out.indicators = sorted(seen.items())
    return out, errors


def check_state(obj: Initiative, lk: Lookups, *, prefix: str = "body") -> list[FieldError]:
    """Rules on the resulting initiative, after the changes are applied (not yet flushed)."""
    errors: list[FieldError] = []
    if obj.status in REASON_NEEDED and not (obj.status_reason or "").strip():
        errors.append(
            FieldError(field=f"{prefix}.status_reason", message=f"required when {obj.status.value}")
        )
    if obj.starts_on and obj.ends_on and obj.ends_on < obj.starts_on:
        errors.append(FieldError(field=f"{prefix}.ends_on", message="must not be before starts_on"))
    if obj.phase is not None and obj.phase_overridden and obj.phase not in {p[0] for p in lk.phases}:
        errors.append(FieldError(field=f"{prefix}.phase", message=f"no phase {obj.phase}"))
    if not obj.phase_overridden:
        obj.phase = derive_phase(lk.phases, obj.starts_on)
    return errors


@unfiltered(INI, why="external ids are unique per lead among all initiatives, as the database's constraint")
async def external_id_taken(
    session: AsyncSession, *, lead_id: int, external_id: str | None, own_id: int | None
) -> bool:
    if external_id is None:
        return False
    stmt = sa_select(INI.c.id).where(INI.c.lead_organisation_id == lead_id, INI.c.external_id == external_id)
    found = await session.scalar(stmt)
    return found is not None and found != own_id


async def replace_links(session: AsyncSession, initiative_id: int, res: Resolved) -> None:
    if res.goals is not None:
        await session.execute(delete(IG).where(IG.c.initiative_id == initiative_id))
        if res.goals:
            await session.execute(
                insert(IG), [{"initiative_id": initiative_id, "goal_id": g} for g in res.goals]
            )
    if res.partners is not None:
        await session.execute(delete(IP).where(IP.c.initiative_id == initiative_id))
        if res.partners:
            await session.execute(
                insert(IP), [{"initiative_id": initiative_id, "organisation_id": o} for o in res.partners]
            )
    if res.indicators is not None:
        await session.execute(delete(II).where(II.c.initiative_id == initiative_id))
        if res.indicators:
            await session.execute(
                insert(II),
                [
                    {"initiative_id": initiative_id, "indicator_id": i, "expected_direction": d}
                    for i, d in res.indicators
                ],
            )


async def stored_links(
    session: AsyncSession, initiative_id: int
) -> tuple[list[int], list[int], list[tuple[int, str]]]:
    goals = sorted(
        r[0]
        for r in await session.execute(sa_select(IG.c.goal_id).where(IG.c.initiative_id == initiative_id))
    )
    partners = sorted(await partner_ids(session, initiative_id))
    indicators = sorted(
        (r[0], str(r[1].value if hasattr(r[1], "value") else r[1]))
        for r in await session.execute(
            sa_select(II.c.indicator_id, II.c.expected_direction).where(II.c.initiative_id == initiative_id)
        )
    )
    return goals, partners, indicators
