"""Reading: one async path for every request, on both databases.

A request's statements run on its session's connection through SQLAlchemy's async driver
(aiosqlite: a worker thread per connection; psycopg: non-blocking sockets), so no statement
ever runs on the event loop's thread. GET requests hold a session of the read engine (see
core.db: autocommit, a pool of its own, SQLite connections `query_only`); writes read inside
their own transaction and see their uncommitted rows. Either way rows come back the same:
SQLAlchemy Core rows with their types applied.

Hot lists build their page as JSON in SQL (core.sqljson), so one statement returns the whole
page as one text value and Python serialises nothing row by row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.sql import Executable


class Reader:
    """Runs read statements of one request on its session's connection (Core, no ORM)."""

    __slots__ = ("session",)

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def connection(self) -> AsyncConnection:
        # Asked each time, not kept: a write request may commit between two reads.
        return await self.session.connection()

    @property
    def dialect(self) -> str:
        return self.session.get_bind().dialect.name

    async def rows(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> Sequence[Row[*tuple[Any, ...]]]:
        return (await (await self.connection()).execute(stmt, params)).all()

    async def first(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> Row[*tuple[Any, ...]] | None:
        return (await (await self.connection()).execute(stmt, params)).first()

    async def scalar(self, stmt: Executable, params: Mapping[str, Any] | None = None) -> Any:
        return (await (await self.connection()).execute(stmt, params)).scalar()


def as_reader(source: AsyncSession | Reader) -> Reader:
    """A reader for code that holds either a reader or a session."""
    return Reader(source) if isinstance(source, AsyncSession) else source
