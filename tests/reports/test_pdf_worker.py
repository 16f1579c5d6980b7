"""The PDF worker process: typesets in a process of its own, is started and made ready with the
server, pauses the garbage collector only while it typesets, and leaves when its server is gone."""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import pytest

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.main import create_app
from sammen.reports.documents import pdf

PAGE = '<html lang="da"><head><title>t</title></head><body><p>Hej</p></body></html>'

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


def _a_child_within(seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    return bool(multiprocessing.active_children())


def collector_state(_: object) -> tuple[bool, int]:
    """Run in a worker once the last document's garbage is collected: is its collector on, and how
    many objects has it frozen?"""
    assert pdf.collected.wait(30)
    return gc.isenabled(), gc.get_freeze_count()


async def test_the_server_starts_its_pdf_worker_at_startup_and_the_worker_gets_ready(
    settings: Settings, database: Database
) -> None:
    pdf.shutdown()  # no worker left by an earlier test
    app = create_app(settings.model_copy(update={"pdf_warm_up": True}), database)
    async with app.router.lifespan_context(app):
        # warm_up runs in a thread: the startup does not wait for it
        assert await asyncio.to_thread(_a_child_within, 10.0), "no PDF worker was started with the server"
        enabled, frozen = await pdf.in_worker(collector_state, None)
    assert enabled
    assert frozen > 10_000, "the worker did not get ready (WeasyPrint imported and frozen) when it started"
    assert not multiprocessing.active_children(), "the server's shutdown left its PDF worker running"


async def test_a_worker_turns_its_collector_back_on_after_each_document_even_a_failing_one() -> None:
    assert (await pdf.render_pdf(PAGE)).startswith(b"%PDF-")
    assert (await pdf.in_worker(collector_state, None))[0]
    with pytest.raises(TypeError):  # a document WeasyPrint refuses
        await pdf.in_worker(pdf.make_pdf, cast(str, None))
    assert (await pdf.in_worker(collector_state, None))[0]
