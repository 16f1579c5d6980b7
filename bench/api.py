"""Benchmark: Sammen's hot reads against the limit app, in the same run, on either database.

    .venv/bin/python bench/api.py [--postgres] [--duration 10] [--rounds 3] [--workers 2]

Builds a throwaway database (SQLite file, or with --postgres a PostgreSQL cluster of its own via
scripts/pg-cluster.sh), migrated and seeded with the agreement and the demo users, plus 10,000
initiatives (goal, partner and indicator links, progress), 300 meetings, 2,000 decisions and
2,000 action items. Serves Sammen as production does (`sammen serve`, one worker, the
event-loop lag probe on) and the limit app (../shared/bench/limit_app.py: /items-pg on
PostgreSQL, /items-db on SQLite), and loads with wrk -t2 -c32, signed in as an editor:

  GET /initiatives?limit=50&status=active   GET /initiatives/{id} (random ids)
  GET /decisions?limit=50   GET /meetings?limit=50   GET /action-items?limit=50
  GET /calendar/meetings.ics?token=...      (a reporter's personal feed, ~300 events)

Every round loads every endpoint once (this machine's speed drifts by tens of percent from one
minute to the next); ratios are taken within a round and the medians printed, with the loop's
lag p99 during each Sammen endpoint's load. `--workers N` then also serves the list with N
workers and prints the throughput against one worker's, in alternating rounds. Timings are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    Place,
    add_governance,
    add_initiatives,
    free_port,
    get_json,
    limit_app,
    load_average,
    place,
    postmaster,
    sammen,
    seed,
    token,
    tree_cpu,
    wrk,
)

TARGETS = {"list": 0.5, "detail": 0.4, "decisions": 0.3, "meetings": 0.3, "action-items": 0.3, "ics": 0.2}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0, help="also compare N workers with one (list)")
    args = parser.parse_args()

    with place(args.postgres) as where:
        asyncio.run(seed(where.url))
        asyncio.run(add_initiatives(where.url, args.initiatives))
        asyncio.run(add_governance(where.url))
        editor = asyncio.run(token(where.url, "editor@aab.demo"))
        reporter = asyncio.run(token(where.url, "reporter@aab.demo"))
        limit, limit_token = limit_app(where, free_port())
        port = free_port()
        server = sammen(where, port, lag_probe=True)
        database = postmaster(where)
        try:
            base = f"http://127.0.0.1:{port}/api/v1"
            feed = get_json(f"{base}/calendar/feed-token", reporter, method="POST")["token"]
            detail = where.tmp / "detail.lua"
            detail.write_text(
                "math.randomseed(42)\nrequest = function()\n"
                f"  return wrk.format(nil, '/api/v1/initiatives/' .. math.random(20, {args.initiatives}))\nend\n"
            )
            limit_path = "/items-pg" if args.postgres else "/items-db"
            runs = [
                (f"limit {limit_path}", f"http://127.0.0.1:{limit.port}{limit_path}", limit_token, None),
                ("list", f"{base}/initiatives?limit=50&status=active", editor, None),
                ("detail", f"{base}/initiatives/1", editor, detail),
                ("decisions", f"{base}/decisions?limit=50", editor, None),
                ("meetings", f"{base}/meetings?limit=50", editor, None),
                ("action-items", f"{base}/action-items?limit=50", editor, None),
                ("ics", f"{base}/calendar/meetings.ics?token={feed}", None, None),
            ]
            for _, url, bearer, script in runs:  # warm up
                wrk(url, bearer, 2, script=script)
            print(f"load average before: {load_average()}", flush=True)
            rounds: list[list[dict[str, float]]] = []
            for number in range(1, args.rounds + 1):
                figures = []
                for name, url, bearer, script in runs:
                    if not name.startswith("limit"):
                        get_json(f"{base}/debug/loop-lag?reset=true")
                    app = (limit if name.startswith("limit") else server).process.pid
                    before = tree_cpu(app), tree_cpu(database) if database else 0.0
                    found = wrk(url, bearer, args.duration, script=script)
                    requests = found["rps"] * args.duration
                    found["app_ms"] = (tree_cpu(app) - before[0]) / requests * 1000
                    found["db_ms"] = (tree_cpu(database) - before[1]) / requests * 1000 if database else 0.0
                    if not name.startswith("limit"):
                        found["lag_p99"] = get_json(f"{base}/debug/loop-lag").get("p99_ms", float("nan"))
                    figures.append(found)
                rounds.append(figures)
                print(
                    f"round {number} (load {load_average()}): "
                    + ", ".join(
                        f"{n} {r['rps']:.0f}/s p99 {r['p99']:.0f} ms"
                        for (n, *_), r in zip(runs, figures, strict=True)
                    ),
                    flush=True,
                )
            backend = "PostgreSQL" if args.postgres else "SQLite"
            print(f"\nSammen on {backend}, {args.initiatives:,} initiatives; wrk -t2 -c32 -d{args.duration:g}s x "
                  f"{args.rounds} rounds, one worker each; medians; ratio to the limit app's {limit_path} in the same round")  # fmt: skip
            print(
                f"{'endpoint':22s} {'req/s':>8s} {'p50 ms':>8s} {'p99 ms':>8s} {'ratio':>6s} {'target':>7s} "
                f"{'lag p99':>8s} {'CPU ms/request: app':>20s} {'database':>9s}"
            )
            for i, (name, *_) in enumerate(runs):
                mine = [r[i] for r in rounds]
                ratio = statistics.median(r[i]["rps"] / r[0]["rps"] for r in rounds)
                lag = statistics.median(m.get("lag_p99", float("nan")) for m in mine)
                target = f">={TARGETS[name]}" if name in TARGETS else ""
                bad = int(statistics.median(m["non2xx"] for m in mine))
                print(
                    f"{name:22s} {statistics.median(m['rps'] for m in mine):8.0f} "
                    f"{statistics.median(m['p50'] for m in mine):8.2f} {statistics.median(m['p99'] for m in mine):8.2f} "
                    f"{ratio:6.2f} {target:>7s} {'' if name.startswith('limit') else f'{lag:6.2f} ms':>9s} "
                    f"{statistics.median(m['app_ms'] for m in mine):20.2f} "
                    + (f"{statistics.median(m['db_ms'] for m in mine):9.2f}" if database else f"{'':9s}")
                    + (f"  ({bad} non-2xx: restricted ids of other organisations)" if bad else "")
                )
        finally:
            server.stop()
        if args.workers > 1:
            compare_workers(where, editor, args)
        limit.stop()


def compare_workers(where: Place, editor: str, args: argparse.Namespace) -> None:
    """The list served by one worker and by N, alternately, in the same rounds, with the CPU each
    request cost the server's processes and the database's."""
    found: dict[int, list[float]] = {1: [], args.workers: []}
    cpu: dict[int, list[tuple[float, float]]] = {1: [], args.workers: []}
    database = postmaster(where)
    for _ in range(args.rounds):
        for workers in (1, args.workers):
            port = free_port()
            server = sammen(where, port, workers=workers)
            try:
                url = f"http://127.0.0.1:{port}/api/v1/initiatives?limit=50&status=active"
                wrk(url, editor, 2)
                before = tree_cpu(server.process.pid), tree_cpu(database) if database else 0.0
                rps = wrk(url, editor, args.duration)["rps"]
                requests = rps * args.duration
                app_ms = (tree_cpu(server.process.pid) - before[0]) / requests * 1000
                db_ms = (tree_cpu(database) - before[1]) / requests * 1000 if database else 0.0
                found[workers].append(rps)
                cpu[workers].append((app_ms, db_ms))
            finally:
                server.stop()
    one, many = statistics.median(found[1]), statistics.median(found[args.workers])
    print(f"\nlist with {args.workers} workers: {many:.0f} req/s, one worker: {one:.0f} req/s, "
          f"ratio {many / one:.2f} (target >= 1.6 on PostgreSQL); rounds: {found}")  # fmt: skip
    app = statistics.median(a for a, _ in cpu[1])
    db = statistics.median(d for _, d in cpu[1])
    # One worker uses at most one core; all processes together at most the machine's cores. With the
    # database (and wrk) on the same cores, N workers can give at most cores/(app + db) requests per
    # CPU-second against one worker's 1/app: the bound below, before wrk's own share.
    cores = os.cpu_count() or 1
    bound = min(cores / (app + db), args.workers / app) / min(1 / app, cores / (app + db))
    print(f"CPU per request with one worker: app {app:.2f} ms, database {db:.2f} ms; on {cores} cores "
          f"{args.workers} workers can give at most {bound:.2f}x one worker's throughput (wrk's CPU aside)")  # fmt: skip


if __name__ == "__main__":
    main()
