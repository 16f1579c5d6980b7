"""Who a token's subject is, kept per process while PostgreSQL tells every process of changes.

Every request asks the database who is calling (orgs/deps.py): a deactivated user, a revoked
membership or a disabled API client stops working on the next request. On PostgreSQL each
process keeps the answers for reads (GET, HEAD) in a coherent cache (core/coherence.py):
triggers on the four tables a principal is read from (users, memberships, organisations,
api_clients; migration 0011) NOTIFY every listening process at the writer's commit, whoever
writes (the API, another worker, the CLI, plain SQL), and this process's own commits invalidate
at once. Writes always read the principal afresh. SQLite has no notices: it always reads.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Literal

from sammen.core import background, clock, notices
from sammen.core.db import Database
from sammen.core.permissions import Principal
from sammen.core.reads import Reader
from sammen.orgs import service

CHANNEL = "sammen_principals"  # notified by the triggers of migration 0011
CACHE = "principals"


async def load_principal(
    reader: Reader, database: Database, *, kind: Literal["user", "client"], ident: int, cacheable: bool
) -> Principal | None:
    """The principal as the database says now (None: unknown or not active); from this
    process's cache when `cacheable` and nothing changed since it was read."""
    cache = database.cache(CACHE)
    key = (kind, ident, clock.today())  # memberships start and end by date
    if cacheable and (found := cache.get(key)) is not None:
        return found  # type: ignore[no-any-return]
    stamp = database.coherence.stamp()
    if kind == "user":
        principal = await service.load_user_principal(reader, user_id=ident)
    else:
        principal = await service.load_client_principal(reader, client_pk=ident)
    if principal is not None and cacheable:
        cache.put(key, principal, stamp)
    return principal


@contextlib.asynccontextmanager
async def kept_current(database: Database) -> AsyncIterator[None]:
    """Listen for changes to principals while the app runs (PostgreSQL; a no-op on SQLite)."""
    if database.is_sqlite:
        yield
        return
    coherence = database.coherence
    listening = notices.listen(
        database.url, CHANNEL, on_notice=coherence.changed, on_hearing=coherence.hearing_changed
    )
    async with background.running(listening):
        yield
