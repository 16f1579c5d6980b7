"""The read path: one async path on both databases. A GET reads through the read engine (a pool
of its own, autocommit, never writing), sees what was committed, gets the same rows a write
session gets, and closes what it opened."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import exc, func, select, text
from sqlalchemy.pool import QueuePool

from sammen.core.db import Database
from sammen.core.reads import Reader
from sammen.orgs.models import Organisation, OrganisationKind
from tests.conftest import AuthHeaders
from tests.factories import demo

pytestmark = pytest.mark.asyncio


async def test_a_read_session_sees_what_a_write_session_committed(database: Database) -> None:
    count = select(func.count()).select_from(Organisation)
    async with database.session(write=False) as session:
        before = await Reader(session).scalar(count)
    async with database.session(write=True) as session:
        session.add(Organisation(slug="kirken", name="Kirken", kind=OrganisationKind.other))
    async with database.session(write=False) as session:
        assert await Reader(session).scalar(count) == before + 1


async def _try_to_write(database: Database) -> None:
    async with database.session(write=False) as session:
        if database.is_sqlite:  # the read connections are query_only
            await Reader(session).rows(text("DELETE FROM organisations"))
        else:  # the ORM refuses to flush in a read session
            session.add(Organisation(slug="kirken", name="Kirken", kind=OrganisationKind.other))
            await session.flush()


async def test_a_read_session_cannot_write(database: Database) -> None:
    with pytest.raises((exc.OperationalError, exc.InternalError, exc.DBAPIError, RuntimeError)):
        await _try_to_write(database)
    async with database.session(write=False) as session:
        assert await Reader(session).scalar(select(func.count()).select_from(Organisation)) > 0


async def test_read_and_write_sessions_give_the_same_rows(database: Database) -> None:
    stmt = select(Organisation.id, Organisation.slug, Organisation.is_party).order_by(Organisation.id)  # type: ignore[call-overload]
    async with database.session(write=False) as session:
        read = [tuple(r) for r in await Reader(session).rows(stmt)]
    async with database.session(write=True) as session:
        written = [tuple(r) for r in await Reader(session).rows(stmt)]
    assert read == written
    assert all(isinstance(r[2], bool) for r in read), "booleans are booleans on both databases"


async def test_a_get_uses_the_read_engine_and_returns_its_connection(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = await as_user(demo("editor", "aab"))
    sessions: list[Any] = []
    original = Database.open_session

    def tracking(self: Database, *, write: bool, snapshot: bool = False) -> Any:
        sessions.append((write, original(self, write=write, snapshot=snapshot)))
        return sessions[-1][1]

    monkeypatch.setattr(Database, "open_session", tracking)
    for path in (
        "/api/v1/initiatives",
        "/api/v1/initiatives/1",
        "/api/v1/decisions",
        "/api/v1/indicator-status",
    ):
        response = await client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.text)
    assert sessions and all(write is False for write, _ in sessions)
    assert all(not s.sync_session.in_transaction() for _, s in sessions), "a session was left open"
    pool = database.read_engine.sync_engine.pool
    assert isinstance(pool, QueuePool)
    assert pool.checkedout() == 0
