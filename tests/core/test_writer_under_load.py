"""A writer is not starved by readers (issue #10, point 4): with more concurrent readers than the
read pool has connections, a writer's changes go through while the readers are still busy,
because reads and writes have pools (and on SQLite, WAL) of their own."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy.pool import QueuePool

from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import demo
from tests.initiatives.helpers import API, create_initiative, etag_of

READERS, READS_EACH, WRITES = 24, 40, 3


@pytest.mark.asyncio
async def test_writes_go_through_while_readers_crowd_the_read_pool(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    editor = await as_user(demo("editor", "aab"))
    made = await create_initiative(client, editor)
    pool = database.read_engine.sync_engine.pool
    assert isinstance(pool, QueuePool)
    assert pool.size() + pool.overflow() < READERS, "more readers than read connections"
    reads_done = 0
    read_failures: list[int] = []

    async def reader(n: int) -> None:
        nonlocal reads_done
        for k in range(READS_EACH):
            path = f"{API}/initiatives?limit=50" if (n + k) % 2 else f"{API}/initiatives/{made['id']}"
            response = await client.get(path, headers=editor)
            if response.status_code != 200:
                read_failures.append(response.status_code)
            reads_done += 1

    readers = [asyncio.create_task(reader(n)) for n in range(READERS)]
    await asyncio.sleep(0)  # the readers are queued first
    version, outstanding_at_each_write = made["version"], []
    written: list[Any] = []
    for k in range(WRITES):
        response = await asyncio.wait_for(
            client.patch(
                f"{API}/initiatives/{made['id']}",
                json={"title": f"Skrevet {k}"},
                headers={**editor, **etag_of(version)},
            ),
            timeout=60,
        )
        assert response.status_code == 200, response.text
        version = response.json()["version"]
        written.append(response.json()["title"])
        outstanding_at_each_write.append(READERS * READS_EACH - reads_done)
    await asyncio.gather(*readers)
    assert read_failures == []
    assert written == [f"Skrevet {k}" for k in range(WRITES)]
    assert all(left > 0 for left in outstanding_at_each_write), (
        f"a write waited for the readers to finish: reads outstanding at each write {outstanding_at_each_write}"
    )
