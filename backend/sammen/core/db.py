"""The database: two async engines per app, sessions that commit once per request.

Writes and reads have engines (and connection pools) of their own, so a writer never waits for
a connection behind a crowd of readers (issue #10: writers starved under read load):

- the write engine: SQLite transactions open with BEGIN IMMEDIATE so concurrent writers queue
  instead of failing with "database is locked" half way through (pysqlite's own transaction
  handling is turned off, as SQLAlchemy's docs advise, so we control BEGIN ourselves);
- the read engine serves GET requests: autocommit (each statement reads the latest committed
  state; no BEGIN, COMMIT or ROLLBACK round trips), SQLite connections `query_only`. Exports
  that stream through a PostgreSQL server-side cursor take a snapshot session (a transaction).

SQLite gets foreign keys, WAL (readers never wait for the writer) and a busy timeout.
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

from sammen.core.coherence import Coherence, CoherentCache
from sammen.core.reads import Reader
from sammen.core.search import sqlite_lower

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _configure_sqlite(engine: AsyncEngine, *, read_only: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        dbapi_connection.create_function("sammen_lower", 1, sqlite_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")  # a stray write fails instead of sticking
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if read_only:
            return  # each SELECT reads the latest committed state on its own
        options = conn.get_execution_options()
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("sqlite_immediate", False) else "BEGIN")


@event.listens_for(Session, "after_commit")
def _tell_caches(session: Session) -> None:
    """A write committed here: whatever this process's caches hold may be older than it."""
    coherence = session.info.get("coherence")
    if coherence is not None:
        coherence.changed()


@event.listens_for(Session, "before_flush")
def _refuse_writes_in_read_sessions(session: Session, _context: Any, _instances: Any) -> None:
    """GET requests read: on SQLite they run without a transaction, so a write there would stick."""
    if session.info.get("read_only") and (session.new or session.dirty or session.deleted):
        raise RuntimeError("a read-only (GET) request tried to change data")


def make_engine(url: str, *, echo: bool = False, read_only: bool = False) -> AsyncEngine:
    if url.startswith("sqlite"):
        in_memory = ":memory:" in url or url.rstrip("/").endswith(":")
        pool: dict[str, Any] = {} if in_memory else {"pool_size": 8, "max_overflow": 8}
        engine = create_async_engine(
            url,
            echo=echo,
            connect_args={"timeout": 15},
            # Named parameters (sqlite3 takes :name), so a compiled statement's parameters are a dict
            # on both databases (psycopg's are %(name)s).
            paramstyle="named",
            # Read connections never open a transaction: no ROLLBACK trip when one is returned.
            skip_autocommit_rollback=read_only,
            **pool,
        )
        _configure_sqlite(engine, read_only=read_only)
        return engine
    if read_only:
        return create_async_engine(
            url,
            echo=echo,
            isolation_level="AUTOCOMMIT",  # no BEGIN/ROLLBACK round trips around a GET's reads
            skip_autocommit_rollback=True,
            pool_size=12,
            max_overflow=8,
        )
    return create_async_engine(url, echo=echo, pool_pre_ping=True, pool_size=8, max_overflow=8)


class Database:
    """Holds the engines and hands out sessions: read sessions and write sessions."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.read_engine = make_engine(url, echo=echo, read_only=True)
        self.is_sqlite = url.startswith("sqlite")
        writer = self.engine.execution_options(sqlite_immediate=True) if self.is_sqlite else self.engine
        # PostgreSQL's server-side cursors (streamed exports) need a transaction: a snapshot.
        snapshot = (
            self.read_engine
            if self.is_sqlite
            else self.read_engine.execution_options(isolation_level="REPEATABLE READ")
        )
        self._read = async_sessionmaker(self.read_engine, class_=AsyncSession, expire_on_commit=False)
        self._snapshot = async_sessionmaker(snapshot, class_=AsyncSession, expire_on_commit=False)
        self._write = async_sessionmaker(writer, class_=AsyncSession, expire_on_commit=False)
        self.coherence = Coherence()  # PostgreSQL: kept hearing by a LISTEN (see core/notices.py)
        self._caches: dict[str, CoherentCache[Any, Any]] = {}

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def open_session(self, *, write: bool, snapshot: bool = False) -> AsyncSession:
        maker = self._write if write else (self._snapshot if snapshot else self._read)
        session = maker()
        session.sync_session.info["read_only"] = not write
        if write:
            session.sync_session.info["coherence"] = self.coherence
        return session

    def cache(self, name: str) -> CoherentCache[Any, Any]:
        """This process's cache `name` of this database's rows: see core/coherence.py."""
        found = self._caches.get(name)
        if found is None:
            found = self._caches[name] = CoherentCache(self.coherence)
        return found

    @asynccontextmanager
    async def session(self, *, write: bool = True, snapshot: bool = False) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block ends cleanly and rolls back otherwise."""
        async with _unit_of_work(self.open_session(write=write, snapshot=snapshot), write=write) as session:
            yield session

    async def dispose(self) -> None:
        await self.read_engine.dispose()
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
    # the trip into SQLAlchemy's greenlet.
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
    """The request's reader: Core statements on the request's session (opened on first use), so
    the list and the principal's lookup share one connection."""
    return Reader(request_session(request))
