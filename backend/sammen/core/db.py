"""The database: one async engine per app, sessions that commit once per request.

SQLite gets foreign keys, WAL and a busy timeout; write requests open their SQLite
transaction with BEGIN IMMEDIATE so concurrent writers queue instead of failing with
"database is locked" half way through (pysqlite's own transaction handling is turned
off, as SQLAlchemy's docs advise, so we control BEGIN ourselves). Read-only requests on
SQLite send no BEGIN at all: each SELECT reads the latest committed state, and the two
round trips through aiosqlite's thread (about a fifth of a small read's cost) are saved.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Request
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session

from sammen.core.reads import DirectSqliteReader, Reader, SessionReader
from sammen.core.search import sqlite_lower

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        dbapi_connection.create_function("sammen_lower", 1, sqlite_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        options = conn.get_execution_options()
        if options.get("sqlite_autocommit_reads", False):
            return  # read-only requests skip BEGIN: each SELECT reads a committed snapshot
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("sqlite_immediate", False) else "BEGIN")


@event.listens_for(Session, "before_flush")
def _refuse_writes_in_read_sessions(session: Session, _context: Any, _instances: Any) -> None:
    """GET requests read: on SQLite they run without a transaction, so a write there would stick."""
    if session.info.get("read_only") and (session.new or session.dirty or session.deleted):
        raise RuntimeError("a read-only (GET) request tried to change data")


def make_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 15})
        _configure_sqlite(engine)
        return engine
    return create_async_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=10)


class Database:
    """Holds the engine and hands out sessions: read sessions and write sessions."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.is_sqlite = url.startswith("sqlite")
        writer = self.engine.execution_options(sqlite_immediate=True) if self.is_sqlite else self.engine
        reader = (
            self.engine.execution_options(sqlite_autocommit_reads=True) if self.is_sqlite else self.engine
        )
        self._read = async_sessionmaker(reader, class_=AsyncSession, expire_on_commit=False)
        self._write = async_sessionmaker(writer, class_=AsyncSession, expire_on_commit=False)
        # Read models kept per database (a test's fresh database starts with fresh ones), checked
        # against updated_at stamps. Only where commits land in the order their stamps were taken:
        # SQLite has one writer at a time; on PostgreSQL two writers can commit out of order, so
        # there each request gets its own (empty) memo.
        self.memo: dict[str, Any] = {}
        self._direct = DirectSqliteReader(url, self.memo) if self.is_sqlite else None

    def direct_reader(self, method: str) -> Reader | None:
        """GETs on SQLite read on the loop's own thread; everything else reads through the
        request's session (a write must see its own uncommitted rows)."""
        return self._direct if method in SAFE_METHODS else None

    def open_session(self, *, write: bool) -> AsyncSession:
        session = (self._write if write else self._read)()
        session.sync_session.info["read_only"] = not write
        return session

    @asynccontextmanager
    async def session(self, *, write: bool = True) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block ends cleanly and rolls back otherwise."""
        async with _unit_of_work(self.open_session(write=write), write=write) as session:
            yield session

    async def dispose(self) -> None:
        if self._direct is not None:
            self._direct.dispose()
        await self.engine.dispose()


@asynccontextmanager
async def _unit_of_work(session: AsyncSession, *, write: bool) -> AsyncIterator[AsyncSession]:
    """Commit a write when the block ends cleanly, roll it back otherwise; close the session."""
    try:
        yield session
        if write:
            await session.commit()
    except BaseException:
        if write:
            await session.rollback()
        raise
    finally:
        await close_session(session)


async def close_session(session: AsyncSession) -> None:
    # A session that never ran a statement holds no connection: closing it would only pay for
    # the trip into SQLAlchemy's greenlet (most GETs on SQLite read through a direct reader).
    if session.sync_session.in_transaction() or session.sync_session.identity_map:
        await session.close()


def database_of(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


async def get_database(request: Request) -> Database:
    # async, as every dependency here: FastAPI runs a plain `def` dependency in its thread pool
    return database_of(request)


# A request has at most one session, opened on first use by get_session or by a reader. The
# holder is put into the scope by RequestContextMiddleware before routing (copies of the scope
# share it), so whoever did not close the session, the middleware does when the request ends.
SESSION_HOLDER = "sammen.session"


def _holder(request: Request) -> list[AsyncSession]:
    holder: list[AsyncSession] = request.scope.setdefault(SESSION_HOLDER, [])
    return holder


def request_session(request: Request) -> AsyncSession:
    holder = _holder(request)
    if not holder:
        holder.append(database_of(request).open_session(write=request.method not in SAFE_METHODS))
    return holder[0]


async def release_request_session(scope: MutableMapping[str, Any]) -> None:
    """Close the request's session if a reader opened it and nothing closed it yet."""
    holder: list[AsyncSession] = scope.get(SESSION_HOLDER) or []
    while holder:
        await close_session(holder.pop())


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's session. Used with scope="function": a write commits before the response is sent."""
    try:
        async with _unit_of_work(
            request_session(request), write=request.method not in SAFE_METHODS
        ) as session:
            yield session
    finally:
        _holder(request).clear()


async def get_reader(request: Request) -> Reader:
    """How this request reads (see Database.direct_reader); a session reader shares the request's
    session. No SessionDep here: a GET on SQLite reads directly and never opens a session."""
    database = database_of(request)
    direct = database.direct_reader(request.method)
    if direct is not None:
        return direct
    return SessionReader(request_session(request), database.memo if database.is_sqlite else None)
