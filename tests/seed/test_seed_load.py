"""Loading the agreement file: idempotent, and a broken file changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sammen.cli import main as cli
from sammen.core.db import Database
from sammen.goals.models import Goal
from sammen.orgs.models import Organisation
from sammen.seed import loader
from sammen.seed.schema import AgreementFileError


async def _counts(database: Database) -> tuple[int, int]:
    async with database.session(write=False) as session:
        orgs = await session.scalar(select(func.count()).select_from(Organisation))
        goals = await session.scalar(select(func.count()).select_from(Goal))
        return int(orgs or 0), int(goals or 0)


async def test_loading_the_agreement_twice_changes_nothing(database: Database) -> None:
    # The template database was seeded once already; a second load must find everything unchanged.
    async with database.session(write=True) as session:
        report = await loader.load_agreement(session, loader.read())
    assert not report.changed
    assert report.summary()["organisations"] == {"unchanged": 14}
    assert report.summary()["sub_objectives"] == {"unchanged": 16}


async def test_a_changed_file_updates_only_what_changed(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "agreement.yaml"
    text = loader.default_agreement_path().read_text(encoding="utf-8")
    path.write_text(
        text.replace('title: "Sammen om Høje Gladsaxe"', 'title: "Sammen om Høje Gladsaxe 2030"'),
        encoding="utf-8",
    )
    async with database.session(write=True) as session:
        report = await loader.load_agreement(session, loader.read(path))
    assert report.summary()["agreement"] == {"updated": 1}
    assert report.summary()["goals"] == {"unchanged": 4}


def test_a_broken_file_is_refused_naming_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    text = loader.default_agreement_path().read_text(encoding="utf-8")
    path.write_text(text.replace("  vision: >-", "  visjon: >-", 1), encoding="utf-8")
    with pytest.raises(AgreementFileError) as refused:
        loader.read(path)
    assert "broken.yaml line" in str(refused.value)
    assert "agreement.vision: Field required" in str(refused.value)


async def test_the_seed_command_refuses_a_broken_file_and_writes_nothing(
    database: Database,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = await _counts(database)
    broken = tmp_path / "broken.yaml"
    shutil.copyfile(loader.default_agreement_path(), broken)
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("owner: kvp", "owner: politiet", 1), encoding="utf-8"
    )
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("ENVIRONMENT", "development")  # the default is production
    from sammen.core.config import get_settings

    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as exited:
            await _run_cli(["seed", "--agreement", str(broken), "--no-demo"])
    finally:
        get_settings.cache_clear()
    assert "nothing was written" in str(exited.value)
    assert "politiet" in str(exited.value)
    assert await _counts(database) == before


async def _run_cli(args: list[str]) -> None:
    import asyncio

    await asyncio.to_thread(cli, args)  # the command runs its own event loop
