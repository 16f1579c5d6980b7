"""CPU work off the event loop: worker threads, a bounded number at a time per kind of work.

Password hashing (argon2 takes tens of milliseconds and 64 MiB) and parsing uploads must not
run on the loop's thread, and a flood of them must not take every core either: each kind gets
its own capacity, and requests beyond it wait on the loop (costing nothing) for a free slot.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import TypeVar

import anyio

T = TypeVar("T")


class WorkerPool:
    """At most `size` calls of this kind run at once. The limiter belongs to the running event
    loop (a test suite runs many loops one after another), so it is made on first use per loop."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._limiters: dict[int, anyio.CapacityLimiter] = {}

    def _limiter(self) -> anyio.CapacityLimiter:
        loop = id(asyncio.get_running_loop())
        limiter = self._limiters.get(loop)
        if limiter is None:
            if len(self._limiters) > 8:
                self._limiters.clear()  # loops of finished tests
            limiter = self._limiters[loop] = anyio.CapacityLimiter(self.size)
        return limiter

    async def run(self, func: Callable[..., T], *args: object) -> T:
        return await anyio.to_thread.run_sync(func, *args, limiter=self._limiter())


def spare_cores() -> int:
    """Leave a core for the event loop: on 2 cores one hash at a time, on 8 cores seven."""
    return max(1, (os.cpu_count() or 2) - 1)
