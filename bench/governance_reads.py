"""Governance read paths, measured in-process against the limit app's /items-db in the same run.

  python bench/governance_reads.py [N_DECISIONS] [SECONDS]

Builds a throwaway SQLite database (migrated, seeded with the demo), adds N decisions (default
2,000) each with two links and an action item, and 300 meetings; then times 50-row pages of
GET /decisions, GET /action-items, GET /meetings and the personal .ics feed through
httpx.ASGITransport, and the limit app's /items-db the same way. Prints requests/s and the
ratio to the limit app. Figures only: nothing is asserted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
LIMIT_APP = ROOT.parent / "shared" / "bench" / "limit_app.py"

import httpx  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlmodel import select  # noqa: E402
from tests.conftest import base_settings, seed_database  # noqa: E402
from tests.factories import mint_token  # noqa: E402

from sammen.core import migrate  # noqa: E402
from sammen.core.db import Database  # noqa: E402
from sammen.meetings.models import ActionItem, Decision, GovernanceLink, Meeting  # noqa: E402


async def fill(database: Database, n: int) -> None:
    async with database.session(write=True) as session:
        meeting = await session.get(Meeting, 1)
        assert meeting is not None
        now = dt.datetime.now(dt.UTC)
        await session.execute(
            insert(Meeting),
            [
                {"body_id": meeting.body_id, "title": f"Møde {i}", "starts_at": now - dt.timedelta(days=i),
                 "ends_at": now - dt.timedelta(days=i) + dt.timedelta(hours=2), "status": "minutes_approved",
                 "visibility": "partners", "guests": [], "version": 1, "created_at": now, "updated_at": now}
                for i in range(300)
            ],
        )  # fmt: skip
        await session.execute(
            insert(Decision),
            [
                {"body_id": meeting.body_id, "meeting_id": meeting.id, "number": f"B-{i:05d}", "kind": "general",
                 "title": f"Beslutning {i}", "text": "Tekst " * 40, "decided_on": dt.date(2025, 1, 1),
                 "restricted": False, "recorded_by": "bench", "revision": 1, "version": 1, "created_at": now,
                 "updated_at": now}
                for i in range(n)
            ],
        )  # fmt: skip
        ids = list((await session.scalars(select(Decision.id))).all())  # each links goals 1 and 2
        await session.execute(
            insert(GovernanceLink),
            [{"source_type": "decision", "source_id": d, "target_type": "goal", "target_id": g, "created_at": now}
             for d in ids for g in (1, 2)],
        )  # fmt: skip
        await session.execute(
            insert(ActionItem),
            [{"body_id": meeting.body_id, "meeting_id": meeting.id, "decision_id": d, "title": f"Handling {d}",
              "owner_name": "bench", "status": "open", "due_on": dt.date(2025, 6, 1), "restricted": False,
              "version": 1, "created_at": now, "updated_at": now} for d in ids],
        )  # fmt: skip


async def rate(client: httpx.AsyncClient, path: str, headers: dict[str, str], seconds: float) -> float:
    response = await client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        await client.get(path, headers=headers)
        count += 1
    return count / (time.perf_counter() - start)


# The limit app declares SQLModel tables of its own (one named `observations`, like ours), so it
# is measured in a process of its own, the same way: in-process through httpx.ASGITransport.
LIMIT_ANCHOR = """
import asyncio, importlib.util, sys, time
import httpx
spec = importlib.util.spec_from_file_location("limit_app", sys.argv[1])
limit = importlib.util.module_from_spec(spec)
sys.modules["limit_app"] = limit
spec.loader.exec_module(limit)
limit.init_db()
auth = {"Authorization": f"Bearer {limit.make_token()}"}
async def main():
    transport = httpx.ASGITransport(app=limit.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        assert (await client.get("/items-db", headers=auth)).status_code == 200
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < float(sys.argv[2]):
            await client.get("/items-db", headers=auth)
            count += 1
        print(count / (time.perf_counter() - start))
asyncio.run(main())
"""


def limit_anchor(db: Path, seconds: float) -> float:
    env = {**os.environ, "BENCH_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-c", LIMIT_ANCHOR, str(LIMIT_APP), str(seconds)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


async def main(n: int, seconds: float, prepared: tuple[Path, str]) -> None:
    tmp, url = prepared
    settings = base_settings(database_url=url)
    database = Database(url)
    await fill(database, n)
    from sammen.main import create_app

    app = create_app(settings, database)
    token = await mint_token(database, settings, "reporter@aab.demo")
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        feed = (await client.post("/api/v1/calendar/feed-token", headers=auth)).json()["token"]
        results = {
            "GET /decisions (50)": await rate(client, "/api/v1/decisions?limit=50", auth, seconds),
            "GET /decisions?q= (50)": await rate(
                client, "/api/v1/decisions?limit=50&q=beslutning%201", auth, seconds
            ),
            "GET /action-items (50)": await rate(client, "/api/v1/action-items?limit=50", auth, seconds),
            "GET /meetings (50)": await rate(client, "/api/v1/meetings?limit=50", auth, seconds),
            "GET /calendar/meetings.ics (~305 events)": await rate(
                client, f"/api/v1/calendar/meetings.ics?token={feed}", {}, seconds
            ),
        }
    await database.dispose()

    anchor = limit_anchor(tmp / "limit.db", seconds)
    print(f"limit app /items-db (in-process): {anchor:8.0f} req/s")
    for name, value in results.items():
        print(f"{name:42s} {value:8.0f} req/s  {value / anchor:5.2f}x")


if __name__ == "__main__":
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    migrate.upgrade(url)  # runs its own event loop: before ours
    asyncio.run(seed_database(url))
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    asyncio.run(main(n, float(sys.argv[2]) if len(sys.argv) > 2 else 3, (tmp, url)))
