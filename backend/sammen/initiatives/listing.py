"""The initiative list and detail, each read in one statement that returns its JSON.

The page (entries with their goal codes and partner slugs), its total, limit and offset are
built by the database as one JSON text (core.sqljson), so a list request costs one statement
and Python serialises nothing row by row. Statements are built once per shape (which filters
are given, the caller's visibility key, the sort) with every value bound at execution, and
visibility is `visible_initiatives`, the one rule every path uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import (
    Select,
    bindparam,
    func,
    literal,
    literal_column,
    null,
    or_,
    union_all,
)
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import sqljson
from sammen.core.errors import NotFound
from sammen.core.idlist import among
from sammen.core.live import live, unfiltered
from sammen.core.permissions import Principal, visibility_clause, visibility_key
from sammen.core.reads import Reader, as_reader
from sammen.indicators import service as indicators_service
from sammen.initiatives.access import (
    GOAL,
    IG,
    II,
    IND,
    INI,
    IP,
    LEAD_AND_PARTNERS,
    ORG,
    live_visible_initiatives,
)
from sammen.initiatives.markdown import render
from sammen.initiatives.schemas import InitiativeFilters
from sammen.initiatives.selection import COUNTS as COUNTS
from sammen.initiatives.selection import DETAIL_COLUMNS as DETAIL_COLUMNS
from sammen.initiatives.selection import DETAIL_ONLY as DETAIL_ONLY
from sammen.initiatives.selection import ENTRY_COLUMNS as ENTRY_COLUMNS
from sammen.initiatives.selection import SEARCH as SEARCH
from sammen.initiatives.selection import SORTS as SORTS
from sammen.initiatives.selection import filter_clauses as filter_clauses
from sammen.initiatives.selection import filter_params as filter_params
from sammen.initiatives.selection import initiative_select as initiative_select
from sammen.initiatives.selection import ordered as ordered
from sammen.initiatives.selection import parse_sort as parse_sort
from sammen.initiatives.selection import shape as shape


# ------------------------------------------------------------ the list
def _codes(dialect: str, code: Any, source: Any, *where: Any) -> Any:
    """A sorted JSON array of `code` over the joined rows (goal codes, partner slugs)."""
    if dialect == "postgresql":  # an ordered aggregate: no derived table to sort
        return sa_select(sqljson.array_agg(code, code)).select_from(source).where(*where).scalar_subquery()
    ordered = (
        sa_select(code.label("v")).select_from(source).where(*where).order_by(code).correlate(INI).subquery()
    )
    return sa_select(sqljson.array_agg(ordered.c.v, ordered.c.v)).scalar_subquery()


@unfiltered(ORG, why=LEAD_AND_PARTNERS)
def entry_object(
    dialect: str,
    *extra_columns: Any,
    extra: Sequence[tuple[str, Any]] = (),
    links: tuple[Any, Any, Any] | None = None,
) -> sqljson.json_object:
    """One initiative as JSON (InitiativeSummary, plus `extra_columns` and `extra` pairs): its
    lead's slug, goal codes and partner slugs joined in (as correlated subqueries, or the
    (lead, partners, goals) expressions given in `links`)."""
    if links is not None:
        lead, partners, goals = links
    else:
        goals = _codes(
            dialect,
            GOAL.c.code,
            IG.join(GOAL, GOAL.c.id == IG.c.goal_id),
            IG.c.initiative_id == INI.c.id,
            live(GOAL),
        )
        partners = _codes(
            dialect,
            ORG.c.slug,
            IP.join(ORG, ORG.c.id == IP.c.organisation_id),
            IP.c.initiative_id == INI.c.id,
        )
        lead = sa_select(ORG.c.slug).where(ORG.c.id == INI.c.lead_organisation_id).scalar_subquery()
    pairs: list[tuple[str, Any]] = []
    for column in (*ENTRY_COLUMNS, *extra_columns):
        if column is INI.c.levels:
            pairs.append(("levels", sqljson.comma_list(column)))
        elif column is INI.c.tags:
            pairs.append(
                ("tags", func.coalesce(sqljson.embedded(column), sqljson.embedded(sqljson.sql_string("[]"))))
            )
        else:
            pairs.append((column.key, sqljson.value_of(column)))
        if column is INI.c.summary:
            pairs += [("lead", lead), ("partners", partners), ("goals", goals)]
    return sqljson.json_object([*pairs, *extra])


_LISTS = sqljson.StatementCache()
_DETAILS = sqljson.StatementCache()
_DETAIL_BATCHES = sqljson.StatementCache()


def _page_statement(principal: Principal | None, flt: InitiativeFilters, dialect: str) -> Select[Any]:
    clauses = filter_clauses(principal, flt, dialect)
    order = [(SORTS[k], descending) for k, descending in parse_sort(flt.sort)]
    statement: Select[Any] = sqljson.page_document(
        INI, clauses, None, order, total=_counted_total(principal, flt), joined=_with_links, dialect=dialect
    )
    return statement


def _aggregated(keys: Any, name: str, code: Any, source: Any, initiative_id: Any, *where: Any) -> Any:
    """`code` of the page's rows' links as one sorted JSON array per initiative: one grouped pass
    over the page's links instead of a subquery (and a sort) per row."""
    rows = (
        sa_select(initiative_id.label("iid"), code.label("v"))
        .select_from(keys.join(source, initiative_id == keys.c.key))
        .where(*where)
        .order_by(initiative_id, code)
        .subquery()
    )
    return (
        sa_select(rows.c.iid, sqljson.array_agg(rows.c.v, rows.c.v).label("codes"))
        .group_by(rows.c.iid)
        .subquery(name)
    )


@unfiltered(ORG, why=LEAD_AND_PARTNERS)
@unfiltered(INI, why="the page's keys were chosen live and visible; this joins their rows back")
def _with_links(keys: Any) -> tuple[Any, Any]:
    """The page's rows joined to their lead, goal codes and partner slugs, and their documents."""
    goals = _aggregated(
        keys, "goal_codes", GOAL.c.code, IG.join(GOAL, GOAL.c.id == IG.c.goal_id), IG.c.initiative_id,
        live(GOAL),
    )  # fmt: skip
    partners = _aggregated(
        keys, "partner_slugs", ORG.c.slug, IP.join(ORG, ORG.c.id == IP.c.organisation_id), IP.c.initiative_id
    )
    lead = ORG.alias("lead")
    source = (
        keys.join(INI, INI.c.id == keys.c.key)
        .join(lead, lead.c.id == INI.c.lead_organisation_id)
        .outerjoin(goals, goals.c.iid == keys.c.key)
        .outerjoin(partners, partners.c.iid == keys.c.key)
    )
    empty: Any = literal_column("'[]'")  # untyped: json on PostgreSQL, text on SQLite
    links = (
        lead.c.slug,
        sqljson.embedded(func.coalesce(partners.c.codes, empty)),
        sqljson.embedded(func.coalesce(goals.c.codes, empty)),
    )
    return source, entry_object("", links=links)


def _counted_total(principal: Principal | None, flt: InitiativeFilters) -> Any:
    """The total from the maintained counts (InitiativeCount) when they answer it exactly: no
    filter but status, and at most one organisation (an initiative named for two of a caller's
    organisations would be counted twice); None otherwise, and the rows are counted."""
    if any(
        (flt.goal, flt.organisation, flt.phase, flt.level, flt.tag, (flt.q or "").strip(), flt.updated_since)
    ):
        return None
    orgs = sorted(principal.org_ids) if principal is not None else []
    if len(orgs) > 1:
        return None
    counted: list[Any] = [
        (COUNTS.c.role == "lead")
        & visibility_clause(principal, COUNTS.c.visibility, COUNTS.c.organisation_id)
    ]
    if orgs:  # restricted initiatives another organisation leads, with the caller's named
        counted.append(
            (COUNTS.c.role == "partner")
            & (COUNTS.c.visibility == "restricted")
            & COUNTS.c.organisation_id.in_(orgs)
        )
    stmt = sa_select(func.coalesce(func.sum(COUNTS.c.n), 0)).where(or_(*counted))
    if flt.status:
        stmt = stmt.where(COUNTS.c.status.in_(bindparam("statuses", expanding=True)))
    return stmt.scalar_subquery()


async def list_page(
    reader: Reader, *, principal: Principal | None, flt: InitiativeFilters, limit: int, offset: int
) -> bytes:
    """A page of the list with its total, as the JSON of Page[InitiativeSummary]."""
    dialect = reader.dialect
    key = (dialect, visibility_key(principal), shape(flt))
    stmt = _LISTS.get(key, lambda: _page_statement(principal, flt, dialect))
    found = await reader.scalar(stmt, {**filter_params(flt), "limit": limit, "offset": offset})
    return str(found).encode()


# ------------------------------------------------------------ the detail
def _indicator_links(principal: Principal | None) -> Any:
    links = (
        sa_select(
            IND.c.code.label("code"),
            sqljson.json_object(
                [("indicator", IND.c.code), ("expected_direction", II.c.expected_direction)]
            ).label("doc"),
        )
        .select_from(II.join(IND, IND.c.id == II.c.indicator_id))
        .where(II.c.initiative_id == INI.c.id, indicators_service.visible_indicators(principal))
        .order_by(IND.c.code)
        .correlate(INI)
        .subquery()
    )
    return sa_select(sqljson.array_agg(sqljson.embedded(links.c.doc), links.c.code)).scalar_subquery()


def _detail_statement(principal: Principal | None, dialect: str, *, many: bool = False) -> Select[Any]:
    """One initiative's detail (parameter `initiative_id`), or those among `ids` (`many`)."""
    doc = entry_object(dialect, *DETAIL_ONLY, extra=[("indicators", _indicator_links(principal))])
    which = among(INI.c.id, "ids") if many else INI.c.id == bindparam("initiative_id", type_=INI.c.id.type)
    return (
        sa_select(sqljson.as_text(doc), INI.c.description, INI.c.version, INI.c.id)
        .select_from(INI)
        .where(which, live_visible_initiatives(principal))
    )


def _with_html(text: str, description: str | None) -> bytes:
    # Markdown is rendered here, not in SQL: its HTML joins the object before its closing brace.
    html = orjson.dumps(render(description)).decode()
    return f'{text[: text.rindex("}")]},"description_html":{html}}}'.encode()


async def initiative_detail(
    source: AsyncSession | Reader, *, principal: Principal | None, initiative_id: int
) -> bytes:
    """The full initiative as the JSON of InitiativePublic, or 404 (visibility applied in SQL)."""
    return (await initiative_detail_versioned(source, principal=principal, initiative_id=initiative_id))[0]


async def initiative_detail_versioned(
    source: AsyncSession | Reader, *, principal: Principal | None, initiative_id: int
) -> tuple[bytes, int]:
    """The detail's JSON and the initiative's version (its ETag)."""
    reader = as_reader(source)
    dialect = reader.dialect
    stmt = _DETAILS.get((dialect, visibility_key(principal)), lambda: _detail_statement(principal, dialect))
    row = await reader.first(stmt, {"initiative_id": initiative_id})
    if row is None:
        raise NotFound(f"No initiative {initiative_id}.")
    return _with_html(row[0], row.description), row.version


async def initiative_details(
    source: AsyncSession | Reader, *, principal: Principal | None, ids: Sequence[int]
) -> dict[int, bytes]:
    """The details (JSON of InitiativePublic) of those of `ids` that `principal` may read, in one
    statement: what the change feed's webhooks send, for a batch of events at a time."""
    if not ids:
        return {}
    reader = as_reader(source)
    dialect = reader.dialect
    stmt = _DETAIL_BATCHES.get(
        (dialect, visibility_key(principal)), lambda: _detail_statement(principal, dialect, many=True)
    )
    return {
        row.id: _with_html(row[0], row.description) for row in await reader.rows(stmt, {"ids": list(ids)})
    }


# ------------------------------------------------------------ links of many (exports)
@unfiltered(ORG, why=LEAD_AND_PARTNERS)
def _links_statement(ids: Sequence[int], principal: Principal | None) -> Any:
    """Goal codes, partner slugs and visible indicator links of the initiatives `ids`, as
    (initiative_id, kind, value, direction) rows."""
    return union_all(
        sa_select(IG.c.initiative_id, literal("g").label("k"), GOAL.c.code.label("v"), null().label("d"))
        .select_from(IG.join(GOAL, GOAL.c.id == IG.c.goal_id))
        .where(IG.c.initiative_id.in_(ids), live(GOAL)),
        sa_select(IP.c.initiative_id, literal("p"), ORG.c.slug, null())
        .select_from(IP.join(ORG, ORG.c.id == IP.c.organisation_id))
        .where(IP.c.initiative_id.in_(ids)),
        sa_select(II.c.initiative_id, literal("i"), IND.c.code, II.c.expected_direction)
        .select_from(II.join(IND, IND.c.id == II.c.indicator_id))
        .where(II.c.initiative_id.in_(ids), indicators_service.visible_indicators(principal)),
    )


async def links_for(
    source: AsyncSession | Reader, ids: Sequence[int], *, principal: Principal | None
) -> dict[int, dict[str, list[Any]]]:
    """Goal codes, partner slugs and indicator links of these initiatives, in one query."""
    if not ids:
        return {}
    out: dict[int, dict[str, list[Any]]] = {}
    for initiative_id, kind, value, direction in await as_reader(source).rows(
        _links_statement(ids, principal)
    ):
        item = value if kind != "i" else {"indicator": value, "expected_direction": direction}
        out.setdefault(initiative_id, {}).setdefault(kind, []).append(item)
    for mine in out.values():
        for values in mine.values():
            values.sort(key=lambda v: v["indicator"] if isinstance(v, dict) else v)
    return out
