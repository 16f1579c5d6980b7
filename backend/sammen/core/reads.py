"""Readers: how a request runs its hot read statements, as cheaply as its database allows.

A GET request on SQLite runs them directly on the event loop's thread, through a plain
(sync) SQLAlchemy connection: aiosqlite hands every call to a worker thread and back, which
costs about a millisecond of CPU per statement under load, ten times the SELECT itself.
SQLite in WAL mode never makes a reader wait for a writer, so a read is as short on the loop
as it is on a thread (the limit app in DESIGN.md reads the same way). Everything else (write
requests, which must see their own uncommitted rows, and PostgreSQL) reads through the
request's session. Either way the caller gets the same rows from the same statements.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, Dialect, Engine, Row, Select, create_engine, event, exc
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from sammen.core.search import sqlite_lower


class Reader(Protocol):
    """Runs read-only statements; `memo` is per-database scratch space for read models."""

    memo: dict[str, Any]

    @property
    def dialect(self) -> str: ...

    async def rows(self, stmt: Executable, params: Mapping[str, Any] | None = None) -> Sequence[Row[Any]]: ...

    async def tuples(
        self, stmt: Select[Any], params: Mapping[str, Any] | None = None
    ) -> Sequence[tuple[Any, ...]]:
        """Rows as plain tuples of the driver's values: only for columns that need no conversion
        (numbers, text, raw dates; SQLite gives booleans as 0 and 1)."""
        ...


class SessionReader:
    """Reads through a session: inside its transaction, seeing its uncommitted changes."""

    def __init__(self, session: AsyncSession, memo: dict[str, Any] | None = None) -> None:
        self.session = session
        self.memo = memo if memo is not None else {}

    @property
    def dialect(self) -> str:
        return self.session.get_bind().dialect.name

    async def rows(self, stmt: Executable, params: Mapping[str, Any] | None = None) -> Sequence[Row[Any]]:
        return (await self.session.execute(stmt, params)).all()

    async def tuples(
        self, stmt: Select[Any], params: Mapping[str, Any] | None = None
    ) -> Sequence[tuple[Any, ...]]:
        return [tuple(row) for row in (await self.session.execute(stmt, params)).all()]


def as_reader(source: AsyncSession | Reader) -> Reader:
    """A reader for code that holds either a reader or a session."""
    return SessionReader(source) if isinstance(source, AsyncSession) else source


class DirectSqliteReader:
    """Reads committed rows of a SQLite file on the calling thread, one connection per thread.

    Each statement is its own read transaction (no BEGIN is sent), and the connection is
    `query_only`: a stray write fails instead of landing outside any request's transaction.
    """

    def __init__(self, async_url: str, memo: dict[str, Any]) -> None:
        self.memo = memo
        self.engine: Engine = create_engine(
            async_url.replace("sqlite+aiosqlite:", "sqlite+pysqlite:", 1),
            connect_args={"check_same_thread": False, "timeout": 5},
            isolation_level="AUTOCOMMIT",
        )
        event.listen(self.engine, "connect", _prepare_reader)
        self._compiled: weakref.WeakKeyDictionary[Executable, _PlainStatement | None] = (
            weakref.WeakKeyDictionary()
        )
        self._local = threading.local()
        self._open: list[Connection] = []
        self._lock = threading.Lock()

    @property
    def dialect(self) -> str:
        return "sqlite"

    def _connection(self) -> Connection:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self.engine.connect()
            self._local.conn = conn
            self._local.raw = None  # the driver connection of the connection before, if any
            with self._lock:
                self._open.append(conn)
        return conn

    async def rows(self, stmt: Executable, params: Mapping[str, Any] | None = None) -> Sequence[Row[Any]]:
        conn = self._connection()
        try:
            return conn.execute(stmt, params).all()
        except BaseException:
            conn.rollback()  # nothing to undo: resets SQLAlchemy's state so the connection stays usable
            raise

    async def tuples(
        self, stmt: Select[Any], params: Mapping[str, Any] | None = None
    ) -> Sequence[tuple[Any, ...]]:
        # SQLAlchemy's execution costs ~1.5 µs a row and ~25 µs a statement on top of SQLite's own
        # work, as much as a 50-row index scan; a statement is compiled once and run raw.
        try:
            plain = self._compiled[stmt]
        except KeyError:
            plain = self._compiled[stmt] = _PlainStatement.compile(stmt, self.engine.dialect)
        values = plain.values(params) if plain is not None else None
        if plain is None or values is None:
            return [tuple(row) for row in await self.rows(stmt, params)]
        raw: Any = getattr(self._local, "raw", None)
        if raw is None:
            raw = self._local.raw = self._connection().connection.dbapi_connection
        return raw.execute(plain.sql, values).fetchall()  # type: ignore[no-any-return]

    def dispose(self) -> None:
        with self._lock:
            for conn in self._open:
                conn.close()
            self._open.clear()
        self.engine.dispose()


_PLAIN_TYPES = (int, float, str, bytes, type(None))


@dataclass(frozen=True)
class _PlainStatement:
    """A statement compiled once for the raw driver: its SQL, and how to fill its parameters."""

    sql: str
    names: tuple[str, ...]
    bound: dict[str, Any]  # values bound into the statement, converted as SQLAlchemy would
    processors: dict[str, Callable[[Any], Any]]
    expanding: frozenset[str]
    required: frozenset[str]

    @staticmethod
    def compile(stmt: Select[Any], dialect: Dialect) -> _PlainStatement | None:
        try:
            done = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        except exc.InvalidRequestError:
            return None  # an IN list needs the call's values to be written out: SQLAlchemy runs it
        processors: dict[str, Callable[[Any], Any]] = {}
        for name, found in done._bind_processors.items():  # the conversions execution applies
            if not callable(found):  # a tuple type's processors
                return None
            processors[name] = found
        values = done.construct_params(_check=False) or {}  # values given later are checked then
        names = tuple(done.positiontup or ())
        expanding = frozenset(done.bind_names[b] for b in done.bind_names if b.expanding)
        bound = {}
        for name in names:
            value = values.get(name)
            base = name.rpartition("_")[0]  # an IN list's values are named <bind>_1, <bind>_2, ...
            convert = processors.get(name) or (processors.get(base) if base in expanding else None)
            bound[name] = convert(value) if convert is not None and value is not None else value
        required = frozenset(done.bind_names[b] for b in done.bind_names if b.required)
        return _PlainStatement(done.string, names, bound, processors, expanding, required)

    def values(self, params: Mapping[str, Any] | None) -> tuple[Any, ...] | None:
        """The positional values for `params`, or None when the driver cannot take them as they are."""
        if params and not self.expanding.isdisjoint(params):
            return None  # an IN list given now would change the SQL
        if self.required and (params is None or not self.required.issubset(params)):
            return None  # SQLAlchemy's execution says which value is missing
        out = []
        for name in self.names:
            if params is not None and name in params:
                value = params[name]
                processor = self.processors.get(name)
                if processor is not None and value is not None:
                    value = processor(value)
            else:
                value = self.bound[name]
            if not isinstance(value, _PLAIN_TYPES):
                return None
            out.append(value)
        return tuple(out)


def _prepare_reader(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function("sammen_lower", 1, sqlite_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
