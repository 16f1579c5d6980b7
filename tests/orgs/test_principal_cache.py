"""Who calls is read from the database on every request, except that on PostgreSQL a process
keeps it for reads while it hears of every change (orgs/principals.py, core/coherence.py): a
deactivation or a role change, through the API or by plain SQL in another process, shows on the
next request once the database's notice has arrived; this process's own writes show at once."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import psycopg
import pytest

from sammen.core import notices
from sammen.core.coherence import Coherence, CoherentCache
from sammen.core.db import Database
from sammen.orgs import principals
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, if_match, statements_sent, user_id

pytestmark = pytest.mark.asyncio
LIST = "/api/v1/initiatives?limit=5"
EDITOR = "editor@aab.demo"


# ------------------------------------------------------------------ the cache's own rules
def _hearing() -> Coherence:
    coherence = Coherence()
    coherence.hearing_changed(True)
    return coherence


async def test_a_cache_keeps_nothing_while_no_change_can_be_heard() -> None:
    cache: CoherentCache[str, int] = CoherentCache(Coherence())
    cache.put("k", 1, Coherence().stamp())
    assert cache.get("k") is None


async def test_a_value_read_while_something_changed_is_not_kept() -> None:
    coherence = _hearing()
    cache: CoherentCache[str, int] = CoherentCache(coherence)
    stamp = coherence.stamp()
    coherence.changed()  # a commit landed while the value was being read
    cache.put("k", 1, stamp)
    assert cache.get("k") is None


async def test_a_change_makes_every_kept_value_stale() -> None:
    coherence = _hearing()
    cache: CoherentCache[str, int] = CoherentCache(coherence)
    cache.put("k", 1, coherence.stamp())
    assert cache.get("k") == 1
    coherence.changed()
    assert cache.get("k") is None


async def test_losing_the_notices_makes_every_kept_value_stale() -> None:
    coherence = _hearing()
    cache: CoherentCache[str, int] = CoherentCache(coherence)
    cache.put("k", 1, coherence.stamp())
    coherence.hearing_changed(False)
    assert cache.get("k") is None


async def test_a_kept_value_expires_after_its_max_age() -> None:
    coherence = _hearing()
    cache: CoherentCache[str, int] = CoherentCache(coherence, max_age=0.0)
    cache.put("k", 1, coherence.stamp())
    await asyncio.sleep(0.001)
    assert cache.get("k") is None


async def test_a_full_cache_starts_over_instead_of_growing() -> None:
    coherence = _hearing()
    cache: CoherentCache[int, int] = CoherentCache(coherence, max_entries=2)
    for key in range(3):
        cache.put(key, key, coherence.stamp())
    assert [cache.get(k) for k in range(3)] == [None, None, 2]


async def test_a_commit_in_this_process_moves_the_generation(database: Database) -> None:
    before = database.coherence.generation
    async with database.session(write=True):
        pass
    assert database.coherence.generation == before + 1


# ------------------------------------------------------------------ through the API
class PrincipalReads:
    """Counts the statements that read who calls (they read the users or api_clients table)."""

    def __init__(self, sent: list[tuple[str, Any]]) -> None:
        self.sent = sent

    @property
    def count(self) -> int:
        return sum("FROM users" in sql or "FROM api_clients" in sql for sql, _ in self.sent)


@pytest.fixture
def principal_reads(database: Database) -> Iterator[PrincipalReads]:
    with statements_sent(database) as sent:
        yield PrincipalReads(sent)


async def _until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


@pytest.fixture
async def listening(database: Database) -> AsyncIterator[Database]:
    if database.is_sqlite:
        pytest.skip("PostgreSQL only: SQLite has no notices, and keeps no principals")
    async with principals.kept_current(database):
        await _until(lambda: database.coherence.hearing)
        yield database


async def _plain_sql(database: Database, sql: str) -> None:
    """A write by another process: its own connection, committed, outside the API."""
    async with await psycopg.AsyncConnection.connect(
        notices.libpq_url(database.url), autocommit=True
    ) as conn:
        await conn.execute(sql)


async def test_sqlite_reads_who_calls_on_every_request(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, principal_reads: PrincipalReads
) -> None:
    if not database.is_sqlite:
        pytest.skip("SQLite only")
    headers = await as_user(EDITOR)
    before = principal_reads.count
    async with principals.kept_current(database):
        for _ in range(2):
            assert (await client.get(LIST, headers=headers)).status_code == 200
    assert principal_reads.count == before + 2


async def test_a_second_read_by_the_same_caller_does_not_ask_who_they_are(
    client: httpx.AsyncClient, as_user: AuthHeaders, listening: Database, principal_reads: PrincipalReads
) -> None:
    headers = await as_user(EDITOR)
    before = principal_reads.count
    for _ in range(3):
        assert (await client.get(LIST, headers=headers)).status_code == 200
    assert principal_reads.count == before + 1


async def test_a_write_always_asks_who_calls(
    client: httpx.AsyncClient, as_user: AuthHeaders, listening: Database, principal_reads: PrincipalReads
) -> None:
    headers = await as_user(EDITOR)
    assert (await client.get(LIST, headers=headers)).status_code == 200
    before = principal_reads.count
    await client.post("/api/v1/initiatives", json={}, headers=headers)  # refused as invalid: still asked
    assert principal_reads.count > before


async def test_a_deactivation_by_plain_sql_in_another_process_stops_the_token(
    client: httpx.AsyncClient, as_user: AuthHeaders, listening: Database
) -> None:
    headers = await as_user(EDITOR)
    assert (await client.get(LIST, headers=headers)).status_code == 200
    heard = listening.coherence.generation
    await _plain_sql(listening, f"UPDATE users SET is_active = false WHERE email = '{EDITOR}'")
    await _until(lambda: listening.coherence.generation != heard)
    assert (await client.get(LIST, headers=headers)).status_code == 401


async def test_a_membership_ended_by_plain_sql_shows_in_what_the_caller_may_do(
    client: httpx.AsyncClient, as_user: AuthHeaders, listening: Database
) -> None:
    headers = await as_user(EDITOR)
    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.json()["memberships"], me.text
    heard = listening.coherence.generation
    await _plain_sql(
        listening,
        f"DELETE FROM memberships WHERE user_id = (SELECT id FROM users WHERE email = '{EDITOR}')",
    )
    await _until(lambda: listening.coherence.generation != heard)
    assert (await client.get("/api/v1/auth/me", headers=headers)).json()["memberships"] == []


async def test_a_deactivation_through_the_api_stops_the_token_on_the_very_next_request(
    client: httpx.AsyncClient, as_user: AuthHeaders, listening: Database
) -> None:
    viewer = await as_user("viewer@aab.demo")
    assert (await client.get(LIST, headers=viewer)).status_code == 200
    admin = await as_user(ADMIN)
    path = f"/api/v1/users/{await user_id(listening, 'viewer@aab.demo')}"
    read = await client.get(path, headers=admin)
    done = await client.post(f"{path}/deactivate", headers={**admin, **if_match(read)})
    assert done.status_code == 200, done.text
    assert (await client.get(LIST, headers=viewer)).status_code == 401  # no wait for the notice


async def test_while_the_notices_are_lost_every_read_asks_who_calls_again(
    client: httpx.AsyncClient, as_user: AuthHeaders, listening: Database, principal_reads: PrincipalReads
) -> None:
    headers = await as_user(EDITOR)
    assert (await client.get(LIST, headers=headers)).status_code == 200
    await _plain_sql(
        listening,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN sammen_principals%'",
    )
    await _until(lambda: not listening.coherence.hearing)
    before = principal_reads.count
    for _ in range(2):
        assert (await client.get(LIST, headers=headers)).status_code == 200
    assert principal_reads.count == before + 2
    await _until(lambda: listening.coherence.hearing)  # it listens again by itself


async def test_hearing_starts_once_a_notice_from_another_connection_came_back(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("PostgreSQL only")
    heard: list[str] = []
    states: list[bool] = []
    task = asyncio.create_task(
        notices.listen(database.url, "sammen_test_channel", on_notice=heard.append, on_hearing=states.append)
    )
    try:
        await _until(lambda: states == [True])
        await _plain_sql(database, "NOTIFY sammen_test_channel, 'changed'")
        await _until(lambda: heard == ["changed"])  # the listener's own test notice is not passed on
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert states == [True, False]
