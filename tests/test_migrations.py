"""Migrations are the only way the schema changes: they run both ways and match the models."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import sammen.all_models  # noqa: F401 - registers every table
from sammen.core import migrate
from sammen.core.db import make_engine
from tests.conftest import DatabaseFactory


def _differences(url: str) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": migrate.include_name}
        )
        return list(compare_metadata(context, SQLModel.metadata))

    async def run() -> list[object]:
        engine = make_engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(compare)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_upgrade_downgrade_and_upgrade_again_from_empty(databases: DatabaseFactory) -> None:
    url = databases.empty_url()
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    migrate.upgrade(url)
    databases.drop(url)


# SQLite's reflection cannot read an index on an expression (the action items' order): there the
# comparison skips it, on PostgreSQL it is compared like any other.
@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_the_migrated_schema_matches_the_models(databases: DatabaseFactory) -> None:
    url = databases.empty_url()
    migrate.upgrade(url)
    assert _differences(url) == []
    databases.drop(url)
