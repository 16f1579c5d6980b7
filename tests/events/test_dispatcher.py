"""The dispatcher: at least once across a crash, never the same attempt twice at once, retries and their
end, endpoints that fail for days, and running inside `sammen serve` and as `sammen worker`."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import uvicorn
from sqlalchemy import func, select, update
from sqlmodel import col

from sammen.core.audit import AuditEvent
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.events.dispatcher import Dispatcher, backoff_seconds
from sammen.events.fanout import fan_out
from sammen.events.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from sammen.main import create_app
from tests.conftest import TEST_SECRET, AuthHeaders
from tests.events.conftest import WEBHOOKS, Register, deliver, eventually
from tests.events.receiver import Receiver
from tests.factories import demo, if_match, mint_token
from tests.initiatives.helpers import create_initiative, etag_of

AAB_EDITOR = demo("editor", "aab")


async def statuses(database: Database) -> list[str]:
    async with database.session(write=False) as session:
        return [str(s) for s in (await session.scalars(select(col(WebhookDelivery.status)))).all()]


def test_backoff_grows_exponentially_with_jitter_for_about_a_day() -> None:
    delays = [backoff_seconds(n) for n in range(1, 12)]
    assert 3.75 <= delays[0] <= 6.25
    assert all(later > earlier for earlier, later in itertools.pairwise(delays[:7]))
    assert max(delays) <= 6 * 3600 * 1.25
    hours_after_ten_tries = sum(backoff_seconds(n) for n in range(1, 11)) / 3600
    assert 16 < hours_after_ten_tries < 36
    assert len({round(backoff_seconds(3), 3) for _ in range(5)}) > 1  # jittered


@asynccontextmanager
async def worker(database_url: str) -> AsyncIterator[asyncio.subprocess.Process]:
    """`sammen worker` in a process of its own, on the test's database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "test",
        "JWT_SECRET": TEST_SECRET,
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
        "WEBHOOK_TIMEOUT_SECONDS": "1",
        "WEBHOOK_LEASE_SECONDS": "3",
        "WEBHOOK_POLL_SECONDS": "0.2",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sammen.cli", "worker", env=env, stdout=asyncio.subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 15)


async def test_killing_the_worker_mid_delivery_and_starting_it_again_loses_nothing(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    register: Register,
    database: Database,
    database_url: str,
) -> None:
    await register(receiver.url, ["initiative.created"])
    for n in range(5):
        await create_initiative(client, await as_user(AAB_EDITOR), title=f"Indsats {n}")
    receiver.released = asyncio.Event()  # the receiver holds its answers: deliveries stay in flight

    async with worker(database_url) as first:
        await eventually(lambda: len(receiver.received) == 5)
        first.kill()  # mid-delivery: no answer has come back yet
        await first.wait()
    in_flight = set(receiver.ids())
    receiver.released.set()
    assert await statuses(database) == ["pending"] * 5

    async with worker(database_url):
        await eventually(lambda: _all(database, "succeeded"))

    assert set(receiver.ids()) == in_flight  # sent again under the same webhook-id: nothing lost
    assert len(receiver.ids()) >= 10


async def _all(database: Database, status: str) -> bool:
    found = await statuses(database)
    return bool(found) and all(s == status for s in found)


async def test_two_dispatchers_never_deliver_the_same_attempt_at_once(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    register: Register,
    settings: Settings,
    database_url: str,
) -> None:
    await register(receiver.url + "/a", ["initiative.created"])
    await register(receiver.url + "/b", ["initiative.created"])
    for n in range(20):
        await create_initiative(client, await as_user(AAB_EDITOR), title=f"Indsats {n}")
    receiver.delay = 0.03
    receiver.statuses = [500] * 8  # some attempts fail and are retried, by either dispatcher
    databases = [Database(database_url), Database(database_url)]
    # A lease longer than any stall of a loaded machine: a lease that runs out lets the other
    # dispatcher send again (at least once, by design), which is not what this test is about.
    patient = settings.model_copy(update={"webhook_lease_seconds": 120.0})
    dispatchers = [
        Dispatcher(db, patient, concurrency=6, per_endpoint=3, backoff=lambda attempts: 0.05)
        for db in databases
    ]
    claims = [0, 0]
    for n, d in enumerate(dispatchers):
        original = d.claim

        async def counted(room: int, n: int = n, original: Any = original) -> Any:
            got = await original(room)
            claims[n] += len(got)
            return got

        d.claim = counted  # type: ignore[method-assign]
    stop = asyncio.Event()
    running = [asyncio.create_task(d.run(stop)) for d in dispatchers]
    try:
        await eventually(lambda: _all(databases[0], "succeeded"))
    finally:
        stop.set()
        await asyncio.gather(*running)
        for db in databases:
            await db.dispose()

    assert all(claims), f"both dispatchers should have worked: {claims}"
    by_id: dict[str, list[tuple[float, float]]] = {}
    for got in receiver.received:
        by_id.setdefault(got.headers["webhook-id"], []).append((got.started, got.finished))
    assert len(by_id) == 40
    for webhook_id, spans in by_id.items():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start >= end, f"{webhook_id} was attempted twice at once"
    assert sum(len(s) for s in by_id.values()) == 40 + 8  # each failure retried once, nothing sent twice


async def test_an_endpoint_failing_for_days_is_disabled_and_its_organisation_sees_why(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    register: Register,
    dispatcher: Dispatcher,
    database: Database,
) -> None:
    created = await register(receiver.url, ["initiative.created"])
    endpoint_id = created["endpoint"]["id"]
    receiver.statuses = [503]
    async with database.session(write=True) as session:
        await session.execute(
            update(WebhookEndpoint)
            .where(col(WebhookEndpoint.id) == endpoint_id)
            .values(failing_since=dt.datetime.now(dt.UTC) - dt.timedelta(days=6))
        )
    dispatcher.backoff = lambda attempts: 3600
    await create_initiative(client, await as_user(AAB_EDITOR))
    await deliver(dispatcher)

    path = f"{WEBHOOKS}/{endpoint_id}"
    seen = await client.get(path, headers=await as_user(AAB_EDITOR))
    assert seen.status_code == 200, seen.text
    assert seen.json()["state"] == "disabled"
    assert "every delivery has failed since" in seen.json()["disabled_reason"]
    assert "answered 503" in seen.json()["disabled_reason"]
    assert (await client.get(path, headers=await as_user(demo("viewer", "aab")))).status_code == 403
    assert (await client.get(path, headers=await as_user(demo("editor", "lejerbo")))).status_code == 404
    async with database.session(write=False) as session:
        actions = (await session.scalars(select(col(AuditEvent.action)))).all()
    assert "webhook_endpoint.disable" in actions

    await create_initiative(client, await as_user(AAB_EDITOR))  # no delivery while disabled
    await deliver(dispatcher)
    assert len(receiver.received) == 1
    enabled = await client.patch(
        path, json={"enabled": True}, headers={**await as_user(AAB_EDITOR), **if_match(seen)}
    )
    assert enabled.json()["state"] == "enabled"
    assert enabled.json()["disabled_reason"] is None and enabled.json()["failing_since"] is None


async def test_a_delivery_that_keeps_failing_is_failed_when_its_retry_window_ends(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    register: Register,
    dispatcher: Dispatcher,
    database: Database,
) -> None:
    await register(receiver.url, ["initiative.created"])
    receiver.statuses = [500, 500]
    dispatcher.backoff = lambda attempts: 25 * 3600  # the next try would fall after the 24 h window
    await create_initiative(client, await as_user(AAB_EDITOR))
    await deliver(dispatcher)
    assert await statuses(database) == [DeliveryStatus.failed.value]
    assert len(receiver.received) == 1


async def test_an_event_is_withheld_when_its_resource_became_invisible_before_it_was_sent(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    register: Register,
    dispatcher: Dispatcher,
    database: Database,
    settings: Settings,
) -> None:
    await register(receiver.url, ["initiative.created"], org="lejerbo")
    editor = await as_user(AAB_EDITOR)
    initiative = await create_initiative(client, editor, visibility="partners", partners=[])
    done = await fan_out(database, limit=100, min_n_default=5, retry_hours=24)
    assert (done.rows, done.created, done.taken) == (1, 1, [])
    changed = await client.patch(
        f"/api/v1/initiatives/{initiative['id']}",
        json={"visibility": "restricted"},
        headers={**editor, **etag_of(1)},
    )
    assert changed.status_code == 200
    await deliver(dispatcher)
    assert receiver.received == []
    assert await statuses(database) == [DeliveryStatus.withheld.value]


async def test_the_dispatcher_runs_inside_the_served_app(
    receiver: Receiver, register: Register, settings: Settings, database: Database
) -> None:
    await register(receiver.url, ["initiative.created"])
    app = create_app(settings.model_copy(update={"webhook_poll_seconds": 60.0}))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: server.started)
        port = server.servers[0].sockets[0].getsockname()[1]
        token = await mint_token(database, settings, AAB_EDITOR)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            await create_initiative(http, {"Authorization": f"Bearer {token}"})
        # woken by the commit, not by the poll (a minute)
        await eventually(lambda: receiver.received, within=15)
    finally:
        server.should_exit = True
        await serving
    async with database.session(write=False) as session:
        assert await session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1
