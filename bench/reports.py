"""The yearly status report: assemble, HTML and PDF times and the server's memory while making the PDF.

    PYTHONPATH=backend python bench/reports.py [--rounds 3]
    scripts/with-postgres.sh bash -c 'BENCH_PG_URL=$SAMMEN_TEST_PG_URL .venv/bin/python bench/reports.py'

Builds a throwaway SQLite database (migrated, seeded with the agreement and the demo), adds 200
initiatives with goal links and progress, and replaces the observations with 10 years of
quarterly figures for every indicator and every area (quarters for quarterly indicators, a
reference day per quarter for the others; some small numbers, withheld). Then, for the draft
report of the year after the data:

* assemble: the content document (partners edition), in process, median of the rounds;
* HTML: rendering that content, in process, median;
* PDF: ``GET /api/v1/reports/{id}.pdf`` from a freshly started ``sammen serve`` (the server starts
  its PDF worker at startup, PDF_WARM_UP; the first request, right after startup, waits for what
  is left of the worker's warm-up; the median is of the later ones), while a second client asks
  ``GET /api/v1/health`` every 50 ms: its slowest answer shows whether the event loop was held;
* memory: the peak resident size (VmHWM) of the server process and of its PDF worker process.

Targets: assemble <= 1 s, HTML <= 1 s, PDF <= 5 s, server peak < 300 MB while making the PDF. The
limit app's /items-db (in a process of its own, in process through ASGI) is measured in the same
run as the machine's speed anchor. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
sys.path.insert(0, str(ROOT / "bench"))
from common import LIMIT_DIR  # noqa: E402 - the limit app's place, as every benchmark finds it

LIMIT_APP = LIMIT_DIR / "limit_app.py"

import httpx  # noqa: E402
from sqlalchemy import delete, insert, select, text  # noqa: E402
from tests.conftest import base_settings, seed_database  # noqa: E402
from tests.factories import mint_token  # noqa: E402

from sammen.core import migrate  # noqa: E402
from sammen.core.db import Database  # noqa: E402

N_INITIATIVES = 200
YEARS = 10
LAST_YEAR = 2025


async def fill(database: Database) -> None:
    from sammen.goals.models import Goal
    from sammen.indicators.models import Area, Indicator, Observation
    from sammen.initiatives.models import Initiative, InitiativeGoal, ProgressUpdate
    from sammen.orgs.models import Organisation

    rng = random.Random(12)
    now = dt.datetime.now(dt.UTC)
    async with database.session(write=True) as session:
        orgs = [r[0] for r in await session.execute(select(Organisation.id).where(Organisation.is_party))]  # type: ignore[arg-type]
        goals = [r[0] for r in await session.execute(select(Goal.id).where(Goal.parent_id.is_not(None)))]  # type: ignore[union-attr]
        rows = [
            {
                "title": f"Bench-indsats {k}: lektiehjælp, tryghed og job i Høje Gladsaxe",
                "summary": "En indsats fra benchmarket.", "lead_organisation_id": orgs[k % len(orgs)],
                "levels": "kvarter", "status": ("active", "active", "planned", "completed")[k % 4],
                "starts_on": dt.date(2018 + k % 8, 1 + k % 12, 1), "tags": [],
                "visibility": ("partners", "public", "public", "restricted")[k % 4], "external_id": f"bench-{k}",
                "phase_overridden": False, "created_at": now, "updated_at": now, "version": 1,
            }
            for k in range(N_INITIATIVES)
        ]  # fmt: skip
        await session.execute(insert(Initiative), rows)
        ids = [
            r[0]
            for r in await session.execute(
                select(Initiative.id).where(Initiative.external_id.like("bench-%"))
            )  # type: ignore[union-attr]
        ]
        links, progress = [], []
        for n, initiative_id in enumerate(ids):
            links += [{"initiative_id": initiative_id, "goal_id": g} for g in rng.sample(goals, 1 + n % 3)]
            progress += [
                {"initiative_id": initiative_id, "organisation_id": orgs[n % len(orgs)],
                 "reported_on": dt.date(LAST_YEAR, 1 + m * 5, 15), "status_colour": ("green", "yellow", "red")[n % 3],
                 "percent_complete": 10 * m + n % 50, "narrative": "Indsatsen skrider frem som planlagt; "
                 "to aktiviteter er gennemført, og en tredje er i gang.", "observation_ids": [],
                 "is_story": m == 2 and n % 20 == 0, "story_title": "En god historie" if n % 20 == 0 else None,
                 "story_text": "Beboerne tog selv initiativ." if n % 20 == 0 else None, "author_name": "Bench",
                 "created_at": now, "updated_at": now, "version": 1}
                for m in range(3)
            ]  # fmt: skip
        await session.execute(insert(InitiativeGoal), links)
        await session.execute(insert(ProgressUpdate), progress)

        await session.execute(delete(Observation))
        areas = [r[0] for r in await session.execute(select(Area.id))]
        observations = []
        for ind_id, periodicity in (await session.execute(select(Indicator.id, Indicator.periodicity))).all():
            for area_id in areas:
                level = 20.0 + rng.random() * 50
                for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
                    for q in range(1, 5):
                        start = dt.date(year, 3 * q - 2, 1)
                        quarterly = str(periodicity) in ("quarter", "Periodicity.quarter")
                        period = f"{year}-Q{q}" if quarterly else start.isoformat()
                        value = round(level + 0.3 * (year - 2016) + rng.uniform(-1.5, 1.5), 1)
                        n = 3 if rng.random() < 0.02 else 200
                        approved = dt.datetime(year, 3 * q - 2, 1, tzinfo=dt.UTC) + dt.timedelta(days=140)
                        observations.append(
                            {"indicator_id": ind_id, "area_id": area_id, "period": period,
                             "period_kind": "quarter" if quarterly else "date", "period_start": start,
                             "value": value, "n": n, "status": "final", "approval": "approved",
                             "entered_by": "bench", "entered_at": approved, "published": True, "pub_value": value,
                             "pub_n": n, "pub_status": "final", "pub_entered_by": "bench", "pub_entered_at": approved,
                             "approved_by": "bench", "approved_at": approved, "self_approved": False, "version": 1,
                             "created_at": now, "updated_at": now}
                        )  # fmt: skip
        await session.execute(insert(Observation), observations)
    async with database.session(write=True) as session:
        await session.execute(text("ANALYZE"))
    print(f"filled: {len(ids)} initiatives, {len(links)} goal links, {len(observations)} observations")


async def report_id(database: Database) -> int:
    """A draft for the year after the data (cut-off 31 December of its last year)."""
    from sammen.core.permissions import Principal, Role
    from sammen.reports import access, service
    from sammen.reports.schemas import ReportCreate

    async with database.session(write=True) as session:
        a = await access.access_of(
            session, Principal(kind="user", id=0, name="Bench", roles={1: frozenset({Role.admin})})
        )
        report = await service.create_report(session, a=a, data=ReportCreate(year=LAST_YEAR + 11))
        report.cutoff = dt.date(LAST_YEAR, 12, 31)
        await session.flush()
        assert report.id is not None
        return report.id


async def in_process(database: Database, rid: int, rounds: int) -> tuple[list[float], list[float], int]:
    from sammen.reports import assembly
    from sammen.reports.documents import html
    from sammen.reports.models import Edition, StatusReport

    assemble_times, html_times, size = [], [], 0
    for _ in range(rounds):
        async with database.session(write=False) as session:
            report = await session.get(StatusReport, rid)
            assert report is not None
            t0 = time.perf_counter()
            content = await assembly.assemble(
                session, report=report, edition=Edition.partners, min_n_default=5
            )
            t1 = time.perf_counter()
        page = html.render_html(content, content_hash=None)
        t2 = time.perf_counter()
        assemble_times.append(t1 - t0)
        html_times.append(t2 - t1)
        size = len(page)
    if os.environ.get("BENCH_HTML_OUT"):
        await asyncio.to_thread(Path(os.environ["BENCH_HTML_OUT"]).write_text, page)
    return assemble_times, html_times, size


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().split(")")[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JWT_SECRET": base_settings().jwt_secret,
        "PYTHONPATH": str(ROOT / "backend"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "sammen.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    return server, base


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (a busy machine stretches wall time, not this)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def pdf_rounds(base: str, token: str, rid: int, rounds: int, server_pid: int) -> dict[str, object]:
    """The PDF `rounds` + 1 times (the first right after startup), with /health asked meanwhile;
    the worker's CPU seconds per PDF from the second round on."""
    auth = {"Authorization": f"Bearer {token}"}
    times, cpu, health_worst, size = [], [], 0.0, 0
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        for k in range(rounds + 1):
            done = asyncio.Event()
            worst = 0.0

            async def probe(event: asyncio.Event = done) -> None:
                nonlocal worst
                while not event.is_set():
                    t = time.perf_counter()
                    await client.get("/health")
                    worst = max(worst, time.perf_counter() - t)
                    await asyncio.sleep(0.05)

            workers = children(server_pid) if k else []
            before = sum(cpu_seconds(w) for w in workers)
            task = asyncio.create_task(probe())
            t0 = time.perf_counter()
            response = await client.get(f"/reports/{rid}.pdf", headers=auth)
            times.append(time.perf_counter() - t0)
            done.set()
            await task
            if workers:
                cpu.append(sum(cpu_seconds(w) for w in workers) - before)
            assert response.status_code == 200, response.text[:300]
            size = len(response.content)
            health_worst = max(health_worst, worst)
    return {"pdf": times, "cpu": cpu, "health_worst": health_worst, "bytes": size}


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
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < 3:
            await client.get("/items-db", headers=auth)
            count += 1
        print(count / (time.perf_counter() - start))
asyncio.run(main())
"""


def limit_anchor(tmp: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "BENCH_PG_URL"}  # /items-db: SQLite only
    env["BENCH_DB"] = str(tmp / "limit.db")
    done = subprocess.run(
        [sys.executable, "-c", LIMIT_ANCHOR, str(LIMIT_APP)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def run(name: str, url: str, rounds: int) -> None:
    print(f"\n== {name}", flush=True)
    migrate.upgrade(url)
    asyncio.run(seed_database(url))

    async def prepare() -> tuple[int, str]:
        database = Database(url)
        try:
            await fill(database)
            rid = await report_id(database)
            token = await mint_token(database, base_settings(), "viewer@aab.demo")
            assemble_times, html_times, size = await in_process(database, rid, rounds)
            print(
                f"assemble (partners edition): median {statistics.median(assemble_times):.3f} s  {assemble_times}"
            )
            print(f"HTML: median {statistics.median(html_times):.3f} s, {size / 1e6:.1f} MB  {html_times}")
            return rid, token
        finally:
            await database.dispose()

    rid, token = asyncio.run(prepare())
    if os.environ.get("BENCH_SKIP_HTTP"):
        return
    server, base = start_server(url)
    try:
        http = asyncio.run(pdf_rounds(base, token, rid, rounds, server.pid))
        server_mb = peak_mb(server.pid)
        worker_mb = [round(peak_mb(w)) for w in children(server.pid)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    pdf_times, cpu = http["pdf"], http["cpu"]
    assert isinstance(pdf_times, list)
    assert isinstance(cpu, list)
    print(
        f"PDF over HTTP: first {pdf_times[0]:.2f} s (right after startup), then median "
        f"{statistics.median(pdf_times[1:]):.2f} s  {[round(t, 2) for t in pdf_times]}; "
        f"{int(http['bytes']) / 1e6:.1f} MB"
    )
    print(f"PDF worker CPU per PDF: median {statistics.median(cpu):.2f} s  {[round(c, 2) for c in cpu]}")
    print(f"slowest /health answer while the PDF was made: {float(http['health_worst']) * 1000:.0f} ms")
    print(f"peak memory: server {server_mb:.0f} MB; its PDF worker process {worker_mb} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite+aiosqlite:///{tmp}/reports.db", args.rounds)
        pg_admin = os.environ.get("BENCH_PG_URL")
        if pg_admin:  # see the docstring: scripts/with-postgres.sh gives the cluster's admin URL
            import psycopg

            plain = pg_admin.replace("postgresql+psycopg://", "postgresql://", 1)
            name = f"sammen_bench_reports_{os.getpid()}"
            with psycopg.connect(plain, autocommit=True) as con:
                con.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
            try:
                base = plain.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
                run("PostgreSQL", f"{base}/{name}", args.rounds)
            finally:
                with psycopg.connect(plain, autocommit=True) as con:
                    con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
        print(f"\nlimit app /items-db (in process, same run): {limit_anchor(Path(tmp)):.0f} req/s")


if __name__ == "__main__":
    main()
