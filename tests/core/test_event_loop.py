"""No request holds the event loop while its database works.

A GET with several hundred milliseconds of database work (a CSV export of many observations)
runs beside a ticker task that records the longest gap between its ticks. If a statement ran
on the loop's thread, the ticker would stall for as long as the statement; the gap must stay
under a fifth of the export's database time, on both databases. Generous on purpose: it
catches blocking, not noise. A busy machine (CI beside other suites) leaves a runnable loop
waiting for a core now and then whatever the code does: the gaps the ticker sees while the loop
merely sleeps for as long, measured right before, are that noise, and are allowed on top.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import time
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import text

from sammen.core import heap
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.indicators import observations
from sammen.indicators.bulk_insert import INSERT_COLUMNS
from sammen.main import create_app

AREAS, PERIODS = 40, 150
ENOUGH_SECONDS, MAX_BATCHES = 0.25, 6  # a faster machine gets more rows, up to 6 × 40 areas


async def _fill(database: Database, batch: int) -> int:
    """Many published observations over another 40 areas, written by the driver (fast)."""
    async with database.session(write=True) as session:
        indicators = [r[0] for r in await session.execute(text("SELECT id FROM indicators"))]
        for n in range(AREAS):
            await session.execute(
                text("INSERT INTO areas (code, name, kind, position, version, created_at, updated_at) "
                     "VALUES (:c, :c, 'comparison', 0, 1, :t, :t)"),
                {"c": f"bench-area-{batch}-{n}", "t": dt.datetime(2026, 1, 1)},
            )  # fmt: skip
        areas = [
            r[0]
            for r in await session.execute(
                text("SELECT id FROM areas WHERE code LIKE :prefix"), {"prefix": f"bench-area-{batch}-%"}
            )
        ]
    sqlite = database.is_sqlite
    at = "2026-01-01 00:00:00.000000" if sqlite else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    yes = 1 if sqlite else True
    rows = []
    for indicator in indicators:
        for area in areas:
            for p in range(PERIODS):
                period, start = str(1800 + p), dt.date(1800 + p, 1, 1)
                value = float(p % 97)
                rows.append(
                    (1, indicator, area, period, "year", start.isoformat() if sqlite else start, value, None, 50,
                     "final", None, "approved", None, "test", at, yes, value, None, 50, "final", None, None,
                     "test", at, 0 if sqlite else False, at, at, "test", at)
                )  # fmt: skip
    columns = ", ".join(INSERT_COLUMNS)
    if sqlite:
        import sqlite3

        def write() -> None:
            with sqlite3.connect(database.url.split(":///", 1)[1]) as connection:
                marks = ", ".join("?" for _ in INSERT_COLUMNS)
                connection.executemany(f"INSERT INTO observations ({columns}) VALUES ({marks})", rows)
    else:

        def write() -> None:
            with (
                psycopg.connect(database.url.replace("+psycopg", "")) as connection,
                connection.cursor() as cursor,
                cursor.copy(f"COPY observations ({columns}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)

    await asyncio.to_thread(write)
    return len(rows)


async def _database_time(database: Database) -> tuple[float, int]:
    """How long the export's statement takes in the database alone (the driver, in a thread)."""
    stmt = observations.observation_select(
        None, observations.ObservationFilter(), min_n_default=5, for_export=True
    )
    compiled = stmt.compile(dialect=database.engine.dialect, compile_kwargs={"render_postcompile": True})
    sql, params = str(compiled), dict(compiled.params)

    def run() -> tuple[float, int]:
        started = time.perf_counter()
        if database.is_sqlite:
            import sqlite3

            with sqlite3.connect(database.url.split(":///", 1)[1]) as connection:
                found = connection.execute(sql, params).fetchall()
        else:
            with psycopg.connect(database.url.replace("+psycopg", "")) as connection:
                found = connection.execute(sql, params).fetchall()
        return time.perf_counter() - started, len(found)

    return min([await asyncio.to_thread(run) for _ in range(2)])


async def _longest_gap_during(request: Any) -> tuple[float, Any]:
    """Run `request` beside a ticker; the longest gap between ticks, and the request's result."""
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticking = asyncio.create_task(ticker())
    try:
        result = await request
    finally:
        done.set()
        await ticking
    return max(gaps), result


@pytest.mark.asyncio
async def test_an_export_with_much_database_work_never_holds_the_event_loop(
    client: httpx.AsyncClient, database: Database
) -> None:
    database_time, batch = 0.0, 0
    while database_time < ENOUGH_SECONDS and batch < MAX_BATCHES:  # as much work as this machine needs
        await _fill(database, batch)
        database_time, count = await _database_time(database)
        batch += 1
    assert database_time > 0.2, (
        f"the export needs more database work to prove anything ({database_time:.3f} s)"
    )
    with heap.frozen():  # as the server's lifespan does (main.py); the test client skips lifespans
        noise, _ = await _longest_gap_during(asyncio.sleep(database_time))
        gap, response = await _longest_gap_during(
            client.get("/api/v1/observations", params={"format": "csv"})
        )
    assert response.status_code == 200
    assert response.text.count("\n") == count + 1  # every row came through, and the header
    assert gap < database_time / 5 + 2 * noise, (
        f"the loop stalled {gap * 1000:.0f} ms during {database_time * 1000:.0f} ms of database work "
        f"(an idle loop's longest gap meanwhile: {noise * 1000:.0f} ms)"
    )


@pytest.mark.asyncio
async def test_the_server_keeps_its_startup_heap_out_of_full_collections(
    settings: Settings, database: Database
) -> None:
    app = create_app(settings, database)
    assert gc.get_freeze_count() == 0
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 10_000  # the app, its routes and every module, frozen
    assert gc.get_freeze_count() == 0
