"""An event-loop lag probe for benchmarks: off unless LOOP_LAG_PROBE=true.

A task sleeps `interval` seconds over and over and records how much later than asked it woke
up: anything that holds the loop's thread (a blocking call, a long computation) shows up as
lag. `GET /api/v1/debug/loop-lag` (only routed when the probe is on, never in the API
document) returns the percentiles since the last `?reset=true`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI, Request

from sammen.core.background import running

INTERVAL = 0.002


class LoopLag:
    def __init__(self, interval: float = INTERVAL) -> None:
        self.interval = interval
        self.samples: deque[float] = deque(maxlen=200_000)

    async def run(self) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.samples.append(max(0.0, time.perf_counter() - asked - self.interval))

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.samples)
        if not ordered:
            return {"samples": 0}

        def at(q: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 3)

        return {"samples": len(ordered), "p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": at(1.0)}


@contextlib.asynccontextmanager
async def probing(app: FastAPI) -> AsyncIterator[None]:
    """Runs the probe for the app's lifetime and routes its endpoint."""
    probe = LoopLag()
    router = APIRouter()

    @router.get("/api/v1/debug/loop-lag", include_in_schema=False)
    async def read_loop_lag(request: Request, reset: bool = False) -> dict[str, float]:
        found = probe.summary()
        if reset:
            probe.samples.clear()
        return found

    app.router.routes.insert(0, router.routes[0])
    async with running(probe.run()):
        yield
