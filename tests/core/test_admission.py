"""Read admission (core/admission.py): a few reads at once, one while a write is under way, and a
write never waits for a read slot."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.types import Message, Receive, Scope, Send

from sammen.core.admission import ReadAdmissionMiddleware, aside, default_slots


class Handlers:
    """An ASGI app whose every request waits until the test lets its path finish."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.release: dict[str, asyncio.Event] = {}

    def gate(self, path: str) -> asyncio.Event:
        return self.release.setdefault(path, asyncio.Event())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            while (await receive()).get("more_body", False):
                pass
        self.started.append(scope["path"])
        await self.gate(scope["path"]).wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def request(
    app: ReadAdmissionMiddleware, method: str, path: str, body: list[bytes] | None = None
) -> asyncio.Task[None]:
    chunks = list(body or [])
    headers = [(b"content-length", str(sum(map(len, chunks))).encode())] if chunks else []
    scope: Scope = {"type": "http", "method": method, "path": path, "headers": headers}

    async def receive() -> Message:
        if chunks:
            await asyncio.sleep(0)
            chunk = chunks.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        return None

    return asyncio.create_task(app(scope, receive, send))


async def settle() -> None:
    for _ in range(10):
        await asyncio.sleep(0)


async def until(condition: Callable[[], bool], step: Callable[[], Awaitable[None]] = settle) -> None:
    for _ in range(100):
        if condition():
            return
        await step()
    raise AssertionError("the condition never held")


async def test_reads_beyond_the_slots_wait_for_one_to_finish() -> None:
    handlers = Handlers()
    app = ReadAdmissionMiddleware(handlers, slots=2)
    tasks = [request(app, "GET", f"/r{k}") for k in range(3)]
    await settle()
    assert handlers.started == ["/r0", "/r1"]
    handlers.gate("/r0").set()
    await until(lambda: "/r2" in handlers.started)
    for path in ("/r1", "/r2"):
        handlers.gate(path).set()
    await asyncio.gather(*tasks)


async def test_a_write_runs_at_once_when_every_read_slot_is_taken() -> None:
    handlers = Handlers()
    app = ReadAdmissionMiddleware(handlers, slots=2)
    reads = [request(app, "GET", f"/r{k}") for k in range(2)]
    write = request(app, "PATCH", "/w", body=[b'{"title": ', b'"x"}'])
    await settle()
    assert "/w" in handlers.started
    for path in ("/r0", "/r1", "/w"):
        handlers.gate(path).set()
    await asyncio.gather(*reads, write)


async def test_while_a_write_is_under_way_reads_run_one_at_a_time() -> None:
    handlers = Handlers()
    app = ReadAdmissionMiddleware(handlers, slots=4, slots_while_writing=1)
    write = request(app, "DELETE", "/w")
    await settle()
    reads = [request(app, "GET", f"/r{k}") for k in range(3)]
    await settle()
    assert handlers.started == ["/w", "/r0"]
    handlers.gate("/w").set()  # the write ends: the other reads come in together
    await until(lambda: handlers.started == ["/w", "/r0", "/r1", "/r2"])
    for k in range(3):
        handlers.gate(f"/r{k}").set()
    await asyncio.gather(write, *reads)


async def test_a_write_still_receiving_its_body_holds_no_read_back() -> None:
    handlers = Handlers()
    app = ReadAdmissionMiddleware(handlers, slots=2, slots_while_writing=1)
    upload_done = asyncio.Event()
    scope: Scope = {
        "type": "http",
        "method": "POST",
        "path": "/upload",
        "headers": [(b"content-length", b"4")],
    }

    async def slow_receive() -> Message:
        await upload_done.wait()
        return {"type": "http.request", "body": b"data", "more_body": False}

    async def send(message: Message) -> None:
        return None

    upload = asyncio.create_task(app(scope, slow_receive, send))
    reads = [request(app, "GET", f"/r{k}") for k in range(2)]
    await settle()
    assert handlers.started == ["/r0", "/r1"]  # both slots, though the upload has begun
    upload_done.set()
    for path in ("/r0", "/r1", "/upload"):
        handlers.gate(path).set()
    await asyncio.gather(upload, *reads)


async def test_a_read_cancelled_while_waiting_takes_no_slot_with_it() -> None:
    handlers = Handlers()
    app = ReadAdmissionMiddleware(handlers, slots=1)
    first = request(app, "GET", "/r0")
    waiting = request(app, "GET", "/gone")
    await settle()
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    handlers.gate("/r0").set()
    await first
    later = request(app, "GET", "/r1")
    await until(lambda: "/r1" in handlers.started)
    handlers.gate("/r1").set()
    await later
    assert app.admission.running == 0 and not app.admission.waiting


class AsideHandlers(Handlers):
    """Requests to /aside/... wait on their gate outside their read slot (as off-loop work does),
    then take a slot again and wait on /after/... before they answer."""

    def __init__(self) -> None:
        super().__init__()
        self.resumed: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        if not path.startswith("/aside/"):
            await super().__call__(scope, receive, send)
            return
        self.started.append(path)
        async with aside():
            await self.gate(path).wait()
        self.resumed.append(path)
        await self.gate("/after" + path).wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def one_slot_set_aside() -> tuple[
    AsideHandlers, ReadAdmissionMiddleware, asyncio.Task[None], asyncio.Task[None]
]:
    """One read slot; /aside/pdf sets it aside and /list runs in it meanwhile."""
    handlers = AsideHandlers()
    app = ReadAdmissionMiddleware(handlers, slots=1)
    slow = request(app, "GET", "/aside/pdf")
    await settle()
    other = request(app, "GET", "/list")
    await until(lambda: "/list" in handlers.started)  # the one slot was set aside for it
    return handlers, app, slow, other


async def test_a_read_waiting_on_work_off_the_loop_lets_another_read_run() -> None:
    handlers, _, slow, other = await one_slot_set_aside()
    handlers.gate("/list").set()
    await other
    for gate in ("/aside/pdf", "/after/aside/pdf"):
        handlers.gate(gate).set()
    await slow


async def test_after_setting_its_slot_aside_a_read_waits_its_turn_for_one_again() -> None:
    handlers, app, slow, other = await one_slot_set_aside()
    handlers.gate("/aside/pdf").set()  # its work is done while /list holds the only slot
    await settle()
    assert handlers.resumed == []
    handlers.gate("/list").set()
    await until(lambda: handlers.resumed == ["/aside/pdf"])
    assert app.admission.running == 1
    handlers.gate("/after/aside/pdf").set()
    await asyncio.gather(slow, other)
    assert app.admission.running == 0


async def test_outside_a_read_setting_aside_changes_nothing() -> None:
    async with aside():
        pass


def test_postgresql_admits_two_reads_at_once_and_sqlite_eight_unless_told() -> None:
    assert default_slots("postgresql+psycopg://sammen@db/sammen") == 2
    assert default_slots("sqlite+aiosqlite:///./data/sammen.db") == 8
