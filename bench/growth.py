"""Benchmark: how the list and the indicator status grow with the data.

    .venv/bin/python bench/growth.py [--sqlite] [--duration 8] [--observations 100000,1000000,5000000]

On a throwaway PostgreSQL cluster (or with --sqlite a SQLite file), grows the data in steps and
at each step measures, with Sammen served by `sammen serve` (one worker):

* `GET /initiatives?limit=50&status=active` as an editor, wrk -t2 -c32: req/s and p99, at
  1,000 / 10,000 / 100,000 initiatives (target: p99 at 100,000 within 1.5x of 10,000);
* `GET /indicator-status` (every indicator, anonymous) one request at a time: median and p99
  of 30 requests, at 100,000 / 1,000,000 / 5,000,000 approved observations (target at
  1,000,000: under 50 ms; issue #10, point 3).

Observations are written by the driver (COPY / executemany) into the agreement's own areas and
indicators, so the number of series stays as in production and each series' history grows
(monthly values back to the year 100; issue #10 measured 2.3 s at 200,000); the status summary
is rebuilt as the write paths keep it (indicators/series.py). `--status-only` skips the list.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import add_initiatives, free_port, load_average, place, sammen, seed, token, wrk

INITIATIVE_STEPS = (1_000, 10_000, 100_000)


async def add_observations(url: str, total: int, already: int) -> None:
    """Grow the approved observations to `total` (indicator x area x month, from 1900 on)."""
    from sqlalchemy import text

    from sammen.core.db import Database
    from sammen.indicators import series
    from sammen.indicators.writes import INSERT_COLUMNS

    database = Database(url)
    async with database.session(write=True) as session:
        indicators = [r[0] for r in await session.execute(text("SELECT id FROM indicators ORDER BY id"))]
        areas = [r[0] for r in await session.execute(text("SELECT id FROM areas ORDER BY id"))]
    sqlite = database.is_sqlite
    at: object = "2026-01-01 00:00:00.000000" if sqlite else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    series_count = len(indicators) * len(areas)

    def rows():  # type: ignore[no-untyped-def]
        for k in range(already, total):
            step, where = divmod(k, series_count)
            indicator, area = indicators[where % len(indicators)], areas[where // len(indicators)]
            year, month = 100 + step // 12, 1 + step % 12  # long before any real figure
            value = float((k * 7) % 100)
            start = dt.date(year, month, 1)
            yield (1, indicator, area, f"{year}-{month:02d}", "month", start.isoformat() if sqlite else start,
                   value, None, 40, "final", None, "approved", None, "growth", at, 1 if sqlite else True, value,
                   None, 40, "final", None, None, "growth", at, 0 if sqlite else False, at, at, "growth", at)  # fmt: skip

    columns = ", ".join(INSERT_COLUMNS)

    def write() -> None:
        if sqlite:
            import sqlite3

            with sqlite3.connect(url.split(":///", 1)[1]) as connection:
                marks = ", ".join("?" for _ in INSERT_COLUMNS)
                connection.executemany(f"INSERT INTO observations ({columns}) VALUES ({marks})", rows())
        else:
            import psycopg

            with psycopg.connect(url.replace("+psycopg", "")) as connection, connection.cursor() as cursor:
                with cursor.copy(f"COPY observations ({columns}) FROM STDIN") as copy:
                    for row in rows():
                        copy.write_row(row)
                cursor.execute("ANALYZE observations")

    started = time.perf_counter()
    await asyncio.to_thread(write)
    async with database.session(write=True) as session:
        await series.refresh(session, indicator_ids=indicators)
    print(
        f"  ({total - already:,} observations written and summarised in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    await database.dispose()


def status_latency(base: str, count: int = 30) -> tuple[float, float]:
    timings = []
    with httpx.Client(timeout=60) as client:
        assert client.get(f"{base}/indicator-status").status_code == 200
        for _ in range(count):
            started = time.perf_counter()
            response = client.get(f"{base}/indicator-status")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(0.99 * len(timings)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--duration", type=float, default=8)
    parser.add_argument("--observations", default="100000,1000000,5000000")
    parser.add_argument("--status-only", action="store_true")
    args = parser.parse_args()
    steps = [int(s) for s in args.observations.split(",")]
    with place(not args.sqlite) as where:
        asyncio.run(seed(where.url))
        editor = asyncio.run(token(where.url, "editor@aab.demo"))
        print(f"{'Sammen on ' + ('SQLite' if args.sqlite else 'PostgreSQL')}; load average {load_average()}")
        print(f"{'initiatives':>12s} {'list req/s':>11s} {'list p50 ms':>12s} {'list p99 ms':>12s}")
        have, lists = 0, {}
        for step in () if args.status_only else INITIATIVE_STEPS:
            asyncio.run(add_initiatives(where.url, step - have, start=have))
            have = step
            port = free_port()
            server = sammen(where, port)
            try:
                url = f"http://127.0.0.1:{port}/api/v1/initiatives?limit=50&status=active"
                wrk(url, editor, 2)
                lists[step] = wrk(url, editor, args.duration)
            finally:
                server.stop()
            r = lists[step]
            print(
                f"{step:12,d} {r['rps']:11.0f} {r['p50']:12.2f} {r['p99']:12.2f}  (load {load_average()})",
                flush=True,
            )
        if lists:
            ratio = lists[100_000]["p99"] / lists[10_000]["p99"]
            print(f"list p99 at 100,000 / at 10,000: {ratio:.2f} (target <= 1.5)\n")
        print(
            f"{'observations':>12s} {'status p50 ms':>14s} {'status p99 ms':>14s}  (GET /indicator-status, anonymous)"
        )
        done = 0
        for step in steps:
            asyncio.run(add_observations(where.url, step, done))
            done = step
            port = free_port()
            server = sammen(where, port)
            try:
                p50, p99 = status_latency(f"http://127.0.0.1:{port}/api/v1")
            finally:
                server.stop()
            print(
                f"{step:12,d} {p50:14.1f} {p99:14.1f}  (target at 1,000,000: < 50 ms; load {load_average()})",
                flush=True,
            )


if __name__ == "__main__":
    main()
