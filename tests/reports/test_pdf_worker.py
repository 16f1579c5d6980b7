"""The PDF worker process: typesets in a process of its own and leaves when its server is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SERVER = """
import asyncio, os, sys, time
from sammen.reports.documents import pdf

def parent_of(pid: str) -> str | None:
    try:  # a process may end between listing /proc and reading its stat
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[1]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None

async def main() -> None:
    body = await pdf.render_pdf('<html lang="da"><head><title>t</title></head><body><p>Hej</p></body></html>')
    assert body.startswith(b"%PDF-")
    children = [p for p in os.listdir("/proc") if p.isdigit() and parent_of(p) == str(os.getpid())]
    print(" ".join(children), flush=True)
    time.sleep(60)

if __name__ == "__main__":
    asyncio.run(main())
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_pdf_worker_leaves_when_its_server_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    server = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert server.stdout is not None
        workers = [int(p) for p in server.stdout.readline().split()]
        assert workers, "the PDF was not made in a process of its own"
        assert all(_alive(w) for w in workers)
    finally:
        server.send_signal(signal.SIGKILL)  # no clean shutdown: the worker must notice by itself
        server.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "a PDF worker outlived its server"
