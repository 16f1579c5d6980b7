"""PostgreSQL notifications: every process hears what any process (or plain SQL) committed.

`listen(url, channel, ...)` holds one connection of its own in LISTEN and calls back on each
NOTIFY on the channel, delivered by PostgreSQL at the writer's commit. It says when it starts
and stops hearing (`on_hearing`): whoever trusts the notices (a cache) must not trust them while
none can arrive. A lost connection is retried, and what was missed meanwhile is the caller's to
assume: everything may have changed.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
HELLO = "hello:"  # a listener's own test notice, never passed on
# libpq options: a connection that died without a word is noticed within about 25 s
KEEPALIVES: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


def libpq_url(sqlalchemy_url: str) -> str:
    """The URL psycopg itself takes, from SQLAlchemy's `postgresql+psycopg://...`."""
    return sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://", 1)


async def listen(
    url: str,
    channel: str,
    *,
    on_notice: Callable[[str], None],
    on_hearing: Callable[[bool], None] = lambda _hearing: None,
    retry_seconds: float = 1.0,
) -> None:
    """LISTEN on `channel` (a constant identifier) until cancelled; `on_notice(payload)` for each
    notice. Runs on the event loop: psycopg's async connection waits in the loop, never on its thread.

    Hearing starts only once a notice sent from another connection has come back: behind a pooler
    in transaction mode (PgBouncer) LISTEN succeeds and yet nothing arrives, and then this never
    claims to hear. TCP keepalives notice a connection that died without a word."""
    import psycopg

    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                libpq_url(url), autocommit=True, **KEEPALIVES
            ) as conn:
                await conn.execute(f"LISTEN {channel}")
                hello = f"{HELLO}{secrets.token_hex(8)}"
                async with await psycopg.AsyncConnection.connect(libpq_url(url), autocommit=True) as other:
                    await other.execute("SELECT pg_notify(%s, %s)", (channel, hello))
                async for notice in conn.notifies():
                    if notice.payload == hello:
                        on_hearing(True)
                    elif not notice.payload.startswith(HELLO):
                        on_notice(notice.payload)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database restarted or is unreachable: listen again shortly
            log.warning("LISTEN %s failed (%s); retrying in %.0f s", channel, exc, retry_seconds)
        finally:
            on_hearing(False)
        await asyncio.sleep(retry_seconds)
