"""Benchmark: a writer beside steady read load (issue #10, point 4).

    .venv/bin/python bench/writer.py [--postgres] [--duration 15]

Serves Sammen (`sammen serve`, one worker) on a throwaway SQLite file (or PostgreSQL) with
10,000 initiatives; loads `GET /initiatives?limit=50&status=active` with wrk -t2 -c32 and,
meanwhile, one writer PATCHes an initiative over and over (each with the If-Match it read).
Prints the readers' req/s and the writer's PATCH p50 / p99 (target: p99 < 200 ms on SQLite).
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import add_initiatives, free_port, load_average, place, sammen, seed, token, wrk


def write_loop(base: str, bearer: str, stop: threading.Event, timings: list[float]) -> None:
    auth = {"Authorization": f"Bearer {bearer}"}
    with httpx.Client(timeout=60) as client:
        made = client.post(
            f"{base}/initiatives", json={"title": "Skrives hele tiden", "lead": "aab"}, headers=auth
        ).json()
        tag, k = f'"{made["version"]}"', 0
        while not stop.is_set():
            started = time.perf_counter()
            response = client.patch(
                f"{base}/initiatives/{made['id']}",
                json={"title": f"Skrevet {k}"},
                headers={**auth, "If-Match": tag},
            )
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
            tag, k = response.headers["etag"], k + 1
            time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=float, default=15)
    args = parser.parse_args()
    with place(args.postgres) as where:
        asyncio.run(seed(where.url))
        asyncio.run(add_initiatives(where.url, 10_000))
        editor = asyncio.run(token(where.url, "editor@aab.demo"))
        port = free_port()
        server = sammen(where, port)
        try:
            base = f"http://127.0.0.1:{port}/api/v1"
            url = f"{base}/initiatives?limit=50&status=active"
            wrk(url, editor, 2)
            stop, timings = threading.Event(), []
            writer = threading.Thread(target=write_loop, args=(base, editor, stop, timings))
            writer.start()
            reads = wrk(url, editor, args.duration)
            stop.set()
            writer.join()
        finally:
            server.stop()
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(0.99 * len(timings)))]
    print(f"Sammen on {'PostgreSQL' if args.postgres else 'SQLite'}; load average {load_average()}")
    print(f"readers (wrk -t2 -c32): {reads['rps']:.0f} req/s, p99 {reads['p99']:.1f} ms")
    print(
        f"writer: {len(timings)} PATCHes, p50 {statistics.median(timings):.1f} ms, p99 {p99:.1f} ms (target p99 < 200 ms)"
    )


if __name__ == "__main__":
    main()
