"""`sammen serve` runs exactly one webhook dispatcher per database, however many worker processes
it starts; when the process running it stops, another takes over (events/election.py)."""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sys
from pathlib import Path

import httpx
import pytest

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.events import election, outbox
from tests.conftest import AuthHeaders
from tests.events.conftest import Register, eventually
from tests.events.receiver import Receiver
from tests.factories import demo
from tests.initiatives.helpers import create_initiative
from tests.servers import free_port, server_env

RUNS = "runs the webhook dispatcher"
ELSEWHERE = "another process runs the webhook dispatcher"


def running_dispatchers() -> int:
    """Dispatchers running in this process (each registers one wake-up while it runs)."""
    return len(outbox._wakers)


async def test_of_two_serving_apps_on_one_database_one_dispatches_and_the_other_takes_over(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    register: Register,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await register(receiver.url, ["initiative.created"])
    first_db, second_db = Database(settings.database_url), Database(settings.database_url)
    first, second = contextlib.AsyncExitStack(), contextlib.AsyncExitStack()
    try:
        await first.enter_async_context(election.dispatching(first_db, settings, retry=0.2))
        await eventually(lambda: running_dispatchers() == 1)
        await second.enter_async_context(election.dispatching(second_db, settings, retry=0.2))
        await asyncio.sleep(0.6)  # three of the second's turns to ask for the lock
        assert running_dispatchers() == 1
        told = capsys.readouterr().err
        assert told.count(RUNS) - told.count(ELSEWHERE) == 1 and told.count(ELSEWHERE) == 1

        await first.aclose()  # the process running it stops: the other takes over
        await eventually(lambda: running_dispatchers() == 1, within=10)
        assert capsys.readouterr().err.count(RUNS) == 1
        await create_initiative(client, await as_user(demo("editor", "aab")))
        await eventually(lambda: len(receiver.received) == 1)
    finally:
        await first.aclose()
        await second.aclose()
        await first_db.dispose()
        await second_db.dispose()
    assert running_dispatchers() == 0


async def test_serve_with_two_workers_runs_one_dispatcher_and_delivers_once(
    receiver: Receiver, register: Register, database_url: str, database: Database, tmp_path: Path
) -> None:
    await register(receiver.url, ["initiative.created"])
    port = free_port()
    env = server_env(database_url, WEBHOOK_ALLOW_PRIVATE_ADDRESSES="true", WEBHOOK_POLL_SECONDS="0.2")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sammen.cli", "serve", "--port", str(port), "--workers", "2", "--no-access-log",
        env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    assert process.stderr is not None
    told: list[str] = []

    async def read_stderr() -> None:
        assert process.stderr is not None
        async for line in process.stderr:
            told.append(line.decode(errors="replace"))

    reading = asyncio.create_task(read_stderr())
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        # both workers have started their lifespans: one runs the dispatcher, the other knows it
        await eventually(lambda: sum(RUNS in t or ELSEWHERE in t for t in told) == 2, within=90)
        assert sum(bool(re.search(rf"process \d+ {RUNS}", t)) for t in told) == 1
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            signed_in = await http.post(
                "/auth/token",
                data={"grant_type": "password", "username": demo("editor", "aab"), "password": "demo"},
            )
            auth = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
            for n in range(4):  # through whichever worker answers
                created = await http.post(
                    "/initiatives",
                    json={"title": f"Indsats {n}", "lead": "aab", "goals": ["2e"], "visibility": "partners"},
                    headers=auth,
                )
                assert created.status_code == 201, created.text
        await eventually(lambda: len(receiver.received) == 4, within=30)
        await asyncio.sleep(0.5)
        assert len(receiver.ids()) == len(set(receiver.ids())) == 4  # each once
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
        reading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reading
