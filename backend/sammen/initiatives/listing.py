"""The initiative list and detail in the reading shape of DESIGN.md: Core columns, links for the
page's ids in one query, serialised once.

Read-only joins to `organisations`, `goals` and `indicators` are made in SQL here (Core), so
a page of initiatives costs one query for rows and one for all their links.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    bindparam,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    type_coerce,
    union_all,
)
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import NotFound, field_error
from sammen.core.permissions import Principal
from sammen.core.reads import Reader, as_reader
from sammen.core.search import contains_text
from sammen.indicators import service as indicators_service
from sammen.initiatives.markdown import render
from sammen.initiatives.models import InitiativeStatus, Level
from sammen.initiatives.service import GOAL, IG, II, IND, INI, IP, ORG, levels_list, visible_initiatives

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


# ------------------------------------------------------------ reading shape
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


def _links_statement(
    match: Callable[[Any], ColumnElement[bool]], principal: Principal | None, *, indicators: bool
) -> Any:
    """Goal codes, partner slugs (and visible indicator links) of the initiatives whose id column
    satisfies `match`, as (initiative_id, kind, value, direction) rows."""
    parts: list[Any] = [
        sa_select(IG.c.initiative_id, literal("g").label("k"), GOAL.c.code.label("v"), null().label("d"))
        .select_from(IG.join(GOAL, GOAL.c.id == IG.c.goal_id))
        .where(match(IG.c.initiative_id), GOAL.c.deleted_at.is_(None)),
        sa_select(IP.c.initiative_id, literal("p"), ORG.c.slug, null())
        .select_from(IP.join(ORG, ORG.c.id == IP.c.organisation_id))
        .where(match(IP.c.initiative_id)),
    ]
    if indicators:
        parts.append(
            sa_select(II.c.initiative_id, literal("i"), IND.c.code, II.c.expected_direction)
            .select_from(II.join(IND, IND.c.id == II.c.indicator_id))
            .where(match(II.c.initiative_id), indicators_service.visible_indicators(principal))
        )
    return union_all(*parts)


def _collect_links(found: Sequence[Any]) -> dict[int, dict[str, list[Any]]]:
    out: dict[int, dict[str, list[Any]]] = {}
    for initiative_id, kind, value, direction in found:
        item = value if kind != "i" else {"indicator": value, "expected_direction": direction}
        out.setdefault(initiative_id, {}).setdefault(kind, []).append(item)
    for mine in out.values():
        for values in mine.values():
            values.sort(key=lambda v: v["indicator"] if isinstance(v, dict) else v)
    return out


async def links_for(
    source: AsyncSession | Reader,
    ids: Sequence[int],
    *,
    principal: Principal | None,
    indicators: bool = False,
) -> dict[int, dict[str, list[Any]]]:
    """Goal codes, partner slugs (and indicator links) of these initiatives, in one query."""
    if not ids:
        return {}
    stmt = _links_statement(lambda column: column.in_(ids), principal, indicators=indicators)
    return _collect_links(await as_reader(source).rows(stmt))


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


@functools.lru_cache(maxsize=256)
def parse_sort(sort: str) -> tuple[Any, ...]:
    """The ORDER BY of a `sort` parameter (remembered: every list request checks its sort)."""
    order: list[Any] = []
    for part in [p.strip() for p in sort.split(",") if p.strip()]:
        name = part.lstrip("-+")
        column = SORTS.get(name)
        if column is None:
            raise field_error("query.sort", f"unknown sort key {name!r}; use one of {', '.join(SORTS)}")
        order.append(column.desc() if part.startswith("-") else column.asc())
    order.append(INI.c.id.desc())
    return tuple(order)


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
    viewer: _Viewer, key: tuple[Any, ...], limit: int, offset: int
) -> tuple[Select[Any], Select[Any]]:
    """The page as (id, version, updated_at), read from the list's covering indexes; and its count.

    Building a SQLAlchemy statement costs more than running this one, so the statements of a
    (viewer, filter, page) are built once and reused (their values are bound in).
    """
    principal, flt = viewer.principal(), InitiativeFilter.from_key(key)
    count = initiative_select(principal, flt, (func.count(),), join_lead=False).order_by(None)
    page = initiative_select(
        principal,
        flt,
        (INI.c.id, INI.c.version, type_coerce(INI.c.updated_at, _RAW).label("changed")),
        join_lead=False,
    )
    return page.limit(limit).offset(offset), count


@functools.cache
def _stamps_statement() -> Select[Any]:
    """What cached list entries and totals are checked against, read from indexes: the newest
    updated_at and highest id of initiatives, and the newest updated_at of goals and
    organisations (whose codes and slugs the entries show and the filters name)."""
    return sa_select(
        sa_select(type_coerce(func.max(INI.c.updated_at), _RAW)).scalar_subquery(),
        sa_select(func.max(INI.c.id)).scalar_subquery(),
        sa_select(type_coerce(func.max(GOAL.c.updated_at), _RAW)).scalar_subquery(),
        sa_select(type_coerce(func.max(ORG.c.updated_at), _RAW)).scalar_subquery(),
    )


@functools.cache
def _cards_statement(dialect: str) -> Select[Any]:
    """The list entries of the initiatives `ids`, their goal codes and partner slugs joined in SQL."""
    goals = (
        sa_select(_joined(GOAL.c.code, dialect))
        .select_from(IG.join(GOAL, GOAL.c.id == IG.c.goal_id))
        .where(IG.c.initiative_id == INI.c.id, GOAL.c.deleted_at.is_(None))
        .scalar_subquery()
    )
    partners = (
        sa_select(_joined(ORG.c.slug, dialect))
        .select_from(IP.join(ORG, ORG.c.id == IP.c.organisation_id))
        .where(IP.c.initiative_id == INI.c.id)
        .scalar_subquery()
    )
    return (
        sa_select(*LIST_COLUMNS, goals.label("goal_codes"), partners.label("partner_slugs"))
        .select_from(INI.join(ORG, ORG.c.id == INI.c.lead_organisation_id))
        .where(INI.c.id.in_(bindparam("ids", expanding=True)))
    )


# Totals of full pages, per (viewer, filter), with the stamp they were counted at. Every change to
# an initiative (create, update, delete, import, progress) moves the stamp, so a reused total is
# exact, in any process. Kept in the database's memo, so each database has its own.
_TOTALS_MAX = 2048
# Rendered list entries: one initiative's JSON, valid while its (version, updated_at) and the
# goals' and organisations' stamps are those it was rendered at. Every change to an initiative
# moves its version or updated_at (core.concurrency.claim_version, progress updates, imports), and
# the entry's other parts (goal codes, slugs) move those stamps; so an entry is never served stale,
# in any process: the keys are read from the database with the page.
_CARDS_MAX = 50_000


def _split(joined: str | None) -> list[str]:
    return sorted(joined.split(",")) if joined else []


def _memo(reader: Reader, name: str) -> dict[Any, Any]:
    found: dict[Any, Any] = reader.memo.setdefault(name, {})
    return found


async def _cards(
    reader: Reader, page: Sequence[tuple[Any, ...]], generation: tuple[Any, ...], dialect: str
) -> list[orjson.Fragment]:
    """The page's list entries as JSON fragments: cached ones whose keys still match, the rest
    rendered now (one statement for all of them) and remembered."""
    cards = _memo(reader, "initiative-cards")
    found: dict[int, bytes] = {}
    missing: dict[int, tuple[Any, ...]] = {}  # id -> the key its entry is rendered under
    for initiative_id, version, changed in page:
        key = (version, changed, generation)
        entry = cards.get(initiative_id)
        if entry is not None and entry[0] == key:
            found[initiative_id] = entry[1]
        else:
            missing[initiative_id] = key
    if missing:
        if len(cards) + len(missing) > _CARDS_MAX:
            cards.clear()
        for card in await reader.rows(_cards_statement(dialect), {"ids": list(missing)}):
            links = {"g": _split(card.goal_codes), "p": _split(card.partner_slugs)}
            rendered = orjson.dumps(_summary_dict(card, {card.id: links}), option=orjson.OPT_UTC_Z)
            found[card.id] = rendered
            cards[card.id] = (missing[card.id], rendered)
    return [orjson.Fragment(found[row[0]]) for row in page if row[0] in found]


async def list_initiatives(
    reader: Reader, *, principal: Principal | None, flt: InitiativeFilter, limit: int, offset: int
) -> tuple[list[orjson.Fragment], int]:
    """A page of the list (see `_page_statements`) and its total: the page's own length when it is
    not full, else a count, reused while the stamps it was counted at are unchanged."""
    parse_sort(flt.sort)  # unknown sort keys are a 422 before the cache sees them
    viewer, key = _Viewer.of(principal), flt.key()
    stmt, count = _page_statements(viewer, key, limit, offset)
    page = await reader.tuples(stmt)
    stamps = (await reader.tuples(_stamps_statement()))[0]
    if offset == 0 and len(page) < limit:
        total = len(page)
    else:
        totals = _memo(reader, "initiative-totals")
        cached = totals.get((viewer, key))
        if cached is not None and cached[0] == stamps:
            total = cached[1]
        else:
            total = int((await reader.tuples(count))[0][0] or 0)
            if len(totals) >= _TOTALS_MAX:
                totals.clear()
            totals[(viewer, key)] = (stamps, total)
    return await _cards(reader, page, stamps[2:], reader.dialect), total


@functools.lru_cache(maxsize=512)
def _detail_statements(viewer: _Viewer) -> tuple[Select[Any], Any]:
    """The initiative `:initiative_id` if the viewer may see it, and its links (built once per viewer)."""
    principal = viewer.principal()
    wanted: Any = bindparam("initiative_id")
    detail = initiative_select(principal, InitiativeFilter(), DETAIL_COLUMNS).where(INI.c.id == wanted)
    return detail, _links_statement(lambda column: column == wanted, principal, indicators=True)


async def initiative_detail(
    source: AsyncSession | Reader, *, principal: Principal | None, initiative_id: int
) -> dict[str, Any]:
    """The full initiative as a dict ready for JSON, or 404 (visibility applied in SQL)."""
    reader = as_reader(source)
    detail, links_stmt = _detail_statements(_Viewer.of(principal))
    rows = await reader.rows(detail, {"initiative_id": initiative_id})
    if not rows:
        raise NotFound(f"No initiative {initiative_id}.")
    row = rows[0]
    links = _collect_links(await reader.rows(links_stmt, {"initiative_id": initiative_id}))
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
