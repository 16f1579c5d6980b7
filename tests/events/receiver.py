"""A webhook receiver for tests: a small ASGI app served by uvicorn on 127.0.0.1, in the test's loop.

It records every request (headers, body, when it came and when it was answered) and answers
with the statuses it is told to, in order (then 200), optionally holding answers until released.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    started: float
    finished: float = 0.0


@dataclass
class Receiver:
    statuses: list[int] = field(default_factory=list)  # answers to give, in order; then 200
    delay: float = 0.0  # seconds before answering
    answer_body: bytes = b"ok"
    extra_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    released: asyncio.Event | None = None  # when set: answers wait for it
    received: list[Received] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.received]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        entry = Received(
            path=scope["path"],
            headers={k.decode().lower(): v.decode() for k, v in scope["headers"]},
            body=body,
            started=time.monotonic(),
        )
        self.received.append(entry)
        self.arrived.set()
        if self.released is not None:
            await self.released.wait()
        if self.delay:
            await asyncio.sleep(self.delay)
        status = self.statuses.pop(0) if self.statuses else 200
        entry.finished = time.monotonic()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"text/plain"), *self.extra_headers],
            }
        )
        await send({"type": "http.response.body", "body": self.answer_body})


@asynccontextmanager
async def serving(receiver: Receiver) -> AsyncIterator[Receiver]:
    config = uvicorn.Config(
        receiver, host="127.0.0.1", port=0, log_level="warning", lifespan="off", access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    receiver.port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield receiver
    finally:
        if receiver.released is not None:
            receiver.released.set()
        server.should_exit = True
        await task
