"""Sessions: reads never write, writes commit once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sammen.core.db import Database
from sammen.orgs.models import Organisation, OrganisationKind


async def _count(database: Database) -> int:
    async with database.session(write=False) as session:
        return int(await session.scalar(select(func.count()).select_from(Organisation)) or 0)


async def test_a_read_session_refuses_to_change_data(database: Database) -> None:
    before = await _count(database)

    async def write_in_a_read() -> None:
        async with database.session(write=False) as session:
            session.add(Organisation(slug="kirken", name="Kirken", kind=OrganisationKind.other))
            await session.flush()

    with pytest.raises(RuntimeError, match="read-only"):
        await write_in_a_read()
    assert await _count(database) == before


async def test_a_write_session_commits_when_the_block_ends(database: Database) -> None:
    before = await _count(database)
    async with database.session(write=True) as session:
        session.add(Organisation(slug="kirken", name="Kirken", kind=OrganisationKind.other))
    assert await _count(database) == before + 1
