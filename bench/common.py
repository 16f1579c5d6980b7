"""What the HTTP benchmarks share: a throwaway database (SQLite file or PostgreSQL cluster) filled
with initiatives, governance records and observations; Sammen and the limit app served as
production serves them; wrk and its figures. Nothing here asserts a timing."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
# the limit app: ../shared/bench/limit_app.py relative to the repository root
LIMIT_DIR = Path(os.environ.get("LIMIT_APP_DIR", ROOT.parent / "shared" / "bench"))
if not (LIMIT_DIR / "limit_app.py").exists():  # a git worktree: ../shared beside the main checkout
    common = subprocess.run(
        ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    if common:
        beside_main = Path(common).parent.parent / "shared" / "bench"
        LIMIT_DIR = beside_main if (beside_main / "limit_app.py").exists() else LIMIT_DIR
SECRET = "bench-secret-for-sammen-0123456789abcdef-xyz"
PY = sys.executable
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Place:
    """A throwaway database: a SQLite file, or a PostgreSQL cluster of its own."""

    postgres: bool
    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="sammen-bench-")))
    url: str = ""
    limit_pg: str | None = None  # the limit app's own database in the same cluster

    def start(self) -> None:
        os.chmod(self.tmp, 0o755)
        if not self.postgres:
            self.url = f"sqlite+aiosqlite:///{self.tmp / 'bench.db'}"
            return
        pg = self.tmp / "pg"
        pg.mkdir()
        os.chmod(pg, 0o777)
        subprocess.run(
            [str(ROOT / "scripts/pg-cluster.sh"), "start", str(pg)], check=True, capture_output=True
        )
        admin = (pg / "url").read_text().strip()
        import psycopg

        with psycopg.connect(admin.replace("+psycopg", ""), autocommit=True) as con:
            con.execute("CREATE DATABASE sammen")
            con.execute("CREATE DATABASE limit_bench")
        self.url = admin.rsplit("/", 1)[0] + "/sammen"
        self.limit_pg = admin.rsplit("/", 1)[0].replace("+psycopg", "") + "/limit_bench"

    def stop(self) -> None:
        if self.postgres:
            subprocess.run([str(ROOT / "scripts/pg-cluster.sh"), "stop", str(self.tmp / "pg")], check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)


@contextmanager
def place(postgres: bool) -> Iterator[Place]:
    found = Place(postgres)
    found.start()
    try:
        yield found
    finally:
        found.stop()


# ------------------------------------------------------------------ filling
async def seed(url: str) -> None:
    from sammen.core import migrate
    from sammen.core.config import Settings
    from sammen.core.db import Database
    from sammen.core.security import PasswordHashing
    from sammen.seed import demo, loader

    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(database_url=url, jwt_secret=SECRET, argon2_time_cost=1, argon2_memory_kib=64)
    database = Database(url)
    async with database.session(write=True) as session:
        report = await loader.load_agreement(session, loader.read())
        await demo.seed_demo(session, hasher=PasswordHashing(settings), report=report)
    await database.dispose()


async def add_initiatives(url: str, count: int, *, start: int = 0) -> list[int]:
    """`count` initiatives with goal, partner and indicator links and two progress updates each."""
    from sqlalchemy import insert, select

    from sammen.core.db import Database
    from sammen.goals.models import Goal
    from sammen.indicators.models import Indicator
    from sammen.initiatives.models import (
        Initiative,
        InitiativeGoal,
        InitiativeIndicator,
        InitiativePartner,
        ProgressUpdate,
    )
    from sammen.orgs.models import Organisation

    rng = random.Random(7 + start)
    now = dt.datetime.now(dt.UTC)
    database = Database(url)
    async with database.session(write=True) as session:
        orgs = [r[0] for r in await session.execute(select(Organisation.id).where(Organisation.is_party))]  # type: ignore[arg-type]
        goals = [r[0] for r in await session.execute(select(Goal.id).where(Goal.parent_id.is_not(None)))]  # type: ignore[union-attr]
        indicators = [r[0] for r in await session.execute(select(Indicator.id))]
    statuses = ["idea", "planned", "active", "active", "active", "paused", "completed", "stopped"]
    ids: list[int] = []
    for chunk in range(start, start + count, 20_000):
        rows = []
        for k in range(chunk, min(start + count, chunk + 20_000)):
            status = statuses[k % len(statuses)]
            begins = dt.date(2018 + k % 12, 1 + k % 12, 1)
            rows.append(
                {
                    "title": f"Bench-indsats {k}: lektiehjælp, tryghed og job i Høje Gladsaxe",
                    "summary": "En indsats fra benchmarket med et resumé på en linje eller to.",
                    "description": "Beskrivelse " * 20,
                    "lead_organisation_id": orgs[k % len(orgs)],
                    "levels": ("individ", "boligomraade", "kvarter", "individ,kvarter")[k % 4],
                    "size": ("small", "large")[k % 2],
                    "horizon": ("short", "long")[k % 2],
                    "phase": 1 if begins.year <= 2020 else 2 if begins.year <= 2025 else 3,
                    "phase_overridden": False,
                    "status": status,
                    "status_reason": "Afventer" if status in ("paused", "stopped") else None,
                    "starts_on": begins,
                    "tags": ["bench", ("tryghed", "børn", "job")[k % 3]],
                    "visibility": ("partners", "partners", "public", "restricted")[k % 4],
                    "external_id": f"bench-{k}",
                    "last_status_colour": ("green", "yellow", "red")[k % 3],
                    "last_reported_on": dt.date(2025, 1 + k % 12, 1),
                    "created_at": now,
                    "updated_at": now - dt.timedelta(minutes=k),
                    "version": 1,
                }
            )
        async with database.session(write=True) as session:
            await session.execute(insert(Initiative), rows)
            new = [
                r[0]
                for r in await session.execute(
                    select(Initiative.id).where(Initiative.external_id.in_([r["external_id"] for r in rows]))  # type: ignore[union-attr]
                )
            ]
            links_g, links_p, links_i, progress = [], [], [], []
            for n, initiative_id in enumerate(new):
                for g in rng.sample(goals, 1 + n % 3):
                    links_g.append({"initiative_id": initiative_id, "goal_id": g})
                lead = orgs[n % len(orgs)]
                for o in rng.sample([o for o in orgs if o != lead], n % 3):
                    links_p.append({"initiative_id": initiative_id, "organisation_id": o})
                for i in rng.sample(indicators, n % 3):
                    links_i.append(
                        {"initiative_id": initiative_id, "indicator_id": i, "expected_direction": "up"}
                    )
                for m in range(2):
                    progress.append(
                        {"initiative_id": initiative_id, "organisation_id": lead, "reported_on": dt.date(2025, 1 + m * 6, 1),
                         "status_colour": "green", "narrative": "Det går fremad.", "observation_ids": [], "is_story": False,
                         "author_name": "Benchmark", "created_at": now, "updated_at": now, "version": 1}
                    )  # fmt: skip
            await session.execute(insert(InitiativeGoal), links_g)
            await session.execute(insert(InitiativePartner), links_p)
            await session.execute(insert(InitiativeIndicator), links_i)
            await session.execute(insert(ProgressUpdate), progress)
            ids += new
    await database.dispose()
    await settled(url)
    return ids


async def add_governance(url: str, decisions: int = 2000, meetings: int = 300) -> None:
    """Meetings, decisions (two goal links each) and an action item per decision."""
    from sqlalchemy import insert
    from sqlmodel import select

    from sammen.core.db import Database
    from sammen.governance.meetings.models import ActionItem, Decision, GovernanceLink, Meeting

    database = Database(url)
    now = dt.datetime.now(dt.UTC)
    async with database.session(write=True) as session:
        meeting = await session.get(Meeting, 1)
        assert meeting is not None
        await session.execute(
            insert(Meeting),
            [{"body_id": meeting.body_id, "title": f"Møde {i}", "starts_at": now - dt.timedelta(days=i),
              "ends_at": now - dt.timedelta(days=i) + dt.timedelta(hours=2), "status": "minutes_approved",
              "visibility": "partners", "guests": [], "version": 1, "created_at": now, "updated_at": now}
             for i in range(meetings)],
        )  # fmt: skip
        await session.execute(
            insert(Decision),
            [{"body_id": meeting.body_id, "meeting_id": meeting.id, "number": f"B-{i:05d}", "kind": "general",
              "title": f"Beslutning {i}", "text": "Tekst " * 40, "decided_on": dt.date(2025, 1, 1),
              "restricted": False, "recorded_by": "bench", "revision": 1, "version": 1, "created_at": now,
              "updated_at": now} for i in range(decisions)],
        )  # fmt: skip
        ids = list((await session.scalars(select(Decision.id))).all())
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
    await database.dispose()
    await settled(url)


async def settled(url: str) -> None:
    """The database as a running one is: statistics gathered, and on PostgreSQL vacuumed (the
    visibility map index-only scans read), as autovacuum would have done. Without it the first
    minute measured plans made for empty tables, and rounds differed twofold."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")  # VACUUM runs outside a transaction
    try:
        async with engine.connect() as connection:
            await connection.execute(text("ANALYZE" if url.startswith("sqlite") else "VACUUM ANALYZE"))
    finally:
        await engine.dispose()


async def token(url: str, email: str) -> str:
    from tests.factories import mint_token

    from sammen.core.config import Settings
    from sammen.core.db import Database

    settings = Settings(database_url=url, jwt_secret=SECRET, access_token_minutes=60)
    database = Database(url)
    try:
        return await mint_token(database, settings, email)
    finally:
        await database.dispose()


# ------------------------------------------------------------------ servers
def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up")


class Server:
    """A process serving on 127.0.0.1; stopped with SIGINT (SIGKILL after 10 s)."""

    def __init__(self, cmd: list[str], env: dict[str, str], cwd: Path, ready: str, port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(ready)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def sammen(
    where: Place,
    port: int,
    *,
    workers: int = 1,
    lag_probe: bool = False,
    env_extra: dict[str, str] | None = None,
) -> Server:
    # PDF_WARM_UP: these benchmarks make no report PDF, so no worker warms up while they measure.
    env = {**os.environ, **(env_extra or {}), "DATABASE_URL": where.url, "JWT_SECRET": SECRET, "PYTHONPATH": str(ROOT / "backend"),
           "ENVIRONMENT": "development", "ACCESS_TOKEN_MINUTES": "60",
           "LOOP_LAG_PROBE": "true" if lag_probe else "false",
           "PDF_WARM_UP": "false"}  # fmt: skip
    cmd = [PY, "-m", "sammen.cli", "serve", "--port", str(port), "--no-access-log", "--workers", str(workers)]
    return Server(cmd, env, where.tmp, f"http://127.0.0.1:{port}/api/v1/health", port)


def limit_app(where: Place, port: int) -> tuple[Server, str]:
    """The limit app (one worker) and its token; on PostgreSQL its /items-pg reads the cluster."""
    env = {**os.environ, "BENCH_DB": str(where.tmp / "limit.db")}
    if where.limit_pg:
        env["BENCH_PG_URL"] = where.limit_pg
    made = subprocess.run([PY, str(LIMIT_DIR / "limit_app.py"), "init-db"], env=env, cwd=where.tmp,
                          capture_output=True, text=True, check=True)  # fmt: skip
    cmd = [PY, "-m", "uvicorn", "limit_app:app", "--app-dir", str(LIMIT_DIR), "--port", str(port),
           "--workers", "1", "--no-access-log", "--log-level", "warning"]  # fmt: skip
    return Server(
        cmd, env, where.tmp, f"http://127.0.0.1:{port}/hello", port
    ), made.stdout.strip().splitlines()[-1]


def get_json(url: str, bearer: str | None = None, method: str = "GET") -> Any:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    request = urllib.request.Request(url, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


# ------------------------------------------------------------------ wrk
def wrk(url: str, bearer: str | None, seconds: float, *, connections: int = 32, threads: int = 2,
        script: Path | None = None, headers: dict[str, str] | None = None) -> dict[str, float]:  # fmt: skip
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    if bearer:
        cmd += ["-H", f"Authorization: Bearer {bearer}"]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    lat: dict[str, float] = {}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        lat[pct] = float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"], "non2xx": float(bad.group(1)) if bad else 0.0}


# ------------------------------------------------------------------ CPU of process trees
TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by process `root` and every live descendant: a
    server and its workers, or a PostgreSQL cluster's postmaster and its backends."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICKS
    total, stack = 0.0, [root]
    while stack:
        pid = stack.pop()
        total += used.get(pid, 0.0)
        stack += [child for child, parent in parents.items() if parent == pid]
    return total


def postmaster(where: Place) -> int | None:
    """The PostgreSQL cluster's server process, or None on SQLite."""
    if not where.postgres:
        return None
    data = Path((where.tmp / "pg" / "datadir").read_text().strip())
    return int((data / "postmaster.pid").read_text().split()[0])


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
