"""The change feed under concurrent writers: transactions that commit out of id order lose nothing.

A disposable committed database per test (the harness's clone) lets the writers commit for real.
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlmodel import col

from sammen.core.db import Database
from sammen.events import outbox
from sammen.events.models import ChangeEvent
from sammen.initiatives import service as initiatives
from sammen.initiatives.models import Initiative
from sammen.initiatives.schemas import InitiativeUpdate
from sammen.orgs import service as orgs
from tests.conftest import BACKEND, AuthHeaders
from tests.factories import demo, user_id
from tests.initiatives.helpers import create_initiative

CHANGES = "/api/v1/changes"
AAB_EDITOR = demo("editor", "aab")


async def _begin_change(database: Database, initiative_id: int, title: str) -> tuple[Any, int]:
    """A transaction that has written its change and its outbox row, but not committed: (session, row id)."""
    session = database.open_session(write=True)
    actor = await orgs.load_user_principal(session, user_id=await user_id(database, AAB_EDITOR))
    assert actor is not None
    obj = await session.get(Initiative, initiative_id)
    assert obj is not None
    await initiatives.update_initiative(
        session, actor=actor, obj=obj, data=InitiativeUpdate(title=title), expected_version=obj.version
    )
    await session.run_sync(outbox.write_pending)
    mine = select(func.max(ChangeEvent.id))
    if database.engine.dialect.name == "postgresql":
        mine = mine.where(col(ChangeEvent.txid) == text("pg_current_xact_id()::text::bigint"))
    change_id = await session.scalar(mine)
    assert change_id is not None
    return session, int(change_id)


async def _commit(session: Any) -> None:
    await session.commit()
    await session.close()


async def _page(client: httpx.AsyncClient, headers: dict[str, str], cursor: str | None) -> dict[str, Any]:
    response = await client.get(
        CHANGES, params={"after": cursor, "limit": 50} if cursor else {"limit": 50}, headers=headers
    )
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


@pytest.mark.skipif(BACKEND != "postgresql", reason="SQLite has one writer at a time: ids commit in order")
async def test_a_change_with_a_lower_id_committing_later_is_not_behind_the_cursor(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    editor = await as_user(AAB_EDITOR)
    first = await create_initiative(client, editor, title="A")
    second = await create_initiative(client, editor, title="B")
    start = (await _page(client, editor, None))["cursor"]
    slow, slow_id = await _begin_change(database, first["id"], "A, late")
    fast, fast_id = await _begin_change(database, second["id"], "B, early")
    assert slow_id < fast_id
    await _commit(fast)

    before = await _page(client, editor, start)  # the higher id is committed, the lower is not yet
    await _commit(slow)
    after = await _page(client, editor, before["cursor"])

    seen = [i["id"] for i in before["items"] + after["items"]]
    assert sorted(seen) == [slow_id, fast_id]
    assert slow_id not in [i["id"] for i in before["items"]]


async def test_concurrent_writers_committing_out_of_id_order_lose_nothing_across_cursors(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    editor = await as_user(AAB_EDITOR)
    # SQLite has one writer at a time (they queue on its lock): a smaller crowd shows the same
    writers, rounds = (6, 12) if BACKEND == "postgresql" else (2, 4)
    targets = [(await create_initiative(client, editor, title=f"Indsats {n}"))["id"] for n in range(writers)]
    start = (await _page(client, editor, None))["cursor"]
    commits: list[int] = []  # change ids in the order they committed
    rng = random.Random(17)

    async def writer(initiative_id: int) -> None:
        for n in range(rounds):
            session, change_id = await _begin_change(database, initiative_id, f"Titel {n}")
            await asyncio.sleep(rng.uniform(0, 0.02))  # commit after others that wrote later
            await _commit(session)
            commits.append(change_id)

    seen: list[int] = []
    done = asyncio.Event()

    async def reader() -> None:
        cursor = start
        while True:
            finished = done.is_set()  # read once more after the writers are done
            page = await _page(client, editor, cursor)
            seen.extend(i["id"] for i in page["items"])
            cursor = page["cursor"]
            if finished and not page["has_more"]:
                return
            await asyncio.sleep(0.003)

    reading = asyncio.create_task(reader())
    await asyncio.gather(*(writer(t) for t in targets))
    done.set()
    await reading

    assert sorted(seen) == sorted(commits), "every committed change is read exactly once"
    if BACKEND == "postgresql":
        late = sum(1 for i, c in enumerate(commits) if any(c < earlier for earlier in commits[:i]))
        assert late > 0, "the writers should have committed out of id order"
