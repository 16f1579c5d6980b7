"""Test harness: every test gets its own database, cloned from a migrated, seeded template.

SQLite: the template is a file, copied per test. PostgreSQL (SAMMEN_TEST_DB=postgresql,
SAMMEN_TEST_PG_URL=admin URL of a throwaway cluster, started by scripts/with-postgres.sh):
the template is a database, cloned per test with CREATE DATABASE ... TEMPLATE. A clone
isolates like a rolled-back transaction, but lets the code commit exactly as it does in
production (and the security log write in its own transaction), so one mechanism serves
ordinary tests and concurrency tests alike.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from fastapi import FastAPI

from sammen.core import migrate
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.security import PasswordHashing
from sammen.main import create_app
from tests.factories import mint_token

BACKEND = os.environ.get("SAMMEN_TEST_DB", "sqlite")
TEST_SECRET = "test-secret-for-sammen-tests-0123456789abcdef"


def base_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "jwt_secret": TEST_SECRET,
        "argon2_time_cost": 1,
        "argon2_memory_kib": 64,
        "login_slowdown_seconds": 0.0,
        "demo_mode": True,
        "pdf_warm_up": False,  # the few tests making a PDF start a worker when they need one
    }
    values.update(overrides)
    return Settings.model_validate(values)


async def seed_database(url: str) -> None:
    from sammen.seed import demo, loader

    database = Database(url)
    try:
        async with database.session(write=True) as session:
            report = await loader.load_agreement(session, loader.read())
            await demo.seed_demo(session, hasher=PasswordHashing(base_settings()), report=report)
    finally:
        await database.dispose()


def _pg_admin_url() -> str:
    url = os.environ.get("SAMMEN_TEST_PG_URL")
    if not url:
        pytest.exit(
            "SAMMEN_TEST_DB=postgresql needs SAMMEN_TEST_PG_URL (run through scripts/with-postgres.sh)"
        )
    return url


def _pg_url(admin_url: str, name: str) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + name


def _pg_execute(admin_url: str, sql: str) -> None:
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(sql.encode())  # our own DDL, built from generated names


class DatabaseFactory:
    """Makes fresh databases from the session's template."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.counter = itertools.count()
        self.run = uuid.uuid4().hex[:8]
        if BACKEND == "postgresql":
            self.admin = _pg_admin_url()
            self.template = f"sammen_tpl_{self.run}"
            _pg_execute(self.admin, f'CREATE DATABASE "{self.template}"')
            self.template_url = _pg_url(self.admin, self.template)
        else:
            self.template_url = f"sqlite+aiosqlite:///{tmp / 'template.db'}"
        migrate.upgrade(self.template_url)
        asyncio.run(seed_database(self.template_url))

    def empty_url(self) -> str:
        """A database with nothing in it (for migration tests)."""
        n = next(self.counter)
        if BACKEND == "postgresql":
            name = f"sammen_empty_{self.run}_{n}"
            _pg_execute(self.admin, f'CREATE DATABASE "{name}"')
            return _pg_url(self.admin, name)
        return f"sqlite+aiosqlite:///{self.tmp / f'empty-{n}.db'}"

    def clone(self) -> str:
        n = next(self.counter)
        if BACKEND == "postgresql":
            name = f"sammen_t_{self.run}_{n}"
            _pg_execute(self.admin, f'CREATE DATABASE "{name}" TEMPLATE "{self.template}" STRATEGY FILE_COPY')
            return _pg_url(self.admin, name)
        path = self.tmp / f"test-{n}.db"
        shutil.copyfile(self.tmp / "template.db", path)
        return f"sqlite+aiosqlite:///{path}"

    def drop(self, url: str) -> None:
        if BACKEND == "postgresql":
            _pg_execute(self.admin, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
        else:
            path = Path(url.split(":///", 1)[1])
            for suffix in ("", "-wal", "-shm", "-journal", ".dispatcher"):
                Path(str(path) + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        if BACKEND == "postgresql":
            _pg_execute(self.admin, f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path_factory.mktemp("db"))
    yield factory
    factory.close()


@pytest.fixture
async def database_url(databases: DatabaseFactory) -> AsyncIterator[str]:
    url = databases.clone()
    yield url
    databases.drop(url)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return base_settings(database_url=database_url)


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = Database(settings.database_url)
    yield db
    await db.dispose()


@pytest.fixture(scope="session")
def shared_app() -> FastAPI:
    """Building the app takes longer than a test; one app serves all, pointed at each test's database."""
    return create_app(base_settings())


@pytest.fixture
def app(shared_app: FastAPI, settings: Settings, database: Database) -> Iterator[FastAPI]:
    shared_app.state.settings = settings
    shared_app.state.database = database
    yield shared_app
    shared_app.state.database = None


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    # Tests read the API's texts in English, the code's own language; the API answers Danish by default
    # (tests/core/test_languages.py checks that, without this header).
    headers = {"Accept-Language": "en"}
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as c:
        yield c


AuthHeaders = Callable[[str], Awaitable[dict[str, str]]]


@pytest.fixture
def as_user(settings: Settings, database: Database) -> AuthHeaders:
    """`await as_user("editor@aab.demo")` -> Authorization headers for that seeded user."""

    async def headers(email: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {await mint_token(database, settings, email)}"}

    return headers
