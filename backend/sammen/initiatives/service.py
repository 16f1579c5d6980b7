"""Initiatives: reads scoped by visibility (lead and partner organisations count as named),
changes by the lead's editors, progress by the lead's and partners' reporters, milestones,
the filtered list in the reading shape of DESIGN.md (Core columns, links for the page's ids
in one query, serialised once), and coverage.

Read-only joins to `organisations`, `goals` and `indicators` are made in SQL here (Core), so
a page of initiatives costs one query for rows and one for all their links.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    null,
    or_,
    type_coerce,
    union_all,
)
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, links
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed, field_error
from sammen.core.links import LinkTarget, LinkTargetType
from sammen.core.permissions import Permission, Principal, can_read, visibility_clause
from sammen.core.search import contains_text
from sammen.core.tables import utcnow
from sammen.goals import service as goals_service
from sammen.goals.models import Goal
from sammen.indicators import service as indicators_service
from sammen.indicators.models import Indicator, Observation
from sammen.initiatives.markdown import render
from sammen.initiatives.models import (
    Initiative,
    InitiativeGoal,
    InitiativeIndicator,
    InitiativePartner,
    InitiativeStatus,
    Level,
    Milestone,
    ProgressUpdate,
)
from sammen.initiatives.schemas import (
    Coverage,
    CoverageGoal,
    CoverageIndicator,
    CoverageInitiative,
    GoodStory,
    InitiativeCreate,
    InitiativeFields,
    InitiativeUpdate,
    MilestoneCreate,
    MilestoneUpdate,
    ProgressCreate,
    ProgressPublic,
)
from sammen.orgs.models import Organisation

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
SORTS = {
    "title": INI.c.title,
    "updated_at": INI.c.updated_at,
    "starts_on": INI.c.starts_on,
    "ends_on": INI.c.ends_on,
    "phase": INI.c.phase,
    "status": INI.c.status,
    "id": INI.c.id,
}
SUMMARY_COLUMNS = (
    INI.c.id,
    INI.c.title,
    INI.c.summary,
    ORG.c.slug.label("lead"),
    INI.c.levels,
    INI.c.size,
    INI.c.horizon,
    INI.c.phase,
    INI.c.status,
    INI.c.starts_on,
    INI.c.ends_on,
    INI.c.tags,
    INI.c.visibility,
    INI.c.external_id,
    INI.c.last_status_colour,
    INI.c.last_reported_on,
    INI.c.updated_at,
    INI.c.version,
)
# The list reads enum, date and JSON columns as the driver gives them (SQLite: text): no per-value
# conversion; orjson writes dates, and the stored JSON text of `tags` is embedded as it is.
_RAW = String()
LIST_COLUMNS = tuple(
    type_coerce(c, _RAW).label(c.name)
    if c.name
    in {
        "size",
        "horizon",
        "status",
        "visibility",
        "last_status_colour",
        "starts_on",
        "ends_on",
        "last_reported_on",
        "tags",
    }
    else c
    for c in SUMMARY_COLUMNS
)
DETAIL_COLUMNS = (
    *SUMMARY_COLUMNS,
    INI.c.description,
    INI.c.responsible_body_id,
    INI.c.phase_overridden,
    INI.c.status_reason,
    INI.c.target_group,
    INI.c.budget_dkk,
    INI.c.funding_source,
    INI.c.created_at,
    INI.c.lead_organisation_id,
)


# ------------------------------------------------------------ visibility
def visible_initiatives(principal: Principal | None) -> ColumnElement[bool]:
    """Public, partners, or restricted where the caller's organisation leads or is a partner."""
    named = None
    if principal is not None and principal.org_ids:
        named = exists().where(
            IP.c.initiative_id == INI.c.id, IP.c.organisation_id.in_(sorted(principal.org_ids))
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


def _summary_dict(row: Any, links: dict[int, dict[str, list[Any]]]) -> dict[str, Any]:
    # One C-speed conversion per row: attribute access on SQLAlchemy rows costs ~0.5 µs a field,
    # which on a 50-row page was a quarter of the request's CPU.
    r = dict(zip(row._fields, row, strict=True))
    mine = links.get(r["id"], {})
    tags = r["tags"]
    if isinstance(tags, str):  # raw JSON text from LIST_COLUMNS on SQLite
        tags = orjson.Fragment(tags)
    return {
        "id": r["id"],
        "title": r["title"],
        "summary": r["summary"],
        "lead": r["lead"],
        "partners": mine.get("p", []),
        "goals": mine.get("g", []),
        "levels": levels_list(r["levels"]),
        "size": r["size"],
        "horizon": r["horizon"],
        "phase": r["phase"],
        "status": r["status"],
        "starts_on": r["starts_on"],
        "ends_on": r["ends_on"],
        "tags": tags or [],
        "visibility": r["visibility"],
        "external_id": r["external_id"],
        "last_status_colour": r["last_status_colour"],
        "last_reported_on": r["last_reported_on"],
        "updated_at": r["updated_at"],
        "version": r["version"],
    }


async def links_for(
    session: AsyncSession, ids: Sequence[int], *, principal: Principal | None, indicators: bool = False
) -> dict[int, dict[str, list[Any]]]:
    """Goal codes, partner slugs (and indicator links) of these initiatives, in one query."""
    if not ids:
        return {}
    parts: list[Any] = [
        sa_select(IG.c.initiative_id, literal("g").label("k"), GOAL.c.code.label("v"), null().label("d"))
        .select_from(IG.join(GOAL, GOAL.c.id == IG.c.goal_id))
        .where(IG.c.initiative_id.in_(ids), GOAL.c.deleted_at.is_(None)),
        sa_select(IP.c.initiative_id, literal("p"), ORG.c.slug, null())
        .select_from(IP.join(ORG, ORG.c.id == IP.c.organisation_id))
        .where(IP.c.initiative_id.in_(ids)),
    ]
    if indicators:
        parts.append(
            sa_select(II.c.initiative_id, literal("i"), IND.c.code, II.c.expected_direction)
            .select_from(II.join(IND, IND.c.id == II.c.indicator_id))
            .where(II.c.initiative_id.in_(ids), indicators_service.visible_indicators(principal))
        )
    out: dict[int, dict[str, list[Any]]] = {}
    for initiative_id, kind, value, direction in (await session.execute(union_all(*parts))).all():
        item = value if kind != "i" else {"indicator": value, "expected_direction": direction}
        out.setdefault(initiative_id, {}).setdefault(kind, []).append(item)
    for mine in out.values():
        for values in mine.values():
            values.sort(key=lambda v: v["indicator"] if isinstance(v, dict) else v)
    return out


@dataclass
class InitiativeFilter:
    goal: str | None = None
    organisation: str | None = None
    status: list[InitiativeStatus] = field(default_factory=list)
    phase: list[int] = field(default_factory=list)
    level: list[Level] = field(default_factory=list)
    tag: str | None = None
    q: str | None = None
    updated_since: dt.datetime | None = None
    sort: str = "-updated_at"

    def key(self) -> tuple[Any, ...]:
        return (
            self.goal,
            self.organisation,
            tuple(self.status),
            tuple(self.phase),
            tuple(self.level),
            self.tag,
            self.q,
            self.updated_since,
            self.sort,
        )

    @staticmethod
    def from_key(key: tuple[Any, ...]) -> InitiativeFilter:
        goal, organisation, status, phase, level, tag, q, updated_since, sort = key
        return InitiativeFilter(
            goal, organisation, list(status), list(phase), list(level), tag, q, updated_since, sort
        )


def parse_sort(sort: str) -> list[Any]:
    order: list[Any] = []
    for part in [p.strip() for p in sort.split(",") if p.strip()]:
        name = part.lstrip("-+")
        column = SORTS.get(name)
        if column is None:
            raise field_error("query.sort", f"unknown sort key {name!r}; use one of {', '.join(SORTS)}")
        order.append(column.desc() if part.startswith("-") else column.asc())
    order.append(INI.c.id.desc())
    return order


def initiative_select(
    principal: Principal | None, flt: InitiativeFilter, columns: Sequence[Any], *, join_lead: bool = True
) -> Select[Any]:
    """The visible live initiatives matching the filter, as a Core select of `columns`
    (with the lead organisation joined for its slug unless `join_lead` is false)."""
    source = INI.join(ORG, ORG.c.id == INI.c.lead_organisation_id) if join_lead else INI
    stmt = (
        sa_select(*columns)
        .select_from(source)
        .where(INI.c.deleted_at.is_(None), visible_initiatives(principal))
    )
    if flt.goal:
        goal_ids = sa_select(GOAL.c.id).where(
            or_(
                GOAL.c.code == flt.goal,
                GOAL.c.parent_id.in_(sa_select(GOAL.c.id).where(GOAL.c.code == flt.goal)),
            )
        )
        stmt = stmt.where(exists().where(IG.c.initiative_id == INI.c.id, IG.c.goal_id.in_(goal_ids)))
    if flt.organisation:
        org_id = sa_select(ORG.c.id).where(ORG.c.slug == flt.organisation).scalar_subquery()
        stmt = stmt.where(
            or_(
                INI.c.lead_organisation_id == org_id,
                exists().where(IP.c.initiative_id == INI.c.id, IP.c.organisation_id == org_id),
            )
        )
    if flt.status:
        stmt = stmt.where(INI.c.status.in_([s.value for s in flt.status]))
    if flt.phase:
        stmt = stmt.where(INI.c.phase.in_(flt.phase))
    if flt.level:
        stmt = stmt.where(or_(*(INI.c.levels.contains(level.value) for level in flt.level)))
    if flt.tag:
        # tags are a JSON list: match the quoted element as JSON writes it (non-ASCII escaped)
        stmt = stmt.where(contains_text(cast(INI.c.tags, String), json.dumps(flt.tag.strip())))
    if flt.q and flt.q.strip():
        stmt = stmt.where(
            or_(
                contains_text(INI.c.title, flt.q),
                contains_text(INI.c.summary, flt.q),
                contains_text(INI.c.description, flt.q),
            )
        )
    if flt.updated_since is not None:
        stmt = stmt.where(INI.c.updated_at >= flt.updated_since)
    return stmt.order_by(*parse_sort(flt.sort))


@dataclass(frozen=True)
class _Viewer:
    """What the visibility rule reads from a principal (hashable, for the statement cache)."""

    is_partner: bool
    org_ids: frozenset[int]

    @staticmethod
    def of(principal: Principal | None) -> _Viewer:
        if principal is None:
            return _Viewer(False, frozenset())
        return _Viewer(principal.is_partner, principal.org_ids)

    def principal(self) -> Principal | None:
        if not self.is_partner and not self.org_ids:
            return None
        from sammen.core.permissions import Role

        return Principal(
            kind="user", id=0, name="", roles={o: frozenset({Role.viewer}) for o in self.org_ids}
        )


def _joined(column: Any, dialect: str) -> Any:
    """Comma-joined values of a correlated subquery (codes and slugs never contain commas)."""
    if dialect == "postgresql":
        return func.string_agg(column, literal(","))
    return func.group_concat(column, literal(","))


@functools.lru_cache(maxsize=512)
def _page_statements(
    viewer: _Viewer, key: tuple[Any, ...], limit: int, offset: int, dialect: str
) -> tuple[Select[Any], Select[Any]]:
    """The page, its total and its links in one statement; and the count alone.

    The inner select finds the page on an index and carries the total (an uncorrelated scalar
    subquery, from the covering indexes without the join: evaluated once); the outer select adds
    each row's goal codes and partner slugs from correlated subqueries, evaluated for the page's
    rows only. Building a SQLAlchemy statement costs more than running this one, so the
    statements of a (viewer, filter, page) are built once and reused (their values are bound in).
    """
    principal, flt = viewer.principal(), InitiativeFilter.from_key(key)
    count = initiative_select(principal, flt, (func.count(),), join_lead=False).order_by(None)
    inner = initiative_select(principal, flt, LIST_COLUMNS)
    page = inner.limit(limit).offset(offset).subquery("page")
    goals = (
        sa_select(_joined(GOAL.c.code, dialect))
        .select_from(IG.join(GOAL, GOAL.c.id == IG.c.goal_id))
        .where(IG.c.initiative_id == page.c.id, GOAL.c.deleted_at.is_(None))
        .scalar_subquery()
    )
    partners = (
        sa_select(_joined(ORG.c.slug, dialect))
        .select_from(IP.join(ORG, ORG.c.id == IP.c.organisation_id))
        .where(IP.c.initiative_id == page.c.id)
        .scalar_subquery()
    )
    order = []
    for part in [p.strip() for p in flt.sort.split(",") if p.strip()]:
        column = page.c[part.lstrip("-+")]
        order.append(column.desc() if part.startswith("-") else column.asc())
    order.append(page.c.id.desc())
    stmt = sa_select(
        page,
        goals.label("goal_codes"),
        partners.label("partner_slugs"),
        sa_select(type_coerce(func.max(INI.c.updated_at), _RAW)).scalar_subquery().label("stamp_at"),
        sa_select(func.max(INI.c.id)).scalar_subquery().label("stamp_id"),
        # filters name goals and organisations by code and slug: their (small) tables count too
        sa_select(type_coerce(func.max(GOAL.c.updated_at), _RAW)).scalar_subquery().label("stamp_goals"),
        sa_select(type_coerce(func.max(ORG.c.updated_at), _RAW)).scalar_subquery().label("stamp_orgs"),
    ).order_by(*order)
    return stmt, count


# Totals of full pages, per (viewer, filter), with the stamp they were counted at: the newest
# updated_at and the highest id of initiatives (read from indexes in the page's own statement),
# and the newest updated_at of goals and organisations. Every change to an initiative (create,
# update, delete, import, progress) moves the stamp, so a reused total is exact, in any process.
_TOTALS: dict[tuple[Any, ...], tuple[tuple[Any, ...], int]] = {}
_TOTALS_MAX = 2048


def _split(joined: str | None) -> list[str]:
    return sorted(joined.split(",")) if joined else []


async def list_initiatives(
    session: AsyncSession, *, principal: Principal | None, flt: InitiativeFilter, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """A page of the list in one statement (see `_page_statements`) and its total: the page's own
    length when it is not full, else a count, reused while the table's stamp is unchanged."""
    parse_sort(flt.sort)  # unknown sort keys are a 422 before the cache sees them
    bind = session.get_bind()
    dialect = bind.dialect.name
    viewer, key = _Viewer.of(principal), flt.key()
    stmt, count = _page_statements(viewer, key, limit, offset, dialect)
    rows = (await session.execute(stmt)).all()
    if offset == 0 and len(rows) < limit:
        total = len(rows)
    else:
        first = rows[0] if rows else None
        stamp = (first.stamp_at, first.stamp_id, first.stamp_goals, first.stamp_orgs) if first else None
        cache_key = (viewer, key, dialect, str(bind.engine.url))
        cached = _TOTALS.get(cache_key)
        if stamp is not None and cached is not None and cached[0] == stamp:
            total = cached[1]
        else:
            total = int(await session.scalar(count) or 0)
            if stamp is not None:
                if len(_TOTALS) >= _TOTALS_MAX:
                    _TOTALS.clear()
                _TOTALS[cache_key] = (stamp, total)
    fields = rows[0]._fields if rows else ()
    i_id, i_goals, i_partners = (
        (fields.index(k) for k in ("id", "goal_codes", "partner_slugs")) if rows else (0, 0, 0)
    )
    links = {r[i_id]: {"g": _split(r[i_goals]), "p": _split(r[i_partners])} for r in rows}
    return [_summary_dict(r, links) for r in rows], total


async def initiative_detail(
    session: AsyncSession, *, principal: Principal | None, initiative_id: int
) -> dict[str, Any]:
    """The full initiative as a dict ready for JSON, or 404 (visibility applied in SQL)."""
    stmt = initiative_select(principal, InitiativeFilter(), DETAIL_COLUMNS).where(INI.c.id == initiative_id)
    row = (await session.execute(stmt)).first()
    if row is None:
        raise NotFound(f"No initiative {initiative_id}.")
    links = await links_for(session, [row.id], principal=principal, indicators=True)
    out = _summary_dict(row, links)
    out.update(
        description=row.description,
        description_html=render(row.description),
        indicators=links.get(row.id, {}).get("i", []),
        responsible_body_id=row.responsible_body_id,
        phase_overridden=row.phase_overridden,
        status_reason=row.status_reason,
        target_group=row.target_group,
        budget_dkk=row.budget_dkk,
        funding_source=row.funding_source,
        created_at=row.created_at,
    )
    return out


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


# ------------------------------------------------------------ progress updates and good stories
def _progress_public(p: ProgressUpdate, org_slug: str) -> ProgressPublic:
    assert p.id is not None
    return ProgressPublic(
        id=p.id,
        initiative_id=p.initiative_id,
        organisation=org_slug,
        reported_on=p.reported_on,
        status_colour=p.status_colour,
        percent_complete=p.percent_complete,
        narrative=p.narrative,
        observation_ids=list(p.observation_ids or []),
        is_story=p.is_story,
        story_title=p.story_title,
        story_text=p.story_text,
        author_name=p.author_name,
        created_at=p.created_at,
        version=p.version,
    )


async def _org_slugs(session: AsyncSession, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {
        r.id: r.slug
        for r in await session.execute(sa_select(ORG.c.id, ORG.c.slug).where(ORG.c.id.in_(wanted)))
    }


async def list_progress(
    session: AsyncSession, *, initiative: Initiative, limit: int, offset: int
) -> tuple[list[ProgressPublic], int]:
    stmt = (
        select(ProgressUpdate)
        .where(ProgressUpdate.initiative_id == initiative.id, col(ProgressUpdate.deleted_at).is_(None))
        .order_by(col(ProgressUpdate.reported_on).desc(), col(ProgressUpdate.id).desc())
    )
    items = list((await session.scalars(stmt.limit(limit).offset(offset))).all())
    total = int(
        await session.scalar(
            sa_select(func.count())
            .select_from(PU)
            .where(PU.c.initiative_id == initiative.id, PU.c.deleted_at.is_(None))
        )
        or 0
    )
    slugs = await _org_slugs(session, (p.organisation_id for p in items))
    return [_progress_public(p, slugs.get(p.organisation_id, "?")) for p in items], total


async def create_progress(
    session: AsyncSession, *, actor: Principal, initiative: Initiative, data: ProgressCreate
) -> ProgressPublic:
    """Reporters (and editors) of the lead or a partner organisation report progress."""
    assert initiative.id is not None
    involved = [initiative.lead_organisation_id, *await partner_ids(session, initiative.id)]
    slugs = await _org_slugs(session, involved)
    if data.organisation is not None:
        org_id = next((o for o, s in slugs.items() if s == data.organisation), None)
        if org_id is None:
            raise field_error(
                "body.organisation", "not the lead or a partner organisation of this initiative"
            )
        if not actor.can(Permission.report, org_id):
            raise Forbidden(f"You do not report for {data.organisation!r}.")
    else:
        org_id = next((o for o in involved if o in actor.org_ids and actor.can(Permission.report, o)), None)
        if org_id is None and actor.can(Permission.report, initiative.lead_organisation_id):
            org_id = initiative.lead_organisation_id  # admins report on the lead's behalf
        if org_id is None:
            raise Forbidden("Only reporters of the lead or a partner organisation report progress.")
    if data.observation_ids:
        found = set(
            (
                await session.scalars(
                    select(Observation.id).where(col(Observation.id).in_(data.observation_ids))
                )
            ).all()
        )
        missing = sorted(set(data.observation_ids) - found)
        if missing:
            raise field_error("body.observation_ids", f"no observations {missing}")
    reported_on = data.reported_on or utcnow().date()
    update = ProgressUpdate(
        initiative_id=initiative.id,
        organisation_id=org_id,
        reported_on=reported_on,
        status_colour=data.status_colour,
        percent_complete=data.percent_complete,
        narrative=data.narrative,
        observation_ids=sorted(set(data.observation_ids)),
        is_story=data.is_story,
        story_title=data.story_title if data.is_story else None,
        story_text=data.story_text if data.is_story else None,
        author_name=actor.name,
    )
    session.add(update)
    # The list shows the latest colour: a derived column, so the initiative's version is left alone.
    if initiative.last_reported_on is None or reported_on >= initiative.last_reported_on:
        initiative.last_status_colour = data.status_colour
        initiative.last_reported_on = reported_on
    initiative.updated_at = utcnow()
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="progress.create",
        object_type="progress_update",
        object_id=update.id,
        organisation_id=org_id,
        after=audit.snapshot(update),
    )
    return _progress_public(
        update, slugs[org_id] if org_id in slugs else (await _org_slugs(session, [org_id]))[org_id]
    )


async def list_good_stories(
    session: AsyncSession, *, principal: Principal | None, limit: int, offset: int
) -> tuple[list[GoodStory], int]:
    """Progress updates published as good stories, from initiatives the caller may read."""
    base = (
        sa_select(
            PU.c.id,
            PU.c.initiative_id,
            INI.c.title.label("initiative_title"),
            ORG.c.slug,
            PU.c.reported_on,
            PU.c.story_title,
            PU.c.story_text,
        )
        .select_from(PU.join(INI, INI.c.id == PU.c.initiative_id).join(ORG, ORG.c.id == PU.c.organisation_id))
        .where(
            PU.c.is_story.is_(True),
            PU.c.deleted_at.is_(None),
            INI.c.deleted_at.is_(None),
            visible_initiatives(principal),
        )
    )
    rows = (
        await session.execute(
            base.order_by(PU.c.reported_on.desc(), PU.c.id.desc()).limit(limit).offset(offset)
        )
    ).all()
    total = int(await session.scalar(sa_select(func.count()).select_from(base.subquery())) or 0)
    return [
        GoodStory(
            id=r.id,
            initiative_id=r.initiative_id,
            initiative_title=r.initiative_title,
            organisation=r.slug,
            reported_on=r.reported_on,
            title=r.story_title or "",
            text=r.story_text or "",
        )
        for r in rows
    ], total


# ------------------------------------------------------------ milestones
async def list_milestones(session: AsyncSession, *, initiative: Initiative) -> list[Milestone]:
    stmt = (
        select(Milestone)
        .where(Milestone.initiative_id == initiative.id)
        .order_by(col(Milestone.due_on), col(Milestone.id))
    )
    return list((await session.scalars(stmt)).all())


async def get_milestone(session: AsyncSession, *, initiative: Initiative, milestone_id: int) -> Milestone:
    milestone = await session.get(Milestone, milestone_id)
    if milestone is None or milestone.initiative_id != initiative.id:
        raise NotFound(f"No milestone {milestone_id} on this initiative.")
    return milestone


async def create_milestone(
    session: AsyncSession, *, actor: Principal, initiative: Initiative, data: MilestoneCreate
) -> Milestone:
    require_edit(actor, initiative)
    assert initiative.id is not None
    milestone = Milestone(initiative_id=initiative.id, **data.model_dump())
    session.add(milestone)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="milestone.create",
        object_type="milestone",
        object_id=milestone.id,
        organisation_id=initiative.lead_organisation_id,
        after=audit.snapshot(milestone),
    )
    return milestone


async def update_milestone(
    session: AsyncSession,
    *,
    actor: Principal,
    initiative: Initiative,
    milestone: Milestone,
    data: MilestoneUpdate,
    expected_version: int,
) -> Milestone:
    require_edit(actor, initiative)
    changes = data.model_dump(exclude_unset=True)
    if "title" in changes and changes["title"] is None:
        raise field_error("body.title", "may not be null")

    before = audit.snapshot(milestone)
    await claim_version(session, milestone, expected_version)
    for key, value in changes.items():
        setattr(milestone, key, value)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="milestone.update",
        object_type="milestone",
        object_id=milestone.id,
        organisation_id=initiative.lead_organisation_id,
        before=before,
        after=audit.snapshot(milestone),
    )
    return milestone


async def delete_milestone(
    session: AsyncSession,
    *,
    actor: Principal,
    initiative: Initiative,
    milestone: Milestone,
    expected_version: int,
) -> None:
    require_edit(actor, initiative)

    before = audit.snapshot(milestone)
    await claim_version(session, milestone, expected_version)
    await session.delete(milestone)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="milestone.delete",
        object_type="milestone",
        object_id=milestone.id,
        organisation_id=initiative.lead_organisation_id,
        before=before,
    )


# ------------------------------------------------------------ coverage
async def coverage(session: AsyncSession, *, principal: Principal) -> Coverage:
    """The gaps: sub-objectives no active initiative serves, indicators no initiative aims at,
    and initiatives that name no indicator (as far as the caller can see)."""
    live_visible = and_(INI.c.deleted_at.is_(None), visible_initiatives(principal))
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


# ---------------------------------------------------------------- links from governance
async def _resolve_initiative_links(
    session: AsyncSession, principal: Principal | None, ids: Sequence[int]
) -> dict[int, LinkTarget]:
    """Agenda items and decisions may point at initiatives the caller can see."""
    stmt = sa_select(INI.c.id, INI.c.title).where(
        INI.c.id.in_(ids), INI.c.deleted_at.is_(None), visible_initiatives(principal)
    )
    return {
        row.id: LinkTarget(LinkTargetType.initiative, row.id, row.title)
        for row in await session.execute(stmt)
    }


links.register(LinkTargetType.initiative, _resolve_initiative_links)
