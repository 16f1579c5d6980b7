"""The `sammen` command as operators use it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from sammen.cli import main as cli
from sammen.core.config import get_settings


@pytest.fixture
def cli_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("ENVIRONMENT", "development")  # the default is production
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


async def test_create_admin_prints_a_one_time_password_that_signs_in(
    cli_database: str, client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    await asyncio.to_thread(cli, ["users", "create-admin", "--email", "drift@gladsaxe.dk", "--name", "Drift"])
    password = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    signed_in = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "drift@gladsaxe.dk", "password": password},
    )
    assert signed_in.json()["must_change_password"] is True


async def test_seed_refuses_demo_users_in_production(
    cli_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("JWT_SECRET", "x" * 40)
    get_settings.cache_clear()
    with pytest.raises(SystemExit, match="never created in production"):
        await asyncio.to_thread(cli, ["seed", "--demo"])
