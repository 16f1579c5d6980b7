"""CPU work off the event loop: worker threads, a bounded number at a time per kind of work.

Password hashing (argon2 takes tens of milliseconds and 64 MiB) and parsing uploads must not
run on the loop's thread, and a flood of them must not take every core either: each kind gets
its own capacity, and requests beyond it wait on the loop (costing nothing) for a free slot.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio

from sammen.core.admission import aside

T = TypeVar("T")
P = ParamSpec("P")


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
        async with aside():  # a read waiting here holds no read slot (core/admission.py)
            return await anyio.to_thread.run_sync(func, *args, limiter=self._limiter())


async def off_loop(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`func(*args, **kwargs)` in a thread (asyncio's default pool), holding no read slot meanwhile."""
    async with aside():
        return await asyncio.to_thread(func, *args, **kwargs)


def spare_cores() -> int:
    """Leave a core for the event loop: on 2 cores one hash at a time, on 8 cores seven."""
    return max(1, (os.cpu_count() or 2) - 1)
