"""The demo initiatives: seeding twice changes nothing."""

from __future__ import annotations

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.security import PasswordHashing
from sammen.seed import demo, loader


async def test_seeding_the_demo_initiatives_twice_changes_nothing(
    database: Database, settings: Settings
) -> None:
    async with database.session(write=True) as session:
        report = await loader.load_agreement(session, loader.read())
        await demo.seed_demo(session, hasher=PasswordHashing(settings), report=report)
    demo_kinds = {k: v for k, v in report.summary().items() if k.startswith("demo_") and k != "demo_users"}
    assert "demo_initiatives" in demo_kinds and "demo_plan_revisions" in demo_kinds
    for kind, counts in demo_kinds.items():
        assert set(counts) == {"unchanged"}, (kind, counts)
