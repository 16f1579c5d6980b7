"""Initiatives: reads scoped by visibility (lead and partner organisations count as named) and
changes by the lead's editors; the domain's entry point.

The rest of the domain has its own modules: listing (the filtered list and the detail in the
reading shape of DESIGN.md), progress (progress updates, good stories and milestones),
coverage, plans, transfer (export/import) and markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, insert, literal
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import audit, links
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from sammen.core.links import LinkTargetType
from sammen.core.permissions import Permission, Principal, can_read, visibility_clause
from sammen.core.reads import Reader
from sammen.core.tables import utcnow
from sammen.goals import service as goals_service
from sammen.goals.api import Goal
from sammen.indicators import service as indicators_service
from sammen.indicators.api import Indicator
from sammen.initiatives.models import (
    Initiative,
    InitiativeGoal,
    InitiativeIndicator,
    InitiativePartner,
    InitiativeStatus,
    Level,
    ProgressUpdate,
)
from sammen.initiatives.schemas import (
    GoodStory,
    InitiativeCreate,
    InitiativeFields,
    InitiativeFilters,
    InitiativeUpdate,
    ProgressPublic,
)
from sammen.orgs.api import Organisation

INI = Initiative.__table__  # type: ignore[attr-defined]
IG = InitiativeGoal.__table__  # type: ignore[attr-defined]
IP = InitiativePartner.__table__  # type: ignore[attr-defined]
II = InitiativeIndicator.__table__  # type: ignore[attr-defined]
ORG = Organisation.__table__  # type: ignore[attr-defined]
GOAL = Goal.__table__  # type: ignore[attr-defined]
IND = Indicator.__table__  # type: ignore[attr-defined]
PU = ProgressUpdate.__table__  # type: ignore[attr-defined]

REASON_NEEDED = frozenset({InitiativeStatus.paused, InitiativeStatus.stopped})
LEVEL_ORDER = list(Level)


# ------------------------------------------------------------ visibility
def visible_initiatives(principal: Principal | None) -> ColumnElement[bool]:
    """Public, partners, or restricted where the caller's organisation leads or is a partner."""
    named = None
    if principal is not None and principal.org_ids:
        # A probe of the (initiative, organisation) key per restricted row, which PostgreSQL
        # cannot turn into a hash of every link of the caller's organisations (as it does an
        # EXISTS): that hash grows with the data, a page's probes do not.
        named = (
            sa_select(literal(1))
            .where(IP.c.initiative_id == INI.c.id, IP.c.organisation_id.in_(sorted(principal.org_ids)))
            .limit(1)
            .scalar_subquery()
            .is_not(None)
        )
    return visibility_clause(principal, INI.c.visibility, INI.c.lead_organisation_id, named)


async def partner_ids(session: AsyncSession, initiative_id: int) -> list[int]:
    rows = await session.execute(sa_select(IP.c.organisation_id).where(IP.c.initiative_id == initiative_id))
    return [r[0] for r in rows]


async def get_initiative(
    session: AsyncSession, *, principal: Principal | None, initiative_id: int
) -> Initiative:
    """The live initiative, or 404 when it does not exist or the caller may not read it."""
    obj = await session.get(Initiative, initiative_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFound(f"No initiative {initiative_id}.")
    if obj.visibility != "public":
        partners = await partner_ids(session, initiative_id) if obj.visibility == "restricted" else []
        if not can_read(principal, obj.visibility, obj.lead_organisation_id, partners):
            raise NotFound(f"No initiative {initiative_id}.")
    return obj


def require_edit(principal: Principal, initiative: Initiative) -> None:
    if not principal.can(Permission.edit, initiative.lead_organisation_id):
        raise Forbidden("Only editors of the lead organisation change this initiative.")


# ------------------------------------------------------------ reading shape
def levels_list(raw: str | None) -> list[str]:
    return [v for v in (raw or "").split(",") if v]


def levels_text(levels: Iterable[Level | str]) -> str:
    wanted = {Level(v) for v in levels}
    return ",".join(v.value for v in LEVEL_ORDER if v in wanted)


# ------------------------------------------------------------ writes
@dataclass
class Lookups:
    """Slugs and codes the caller may refer to, resolved once per request or import."""

    orgs: dict[str, int]
    goals: dict[str, int]
    indicators: dict[str, int]
    phases: list[tuple[int, int, int]]  # number, starts_year, ends_year


async def lookups(session: AsyncSession, *, principal: Principal | None) -> Lookups:
    orgs = {
        r.slug: r.id
        for r in await session.execute(sa_select(ORG.c.slug, ORG.c.id).where(ORG.c.deleted_at.is_(None)))
    }
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


async def _external_id_taken(
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


async def snapshot(session: AsyncSession, obj: Initiative) -> dict[str, Any]:
    """The initiative and its links, JSON-safe, for the audit trail."""
    assert obj.id is not None
    data = audit.snapshot(obj) or {}
    goals, partners, indicators = await stored_links(session, obj.id)
    data.update(goal_ids=goals, partner_ids=partners, indicators=[list(i) for i in indicators])
    return data


async def create_initiative(session: AsyncSession, *, actor: Principal, data: InitiativeCreate) -> Initiative:
    lk = await lookups(session, principal=actor)
    res, errors = resolve(data, lk)
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    lead_id = res.values["lead_organisation_id"]
    if not actor.can(Permission.edit, lead_id):
        raise Forbidden("Only editors of the lead organisation create its initiatives.")
    obj = Initiative(**{**res.values, "levels": res.values.get("levels", "")})
    errors = check_state(obj, lk)
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    if await _external_id_taken(session, lead_id=lead_id, external_id=obj.external_id, own_id=None):
        raise Conflict(
            f"The lead organisation already has an initiative with external_id {obj.external_id!r}."
        )
    session.add(obj)
    await session.flush()
    assert obj.id is not None
    await replace_links(session, obj.id, res)
    audit.record(
        session,
        actor=actor,
        action="initiative.create",
        object_type="initiative",
        object_id=obj.id,
        organisation_id=lead_id,
        after=await snapshot(session, obj),
    )
    return obj


async def apply_update(
    session: AsyncSession,
    *,
    actor: Principal,
    obj: Initiative,
    res: Resolved,
    lk: Lookups,
    prefix: str = "body",
) -> list[FieldError]:
    """Apply resolved changes to `obj` in memory and check the result (no flush, no version)."""
    new_lead = res.values.get("lead_organisation_id", obj.lead_organisation_id)
    if new_lead != obj.lead_organisation_id and not actor.can(Permission.edit, new_lead):
        raise Forbidden("You may only hand an initiative to an organisation you edit for.")
    for key, value in res.values.items():
        setattr(obj, key, value)
    if "starts_on" in res.values and not obj.phase_overridden:
        obj.phase = None
    return check_state(obj, lk, prefix=prefix)


async def update_initiative(
    session: AsyncSession, *, actor: Principal, obj: Initiative, data: InitiativeUpdate, expected_version: int
) -> Initiative:
    require_edit(actor, obj)
    assert obj.id is not None
    lk = await lookups(session, principal=actor)
    res, errors = resolve(data, lk)
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    before = await snapshot(session, obj)

    await claim_version(session, obj, expected_version)
    errors = await apply_update(session, actor=actor, obj=obj, res=res, lk=lk)
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    if await _external_id_taken(
        session, lead_id=obj.lead_organisation_id, external_id=obj.external_id, own_id=obj.id
    ):
        raise Conflict(
            f"The lead organisation already has an initiative with external_id {obj.external_id!r}."
        )
    await session.flush()
    await replace_links(session, obj.id, res)
    audit.record(
        session,
        actor=actor,
        action="initiative.update",
        object_type="initiative",
        object_id=obj.id,
        organisation_id=obj.lead_organisation_id,
        before=before,
        after=await snapshot(session, obj),
    )
    return obj


async def delete_initiative(
    session: AsyncSession, *, actor: Principal, obj: Initiative, expected_version: int
) -> None:
    require_edit(actor, obj)

    before = await snapshot(session, obj)
    await claim_version(session, obj, expected_version)
    obj.deleted_at = utcnow()
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="initiative.delete",
        object_type="initiative",
        object_id=obj.id,
        organisation_id=obj.lead_organisation_id,
        before=before,
    )


# ---------------------------------------------------------------- links from governance
links.register(
    LinkTargetType.initiative,
    links.column_resolver(
        LinkTargetType.initiative,
        INI.c.id,
        INI.c.title,
        lambda principal: and_(INI.c.deleted_at.is_(None), visible_initiatives(principal)),
    ),
)


# ---------------------------------------------------------------- for the change feed and webhooks
async def initiative_json(session: AsyncSession, *, principal: Principal | None, initiative_id: int) -> Any:
    """The initiative as its GET shows it to `principal`, as JSON-ready data (the public site's
    initiative page); NotFound otherwise."""
    import orjson

    from sammen.initiatives import listing  # listing builds on this module

    detail: Any = await listing.initiative_detail(session, principal=principal, initiative_id=initiative_id)
    return orjson.loads(detail) if isinstance(detail, bytes) else detail


async def initiatives_json_text(
    session: AsyncSession, *, principal: Principal | None, ids: list[int]
) -> dict[int, bytes]:
    """Those of `ids` that `principal` may read, each as its GET shows it (JSON text), in one statement."""
    from sammen.initiatives import listing  # listing builds on this module

    return await listing.initiative_details(session, principal=principal, ids=ids)


async def progress_by_id(
    session: AsyncSession, *, principal: Principal | None, ids: list[int]
) -> dict[int, Any]:
    from sammen.initiatives import progress  # progress builds on this module

    return await progress.progress_by_id(session, principal=principal, ids=ids)


# ---------------------------------------------------------------- for the public site
async def initiative_list_json(
    reader: Reader, *, principal: Principal | None, flt: InitiativeFilters, limit: int, offset: int
) -> Any:
    """A page of the list as GET /initiatives gives it to `principal`, as JSON-ready data."""
    import orjson

    from sammen.initiatives import listing  # listing builds on this module

    return orjson.loads(
        await listing.list_page(reader, principal=principal, flt=flt, limit=limit, offset=offset)
    )


async def list_good_stories(
    session: AsyncSession, *, principal: Principal | None, limit: int, offset: int
) -> tuple[list[GoodStory], int]:
    """The good stories of the initiatives `principal` may read, newest first."""
    from sammen.initiatives import progress  # progress builds on this module

    return await progress.list_good_stories(session, principal=principal, limit=limit, offset=offset)


async def list_progress(
    session: AsyncSession, *, initiative: Initiative, limit: int, offset: int
) -> tuple[list[ProgressPublic], int]:
    """An initiative's progress updates, newest first (read `initiative` with get_initiative first)."""
    from sammen.initiatives import progress  # progress builds on this module

    return await progress.list_progress(session, initiative=initiative, limit=limit, offset=offset)
