"""Fixtures for the change feed and webhooks: a live receiver on 127.0.0.1 and a dispatcher."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.events.dispatcher import Dispatcher
from tests.conftest import base_settings
from tests.events.receiver import Receiver, serving
from tests.factories import org_id

WEBHOOKS = "/api/v1/webhook-endpoints"


@pytest.fixture
def settings(database_url: str) -> Settings:
    # The receiver runs on 127.0.0.1: allowed here, refused by default (see test_ssrf.py).
    return base_settings(
        database_url=database_url,
        webhook_allow_private_addresses=True,
        webhook_timeout_seconds=2.0,
        webhook_lease_seconds=5.0,
    )


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with serving(Receiver()) as live:
        yield live


@pytest.fixture
async def dispatcher(database: Database, settings: Settings) -> AsyncIterator[Dispatcher]:
    """A dispatcher retrying after 50 ms instead of seconds; tests drive it with `deliver`."""
    d = Dispatcher(database, settings, backoff=lambda attempts: 0.05)
    yield d
    await d.aclose()


async def deliver(
    dispatcher: Dispatcher, until: Callable[[], bool] | None = None, within: float = 10.0
) -> None:
    """Run the dispatcher until nothing is due (and `until()` holds, when given)."""
    async with asyncio.timeout(within):
        while True:
            await dispatcher.drain(within=within)
            if until is None or until():
                return
            await asyncio.sleep(0.02)


async def deliver_with(
    database: Database, settings: Settings, until: Callable[[], bool] | None = None, **kw: Any
) -> None:
    """Deliver with a dispatcher of its own (other settings, a resolver), closed afterwards."""
    dispatcher = Dispatcher(database, settings, **kw)
    try:
        await deliver(dispatcher, until=until)
    finally:
        await dispatcher.aclose()


async def eventually(check: Callable[[], Any], within: float = 20.0) -> None:
    """Wait until `check()` (or its awaited result) holds."""
    async with asyncio.timeout(within):
        while True:
            result = check()
            if asyncio.iscoroutine(result):
                result = await result
            if result:
                return
            await asyncio.sleep(0.02)


Register = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def register(client: httpx.AsyncClient, as_user: Any, database: Database) -> Register:
    """`await register(url, ["initiative.created"], org="lejerbo")` -> the created endpoint and its secret."""

    async def create(url: str, event_types: list[str], *, org: str = "aab", **extra: Any) -> dict[str, Any]:
        body = {
            "url": url,
            "event_types": event_types,
            "organisation_id": await org_id(database, org),
            **extra,
        }
        response = await client.post(WEBHOOKS, json=body, headers=await as_user("admin@sammen.demo"))
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    return create
