"""The decision register: its filters, and its page read in one statement that returns its JSON.

The page (each decision with what it links to, titled where the caller may see the target, and
what points at it), its total, limit and offset are built by the database as one compact JSON
text (core.sqljson), byte for byte what Page[DecisionPublic] gives, so a request costs one
statement and Python serialises nothing. Statements are built once per shape (the caller's
viewer key, which filters are given) with every value bound at execution; visibility is the
domain's one rule (`meeting_clause`, `restricted_clause`) on every path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String, and_, bindparam, func, literal_column, null, or_
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import links, sqljson
from sammen.core.idlist import within
from sammen.core.links import LinkTargetType
from sammen.core.pagination import PageParams, bound_at_execution
from sammen.core.reads import Reader, as_reader
from sammen.core.search import contains_pattern, like_pattern
from sammen.governance.meetings.access import (
    AnyViewer,
    Viewer,
    meeting_clause,
    restricted_clause,
    viewer_key,
)
from sammen.governance.meetings.decisions import DECISION_FIELDS, references_union
from sammen.governance.meetings.models import Decision, DecisionKind, GovernanceLink, LinkSource, Meeting

DEC = Decision.__table__  # type: ignore[attr-defined]
GL = GovernanceLink.__table__.alias("gl")  # type: ignore[attr-defined]
DECISION = sqljson.sql_string(LinkSource.decision.value)  # a constant: written in, not bound
# the register's filters: name -> how the column compares with the value bound as `f_<name>`
DECISION_FILTERS = {
    "body_id": "eq", "meeting_id": "eq", "kind": "eq", "decided_from": "ge", "decided_to": "le",
    "target_type": "linked", "target_id": "linked", "q": "text",
}  # fmt: skip
ORDER = ((DEC.c.decided_on, True), (DEC.c.id, True))  # newest first


def filter_clauses(
    v: AnyViewer, given: tuple[str, ...], include_superseded: bool, table: Any = DEC
) -> list[Any]:
    """The decisions (of `table`, the decisions table or an alias of it) the caller may see (a
    visible meeting's; restricted ones for the body's members) that match the filters `given`,
    each value bound as `f_<name>`."""
    visible_meetings = sa_select(Meeting.__table__.c.id).where(meeting_clause(v))  # type: ignore[attr-defined]
    clauses: list[Any] = [
        table.c.meeting_id.in_(visible_meetings),
        restricted_clause(v, table.c.restricted, table.c.body_id),
    ]
    if not include_superseded:
        clauses.append(table.c.superseded_by_id.is_(None))
    for name in given:
        op = DECISION_FILTERS[name]
        if op in ("eq", "ge", "le"):
            column = table.c.decided_on if name.startswith("decided") else table.c[name]
            value = bindparam(f"f_{name}", type_=column.type)
            clauses.append(
                column == value if op == "eq" else column >= value if op == "ge" else column <= value
            )
    if "q" in given:
        pattern = bindparam("f_q", type_=String)
        clauses.append(or_(*(contains_pattern(table.c[c], pattern) for c in ("title", "text", "number"))))
    if "target_type" in given:
        linked = sa_select(GL.c.source_id).where(
            GL.c.source_type == DECISION,
            GL.c.target_type == bindparam("f_target_type", type_=GL.c.target_type.type),
        )
        if "target_id" in given:
            linked = linked.where(GL.c.target_id == bindparam("f_target_id", type_=Integer))
        clauses.append(table.c.id.in_(linked))
    return clauses


def filter_values(
    *,
    body_id: int | None = None,
    meeting_id: int | None = None,
    kind: DecisionKind | None = None,
    target_type: LinkTargetType | None = None,
    target_id: int | None = None,
    q: str | None = None,
    decided_from: dt.date | None = None,
    decided_to: dt.date | None = None,
) -> dict[str, Any]:
    """The filters that are given, by name (the statement's shape) with their bound values."""
    values: dict[str, Any] = {
        "body_id": body_id, "meeting_id": meeting_id, "kind": kind, "decided_from": decided_from,
        "decided_to": decided_to, "target_type": target_type,
        # a target id alone does not filter (it qualifies target_type)
        "target_id": target_id if target_type is not None else None,
        "q": like_pattern(q) if q and q.strip() else None,
    }  # fmt: skip
    return {name: values[name] for name in DECISION_FILTERS if values[name] is not None}


# ---------------------------------------------------------------- the page as rows (site, reports)
_ROWS = sqljson.StatementCache()


def _rows_statement(v: Viewer, given: tuple[str, ...], include_superseded: bool) -> Any:
    """The page's rows (limit and offset bound), each with the count of all matching decisions."""
    clauses = filter_clauses(v, given, include_superseded)
    total = sa_select(func.count()).select_from(DEC).where(*clauses).scalar_subquery()
    return (
        sa_select(
            *(DEC.c[name] for name in DECISION_FIELDS),
            DEC.c.updated_at,  # not in the API's document: the public site's decision feed dates entries by it
            total.label("total"),
        )
        .where(*clauses)
        .order_by(*(column.desc() for column, _ in ORDER))
        .limit(bound_at_execution("limit"))
        .offset(bound_at_execution("offset"))
    )


async def list_decisions(
    source: AsyncSession | Reader,
    *,
    v: Viewer,
    page: PageParams,
    include_superseded: bool = False,
    **filters: Any,
) -> tuple[list[Any], int]:
    """A page of the register as Core rows (attribute access as on a Decision, plus `updated_at`),
    and the total; `filters` as `filter_values` takes them."""
    reader = as_reader(source)
    given = filter_values(**filters)
    key = (viewer_key(v), tuple(given), include_superseded)
    stmt = _ROWS.get(key, lambda: _rows_statement(v, tuple(given), include_superseded))
    params = {f"f_{name}": value for name, value in given.items()}
    rows = list(await reader.rows(stmt, {**params, "limit": page.limit, "offset": page.offset}))
    if rows or page.offset == 0:
        return rows, rows[0].total if rows else 0
    count = (
        sa_select(func.count()).select_from(DEC).where(*filter_clauses(v, tuple(given), include_superseded))
    )
    return rows, int(await reader.scalar(count, params) or 0)


# ---------------------------------------------------------------- the page as JSON (the API)
_PAGES = sqljson.StatementCache()
_EMPTY: Any = literal_column("'[]'")  # untyped: text on both databases


def _link_docs(v: AnyViewer, keys: Any) -> Any:
    """(sid, doc): each page decision's links as a JSON array of LinkPublic, in link order, each
    titled where the caller may see its target (core.links.titles_among: every kind's rule)."""
    chosen = (
        sa_select(GL.c.id, GL.c.source_id, GL.c.target_type, GL.c.target_id)
        .where(GL.c.source_type == DECISION, within(GL.c.source_id, sa_select(keys.c.key)))
        .cte("pl")
    )
    titles = links.titles_among(v.principal, chosen)
    source: Any = chosen
    title: Any = null()
    if titles is not None:
        source = chosen.outerjoin(
            titles, and_(titles.c.type == chosen.c.target_type, titles.c.id == chosen.c.target_id)
        )
        title = titles.c.title
    doc = sqljson.compact_object(
        [("target_type", chosen.c.target_type), ("target_id", chosen.c.target_id), ("title", title)]
    )
    rows = (
        sa_select(chosen.c.source_id.label("sid"), chosen.c.id.label("n"), doc.label("doc"))
        .select_from(source)
        .order_by(chosen.c.source_id, chosen.c.id)
        .subquery()
    )
    docs = sqljson.compact_array(sqljson.compact_embedded(rows.c.doc), rows.c.n)
    return sa_select(rows.c.sid, docs.label("doc")).group_by(rows.c.sid).subquery("ld")


def _reference_docs(v: AnyViewer, keys: Any) -> Any:
    """(did, doc): what points at each page decision as a JSON array of ReferencePublic, in the
    detail's order (decisions.references_union)."""
    found = references_union(v, sa_select(keys.c.key))
    doc = sqljson.compact_object(
        [("object_type", found.c.object_type), ("object_id", found.c.object_id), ("title", found.c.title)]
    )
    rows = (
        sa_select(found.c.decision_id.label("did"), found.c.part, found.c.object_id, doc.label("doc"))
        .order_by(found.c.decision_id, found.c.part, found.c.object_id)
        .subquery()
    )
    docs = sqljson.compact_array(sqljson.compact_embedded(rows.c.doc), rows.c.part, rows.c.object_id)
    return sa_select(rows.c.did, docs.label("doc")).group_by(rows.c.did).subquery("rd")


def _page_statement(v: AnyViewer, given: tuple[str, ...], include_superseded: bool, dialect: str) -> Any:
    # short names: a statement longer than 4 kB is parsed again by psycopg on every execution
    d = DEC.alias("d")

    def joined(keys: Any) -> tuple[Any, Any]:
        linked, referenced = _link_docs(v, keys), _reference_docs(v, keys)
        source = (
            keys.join(d, d.c.id == keys.c.key)
            .outerjoin(linked, linked.c.sid == keys.c.key)
            .outerjoin(referenced, referenced.c.did == keys.c.key)
        )
        pairs = [(name, sqljson.value_of(d.c[name])) for name in DECISION_FIELDS if name != "version"]
        pairs += [
            ("links", sqljson.compact_embedded(func.coalesce(linked.c.doc, _EMPTY))),
            ("referenced_by", sqljson.compact_embedded(func.coalesce(referenced.c.doc, _EMPTY))),
            ("version", d.c.version),  # DecisionPublic's order
        ]
        return source, sqljson.compact_object(pairs)

    clauses = filter_clauses(v, given, include_superseded, d)
    order = [(d.c.decided_on, True), (d.c.id, True)]  # as ORDER
    return sqljson.page_document(d, clauses, None, order, joined=joined, dialect=dialect, compact=True)


async def decision_page(
    reader: Reader, *, v: AnyViewer, page: PageParams, include_superseded: bool = False, **filters: Any
) -> bytes:
    """A page of the register with its total, as the JSON of Page[DecisionPublic] (one statement);
    `filters` as `filter_values` takes them."""
    given = filter_values(**filters)
    key = (reader.dialect, viewer_key(v), links.titles_key(v.principal), tuple(given), include_superseded)
    stmt = _PAGES.get(key, lambda: _page_statement(v, tuple(given), include_superseded, reader.dialect))
    params = {f"f_{name}": value for name, value in given.items()}
    found = await reader.scalar(stmt, {**params, **v.bound, "limit": page.limit, "offset": page.offset})
    return str(found).encode()
