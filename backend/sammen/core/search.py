"""Text search that behaves the same on SQLite and PostgreSQL, and never scans in Python.

`contains(index, param)` is the one helper: "the text contains the query", case folded the
same way on both databases (æ/ø/å included, and ø never equals o):

- SQLite: an FTS5 table with the trigram tokenizer (`case_sensitive 0`: Unicode case folding),
  kept in step with its table by triggers (migration 0006). A query of three or more characters
  is a phrase MATCH on that index; a shorter one, which trigrams cannot index, compares folded
  text (`sammen_lower`, Python's str.lower, registered on every connection).
- PostgreSQL: pg_trgm's GIN index on lower() of the searched columns joined by newlines;
  `LIKE '%query%'` on that expression uses the index (lower() folds æ/ø/å in a UTF-8 database).

Either way the query is the bound parameter's value as given: the SQL escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, func, literal_column, or_, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction

MIN_INDEXED = 3  # trigrams: shorter queries cannot use the index


class text_lower(GenericFunction[str]):
    type = String()
    name = "lower"
    inherit_cache = True


@compiles(text_lower, "sqlite")
def _sqlite_lower(element: text_lower, compiler: SQLCompiler, **kw: Any) -> str:
    return f"sammen_lower({compiler.process(element.clauses, **kw)})"


def sqlite_lower(value: str | None) -> str | None:
    return None if value is None else value.lower()


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_text(column: Any, query: str) -> ColumnElement[bool]:
    """`column` contains `query`, ignoring case (æ/ø/å included) and treating % and _ literally."""
    return contains_pattern(column, like_pattern(query))


def like_pattern(query: str) -> str:
    """The LIKE pattern `contains_text` matches `query` with (to bind it to a cached statement)."""
    return f"%{escape_like(query.strip().lower())}%"


def contains_pattern(column: Any, pattern: Any) -> ColumnElement[bool]:
    """`column` matches a `like_pattern` (a value, or a bind parameter that brings it)."""
    return text_lower(column).like(pattern, escape="\\")


def contains_param(column: Any, param: Any) -> ColumnElement[bool]:
    """`column` contains the value bound to `param`, folded and LIKE-escaped in SQL (no index)."""
    return text_lower(column).like(_like_pattern(param), escape="\\")


@dataclass(frozen=True)
class SearchIndex:
    """A table's searchable text: its id column, its text columns, and the index's name."""

    table: Any
    columns: tuple[str, ...]
    name: str  # SQLite: the FTS5 table; PostgreSQL: the GIN index on the joined text

    def joined(self) -> ColumnElement[str]:
        """The searched text as one value (what the PostgreSQL index holds)."""
        # || and lower() are immutable, so the index (migration 0006) holds this very expression
        parts = " || E'\\n' || ".join(f"coalesce({self.table.name}.{c}, '')" for c in self.columns)
        return literal_column(f"lower({parts})", String)


def _like_pattern(param: Any) -> ColumnElement[str]:
    """'%' + the folded, LIKE-escaped query + '%', computed in SQL from the raw parameter."""
    escaped: Any = text_lower(param)
    for char in ("\\", "%", "_"):
        escaped = _replace(escaped, char, "\\" + char)
    pattern: ColumnElement[str] = "%" + escaped + "%"
    return pattern


def _replace(value: Any, old: str, new: str) -> Any:
    return func.replace(value, old, new)


def contains(index: SearchIndex, param: Any, *, dialect: str, indexed: bool) -> ColumnElement[bool]:
    """Rows of `index.table` whose text contains the query bound to `param` (see the module).

    `indexed`: the query is long enough for the index (`len(q.strip()) >= MIN_INDEXED`); a
    statement is built for one or the other, so the caller keys its statements by it.
    """
    id_column = index.table.c.id
    if dialect == "postgresql":
        return index.joined().like(_like_pattern(param), escape="\\")
    if indexed:
        phrase = '"' + _replace(param, '"', '""') + '"'
        matching: Any = (
            select(literal_column("rowid"))
            .select_from(text(index.name))
            .where(literal_column(index.name).op("MATCH")(phrase))
        )
        found: ColumnElement[bool] = id_column.in_(matching)
        return found
    pattern = _like_pattern(param)
    return or_(*(text_lower(index.table.c[c]).like(pattern, escape="\\") for c in index.columns))


def is_indexed(query: str) -> bool:
    return len(query.strip()) >= MIN_INDEXED
