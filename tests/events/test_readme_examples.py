"""The README's integrator examples work as printed: the receiver verifies and deduplicates real deliveries."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from sammen.events.dispatcher import Dispatcher
from tests.conftest import AuthHeaders
from tests.events.conftest import Register, deliver, eventually
from tests.factories import demo
from tests.initiatives.helpers import create_initiative

README = Path(__file__).resolve().parents[2] / "README.md"


def example(after: str) -> str:
    """The first Python block after the line containing `after`."""
    text = README.read_text(encoding="utf-8")
    start = text.index(after)
    match = re.search(r"```python\n(.*?)```", text[start:], re.S)
    assert match, f"no python example after {after!r}"
    return match.group(1)


def test_the_change_feed_loop_is_valid_python() -> None:
    compile(example("**The change feed**"), "README: change feed", "exec")


async def test_the_receiver_example_verifies_and_keeps_each_event_once(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    dispatcher: Dispatcher,
    register: Register,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code = example("A complete receiver")
    created = await register("http://127.0.0.1:1/placeholder", ["initiative.created"])
    monkeypatch.setenv("SAMMEN_WEBHOOK_SECRET", created["secret"])
    namespace: dict[str, Any] = {}
    exec(compile(code, "README: receiver", "exec"), namespace)  # our own README's example
    handled: list[dict[str, Any]] = []
    namespace["handle"] = handled.append
    statuses: list[int] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        async def recording_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])
            await send(message)

        await namespace["app"](scope, receive, recording_send)

    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    )
    serving = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: server.started)
        port = server.servers[0].sockets[0].getsockname()[1]
        endpoint = created["endpoint"]
        admin = await as_user("admin@sammen.demo")
        moved = await client.patch(
            f"/api/v1/webhook-endpoints/{endpoint['id']}",
            json={"url": f"http://127.0.0.1:{port}/sammen-webhooks"},
            headers={**admin, "If-Match": f'"{endpoint["version"]}"'},
        )
        assert moved.status_code == 200, moved.text
        await create_initiative(client, await as_user(demo("editor", "aab")))
        await deliver(dispatcher, until=lambda: len(statuses) == 1)
        log = await client.get(f"/api/v1/webhook-endpoints/{endpoint['id']}/deliveries", headers=admin)
        [delivery] = log.json()["items"]
        again = await client.post(
            f"/api/v1/webhook-endpoints/{endpoint['id']}/deliveries/{delivery['id']}/retry", headers=admin
        )
        assert again.status_code == 202
        await deliver(dispatcher, until=lambda: len(statuses) == 2)
    finally:
        server.should_exit = True
        await serving

    assert statuses == [204, 204]
    assert [e["type"] for e in handled] == ["initiative.created"]  # the repeat was recognised
    assert json.loads(json.dumps(handled[0]))["data"]["resource_type"] == "initiative"
