"""Live rows: the one way a query says "not soft-deleted", and "visible to this caller".

A soft-deleted row stays in its table (restore, the audit trail) but no list or detail may
show it. Every read of a table with `deleted_at` goes through `live`, `live_visible` or
`get_live`. A function that reads a table without them on purpose says so, per table, with
`@unfiltered(Table, why="...")`: restore reads the deleted row, uniqueness checks match the
database's constraints, a live row still names a deleted one it refers to, rows already chosen
live elsewhere are joined back, the seed looks up what it wrote.
`tests/core/test_live_reads.py` walks the code and fails on any other read of such a table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, inspect
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.permissions import Principal, visibility_clause

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def _columns(table: Any) -> Any:
    """The columns of a model class, an ORM alias, a Table or a table alias."""
    return inspect(table).selectable.c


def live(table: Any) -> ColumnElement[bool]:
    """`deleted_at IS NULL` for `table` (a model, `Model.__table__`, or an alias of either)."""
    clause: ColumnElement[bool] = _columns(table).deleted_at.is_(None)
    return clause


def live_visible(
    table: Any,
    principal: Principal | None,
    *,
    owner: str | None = None,
    named: ColumnElement[bool] | None = None,
) -> ColumnElement[bool]:
    """Live rows the caller may read by the visibility rule (core.permissions): `table` has a
    `visibility` column; `owner` names its owning organisation's column, `named` is true where
    one of the caller's organisations is named on the row."""
    columns = _columns(table)
    owner_col = columns[owner] if owner is not None else None
    return and_(live(table), visibility_clause(principal, columns.visibility, owner_col, named))


def is_live(obj: Any) -> bool:
    """The loaded row is not soft-deleted (for objects reached through another row)."""
    return obj.deleted_at is None


async def get_live(session: AsyncSession, model: type[T], ident: Any) -> T | None:
    """The row with this primary key, or None when there is none or it is soft-deleted."""
    obj = await session.get(model, ident)
    return obj if obj is not None and is_live(obj) else None


def unfiltered(*tables: Any, why: str) -> Callable[[F], F]:
    """Marks a function that reads `tables` without the live filter on purpose; `why` says why.
    (Only the scan in tests/core/test_live_reads.py reads the mark.)"""
    # mistakes of the code, not of a request: asserted
    assert tables, "name the tables read unfiltered"
    assert why.strip(), "say why they are read unfiltered"

    def mark(fn: F) -> F:
        return fn

    return mark
