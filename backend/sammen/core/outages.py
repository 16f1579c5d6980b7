"""When the database or the disk fails: a 503 that says so (or a 409 for a write that lost a race),
never a bare 500; and what /health reports afterwards.

Classified by SQLSTATE on PostgreSQL and by message on SQLite (which has no codes in its Python
driver): a lost connection, a full or read-only disk, a locked database are outages the client
may retry; a unique or foreign-key violation from a concurrent write is a conflict. Anything
else stays a 500, so real bugs are not hidden.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import time
import weakref
from dataclasses import dataclass
from typing import Literal

import psycopg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from sammen.core.db import Database, database_of
from sammen.core.errors import PROBLEM_BASE, Problem, problem_response

log = logging.getLogger("sammen")
Kind = Literal["outage", "conflict"]

_SQLSTATE_OUTAGE_CLASSES = ("08", "53", "57", "58")  # connection, resources (disk full), shutdown, I/O
_SQLSTATE_OUTAGE = frozenset({"25006"})  # read-only transaction (a standby, or default_transaction_read_only)
_SQLSTATE_CONFLICT = frozenset(
    {"23505", "23503", "40001", "40P01"}
)  # unique, foreign key, serialisation, deadlock
_SQLITE_OUTAGE = (
    "database is locked",
    "readonly database",
    "disk is full",
    "disk i/o error",
    "unable to open database file",
)
_SQLITE_CONFLICT = ("unique constraint failed", "foreign key constraint failed")
_OS_OUTAGE = frozenset({errno.ENOSPC, errno.EROFS, errno.EIO, errno.EDQUOT})
RECENT_SECONDS = 60.0


@dataclass(frozen=True)
class Classified:
    kind: Kind
    reason: str


def _driver_error(exc: BaseException) -> BaseException | None:
    """The driver's own exception: wrapped by SQLAlchemy, or raw from a driver connection (COPY)."""
    if isinstance(exc, DBAPIError):
        return exc.orig
    if isinstance(exc, sqlite3.Error | psycopg.Error):
        return exc
    return None


def is_unique_violation(exc: BaseException) -> bool:
    original = _driver_error(exc)
    if original is None:
        return False
    sqlstate = getattr(original, "sqlstate", None)
    return sqlstate == "23505" or "unique constraint failed" in str(original).lower()


def classify(exc: BaseException) -> Classified | None:
    if isinstance(exc, PoolTimeout):
        return Classified("outage", "no database connection free in time")
    if isinstance(exc, OSError) and exc.errno in _OS_OUTAGE:
        return Classified("outage", exc.strerror or str(exc))
    original = _driver_error(exc)
    if original is None:
        return None
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return Classified("outage", "the database connection was lost")
    sqlstate = getattr(original, "sqlstate", None)
    message = str(original).strip().splitlines()[0] if original is not None else str(exc)
    if isinstance(sqlstate, str):
        if sqlstate in _SQLSTATE_CONFLICT:
            return Classified("conflict", message)
        if sqlstate in _SQLSTATE_OUTAGE or sqlstate[:2] in _SQLSTATE_OUTAGE_CLASSES:
            return Classified("outage", message)
        return None
    lowered = message.lower()
    if any(m in lowered for m in _SQLITE_CONFLICT):
        return Classified("conflict", message)
    if any(m in lowered for m in _SQLITE_OUTAGE):
        return Classified("outage", message)
    if "connection" in lowered and ("refused" in lowered or "failed" in lowered or "closed" in lowered):
        return Classified("outage", message)
    return None


class StorageHealth:
    """The latest storage failure this process saw with one database, for /health."""

    def __init__(self) -> None:
        self._last: tuple[float, str] | None = None

    def failed(self, reason: str) -> None:
        self._last = (time.monotonic(), reason)

    def recent_failure(self) -> tuple[int, str] | None:
        """(seconds ago, reason) of a failure in the last minute, if any."""
        if self._last is None:
            return None
        ago = time.monotonic() - self._last[0]
        return (int(ago), self._last[1]) if ago < RECENT_SECONDS else None


_HEALTH: weakref.WeakKeyDictionary[Database, StorageHealth] = weakref.WeakKeyDictionary()


def storage_health(request: Request) -> StorageHealth:
    """The health record of the request's database (kept beside it, gone with it)."""
    database = database_of(request)
    health = _HEALTH.get(database)
    if health is None:
        health = _HEALTH[database] = StorageHealth()
    return health


def install_outage_handlers(app: FastAPI) -> None:
    async def _storage_error(request: Request, exc: Exception) -> JSONResponse:
        found = classify(exc)
        if found is None:
            log.exception("unhandled database error", exc_info=exc)
            return problem_response(
                Problem(type=PROBLEM_BASE + "internal", title="Internal server error", status=500)
            )
        if found.kind == "conflict":
            log.warning("write conflict: %s", found.reason)
            return problem_response(
                Problem(
                    type=PROBLEM_BASE + "conflict",
                    title="Conflict",
                    status=409,
                    detail="Another change to the same data was saved at the same moment; nothing of this "
                    "request was saved. Read the current state and try again.",
                )
            )
        log.error("storage unavailable: %s", found.reason)
        storage_health(request).failed(found.reason)
        problem = Problem(
            type=PROBLEM_BASE + "service-unavailable",
            title="Service unavailable",
            status=503,
            detail="The database cannot be used right now; nothing of this request was saved. Try again shortly.",
        )
        return problem_response(problem, {"Retry-After": "30"})

    app.add_exception_handler(DBAPIError, _storage_error)
    app.add_exception_handler(sqlite3.Error, _storage_error)  # raw from a driver connection (bulk writes)
    app.add_exception_handler(psycopg.Error, _storage_error)
    app.add_exception_handler(PoolTimeout, _storage_error)
    app.add_exception_handler(OSError, _storage_error)
