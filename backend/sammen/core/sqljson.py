"""JSON built by the database: one statement returns a whole page as one text value.

Constructs that compile to each database's own JSON functions, so a statement is written once:
`json_build_object`/`json_agg` on PostgreSQL, `json_object`/`json_group_array` on SQLite. Values
come out as the API writes them: timestamps as RFC 3339 in UTC with a `Z`, booleans as
true/false (SQLite stores 0/1), stored JSON embedded as JSON.

SQLite aggregates in the order rows arrive; `array_agg` therefore aggregates over a subquery
that is already in order (`order_by` repeats that order for PostgreSQL, which is told).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnClause, FunctionElement
from sqlalchemy.types import TypeDecorator, TypeEngine

from sammen.core.pagination import bound_at_execution


class _JsonFunction(FunctionElement[Any]):
    type: TypeEngine[Any] = String()
    inherit_cache = True


def sql_string(text: str) -> ColumnElement[str]:
    """A constant string written into the statement itself (a JSON key, a tag), not bound.

    Bound, each key was a parameter to send with every execution, and a page's statement grew
    past the length up to which psycopg caches its parsing of a query (4 kB), so it was parsed
    again on every request. Only for constants from the code, never for input."""
    return literal_column("'" + text.replace("'", "''") + "'", String)


class json_object(_JsonFunction):
    """json_object('key', value, ...) from (key, value) pairs; the keys are written into the SQL."""

    inherit_cache = True

    name = "json_object"

    def __init__(self, pairs: Sequence[tuple[str, Any]]) -> None:
        args: list[Any] = []
        for key, value in pairs:
            args += [sql_string(key), value]
        super().__init__(*args)


@compiles(json_object, "postgresql")
def _pg_object(element: json_object, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_build_object({compiler.process(element.clauses, **kw)})"


@compiles(json_object)
def _object(element: json_object, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_object({compiler.process(element.clauses, **kw)})"


class array_agg(_JsonFunction):
    """A JSON array of `value` over the rows, `[]` when there are none."""

    inherit_cache = True

    name = "json_group_array"

    def __init__(self, value: Any, *order_by: Any) -> None:
        self.order_by = order_by
        super().__init__(value)


@compiles(array_agg, "postgresql")
def _pg_agg(element: array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    order = ""
    if element.order_by:
        order = " ORDER BY " + ", ".join(compiler.process(o, **kw) for o in element.order_by)
    return f"coalesce(json_agg({compiler.process(element.clauses, **kw)}{order}), '[]'::json)"


@compiles(array_agg)
def _agg(element: array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"


class embedded(_JsonFunction):
    """A column that holds JSON text (SQLite) or json (PostgreSQL), embedded as JSON."""

    inherit_cache = True

    name = "json"


@compiles(embedded, "postgresql")
def _pg_embedded(element: embedded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS json)"


@compiles(embedded)
def _embedded(element: embedded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json({compiler.process(element.clauses, **kw)})"


class boolean(_JsonFunction):
    """A boolean column as JSON true/false."""

    inherit_cache = True

    name = "json_bool"


@compiles(boolean, "postgresql")
def _pg_boolean(element: boolean, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(boolean)
def _boolean(element: boolean, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"json(CASE WHEN {value} IS NULL THEN 'null' WHEN {value} THEN 'true' ELSE 'false' END)"


class timestamp(_JsonFunction):
    """A UTC timestamp column as RFC 3339 text with microseconds and `Z` (as the API writes it)."""

    inherit_cache = True

    name = "json_timestamp"


@compiles(timestamp, "postgresql")
def _pg_timestamp(element: timestamp, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"""to_char({value} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""


@compiles(timestamp)
def _timestamp(element: timestamp, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLAlchemy stores SQLite timestamps as naive UTC 'YYYY-MM-DD HH:MM:SS.ffffff'
    value = compiler.process(element.clauses, **kw)
    return f"(replace({value}, ' ', 'T') || 'Z')"


class comma_list(_JsonFunction):
    """A comma-joined column of plain words (enum values) as a JSON array of them."""

    inherit_cache = True

    name = "json_comma_list"


@compiles(comma_list)
def _comma_list(element: comma_list, compiler: SQLCompiler, **kw: Any) -> str:
    # the parts are plain words (enum values): quoting them is enough to make the array
    value = compiler.process(element.clauses, **kw)
    text = f"""CASE WHEN coalesce({value}, '') = '' THEN '[]' ELSE '["' || replace({value}, ',', '","') || '"]' END"""
    if compiler.dialect.name == "postgresql":
        return f"CAST({text} AS json)"
    return f"json({text})"


class as_text(_JsonFunction):
    """The final JSON value as text (psycopg would otherwise parse json into Python objects)."""

    inherit_cache = True

    name = "json_text"


@compiles(as_text, "postgresql")
def _pg_text(element: as_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS text)"


@compiles(as_text)
def _text(element: as_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


class JsonText(TypeDecorator[str]):
    """Compact JSON text built by the database (`compact_object`, `compact_array`): embedded as it
    is where JSON is built from it, never quoted as a string."""

    impl = String
    cache_ok = True


def _json_text(value: Any, compiler: SQLCompiler, **kw: Any) -> str:
    """PostgreSQL: a value as JSON text, `null` for NULL (strings escaped by to_json, as pydantic
    escapes them: the same bytes). Written short: every byte of a statement is sent, and parsed
    by psycopg again on each execution once the statement is longer than 4 kB."""
    sql = compiler.process(value, **kw)
    if not re.fullmatch(r"[\w.]+", sql):
        sql = f"({sql})"
    kind = getattr(value, "type", None)
    impl = getattr(kind, "impl", kind)
    if isinstance(kind, JsonText):
        text = sql
    elif isinstance(value, _JsonFunction):
        text = f"to_json({sql})::text"
    elif isinstance(impl, Integer):
        text = f"{sql}::text"  # an integer is its own JSON
    elif isinstance(impl, String):
        text = f"to_json({sql}::text)::text"  # typed, so that a literal is not `unknown` to to_json
    else:
        text = f"to_json({sql})::text"
    return f"coalesce({text}, 'null')"  # also for a NOT NULL column: it may be outer-joined


class compact_object(json_object):
    """`json_object` written without blanks on PostgreSQL too (`{"a":1,"b":2}`, as pydantic and
    SQLite write it; json_build_object writes `{"a" : 1, "b" : 2}`): a response built by the
    database is then byte for byte the one the response model gives, on both databases."""

    inherit_cache = True
    type = JsonText()


@compiles(compact_object, "postgresql")
def _pg_compact_object(element: compact_object, compiler: SQLCompiler, **kw: Any) -> str:
    clauses = element.clauses.clauses
    if not clauses:
        return "'{}'"
    parts = []
    for n in range(0, len(clauses), 2):
        key = clauses[n].name[1:-1]  # sql_string's literal; keys are the code's plain names
        assert key.isidentifier(), key
        parts += [f"""'{"{" if n == 0 else ","}"{key}":'""", _json_text(clauses[n + 1], compiler, **kw)]
    return "(" + " || ".join(parts) + " || '}')"


class compact_array(array_agg):
    """`array_agg` without blanks on PostgreSQL too (see `compact_object`)."""

    inherit_cache = True
    type = JsonText()


@compiles(compact_array, "postgresql")
def _pg_compact_array(element: compact_array, compiler: SQLCompiler, **kw: Any) -> str:
    [value] = element.clauses.clauses
    order = ""
    if element.order_by:
        order = " ORDER BY " + ", ".join(compiler.process(o, **kw) for o in element.order_by)
    return f"('[' || coalesce(string_agg({_json_text(value, compiler, **kw)}, ','{order}), '') || ']')"


class compact_embedded(embedded):
    """A column of a subquery that holds compact JSON text, embedded as JSON (SQLite loses the
    JSON subtype through a subquery; PostgreSQL takes the text as it is)."""

    inherit_cache = True
    type = JsonText()


@compiles(compact_embedded, "postgresql")
def _pg_compact_embedded(element: compact_embedded, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


def value_of(column: Any) -> ColumnElement[Any]:
    """A column as JSON wants it, chosen by the column's type (timestamps, booleans, JSON)."""
    from sqlalchemy import JSON, Boolean, DateTime

    kind = column.type
    impl = getattr(kind, "impl", kind)
    if isinstance(impl, DateTime):
        return timestamp(column)
    if isinstance(impl, Boolean):
        return boolean(column)
    if isinstance(impl, JSON):
        return embedded(column)
    return column  # type: ignore[no-any-return]


def object_of(columns: Sequence[Any], **extra: Any) -> json_object:
    """A JSON object of `columns` (keyed by their names) and `extra` values."""
    pairs: list[tuple[str, Any]] = [
        (c.key if isinstance(c, ColumnClause) else c.name, value_of(c)) for c in columns
    ]
    pairs += list(extra.items())
    return json_object(pairs)


class StatementCache:
    """Statements by shape, built once each: building a statement (and its cache key) costs more
    than running it. The key must name everything the statement was built from (the caller's
    visibility, which filters are given); values are bound at execution."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.found: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any, build: Callable[[], Any]) -> Any:
        with self.lock:
            stmt = self.found.get(key)
            if stmt is not None:
                self.found.move_to_end(key)
                return stmt
        stmt = build()
        with self.lock:
            self.found[key] = stmt
            if len(self.found) > self.size:
                self.found.popitem(last=False)
        return stmt


def page_document(
    table: Any,
    clauses: Sequence[Any],
    doc: Any,
    order: Sequence[tuple[Any, bool]],
    *,
    total: Any = None,
    joined: Callable[[Any], tuple[Any, Any]] | None = None,
    dialect: str | None = None,
    compact: bool = False,
) -> Any:
    """One statement that answers a list page as JSON text: `{"items": [...], "total": N,
    "limit": L, "offset": O}`, the items being `doc` (an expression over `table`'s row) for the
    rows matching `clauses` in `order` ((column, descending) pairs, ending in a unique key),
    `limit` and `offset` bound at execution. `total` replaces the count of matching rows.
    `joined(keys)` may give the page's FROM (keys joined to `table` and whatever else, e.g. the
    page's links aggregated once per row) and the document over it, instead of `doc`; on
    PostgreSQL (`dialect`) the keys are then a CTE, written and run once however often they are
    joined (as a subquery, the initiative page's statement grew past the 4 kB up to which
    psycopg caches its parsing of a query). SQLite keeps the subquery: it plans the joins of a
    CTE's rows worse, and twice as slow. `compact`: the envelope written without blanks on
    PostgreSQL too (`doc` then a `compact_object`), as the response model would write it.

    The page's keys are chosen first and only its rows are turned into JSON: a database
    computes a select list for every row it sorts, which for a page of 50 out of thousands
    would build thousands of documents to keep 50.
    """
    from sqlalchemy import func, select

    limit, offset = bound_at_execution("limit"), bound_at_execution("offset")

    def ordered(column: Any, descending: bool) -> Any:
        return column.desc() if descending else column.asc()

    chosen = (
        select(table.c.id.label("key"), *(column.label(f"s{n}") for n, (column, _) in enumerate(order)))
        .select_from(table)
        .where(*clauses)
        .order_by(*(ordered(column, d) for column, d in order))
        .limit(limit)
        .offset(offset)
    )
    keys: Any = (
        chosen.cte("keys") if joined is not None and dialect == "postgresql" else chosen.subquery("keys")
    )
    sorts = [keys.c[f"s{n}"] for n in range(len(order))]
    source = keys.join(table, table.c.id == keys.c.key)
    if joined is not None:
        source, doc = joined(keys)
    page = (
        select(*sorts, doc.label("doc"))
        .select_from(source)
        .order_by(*(ordered(column, d) for column, (_, d) in zip(sorts, order, strict=True)))
        .subquery("page")
    )
    agg, obj, emb = (
        (compact_array, compact_object, compact_embedded) if compact else (array_agg, json_object, embedded)
    )
    items = select(
        agg(emb(page.c.doc), *(ordered(page.c[f"s{n}"], d) for n, (_, d) in enumerate(order)))
    ).scalar_subquery()
    if total is None:
        total = select(func.count()).select_from(table).where(*clauses).scalar_subquery()
    return select(as_text(obj([("items", items), ("total", total), ("limit", limit), ("offset", offset)])))


class array_of_objects(_JsonFunction):
    """A stored JSON array of objects, each rewritten with exactly `keys` (missing ones null); a
    key in `shown_if` (key -> index of a condition argument) is null where that condition is
    false. Subclasses name their keys, so statements stay cacheable (the class is in the key)."""

    name = "json_array_of_objects"
    inherit_cache = True
    keys: tuple[str, ...] = ()
    shown_if: dict[str, int] = {}  # noqa: RUF012 - a class-level declaration


def _pieces(element: array_of_objects, compiler: SQLCompiler, **kw: Any) -> tuple[str, list[str]]:
    column, *conditions = (compiler.process(c, **kw) for c in element.clauses.clauses)
    return column, conditions


def _shown(element: array_of_objects, conditions: list[str], key: str, value: str) -> str:
    index = element.shown_if.get(key)
    return value if index is None else f"CASE WHEN {conditions[index]} THEN {value} END"


@compiles(array_of_objects, "postgresql")
def _pg_array_of_objects(element: array_of_objects, compiler: SQLCompiler, **kw: Any) -> str:
    column, conditions = _pieces(element, compiler, **kw)
    pairs = ", ".join(f"'{k}', " + _shown(element, conditions, k, f"g.value->>'{k}'") for k in element.keys)
    return (
        f"(SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY g.ord), '[]'::json) "  # noqa: S608 - keys are the class's constants
        f"FROM json_array_elements(CAST({column} AS json)) WITH ORDINALITY AS g(value, ord))"
    )


@compiles(array_of_objects)
def _array_of_objects(element: array_of_objects, compiler: SQLCompiler, **kw: Any) -> str:
    column, conditions = _pieces(element, compiler, **kw)
    pairs = ", ".join(
        f"'{k}', " + _shown(element, conditions, k, f"json_extract(g.value, '$.{k}')") for k in element.keys
    )
    return f"(SELECT json_group_array(json_object({pairs})) FROM json_each({column}) AS g)"  # noqa: S608
