"""limit/offset pages: `{"items": [...], "total": N, "limit": L, "offset": O}`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import BindParameter, Integer, Select, bindparam, func, literal
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select
from sqlmodel.sql.expression import SelectOfScalar

from sammen.core.fields import MAX_INT

MAX_LIMIT = 500
T = TypeVar("T")
M = TypeVar("M")
S = TypeVar("S", bound=Select[Any])


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, items: Sequence[T], total: int, page: PageParams) -> Page[T]:
        """One page of a longer list."""
        return cls(items=list(items), total=total, limit=page.limit, offset=page.offset)

    @classmethod
    def whole(cls, items: Sequence[T]) -> Page[T]:
        """A list that is always served complete (short catalogues), in the same envelope."""
        return cls(items=list(items), total=len(items), limit=len(items), offset=0)


@dataclass(frozen=True)
class PageParams:
    limit: int = 50
    offset: int = 0


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (at most 500)")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_INT, description="How many items to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]


def bounded(stmt: S, limit: int, offset: int = 0) -> S:
    """`stmt` cut to one page, its LIMIT and OFFSET written into the SQL at execution (the compiled
    statement stays cached). Bound as parameters, PostgreSQL's generic plan for a prepared page
    assumes a tenth of the rows skipped and a tenth kept, loses to a custom plan, and so every
    request planned its statement anew (a third of the initiative page's database time); written
    in, the plan of a page is made once per connection. Both are validated integers."""
    stmt = stmt.limit(literal(limit, Integer, literal_execute=True))
    return stmt.offset(literal(offset, Integer, literal_execute=True)) if offset else stmt


def bound_at_execution(name: str) -> BindParameter[int]:
    """A page bound (`limit`, `offset`) of a statement built once and run many times: its value is
    given at execution and written into the SQL then, for the reason `bounded` gives."""
    return bindparam(name, type_=Integer, literal_execute=True)


async def count(session: AsyncSession, stmt: Select[Any]) -> int:
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    return int(total or 0)


async def fetch_rows(
    session: AsyncSession, stmt: Select[Any], page: PageParams
) -> tuple[Sequence[Row[Any]], int]:
    """One page of rows plus the total, for column (Core) selects."""
    rows = (await session.execute(bounded(stmt, page.limit, page.offset))).all()
    if page.offset == 0 and len(rows) < page.limit:
        return rows, len(rows)  # the page holds everything: no second query
    return rows, await count(session, stmt)


async def fetch_objects(
    session: AsyncSession, stmt: SelectOfScalar[M], page: PageParams
) -> tuple[list[M], int]:
    """One page of ORM objects plus the total."""
    items = list((await session.scalars(bounded(stmt, page.limit, page.offset))).all())
    if page.offset == 0 and len(items) < page.limit:
        return items, len(items)
    return items, await count(session, stmt)
