"""`sammen serve` runs one webhook dispatcher per database, however many processes serve.

`sammen serve --workers N` starts N processes that each run the app's lifespan; each asks for
the dispatcher's lock and the one that gets it runs the dispatcher, the others ask again every
few seconds, so when the holder dies (and its lock with it) another process takes over. The
lock dies with its holder: a session-level advisory lock on PostgreSQL (held on a connection
of its own, outside any transaction), an flock on a file beside the database on SQLite. An
in-memory SQLite database belongs to one process and needs no lock.

`sammen worker` takes no lock: larger deployments run as many as they like beside or instead
of the served one (WEBHOOK_DISPATCHER=off), and deliveries are still never attempted twice at
once (events/claims.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.events.dispatcher import Dispatcher

# pg_advisory_lock's key: "SAMMENWD" in ASCII (any constant will do; advisory locks are per database)
ADVISORY_KEY = 0x53414D4D454E5744
RETRY_SECONDS = 5.0
log = logging.getLogger("sammen.events")


class Lock(Protocol):
    async def acquire(self) -> bool: ...
    async def still_held(self) -> bool: ...
    async def release(self) -> None: ...


class AdvisoryLock:
    """A PostgreSQL session-level advisory lock on a connection kept for as long as it is held."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.connection: AsyncConnection | None = None

    async def acquire(self) -> bool:
        connection = await self.database.engine.connect()
        try:
            got = bool(await connection.scalar(select(func.pg_try_advisory_lock(ADVISORY_KEY))))
            await connection.commit()  # the lock outlives the transaction; an idle one would not do
        except BaseException:
            await connection.invalidate()
            raise
        if not got:
            await connection.close()
            return False
        self.connection = connection
        return True

    async def still_held(self) -> bool:
        if self.connection is None:
            return False
        try:
            await self.connection.scalar(select(1))
            await self.connection.commit()
        except Exception:  # the connection (and so the lock) is gone
            await self.release()
            return False
        return True

    async def release(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            # Never back into the pool holding the lock: dropped, which ends the server's session.
            with contextlib.suppress(Exception):
                await connection.invalidate()
                await connection.close()


class FileLock:
    """An exclusive flock on `<database file>.dispatcher` (released by the kernel if we die)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    async def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # non-blocking: no wait on the loop
        except OSError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    async def still_held(self) -> bool:
        return self.fd is not None

    async def release(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor releases the lock


class NoLock:
    async def acquire(self) -> bool:
        return True

    async def still_held(self) -> bool:
        return True

    async def release(self) -> None:
        return None


def lock_for(database: Database) -> Lock:
    if not database.is_sqlite:
        return AdvisoryLock(database)
    url = database.url
    path = url.split(":///", 1)[1].split("?", 1)[0] if ":///" in url else ""
    if not path or path == ":memory:":
        return NoLock()
    return FileLock(Path(f"{path}.dispatcher"))


async def _serve_when_elected(
    database: Database, settings: Settings, stop: asyncio.Event, retry: float, **kw: Any
) -> None:
    lock = lock_for(database)
    announced = False
    while not stop.is_set():
        try:
            won = await lock.acquire()
        except Exception as exc:  # the database is away: ask again later
            log.warning("webhook dispatcher: cannot ask for the lock: %s", exc)
            won = False
        if won:
            print(f"sammen: process {os.getpid()} runs the webhook dispatcher", file=sys.stderr, flush=True)
            try:
                await _dispatch_while_held(database, settings, stop, lock, retry, **kw)
            finally:
                await lock.release()
            announced = False  # the lock was lost: ask again after a pause, as the others do
        elif not announced:
            print(
                f"sammen: process {os.getpid()}: another process runs the webhook dispatcher",
                file=sys.stderr,
                flush=True,
            )
            announced = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=retry)


async def _dispatch_while_held(
    database: Database, settings: Settings, stop: asyncio.Event, lock: Lock, retry: float, **kw: Any
) -> None:
    """Run the dispatcher until told to stop or the lock is lost (then another may have it)."""
    halt = asyncio.Event()
    dispatcher = Dispatcher(database, settings, **kw)
    task = asyncio.create_task(dispatcher.run(halt), name="webhook dispatcher")

    async def watch() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=retry)
            if not stop.is_set() and not await lock.still_held():
                return

    watcher = asyncio.create_task(watch())
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        halt.set()
        watcher.cancel()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=settings.webhook_timeout_seconds + 5)


@contextlib.asynccontextmanager
async def dispatching(
    database: Database, settings: Settings, *, retry: float = RETRY_SECONDS, **kw: Any
) -> AsyncIterator[None]:
    """The app's lifespan: this process runs the dispatcher if it wins the lock (now or later)."""
    stop = asyncio.Event()
    task = asyncio.create_task(_serve_when_elected(database, settings, stop, retry, **kw))
    try:
        yield
    finally:
        stop.set()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=settings.webhook_timeout_seconds + 10)
