"""Benchmark: the initiative list and detail against the limit app, in the same run.

    /work/main/.venv/bin/python bench/api.py [--duration 10] [--rounds 3] [--connections 32] [--threads 2]

Fills a throwaway SQLite database (migrated, seeded with the agreement and the demo users)
with 10,000 initiatives, their goal, partner and indicator links and 20,000 progress
updates; serves the app with one uvicorn worker and loads, signed in as an editor:

  GET /api/v1/initiatives?limit=50&status=active      (list with a filter)
  GET /api/v1/initiatives/{id}                         (detail; ids drawn at random)

and /work/shared/bench/limit_app.py's /items-db (the limit) and /orm-items-async, with wrk
(`apt-get install -y wrk`), in rounds that load every endpoint once. Prints each round's
figures, then the medians of requests/s, p50 and p99 latency and of the ratio to /items-db
within a round. Traffic goes to 127.0.0.1 only and every run is bounded by --duration.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(1, str(ROOT))
LIMIT_DIR = Path(os.environ.get("LIMIT_APP_DIR", "/work/shared/bench"))
SECRET = "bench-secret-for-sammen-0123456789abcdef-xyz"
N_INITIATIVES = 10_000
PY = sys.executable


async def fill(url: str) -> None:
    from sqlalchemy import insert, select

    from sammen.core.config import Settings
    from sammen.core.db import Database
    from sammen.core.security import PasswordHashing
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
    from sammen.seed import demo, loader

    settings = Settings(database_url=url, jwt_secret=SECRET, argon2_time_cost=1, argon2_memory_kib=64)
    database = Database(url)
    async with database.session(write=True) as session:
        report = await loader.load_agreement(session, loader.read())
        await demo.seed_demo(session, hasher=PasswordHashing(settings), report=report)
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    async with database.session(write=True) as session:
        orgs = [r[0] for r in await session.execute(select(Organisation.id).where(Organisation.is_party))]  # type: ignore[arg-type]
        goals = [r[0] for r in await session.execute(select(Goal.id).where(Goal.parent_id.is_not(None)))]  # type: ignore[union-attr]
        indicators = [r[0] for r in await session.execute(select(Indicator.id))]
        statuses = ["idea", "planned", "active", "active", "active", "paused", "completed", "stopped"]
        rows = []
        for k in range(N_INITIATIVES):
            status = statuses[k % len(statuses)]
            start = dt.date(2018 + k % 12, 1 + k % 12, 1)
            rows.append(
                {
                    "title": f"Bench-indsats {k}: lektiehjælp, tryghed og job i Høje Gladsaxe",
                    "summary": "En indsats fra benchmarket med et resumé på en linje eller to.",
                    "description": "Beskrivelse " * 20,
                    "lead_organisation_id": orgs[k % len(orgs)],
                    "levels": ("individ", "boligomraade", "kvarter", "individ,kvarter")[k % 4],
                    "size": ("small", "large")[k % 2],
                    "horizon": ("short", "long")[k % 2],
                    "phase": 1 if start.year <= 2020 else 2 if start.year <= 2025 else 3,
                    "phase_overridden": False,
                    "status": status,
                    "status_reason": "Afventer" if status in ("paused", "stopped") else None,
                    "starts_on": start,
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
        await session.execute(insert(Initiative), rows)
        ids = [
            r[0]
            for r in await session.execute(
                select(Initiative.id).where(Initiative.external_id.like("bench-%"))
            )
        ]  # type: ignore[union-attr]
        links_g, links_p, links_i, progress = [], [], [], []
        for n, initiative_id in enumerate(ids):
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
                    {
                        "initiative_id": initiative_id,
                        "organisation_id": lead,
                        "reported_on": dt.date(2025, 1 + m * 6, 1),
                        "status_colour": "green",
                        "narrative": "Det går fremad.",
                        "observation_ids": [],
                        "is_story": False,
                        "author_name": "Benchmark",
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
        await session.execute(insert(InitiativeGoal), links_g)
        await session.execute(insert(InitiativePartner), links_p)
        await session.execute(insert(InitiativeIndicator), links_i)
        await session.execute(insert(ProgressUpdate), progress)
    async with database.session(write=True) as session:
        from sqlalchemy import text

        await session.execute(text("ANALYZE"))
    await database.dispose()
    print(
        f"filled: {len(ids)} initiatives, {len(links_g)} goal links, {len(links_p)} partner links, "
        f"{len(links_i)} indicator links, {len(progress)} progress updates"
    )


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


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up")


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def run_wrk(url: str, auth: str, args: argparse.Namespace, script: Path | None = None) -> dict[str, float]:
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "-H",
        f"Authorization: Bearer {auth}",
    ]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    lat = {}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        lat[pct] = float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "rps": rps,
        "p50": lat["50"],
        "p99": lat["99"],
        "non2xx": float(bad.group(1)) if bad else 0.0,
        "socket_errors": 1.0 if errors else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of loading every endpoint once")
    parser.add_argument(
        "--loop", default="asyncio", choices=["asyncio", "uvloop"], help="Sammen's event loop"
    )
    parser.add_argument("--port", type=int, default=8011)
    parser.add_argument("--limit-port", type=int, default=8012)
    parser.add_argument("--filter", default="status=active", help="query string added to the list request")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="serve Sammen from a throwaway PostgreSQL cluster (scripts/pg-cluster.sh) instead of SQLite",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: install it with `apt-get install -y wrk` (Debian's package)")
    if not (LIMIT_DIR / "limit_app.py").exists():
        raise SystemExit(f"limit app not found in {LIMIT_DIR} (set LIMIT_APP_DIR)")

    tmp = Path(tempfile.mkdtemp(prefix="sammen-bench-"))
    os.chmod(tmp, 0o755)
    url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    pg_dir = tmp / "pg"
    if args.postgres:
        pg_dir.mkdir()
        os.chmod(pg_dir, 0o777)
        subprocess.run(
            [str(ROOT / "scripts" / "pg-cluster.sh"), "start", str(pg_dir)], check=True, capture_output=True
        )
        url = (pg_dir / "url").read_text().strip()
    from sammen.core import migrate

    migrate.upgrade(url)
    asyncio.run(fill(url))
    bearer = asyncio.run(token(url, "editor@aab.demo"))

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JWT_SECRET": SECRET,
        "PYTHONPATH": str(ROOT / "backend"),
        "ENVIRONMENT": "development",
        "ACCESS_TOKEN_MINUTES": "60",
    }
    limit_env = {**os.environ, "BENCH_DB": str(tmp / "limit.db")}
    limit_token = (
        subprocess.run(
            [PY, str(LIMIT_DIR / "limit_app.py"), "init-db"],
            env=limit_env,
            cwd=tmp,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    servers = [
        subprocess.Popen(
            # served as production serves it (`sammen serve`: one worker, its event loop)
            [
                PY,
                "-m",
                "sammen.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(args.port),
                "--no-access-log",
                "--loop",
                args.loop,
            ],
            env=env,
            cwd=tmp,
        ),
        subprocess.Popen(
            [
                PY,
                "-m",
                "uvicorn",
                "limit_app:app",
                "--app-dir",
                str(LIMIT_DIR),
                "--host",
                "127.0.0.1",
                "--port",
                str(args.limit_port),
                "--workers",
                "1",
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            env=limit_env,
            cwd=tmp,
        ),
    ]
    try:
        base = f"http://127.0.0.1:{args.port}/api/v1"
        limit = f"http://127.0.0.1:{args.limit_port}"
        wait_for(f"{base}/health")
        wait_for(f"{limit}/hello")
        req = urllib.request.Request(
            f"{base}/initiatives?limit=50&{args.filter}", headers={"Authorization": f"Bearer {bearer}"}
        )
        with urllib.request.urlopen(req) as response:
            body = response.read()
        print(f"list page: {len(body):,} bytes")
        detail_script = tmp / "detail.lua"
        detail_script.write_text(
            "math.randomseed(42)\n"
            "request = function()\n"
            f"  return wrk.format(nil, '/api/v1/initiatives/' .. math.random(20, {N_INITIATIVES}))\n"
            "end\n"
        )
        runs = [
            ("limit /items-db", f"{limit}/items-db", limit_token, None),
            ("limit /orm-items-async", f"{limit}/orm-items-async", limit_token, None),
            (
                f"GET /initiatives?limit=50&{args.filter}",
                f"{base}/initiatives?limit=50&{args.filter}",
                bearer,
                None,
            ),
            ("GET /initiatives/{id}", f"{base}/initiatives/1", bearer, detail_script),
        ]
        warm = argparse.Namespace(**{**vars(args), "duration": 2})
        for _, target, auth, script in runs:
            run_wrk(target, auth, warm, script)
        # This machine's speed drifts by tens of percent from minute to minute: every round loads
        # each endpoint once, each round's ratios are taken within the round, and the medians are
        # reported (with every round's figures, so the spread is visible).
        rounds: list[list[dict[str, float]]] = []
        for number in range(1, args.rounds + 1):
            figures = [run_wrk(target, auth, args, script) for _, target, auth, script in runs]
            rounds.append(figures)
            print(
                f"round {number}: "
                + ", ".join(
                    f"{name.split('?')[0]} {r['rps']:.0f}/s p99 {r['p99']:.0f} ms"
                    for (name, *_), r in zip(runs, figures, strict=True)
                ),
                flush=True,
            )
        backend = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s x {args.rounds} rounds, one uvicorn "
            f"worker each; Sammen on {backend} ({args.loop} loop), the limit app on SQLite (uvicorn's "
            "defaults: uvloop); medians over the rounds"
        )
        print(f"{'endpoint':45s} {'req/s':>9s} {'p50 ms':>8s} {'p99 ms':>8s} {'ratio':>7s}  notes")
        for i, (name, *_) in enumerate(runs):
            mine = [r[i] for r in rounds]
            ratio = statistics.median(r[i]["rps"] / r[0]["rps"] for r in rounds)
            notes = []
            if any(m["non2xx"] for m in mine):  # detail: restricted ids of other orgs are 404
                notes.append(f"{int(statistics.median(m['non2xx'] for m in mine))} non-2xx")
            print(
                f"{name:45s} {statistics.median(m['rps'] for m in mine):9.0f} "
                f"{statistics.median(m['p50'] for m in mine):8.2f} "
                f"{statistics.median(m['p99'] for m in mine):8.2f} {ratio:7.2f}  {' '.join(notes)}"
            )
    finally:
        for server in servers:
            server.send_signal(signal.SIGINT)
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.postgres:
            subprocess.run([str(ROOT / "scripts" / "pg-cluster.sh"), "stop", str(pg_dir)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
