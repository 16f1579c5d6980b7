"""Benchmark: /health latency while sign-ins flood the server, on SQLite and PostgreSQL.

    .venv/bin/python bench/signin_flood.py [--postgres] [--duration 10] [--threads 8] [--app-root DIR]

Sets up a throwaway database through the served checkout's own CLI (migrate, seed the agreement
and the demo users with production argon2 parameters), serves it with `sammen serve`, and runs
three phases of --duration seconds each, probing GET /api/v1/health sequentially the whole time:

  idle      nothing else
  right     --threads threads signing in with the right password (every attempt is a full
            argon2 check and a write), spread over the demo users
  wrong     --threads threads signing in with wrong passwords (an attacker; past the limits
            the answers are 429 without a password check)

It prints /health p50/p99 per phase, the sign-in answers per second and their status codes, and
the limit app's /hello p50/p99 probed the same way while idle (the floor of an HTTP round trip
on this machine). `--app-root ../other-checkout` serves another checkout instead (before/after figures).
Load goes to 127.0.0.1 only, from wrk (`apt-get install -y wrk`), bounded by --duration.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from common import LIMIT_DIR, PY, SECRET  # noqa: E402 - the limit app's place, as every benchmark finds it

USERS = [
    f"{role}@{org}.demo"
    for role in ("editor", "reporter", "viewer")
    for org in ("aab", "fsb-gladsaxe", "lejerbo", "3b")
]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def probe(url: str, stop: threading.Event, out: list[float]) -> None:
    """Sequential GETs, one every ~10 ms, recording each latency in milliseconds."""
    while not stop.is_set():
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        out.append((time.perf_counter() - started) * 1000)
        time.sleep(0.01)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def flood_script(tmp: Path, password_kind: str) -> Path:
    bodies = ", ".join(
        f'"grant_type=password&username={u}&password='
        + ("demo" if password_kind == "right" else "wrong-%d")
        + '"'
        for u in USERS
    )
    script = tmp / f"{password_kind}.lua"
    script.write_text(
        "local bodies = {" + bodies + "}\n"
        "local n = 0\n"
        "init = function()\n"  # each wrk thread starts at its own user, not all at the first
        "  math.randomseed(tonumber(tostring({}):match('0x(%x+)'), 16) % 2147483647)\n"
        "  n = math.random(#bodies)\n"
        "end\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local body = string.format(bodies[(n % #bodies) + 1], n)\n"
        "  return wrk.format('POST', '/api/v1/auth/token', "
        "{['Content-Type'] = 'application/x-www-form-urlencoded'}, body)\n"
        "end\n"
    )
    return script


def phase(name: str, health: str, duration: float, load: list[str] | None) -> None:
    latencies: list[float] = []
    stop = threading.Event()
    prober = threading.Thread(target=probe, args=(health, stop, latencies))
    prober.start()
    output = ""
    if load:
        output = subprocess.run(load, capture_output=True, text=True, check=False).stdout
    else:
        time.sleep(duration)
    stop.set()
    prober.join()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    extra = (
        f"  sign-ins {float(rate.group(1)):6.1f}/s ({total.group(1) if total else '?'} answered, "
        f"{refused.group(1) if refused else 0} not 2xx)"
        if rate
        else ""
    )
    print(
        f"{name:6} /health p50 {percentile(latencies, 0.5):7.1f} ms  p99 {percentile(latencies, 0.99):7.1f} ms"
        f"  ({len(latencies)} probes){extra}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--limit-port", type=int, default=8732)
    parser.add_argument(
        "--app-root", type=Path, default=ROOT, help="the checkout to serve (default: this one)"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: install it with `apt-get install -y wrk`")

    tmp = Path(tempfile.mkdtemp(prefix="sammen-flood-"))
    os.chmod(tmp, 0o755)
    url = f"sqlite+aiosqlite:///{tmp / 'flood.db'}"
    pg_dir = tmp / "pg"
    if args.postgres:
        pg_dir.mkdir()
        os.chmod(pg_dir, 0o777)
        subprocess.run(
            [str(ROOT / "scripts" / "pg-cluster.sh"), "start", str(pg_dir)], check=True, capture_output=True
        )
        url = (pg_dir / "url").read_text().strip()
    app_root = args.app_root.resolve()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JWT_SECRET": SECRET,
        "ENVIRONMENT": "development",
        "DEMO_MODE": "true",
        "PYTHONPATH": str(app_root / "backend"),
    }
    for command in (["db", "upgrade"], ["seed", "--demo"]):
        subprocess.run([PY, "-m", "sammen.cli", *command], env=env, cwd=tmp, check=True, capture_output=True)
    limit_env = {**os.environ, "BENCH_DB": str(tmp / "limit.db")}
    subprocess.run(
        [PY, str(LIMIT_DIR / "limit_app.py"), "init-db"],
        env=limit_env,
        cwd=tmp,
        check=True,
        capture_output=True,
    )
    servers = [
        subprocess.Popen(
            [PY, "-m", "sammen.cli", "serve", "--port", str(args.port), "--no-access-log"], env=env, cwd=tmp
        ),
        subprocess.Popen(
            [PY, "-m", "uvicorn", "limit_app:app", "--app-dir", str(LIMIT_DIR), "--port", str(args.limit_port),
             "--no-access-log", "--log-level", "warning"],
            env=limit_env,
            cwd=tmp,
        ),
    ]  # fmt: skip
    try:
        base = f"http://127.0.0.1:{args.port}"
        health = f"{base}/api/v1/health"
        wait_for(health)
        wait_for(f"http://127.0.0.1:{args.limit_port}/hello")
        print(
            f"{'PostgreSQL' if args.postgres else 'SQLite'}, serving {app_root}, {args.threads} flood threads",
            flush=True,
        )
        phase("limit", f"http://127.0.0.1:{args.limit_port}/hello", args.duration, None)
        phase("idle", health, args.duration, None)
        for kind in ("right", "wrong"):
            wrk = ["wrk", f"-t{args.threads}", f"-c{args.threads}", f"-d{args.duration:g}s", "--timeout", "30s",
                   "-s", str(flood_script(tmp, kind)), base]  # fmt: skip
            phase(kind, health, args.duration, wrk)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.postgres:
            subprocess.run(
                [str(ROOT / "scripts" / "pg-cluster.sh"), "stop", str(pg_dir)],
                check=False,
                capture_output=True,
            )
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
