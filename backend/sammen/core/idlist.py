"""`column IN (ids)` as one parameter, whatever the number of ids.

SQLAlchemy writes `IN (:p_1, ..., :p_n)` anew for each execution (a parameter per id), and a
statement of a page's 50 ids is then too long and has too many parameters for psycopg to
cache its parsing; PostgreSQL prepares it again for every count of ids. `among(column, ids)`
binds the list once: `column = ANY(CAST(:ids AS BIGINT[]))` (an array literal) on PostgreSQL,
`column IN (SELECT value FROM json_each(:ids))` (a JSON array) on SQLite. The statement's text
never changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, String, bindparam
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import NullType, TypeDecorator, TypeEngine


class IdList(TypeDecorator[list[int]]):
    """A list of integer ids as one text parameter: an array literal (`{1,2}`) on PostgreSQL,
    a JSON array elsewhere. Text, not a list psycopg adapts element by element (each id cost
    it a type lookup: hundreds of calls for a page's lists of 50 ids)."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        # PostgreSQL: no `::VARCHAR` on the parameter, so its text goes untyped and the server
        # reads it as BIGINT[] once (the CAST gives the parameter its type); a VARCHAR parameter
        # cast to BIGINT[] was converted again for every row a sequential scan filtered (6 ms
        # for 4,000 links instead of 0.3)
        if dialect.name == "postgresql":
            return dialect.type_descriptor(NullType())
        return dialect.type_descriptor(String())

    def process_bind_param(self, value: list[int] | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        listed = ",".join(map(str, map(int, value)))  # int(): only integers reach the SQL
        return f"{{{listed}}}" if dialect.name == "postgresql" else f"[{listed}]"


class among(FunctionElement[Any]):
    """`column` is one of the ids: given, named (a parameter), or chosen by a subquery of the same
    statement (a page's keys).

    Ids given or named: one parameter (see the module's docstring). A subquery: on PostgreSQL
    `column = ANY(ARRAY(subquery))`. Written as `IN (subquery)` it was planned as a join whose
    side PostgreSQL could not size, and it scanned the whole table to hash it against the page's
    fifty keys (4,016 links for the decision register's page: 0.8 of its 3 ms); an array is
    looked up in the column's index, key by key. SQLite: `column IN (subquery)`, which it
    already looks up that way."""

    type = NullType()  # not Boolean: SQLite would compare the IN with 1 and lose its index
    inherit_cache = True
    name = "among"

    def __init__(self, column: Any, ids: Iterable[int] | str | Select[Any]) -> None:
        """`ids`: the ids, the name of a parameter that brings them at execution (cached
        statements), or a select of them."""
        chosen: Any
        if isinstance(ids, Select):
            chosen = ids.scalar_subquery()
        elif isinstance(ids, str):
            chosen = bindparam(ids, type_=IdList())
        else:
            chosen = bindparam(None, value=list(ids), type_=IdList())
        super().__init__(column, chosen)


def _parts(element: among, compiler: SQLCompiler, **kw: Any) -> tuple[str, str, bool]:
    column, ids = element.clauses.clauses
    return compiler.process(column, **kw), compiler.process(ids, **kw), isinstance(ids, ScalarSelect)


@compiles(among, "postgresql")
def _pg_among(element: among, compiler: SQLCompiler, **kw: Any) -> str:
    column, ids, selected = _parts(element, compiler, **kw)
    return f"{column} = ANY(ARRAY{ids})" if selected else f"{column} = ANY(CAST({ids} AS BIGINT[]))"


@compiles(among)
def _among(element: among, compiler: SQLCompiler, **kw: Any) -> str:
    column, ids, selected = _parts(element, compiler, **kw)
    return f"{column} IN {ids}" if selected else f"{column} IN (SELECT value FROM json_each({ids}))"  # noqa: S608 - bound


def within(column: Any, ids: Iterable[int] | str | Select[Any]) -> ColumnElement[Any]:
    """`among(column, ids)` typed as a clause: with a select, the page and what hangs off it are
    read in one round trip."""
    found: ColumnElement[Any] = among(column, ids)
    return found
