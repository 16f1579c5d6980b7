"""Observation import and export through the API, against the database driver as the limit.

    PYTHONPATH=backend python bench/observations.py                 # SQLite
    scripts/with-postgres.sh env BENCH_PG_URL='$SAMMEN_TEST_PG_URL' ... # and PostgreSQL

For each database it builds a fresh migrated and seeded database, adds a few thousand
areas (estates / municipalities) so the sets are realistic in shape, starts the API with
uvicorn (one worker) and measures:

* import: 100,000 observation rows as a CSV file through ``POST /observations/imports``,
  against the driver inserting the same rows (sqlite3 ``executemany`` / psycopg ``COPY``);
* export: 1,000,000 rows as CSV through ``GET /observations?format=csv`` (streamed, read
  by a partner who does not own the indicators, so every visibility rule runs), against
  a plain SELECT of the same columns written to CSV with the driver;
* the server's peak memory (VmHWM) during the export, in a freshly started server.

It prints rows per second and the ratio API / limit. Targets: import >= 25 %, export
>= 50 %, export peak memory < 300 MB. Timings are printed, never asserted.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from sammen.core import migrate  # noqa: E402
from sammen.core.config import Settings  # noqa: E402
from sammen.core.db import Database  # noqa: E402
from sammen.core.security import PasswordHashing, create_access_token  # noqa: E402
from sammen.indicators.writes import INSERT_COLUMNS  # noqa: E402
from sammen.orgs import service as orgs_service  # noqa: E402
from sammen.orgs.models import User  # noqa: E402

SECRET = "bench-secret-for-sammen-0123456789abcdef0123"
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
EXPORT_ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "1000000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
IMPORT_INDICATORS = ("k1-uden-beskaeftigelse", "k3-kun-grundskole", "beskaeftigelse", "neet")
OBS_COLUMNS = list(INSERT_COLUMNS)


def settings(url: str) -> Settings:
    return Settings(
        database_url=url,
        jwt_secret=SECRET,
        demo_mode=True,
        argon2_time_cost=1,
        argon2_memory_kib=64,
        environment="development",
    )


async def prepare(url: str) -> None:
    from sammen.seed import demo, loader

    database = Database(url)
    try:
        async with database.session(write=True) as session:
            report = await loader.load_agreement(session, loader.read())
            await demo.seed_demo(session, hasher=PasswordHashing(settings(url)), report=report)
    finally:
        await database.dispose()


async def token_for(url: str, email: str) -> str:
    from sqlmodel import select

    database = Database(url)
    try:
        async with database.session(write=False) as session:
            user = (await session.scalars(select(User).where(User.email == email))).one()
            assert user.id is not None
            principal = await orgs_service.load_user_principal(session, user_id=user.id)
            assert principal is not None
    finally:
        await database.dispose()
    token, _ = create_access_token(
        settings(url), sub=principal.subject, name=principal.name, orgs=principal.claims_orgs()
    )
    return token


# ----------------------------------------------------------------- driver access
class Driver:
    """The raw driver: sqlite3 or psycopg (sync), for setup and for the limit measurements."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pg = url.startswith("postgresql")

    def connect(self) -> Any:
        if self.pg:
            import psycopg

            return psycopg.connect(self.url.replace("postgresql+psycopg://", "postgresql://", 1))
        return sqlite3.connect(self.url.split(":///", 1)[1])

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        con = self.connect()
        try:
            return list(con.execute(sql).fetchall())
        finally:
            con.close()

    def execute(self, sql: str) -> None:
        con = self.connect()
        try:
            con.execute(sql)
            con.commit()
        finally:
            con.close()

    def bulk_insert(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        con = self.connect()
        try:
            if self.pg:
                with con.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in columns)
                con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            con.commit()
        finally:
            con.close()

    def select_to_csv(self, out: io.TextIOBase) -> int:
        """The limit for exports: the same columns, a plain SELECT, written with csv.writer."""
        sql = (
            "SELECT i.code, a.code, o.period, o.pub_value, o.pub_n, o.pub_status, o.pub_comment, "
            "o.pub_missing_reason FROM observations o JOIN indicators i ON i.id = o.indicator_id "
            "JOIN areas a ON a.id = o.area_id ORDER BY o.id"
        )
        con = self.connect()
        n = 0
        try:
            writer = csv.writer(out, lineterminator="\n")
            cur = con.cursor(name="bench") if self.pg else con.cursor()
            cur.execute(sql)
            while rows := cur.fetchmany(10_000):
                writer.writerows(rows)
                n += len(rows)
            cur.close()
        finally:
            con.close()
        return n

    def ts(self, value: dt.datetime) -> Any:
        return value if self.pg else value.replace(tzinfo=None).isoformat(sep=" ")

    def day(self, value: dt.date) -> Any:
        return value if self.pg else value.isoformat()

    def flag(self, value: bool) -> Any:
        return value if self.pg else int(value)


# ----------------------------------------------------------------- data sets
def add_areas(driver: Driver, count: int) -> list[int]:
    now = driver.ts(dt.datetime.now(dt.UTC))
    rows = [
        (f"bench-{k:05d}", f"Område {k}", "estate", None, None, 100 + k, 1, now, now) for k in range(count)
    ]
    driver.bulk_insert(
        "areas",
        ["code", "name", "kind", "dst_code", "parent_id", "position", "version", "created_at", "updated_at"],
        rows,
    )
    return [r[0] for r in driver.query("SELECT id FROM areas WHERE code LIKE 'bench-%' ORDER BY id")]


def import_csv(area_codes: list[str]) -> tuple[bytes, int]:
    years = range(2000, 2025)
    per_area = len(IMPORT_INDICATORS) * len(years)
    areas = area_codes[: -(-IMPORT_ROWS // per_area)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["indicator", "area", "period", "value", "n", "status", "comment"])
    n = 0
    for code in IMPORT_INDICATORS:
        for area in areas:
            for year in years:
                if n == IMPORT_ROWS:
                    break
                value = f"{(hash((code, area, year)) % 1000) / 10:.1f}".replace(".", ",")
                writer.writerow([code, area, str(year), value, str(50 + year % 40), "final", ""])
                n += 1
    return ("\ufeff" + buffer.getvalue()).encode(), n


def _periods(periodicity: str) -> list[tuple[str, str, dt.date]]:
    if periodicity == "quarter":
        return [
            (f"{y}-Q{q}", "quarter", dt.date(y, 3 * q - 2, 1)) for y in range(2010, 2025) for q in range(1, 5)
        ]
    if periodicity == "school_year":
        return [(f"{y}/{(y + 1) % 100:02d}", "school_year", dt.date(y, 8, 1)) for y in range(1995, 2025)]
    if periodicity == "election":
        return [
            (f"{y}-11-0{1 + k % 8}", "date", dt.date(y, 11, 1 + k % 8))
            for k, y in enumerate(range(1990, 2025, 4))
        ]
    return [(str(y), "year", dt.date(y, 1, 1)) for y in range(1995, 2025)]


def export_rows(
    driver: Driver, indicators: list[tuple[int, str]], area_ids: list[int]
) -> Iterator[tuple[Any, ...]]:
    now = driver.ts(dt.datetime.now(dt.UTC))
    n = 0
    for area_id in area_ids:
        for indicator_id, periodicity in indicators:
            for period, kind, start in _periods(periodicity):
                if n == EXPORT_ROWS:
                    return
                value = float((indicator_id * 7919 + area_id * 31 + start.year) % 1000) / 10
                count = 3 if n % 97 == 0 else 60  # a few small numbers, withheld from other organisations
                yield (
                    1, indicator_id, area_id, period, kind, driver.day(start), value, None, count, "final", None,
                    "approved", None, "bench", now, driver.flag(True), value, None, count, "final", None,
                    None, "bench", now, driver.flag(False), now, now, "bench", now,
                )  # fmt: skip
                n += 1


# ----------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "JWT_SECRET": SECRET,
            "DEMO_MODE": "true",
            "PYTHONPATH": str(ROOT / "backend"),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "sammen.main:create_app", "--factory", "--port", str(self.port),
             "--no-access-log", "--log-level", "warning"],
            env=env,
            cwd=ROOT,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}/api/v1"
        for _ in range(200):
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def peak_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(ln for ln in status.splitlines() if ln.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


# ----------------------------------------------------------------- the runs
def _driver_import_rows(driver: Driver, data: bytes, area_id: dict[str, int]) -> list[tuple[Any, ...]]:
    ids = {code: i for i, code in driver.query("SELECT id, code FROM indicators")}
    now = driver.ts(dt.datetime.now(dt.UTC))
    rows = []
    for line in data.decode("utf-8-sig").splitlines()[1:]:
        code, area, period, value, n, status, _ = line.split(";")
        rows.append(
            (1, ids[code], area_id[area], period, "year", driver.day(dt.date(int(period), 1, 1)),
             float(value.replace(",", ".")), None, int(n), status, None, "draft", None, "bench", now,
             driver.flag(False), None, None, None, None, None, None, None, None, driver.flag(False), now, now,
             None, None)
        )  # fmt: skip
    return rows


def _median(values: list[float]) -> float:
    return statistics.median(values)


def run(name: str, url: str) -> dict[str, float]:
    print(f"\n== {name} (median of {REPEAT} runs each; API and driver runs alternate)", flush=True)
    migrate.upgrade(url)
    asyncio.run(prepare(url))
    driver = Driver(url)
    needed = -(-EXPORT_ROWS // 450) + 10
    area_ids = add_areas(driver, needed)
    area_codes = [f"bench-{k:05d}" for k in range(needed)]
    owner_token = asyncio.run(token_for(url, "editor@gladsaxe-kommune.demo"))
    reader_token = asyncio.run(token_for(url, "viewer@aab.demo"))
    data, n_import = import_csv(area_codes)
    driver_rows = _driver_import_rows(driver, data, dict(zip(area_codes, area_ids, strict=True)))
    clear = "DELETE FROM observations WHERE area_id IN (SELECT id FROM areas WHERE code LIKE 'bench-%')"
    api_rates: list[float] = []
    limit_rates: list[float] = []
    peaks: list[float] = []
    for _ in range(REPEAT):
        driver.execute(clear)
        server = Server(url)  # a fresh server per run: its peak memory is this run's
        try:
            t0 = time.perf_counter()
            response = httpx.post(
                f"{server.base}/observations/imports",
                files={"file": ("bench.csv", data, "text/csv")},
                headers={"Authorization": f"Bearer {owner_token}"},
                timeout=600,
            )
            elapsed = time.perf_counter() - t0
            assert response.status_code == 200, response.text[:500]
            assert response.json()["created"] == n_import, response.json()
            api_rates.append(n_import / elapsed)
            peaks.append(server.peak_mb())
        finally:
            server.stop()
        driver.execute(clear)
        t0 = time.perf_counter()
        driver.bulk_insert("observations", OBS_COLUMNS, driver_rows)
        limit_rates.append(n_import / (time.perf_counter() - t0))
    how = "COPY" if driver.pg else "executemany"
    figures = {
        "import_api": _median(api_rates),
        "import_limit": _median(limit_rates),
        "import_peak_mb": max(peaks),
    }
    print(
        f"import  API  CSV {n_import:>9,} rows {figures['import_api']:>12,.0f} rows/s  runs: {_fmt(api_rates)}"
    )
    print(
        f"import  driver {how:11s}      {figures['import_limit']:>12,.0f} rows/s  runs: {_fmt(limit_rates)}"
    )
    print(f"import  ratio API / limit: {figures['import_api'] / figures['import_limit']:.0%} (target >= 25%); "
          f"server peak {figures['import_peak_mb']:.0f} MB")  # fmt: skip

    # Export: a million published rows, loaded with the driver (setup, not timed).
    driver.execute("DELETE FROM observations")
    indicators = [
        (i, p)
        for i, p in driver.query(
            "SELECT id, periodicity FROM indicators WHERE visibility <> 'restricted' ORDER BY id"
        )
    ]
    driver.bulk_insert("observations", OBS_COLUMNS, list(export_rows(driver, indicators, area_ids)))
    total = driver.query("SELECT count(*) FROM observations")[0][0]
    api_rates, limit_rates, peaks, befores = [], [], [], []
    for _ in range(REPEAT):
        server = Server(url)
        try:
            auth = {"Authorization": f"Bearer {reader_token}"}
            httpx.get(f"{server.base}/observations", params={"limit": 5}, headers=auth)
            befores.append(server.peak_mb())
            t0 = time.perf_counter()
            lines = 0
            with httpx.stream(
                "GET", f"{server.base}/observations", params={"format": "csv"}, headers=auth, timeout=600
            ) as stream:
                assert stream.status_code == 200
                for chunk in stream.iter_bytes():
                    lines += chunk.count(b"\n")
            elapsed = time.perf_counter() - t0
            assert lines - 1 == total, (lines, total)
            api_rates.append(total / elapsed)
            peaks.append(server.peak_mb())
        finally:
            server.stop()
        with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
            t0 = time.perf_counter()
            n = driver.select_to_csv(out)  # type: ignore[arg-type]
            limit_rates.append(n / (time.perf_counter() - t0))
    figures.update(
        export_api=_median(api_rates), export_limit=_median(limit_rates), export_peak_mb=max(peaks)
    )
    print(
        f"export  API  CSV {total:>9,} rows {figures['export_api']:>12,.0f} rows/s  runs: {_fmt(api_rates)}"
    )
    print(
        f"export  driver SELECT→csv      {figures['export_limit']:>12,.0f} rows/s  runs: {_fmt(limit_rates)}"
    )
    print(f"export  ratio API / limit: {figures['export_api'] / figures['export_limit']:.0%} (target >= 50%)")
    print(f"export  server peak memory: {figures['export_peak_mb']:.0f} MB (target < 300 MB; "
          f"{max(befores):.0f} MB after start-up and one page)")  # fmt: skip
    return figures


def _fmt(rates: list[float]) -> str:
    return ", ".join(f"{r:,.0f}" for r in rates)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sammen-bench-") as tmp:
        results = {"sqlite": run("SQLite", f"sqlite+aiosqlite:///{tmp}/bench.db")}
        pg_admin = os.environ.get("BENCH_PG_URL")
        if pg_admin:
            import psycopg

            plain = pg_admin.replace("postgresql+psycopg://", "postgresql://", 1)
            name = f"sammen_bench_{os.getpid()}"
            with psycopg.connect(plain, autocommit=True) as con:
                con.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
            try:
                url = (
                    plain.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name
                )
                results["postgresql"] = run("PostgreSQL", url)
            finally:
                with psycopg.connect(plain, autocommit=True) as con:
                    con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
        print("\n== summary (rows/s)")
        for backend, f in results.items():
            print(
                f"{backend:10s} import {f['import_api']:>10,.0f} / {f['import_limit']:>10,.0f} = "
                f"{f['import_api'] / f['import_limit']:.0%}   export {f['export_api']:>10,.0f} / "
                f"{f['export_limit']:>10,.0f} = {f['export_api'] / f['export_limit']:.0%}   "
                f"export peak {f['export_peak_mb']:.0f} MB"
            )


if __name__ == "__main__":
    main()
