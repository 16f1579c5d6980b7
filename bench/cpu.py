"""Benchmark: CPU time per request through the ASGI app, Sammen against the limit app.

    .venv/bin/python bench/cpu.py [--postgres] [--requests 300] [--counts]

Requests/s under wrk depend on what else the machine runs; the CPU a request costs the app's
own process (time.process_time, which counts its threads too: aiosqlite's) depends much less.
Builds the same database as api.py, calls each endpoint through the app in-process (no server,
no load generator; one request at a time) and prints the app's CPU per request and the
database's share of the wall time, with the limit app's /items-pg or /items-db measured the
same way in a process of its own. `--counts` adds the statements and Python function calls per
request (cProfile), which do not vary with the machine's load. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import LIMIT_DIR, SECRET, add_governance, add_initiatives, place, seed, token

LIMIT = """
import asyncio, importlib.util, sys, time
spec = importlib.util.spec_from_file_location("limit_app", sys.argv[1])
limit = importlib.util.module_from_spec(spec); sys.modules["limit_app"] = limit; spec.loader.exec_module(limit)
limit.init_db()
auth = [(b"authorization", f"Bearer {limit.make_token()}".encode())]
async def call(path):
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": auth,
             "client": ("127.0.0.1", 1), "server": ("t", 80)}
    sent = []
    async def receive(): return {"type": "http.request", "body": b"", "more_body": False}
    async def send(m): sent.append(m)
    await limit.app(scope, receive, send)
    assert sent[0]["status"] == 200, sent
async def main(path, n):
    for _ in range(50): await call(path)
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(n): await call(path)
    print((time.process_time() - cpu) / n * 1000, (time.perf_counter() - wall) / n * 1000)
asyncio.run(main(sys.argv[2], int(sys.argv[3])))
"""


async def call(app: Any, path: str, bearer: str | None) -> int:
    route, _, query = path.partition("?")
    headers = [(b"host", b"t")] + ([(b"authorization", f"Bearer {bearer}".encode())] if bearer else [])
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": route, "raw_path": route.encode(), "query_string": query.encode(), "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 1), "server": ("t", 80)}  # fmt: skip
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return int(sent[0]["status"])


def served(url: str) -> Any:
    """The settings `sammen serve` runs with here: no PDF workers, no webhook dispatcher (these
    requests make neither), the lifespan otherwise as in production."""
    from sammen.core.config import Settings

    return Settings(
        database_url=url,
        jwt_secret=SECRET,
        environment="development",
        pdf_warm_up=False,
        webhook_dispatcher="off",
    )


async def measure(
    url: str, paths: dict[str, tuple[str, str | None]], n: int
) -> dict[str, tuple[float, float]]:
    from sammen.core.db import Database
    from sammen.main import create_app

    database = Database(url)
    app = create_app(served(url), database)
    out = {}
    async with app.router.lifespan_context(
        app
    ):  # as `sammen serve` runs it (PostgreSQL: the principal notices)
        for name, (path, bearer) in paths.items():
            for _ in range(30):
                assert await call(app, path, bearer) == 200, name
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(n):
                await call(app, path, bearer)
            out[name] = ((time.process_time() - cpu) / n * 1000, (time.perf_counter() - wall) / n * 1000)
    await database.dispose()
    return out


async def work(
    url: str, paths: dict[str, tuple[str, str | None]], n: int = 20
) -> dict[str, tuple[float, float]]:
    """Statements and Python function calls per request: counts, so they do not depend on what
    else the machine runs (CPU time does, by tens of percent on a shared machine)."""
    import cProfile
    import pstats

    from sqlalchemy import event

    from sammen.core.db import Database
    from sammen.main import create_app

    database = Database(url)
    app = create_app(served(url), database)
    statements = 0

    def counted(*_: Any) -> None:
        nonlocal statements
        statements += 1

    for engine in (database.engine, database.read_engine):
        event.listen(engine.sync_engine, "before_cursor_execute", counted)
    out = {}
    async with app.router.lifespan_context(app):
        for name, (path, bearer) in paths.items():
            for _ in range(10):
                await call(app, path, bearer)
            statements, profile = 0, cProfile.Profile()
            profile.enable()
            for _ in range(n):
                await call(app, path, bearer)
            profile.disable()
            out[name] = (statements / n, pstats.Stats(profile).total_calls / n)  # type: ignore[attr-defined]
    await database.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--counts", action="store_true", help="also statements and Python calls per request")
    args = parser.parse_args()
    with place(args.postgres) as where:
        asyncio.run(seed(where.url))
        asyncio.run(add_initiatives(where.url, 10_000))
        asyncio.run(add_governance(where.url))
        editor = asyncio.run(token(where.url, "editor@aab.demo"))
        paths = {
            "list": ("/api/v1/initiatives?limit=50&status=active", editor),
            "detail": ("/api/v1/initiatives/77", editor),
            "decisions": ("/api/v1/decisions?limit=50", editor),
            "meetings": ("/api/v1/meetings?limit=50", editor),
            "action-items": ("/api/v1/action-items?limit=50", editor),
            "ics": ("/api/v1/calendar/meetings.ics", editor),  # ~300 events
            "health": ("/api/v1/health", None),
        }
        found = asyncio.run(measure(where.url, paths, args.requests))
        counts = asyncio.run(work(where.url, paths)) if args.counts else {}
        env = {**os.environ, "BENCH_DB": str(where.tmp / "limit.db")}
        limit_path = "/items-pg" if args.postgres else "/items-db"
        if where.limit_pg:
            env["BENCH_PG_URL"] = where.limit_pg
        done = subprocess.run(
            [sys.executable, "-c", LIMIT, str(LIMIT_DIR / "limit_app.py"), limit_path, str(args.requests)],
            env=env, cwd=where.tmp, capture_output=True, text=True, check=True,
        )  # fmt: skip
        limit_cpu, limit_wall = (float(x) for x in done.stdout.split())
    print(f"Sammen on {'PostgreSQL' if args.postgres else 'SQLite'}: CPU per request of the app's process "
          f"(threads included), one request at a time; load average {Path('/proc/loadavg').read_text().split()[:3]}")  # fmt: skip
    print(f"{'endpoint':14s} {'CPU ms':>8s} {'wall ms':>8s} {'limit/CPU':>10s}")
    print(f"{'limit ' + limit_path:14s} {limit_cpu:8.3f} {limit_wall:8.3f} {1.0:10.2f}")
    for name, (cpu, wall) in found.items():
        print(f"{name:14s} {cpu:8.3f} {wall:8.3f} {limit_cpu / cpu:10.2f}")
    if counts:
        print(
            f"\n{'endpoint':14s} {'statements':>10s} {'Python calls':>13s}   (per request; counts, load-independent)"
        )
        for name, (statements, calls) in counts.items():
            print(f"{name:14s} {statements:10.1f} {calls:13,.0f}")


if __name__ == "__main__":
    main()
