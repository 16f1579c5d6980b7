"""Admission of reads: a few run their handlers at once, and only one while a write is under way.

The event loop serves its ready tasks in turn, so every step of a write (sign in the caller,
load the row, claim the version, audit, commit — each an await) queues behind a step of every
busy read. With 32 readers a PATCH took a second (issue #10, point 4). Reads waiting here are
not ready tasks, so they cost the loop nothing: outside writes `read_slots` reads run at once
(enough to overlap their database round trips), and while any write is being handled only
`read_slots_while_writing` do, so the write's steps come round quickly. Reads keep moving
meanwhile (never zero slots), which keeps `/health` answering through a sign-in flood.

A write counts from the moment its request body has arrived (a slow upload holds nothing back)
until its response has been sent. A read gives its slot up when its response starts, so a long
streamed download holds none while it streams, and while it waits on work off the loop (a
thread, a PDF worker process: `aside()`), so a slow report holds none while it is typeset.

How many reads at once: on PostgreSQL two. A read's database time is spent in another process,
so one read computing while another waits on the database keeps this process busy; more only
queue inside the loop, where each turn of it then serves many ready reads before a timer or a
new connection gets its go (with eight: event-loop lag p99 21-36 ms under wrk -c32, with two
3-8 ms, at the same throughput and a lower p99 latency; bench/README.md). On SQLite eight:
statements run in aiosqlite's threads, and fewer slots cost throughput there.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

READS = frozenset({"GET", "HEAD", "OPTIONS"})


def default_slots(database_url: str) -> int:
    """Reads at once per process when READ_SLOTS is not set (see the module's docstring)."""
    return 8 if database_url.startswith("sqlite") else 2


class Admission:
    """The per-loop bookkeeping: reads running, writes under way, reads waiting in arrival order."""

    def __init__(self, slots: int, slots_while_writing: int) -> None:
        self.slots = max(1, slots)
        self.slots_while_writing = max(1, min(slots_while_writing, self.slots))
        self.running = 0
        self.writing = 0
        self.waiting: deque[asyncio.Future[None]] = deque()

    def limit(self) -> int:
        return self.slots_while_writing if self.writing else self.slots

    async def enter_read(self) -> None:
        if not self.waiting and self.running < self.limit():
            self.running += 1
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiting.append(turn)
        try:
            await turn  # admitted: _admit counted this read as running before waking it
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self.leave_read()  # admitted and cancelled at once: give the slot back
            else:
                self.waiting.remove(turn)
            raise

    def leave_read(self) -> None:
        self.running -= 1
        self._admit()

    def enter_write(self) -> None:
        self.writing += 1

    def leave_write(self) -> None:
        self.writing -= 1
        self._admit()

    def _admit(self) -> None:
        while self.waiting and self.running < self.limit():
            turn = self.waiting.popleft()
            if not turn.done():
                self.running += 1
                turn.set_result(None)


class ReadSlot:
    """The slot a read holds, given up once: at its response's start, or for a while by `aside()`."""

    __slots__ = ("admission", "held")

    def __init__(self, admission: Admission) -> None:
        self.admission = admission
        self.held = True

    def release(self) -> None:
        if self.held:
            self.held = False
            self.admission.leave_read()


_SLOT: ContextVar[ReadSlot | None] = ContextVar("sammen_read_slot", default=None)


@contextlib.asynccontextmanager
async def aside() -> AsyncIterator[None]:
    """Wait on work off the event loop (a thread, a worker process) without holding a read
    slot: another read runs meanwhile, and this one takes a slot again, in turn, before it goes
    on. Outside a read holding a slot (a write, a background task) it does nothing."""
    slot = _SLOT.get()
    if slot is None or not slot.held:
        yield
        return
    slot.release()
    try:
        yield
    finally:
        await slot.admission.enter_read()  # cancelled while waiting: it holds none, as it should
        slot.held = True


class ReadAdmissionMiddleware:
    def __init__(self, app: ASGIApp, slots: int, slots_while_writing: int = 1) -> None:
        self.app = app
        self.sizes = (slots, slots_while_writing)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.admission = Admission(*self.sizes)

    def _admission(self) -> Admission:
        loop = asyncio.get_running_loop()
        if loop is not self.loop:  # futures belong to one loop (tests run one per test)
            self.loop, self.admission = loop, Admission(*self.sizes)
        return self.admission

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        admission = self._admission()
        if scope["method"] in READS:
            await self._read(admission, scope, receive, send)
        else:
            await self._write(admission, scope, receive, send)

    async def _read(self, admission: Admission, scope: Scope, receive: Receive, send: Send) -> None:
        await admission.enter_read()
        slot = ReadSlot(admission)
        token = _SLOT.set(slot)

        async def send_releasing(message: Message) -> None:
            if message["type"] == "http.response.start":
                slot.release()
            await send(message)

        try:
            await self.app(scope, receive, send_releasing)
        finally:
            slot.release()
            _SLOT.reset(token)

    async def _write(self, admission: Admission, scope: Scope, receive: Receive, send: Send) -> None:
        counted = False

        def start() -> None:
            nonlocal counted
            if not counted:
                counted = True
                admission.enter_write()

        if not _has_body(scope):
            start()

        async def receive_counting(message_source: Receive = receive) -> Message:
            message = await message_source()
            if message["type"] == "http.request" and not message.get("more_body", False):
                start()  # the whole body is here: the handler's work begins
            return message

        try:
            await self.app(scope, receive_counting, send)
        finally:
            if counted:
                admission.leave_write()


def _has_body(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"transfer-encoding":
            return True
        if name == b"content-length":
            return value.strip() not in (b"", b"0")
    return False
