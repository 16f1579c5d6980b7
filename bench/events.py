"""Benchmark: the change feed and webhook delivery (issue #17), with the limit app in the same run.

    .venv/bin/python bench/events.py [--postgres] [--parts feed,latency,throughput]
                                     [--duration 60] [--rate 100] [--events 5000]

On a throwaway database (SQLite, or a PostgreSQL cluster with --postgres), migrated and seeded:

feed        GET /api/v1/changes?limit=1000 (1,000 entries a page, every one visible to the
            reader) with wrk, against the limit app's /items-pg on PostgreSQL, /items-db on
            SQLite (50 rows a page): rows/s and the ratio (target >= 0.5x). Sammen is served as production serves it (`sammen serve`).
latency     one dispatcher on the event loop of a process that commits changes to initiatives
            through the audited path (as requests in `sammen serve` do) at --rate a second for
            --duration seconds, one endpoint on a local receiver. Per delivery: the time from the
            change's timestamp (taken in its transaction, just before commit) to the receiver's
            200; p50 and p99. Also the commits' latency and the event loop's lag, with the
            dispatcher on and off (what the dispatcher costs the requests sharing its loop).
            (Changes through HTTP would measure the write endpoints: POST /initiatives costs
            10-20 ms of CPU, so one process cannot make 100 a second on this machine.)
throughput  --events outbox rows (initiative.updated) waiting, one endpoint on a fast local
            receiver, then `sammen worker`: deliveries/s from the first delivery made to the
            last one answered (fan-out, signing, sending and recording; target >= 500/s).

The limit app is ../shared/bench/limit_app.py relative to the repository root (LIMIT_APP_DIR
overrides; bench/common.py finds it and builds the throwaway databases). Traffic stays on 127.0.0.1 and every part is bounded in time. Timings are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(1, str(ROOT))
from bench.common import PY, SECRET, Place, get_json, limit_app, place, seed, token, wait_for, wrk  # noqa: E402

EDITOR = "editor@aab.demo"


# ---------------------------------------------------------------- the database
async def fill(url: str, *, initiatives: int, changes: int) -> None:
    """Migrate and seed, add `initiatives` partner-visible initiatives and `changes` outbox rows about them."""
    from sqlalchemy import insert, select, text

    from sammen.core.db import Database
    from sammen.events.models import ChangeEvent
    from sammen.initiatives.models import Initiative
    from sammen.orgs.models import Organisation

    await seed(url)
    database = Database(url)
    now = dt.datetime.now(dt.UTC)
    async with database.session(write=True) as session:
        orgs = [r[0] for r in await session.execute(select(Organisation.id).where(Organisation.is_party))]  # type: ignore[arg-type]
        rows = [
            {
                "title": f"Bench-indsats {k}",
                "summary": "En indsats fra benchmarket.",
                "description": "Beskrivelse " * 20,
                "lead_organisation_id": orgs[k % len(orgs)],
                "levels": "individ",
                "size": "small",
                "horizon": "short",
                "phase": 2,
                "phase_overridden": False,
                "status": "active",
                "starts_on": dt.date(2024, 1, 1),
                "tags": ["bench"],
                "visibility": ("partners", "public")[k % 2],
                "external_id": f"bench-{k}",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for k in range(initiatives)
        ]
        await session.execute(insert(Initiative), rows)
        ids = [
            r[0]
            for r in await session.execute(
                select(Initiative.id).where(Initiative.external_id.like("bench-%"))
            )
        ]  # type: ignore[union-attr]
        outbox = [
            {
                "txid": 0,
                "occurred_at": now,
                "type": "initiative.updated",
                "resource_type": "initiative",
                "resource_id": ids[n % len(ids)],
                "action": "updated",
                "version": 1,
                "link": f"/api/v1/initiatives/{ids[n % len(ids)]}",
                "organisation_id": None,
            }
            for n in range(changes)
        ]
        for start in range(0, len(outbox), 5000):
            await session.execute(insert(ChangeEvent), outbox[start : start + 5000])
    async with database.session(write=True) as session:
        await session.execute(text("ANALYZE"))
    await database.dispose()


async def sql(url: str, statement: str) -> list[Any]:
    from sqlalchemy import text

    from sammen.core.db import Database

    database = Database(url)
    try:
        async with database.session(write=True) as session:
            result = await session.execute(text(statement))
            return list(result.all()) if result.returns_rows else []
    finally:
        await database.dispose()


# ---------------------------------------------------------------- processes
class Processes:
    def __init__(self, where: Place) -> None:
        self.where = where
        self.tmp, self.url = where.tmp, where.url
        self.running: list[subprocess.Popen[bytes]] = []

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.url,
            "JWT_SECRET": SECRET,
            "PYTHONPATH": str(ROOT / "backend"),
            "ENVIRONMENT": "development",
            "ACCESS_TOKEN_MINUTES": "60",
            "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
            "PDF_WARM_UP": "false",  # no PDFs here: no worker warming up during the measurement
            **extra,
        }

    def start(self, cmd: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(cmd, env=env or self.env(), cwd=self.tmp)
        self.running.append(process)
        return process

    def sammen(self, port: int, **extra: str) -> subprocess.Popen[bytes]:
        cmd = [PY, "-m", "sammen.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
        process = self.start(cmd, self.env(**extra))
        wait_for(f"http://127.0.0.1:{port}/api/v1/health", 120)
        return process

    def receiver(self, port: int) -> None:
        app = ["webhook_receiver:app", "--app-dir", str(ROOT / "bench"), "--port", str(port)]
        self.start([PY, "-m", "uvicorn", *app, "--no-access-log", "--log-level", "warning"])
        wait_for(f"http://127.0.0.1:{port}/stats", 120)

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        self.running.remove(process)

    def stop_all(self) -> None:
        for process in list(self.running):
            self.stop(process)


async def register(base: str, admin: str, url: str, types: list[str], org_url: str) -> None:
    import httpx

    async with httpx.AsyncClient(timeout=30) as http:
        orgs = (await http.get(f"{base}/organisations", headers={"Authorization": f"Bearer {admin}"})).json()
        aab = next(o["id"] for o in orgs["items"] if o["slug"] == "aab")
        response = await http.post(
            f"{base}/webhook-endpoints",
            json={"url": url, "event_types": types, "organisation_id": aab},
            headers={"Authorization": f"Bearer {admin}"},
        )
        assert response.status_code == 201, response.text


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# ---------------------------------------------------------------- feed
def part_feed(procs: Processes, args: argparse.Namespace) -> None:
    limit, limit_token = limit_app(procs.where, args.port + 2)
    limit_path = "/items-pg" if procs.where.postgres else "/items-db"
    server = procs.sammen(args.port, WEBHOOK_DISPATCHER="off")
    bearer = asyncio.run(token(procs.url, EDITOR))
    feed = f"http://127.0.0.1:{args.port}/api/v1/changes?limit=1000"
    req = urllib.request.Request(feed, headers={"Authorization": f"Bearer {bearer}"})
    with urllib.request.urlopen(req) as response:
        page = response.read()
    import json

    entries = len(json.loads(page)["items"])
    print(f"feed page: {entries} entries, {len(page):,} bytes")
    runs = [
        (f"limit {limit_path}", f"http://127.0.0.1:{args.port + 2}{limit_path}", limit_token, 50),
        ("GET /changes?limit=1000", feed, bearer, entries),
    ]
    for _, target, auth, _rows in runs:
        wrk(target, auth, 2, connections=16)  # warm up
    rounds = []
    for number in range(1, args.rounds + 1):
        figures = [wrk(target, auth, args.wrk_duration, connections=16) for _, target, auth, _rows in runs]
        rounds.append(figures)
        print(
            f"round {number}: "
            + ", ".join(
                f"{n} {f['rps']:.0f} req/s ({f['rps'] * rows:,.0f} rows/s)"
                for (n, _, _, rows), f in zip(runs, figures, strict=True)
            ),
            flush=True,
        )
    ratio = statistics.median((r[1]["rps"] * entries) / (r[0]["rps"] * 50) for r in rounds)
    print(f"\nfeed: {statistics.median(r[1]['rps'] for r in rounds) * entries:,.0f} rows/s "
          f"(p50 {statistics.median(r[1]['p50'] for r in rounds):.1f} ms, p99 {statistics.median(r[1]['p99'] for r in rounds):.1f} ms); "
          f"limit {limit_path} {statistics.median(r[0]['rps'] for r in rounds) * 50:,.0f} rows/s; ratio {ratio:.2f}x (target >= 0.5x)")  # fmt: skip
    procs.stop(server)
    limit.stop()


# ---------------------------------------------------------------- latency
async def sql_in(session: Any, statement: str) -> list[Any]:
    from sqlalchemy import text

    return list((await session.execute(text(statement))).all())


async def register_direct(url: str, receiver: str, types: list[str]) -> None:
    """An endpoint of AAB's, registered through the service (the admin's API call, without HTTP)."""
    from sammen.core.config import Settings
    from sammen.core.db import Database
    from sammen.core.permissions import Principal, Role
    from sammen.events import service
    from sammen.events.schemas import EndpointCreate

    settings = Settings(
        database_url=url, jwt_secret=SECRET, environment="development", webhook_allow_private_addresses=True
    )
    database = Database(url)
    admin = Principal(kind="user", id=0, name="bench", roles={1: frozenset({Role.admin})})
    try:
        async with database.session(write=True) as session:
            aab = (await sql_in(session, "SELECT id FROM organisations WHERE slug = 'aab'"))[0][0]
            data = EndpointCreate(url=receiver, event_types=types, organisation_id=aab)
            await service.create_endpoint(session, actor=admin, data=data, settings=settings)
    finally:
        await database.dispose()


async def changes_at(
    url: str, *, rate: float, duration: float, dispatch: bool
) -> tuple[list[float], list[float], int]:
    """In one process, as in `sammen serve`: changes committed through the audited path at `rate` a
    second while (if `dispatch`) one dispatcher runs on the same event loop. Returns the commits'
    latencies (ms), the event loop's lag samples (ms) and how many changes were made."""
    from sqlalchemy import update
    from sqlmodel import col

    from sammen.core import audit
    from sammen.core.config import Settings
    from sammen.core.db import Database
    from sammen.events.dispatcher import Dispatcher
    from sammen.initiatives.models import Initiative

    settings = Settings(
        database_url=url, jwt_secret=SECRET, environment="development", webhook_allow_private_addresses=True
    )
    database = Database(url)
    async with database.session(write=False) as session:
        ids = [
            r[0]
            for r in await sql_in(
                session, "SELECT id FROM initiatives WHERE external_id LIKE 'bench-%' ORDER BY id"
            )
        ]
    stop = asyncio.Event()
    running = asyncio.create_task(Dispatcher(database, settings).run(stop)) if dispatch else None
    lags: list[float] = []
    commits: list[float] = []

    async def watch_loop() -> None:
        while not stop.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0.01)
            lags.append((time.perf_counter() - start - 0.01) * 1000)

    writers = asyncio.Semaphore(8)  # as a server's requests would queue, never a pile of thousands

    async def change(n: int) -> None:
        # the smallest audited change: a new version of an initiative and its audit event (whose
        # listener writes the outbox row at commit), as every mutation path makes them
        start = time.perf_counter()
        initiative_id = ids[n % len(ids)]
        async with writers, database.session(write=True) as session:
            await session.execute(
                update(Initiative)
                .where(col(Initiative.id) == initiative_id)
                .values(version=col(Initiative.version) + 1)
            )
            audit.record(
                session,
                actor=None,
                action="initiative.update",
                object_type="initiative",
                object_id=initiative_id,
            )
        commits.append((time.perf_counter() - start) * 1000)

    watcher = asyncio.create_task(watch_loop())
    tasks = []
    begin = time.perf_counter()
    n = 0
    while (elapsed := time.perf_counter() - begin) < duration:
        if n / rate > elapsed:
            await asyncio.sleep(n / rate - elapsed)
        tasks.append(asyncio.create_task(change(n)))
        n += 1
    await asyncio.gather(*tasks)
    took = time.perf_counter() - begin
    print(
        f"  {n} changes committed in {took:.1f} s ({n / took:.0f}/s; {'with' if dispatch else 'without'} the dispatcher)"
    )
    if running is not None:
        await asyncio.sleep(3)  # the last deliveries
    stop.set()
    await watcher
    if running is not None:
        await running
    await database.dispose()
    return commits, lags, n


def part_latency(procs: Processes, args: argparse.Namespace) -> None:
    receiver_port = args.port + 1
    procs.receiver(receiver_port)
    urllib.request.urlopen(
        urllib.request.Request(f"http://127.0.0.1:{receiver_port}/reset", data=b"", method="POST")
    )
    asyncio.run(register_direct(procs.url, f"http://127.0.0.1:{receiver_port}/timed", ["initiative.updated"]))
    commits, lags, made = asyncio.run(
        changes_at(procs.url, rate=args.rate, duration=args.duration, dispatch=True)
    )
    delivered = get_json(f"http://127.0.0.1:{receiver_port}/stats")["latencies_ms"]
    print(f"\nlatency: {made} changes at {args.rate:g}/s for {args.duration:g} s, one dispatcher on the writers' event loop: "
          f"{len(delivered)} delivered; change -> receiver 200: p50 {pct(delivered, 50):.1f} ms, p99 {pct(delivered, 99):.1f} ms, "
          f"max {max(delivered, default=float('nan')):.0f} ms")  # fmt: skip
    print(
        f"  commits with the dispatcher on:  p50 {pct(commits, 50):.1f} ms, p99 {pct(commits, 99):.1f} ms; "
        f"event loop lag p50 {pct(lags, 50):.1f} ms, p99 {pct(lags, 99):.1f} ms"
    )
    quiet, quiet_lags, _ = asyncio.run(
        changes_at(procs.url, rate=args.rate, duration=min(args.duration, 20), dispatch=False)
    )
    print(
        f"  commits with the dispatcher off: p50 {pct(quiet, 50):.1f} ms, p99 {pct(quiet, 99):.1f} ms; "
        f"event loop lag p50 {pct(quiet_lags, 50):.1f} ms, p99 {pct(quiet_lags, 99):.1f} ms"
    )


# ---------------------------------------------------------------- throughput
def part_throughput(procs: Processes, args: argparse.Namespace) -> None:
    receiver_port = args.port + 1
    procs.receiver(receiver_port)
    urllib.request.urlopen(
        urllib.request.Request(f"http://127.0.0.1:{receiver_port}/reset", data=b"", method="POST")
    )
    base = f"http://127.0.0.1:{args.port}/api/v1"
    admin = asyncio.run(token(procs.url, "admin@sammen.demo"))
    server = procs.sammen(args.port, WEBHOOK_DISPATCHER="off")
    asyncio.run(register(base, admin, f"http://127.0.0.1:{receiver_port}/fast", ["initiative.updated"], base))
    procs.stop(server)
    # the endpoint is younger than the waiting rows: make them its events
    asyncio.run(sql(procs.url, "UPDATE webhook_endpoints SET created_at = created_at - INTERVAL '1 hour'"
                    if "postgresql" in procs.url else
                    "UPDATE webhook_endpoints SET created_at = datetime(created_at, '-1 hour')"))  # fmt: skip
    waiting = asyncio.run(
        sql(procs.url, "SELECT count(*) FROM change_events WHERE type = 'initiative.updated'")
    )[0][0]
    done, busy, wall = deliver_all(procs, waiting, args)
    received = get_json(f"http://127.0.0.1:{receiver_port}/stats")
    print(f"\nthroughput: {done:,} of {waiting:,} deliveries succeeded; {done / busy:,.0f} deliveries/s from the first "
          f"delivery made to the last answered, fan-out included ({busy:.1f} s; {wall:.1f} s with the worker's "
          f"start-up); the receiver saw {received['count']:,} requests, {received['unique']:,} webhook-ids "
          "(target >= 500/s)")  # fmt: skip
    # The two halves apart: the same number of new changes fanned out first (in this process), then
    # only sent by the worker.
    asyncio.run(sql(procs.url, "DELETE FROM webhook_attempts"))
    asyncio.run(sql(procs.url, "DELETE FROM webhook_deliveries"))
    asyncio.run(sql(procs.url, "INSERT INTO change_events (txid, occurred_at, type, resource_type, resource_id, "
                    "action, version, link, organisation_id) SELECT txid, occurred_at, type, resource_type, "
                    "resource_id, action, version, link, organisation_id FROM change_events"))  # fmt: skip
    rows, seconds = asyncio.run(fan_out_all(procs.url))
    done, busy, _ = deliver_all(procs, rows, args, since="SELECT min(attempted_at) FROM webhook_attempts")
    print(
        f"  apart: fan-out {rows / seconds:,.0f} outbox rows/s (rendering each initiative as its GET shows it); "
        f"sending alone {done / busy:,.0f} deliveries/s"
    )


async def fan_out_all(url: str) -> tuple[int, float]:
    from sammen.core.db import Database
    from sammen.events.fanout import fan_out

    database = Database(url)
    start, rows = time.perf_counter(), 0
    while made := (await fan_out(database, limit=200, min_n_default=5, retry_hours=24)).rows:
        rows += made
    await database.dispose()
    return rows, time.perf_counter() - start


def deliver_all(
    procs: Processes,
    waiting: int,
    args: argparse.Namespace,
    since: str = "SELECT min(created_at) FROM webhook_deliveries",
) -> tuple[int, float, float]:
    """`sammen worker` until `waiting` deliveries succeeded: (succeeded, seconds from `since` (the first
    delivery made) to the last answered, seconds with the worker's start-up)."""
    start = time.monotonic()
    profile = ["-m", "cProfile", "-o", f"{args.profile}.{int(start)}"] if args.profile else []
    worker = procs.start([PY, *profile, "-m", "sammen.cli", "worker"])
    deadline = time.monotonic() + args.duration + 120
    done = 0
    while time.monotonic() < deadline:
        done = asyncio.run(
            sql(procs.url, "SELECT count(*) FROM webhook_deliveries WHERE status = 'succeeded'")
        )[0][0]
        if done >= waiting:
            break
        time.sleep(0.5)
    wall = time.monotonic() - start
    procs.stop(worker)
    first = asyncio.run(sql(procs.url, since))[0][0]
    last = asyncio.run(sql(procs.url, "SELECT max(delivered_at) FROM webhook_deliveries"))[0][0]
    if isinstance(first, str):
        first, last = dt.datetime.fromisoformat(first), dt.datetime.fromisoformat(last)
    return done, (last - first).total_seconds(), wall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--parts", default="feed,latency,throughput")
    parser.add_argument("--duration", type=float, default=60, help="seconds of writing (latency)")
    parser.add_argument("--rate", type=float, default=100, help="changes a second (latency)")
    parser.add_argument("--events", type=int, default=5000, help="waiting outbox rows (throughput)")
    parser.add_argument("--wrk-duration", type=int, default=10, help="seconds per wrk run (feed)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of wrk runs (feed)")
    parser.add_argument("--port", type=int, default=8031)
    parser.add_argument("--profile", help="cProfile the worker into PROFILE.<time> (throughput)")
    parser.add_argument(
        "--postgres", action="store_true", help="a throwaway PostgreSQL cluster instead of SQLite"
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if "feed" in parts and shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    with place(args.postgres) as where:
        asyncio.run(
            fill(
                where.url,
                initiatives=max(1000, args.events),
                changes=max(1000, args.events) if "throughput" in parts or "feed" in parts else 0,
            )
        )
        print(
            f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; machine load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        procs = Processes(where)
        try:
            for name, part in (
                ("feed", part_feed),
                ("throughput", part_throughput),
                ("latency", part_latency),
            ):
                if name in parts:
                    part(procs, args)
                    procs.stop_all()
        finally:
            procs.stop_all()


if __name__ == "__main__":
    main()
