"""The dispatcher: fans the outbox out to endpoints and delivers, at least once, without blocking.

It runs inside `sammen serve` (in one of its processes per database, events/election.py) and as
`sammen worker`. Several may run at once, in one process or many: a delivery is claimed in a
short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer at a time)
that gives it a lease, a claim token and its next-attempt time moved past the lease; the
attempt is made outside any transaction and its result recorded only while the token still
holds. A dispatcher that dies mid-delivery loses nothing: when its lease runs out the
delivery is due again and another dispatcher sends it, under the same `webhook-id`. Leases
outlast any attempt (WEBHOOK_LEASE_SECONDS > 2 x WEBHOOK_TIMEOUT_SECONDS), so no two
dispatchers ever make the same attempt at once.

Everything is asynchronous (database, DNS in a worker thread, HTTP); a few sends per
endpoint at a time, results recorded in batches.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete

from sammen.core import notices
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.tables import utcnow
from sammen.events import claims, outbox
from sammen.events.claims import Claimed, Result
from sammen.events.fanout import FanOut, Taking, fan_out
from sammen.events.health import record_in, record_outcomes
from sammen.events.models import DELIVERIES, DeliveryStatus
from sammen.events.netguard import Resolver, system_resolver
from sammen.events.sender import Sender
from sammen.events.signing import box_for, signature_headers

log = logging.getLogger("sammen.events")
DELIVERY_LOG_DAYS = 30
# A moment to let what comes at about the same time be taken in one transaction (outbox rows
# after a wake-up, with the results of the sends before): the dispatcher then writes at most
# about 1/SETTLE times a second however busy it is, and a delivery waits at most this much
# longer. Measured at 100 changes a second (bench/events.py): without it the dispatcher's
# transactions slowed the requests' commits on SQLite (its writers take turns) from 6 ms to 1 s.
SETTLE = 0.05


def backoff_seconds(attempts: int, *, base: float = 5.0, cap: float = 6 * 3600.0) -> float:
    """Exponential (x4 per attempt: 5 s, 20 s, 80 s, 5 min, ... up to 6 h) with +-25 % jitter; with
    the default retry window of 24 h that is about ten attempts."""
    delay: float = min(cap, base * 4.0 ** max(0, attempts - 1))
    return delay * random.uniform(0.75, 1.25)  # noqa: S311 - jitter, not a secret


class Dispatcher:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        resolver: Resolver = system_resolver,
        concurrency: int = 64,
        per_endpoint: int = 32,
        fanout_batch: int = 200,
        backoff: Callable[[int], float] = backoff_seconds,
    ) -> None:
        self.database = database
        self.settings = settings
        self.concurrency = concurrency
        self.per_endpoint = per_endpoint
        self.fanout_batch = fanout_batch
        self.backoff = backoff
        self.sender = Sender(
            allow_private=settings.webhook_allow_private_addresses,
            timeout=settings.webhook_timeout_seconds,
            resolver=resolver,
            max_idle_per_receiver=per_endpoint,
        )
        self.box = box_for(settings.jwt_secret)
        self._outbox = asyncio.Event()  # set: new outbox rows (or a retry) may be waiting
        self._due = asyncio.Event()  # set: deliveries may be due, or room was made for more
        self._short_of_room = False  # deliveries were left for want of room: a finished send wakes us
        self._claimed_last = False  # the last claim found some: likely more are due
        self._loop: asyncio.AbstractEventLoop | None = None
        self._in_flight: dict[asyncio.Task[None], int] = {}  # send task -> endpoint id
        self._results: list[Result] = []  # to be recorded: by the next fan-out's transaction, or alone
        self._results_ready = asyncio.Event()
        self._last_prune = 0.0

    # ------------------------------------------------------------ waking
    def wake(self, what: str) -> None:
        """Called after a commit that wrote outbox rows or due deliveries (from any thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake, what)

    def _wake(self, what: str) -> None:
        (self._due if what == outbox.DELIVERIES else self._outbox).set()

    async def _listen(self) -> None:
        """PostgreSQL: NOTIFY from any process's commit wakes this dispatcher at once (the poll
        still runs while the notice connection is down)."""
        await notices.listen(self.database.url, outbox.NOTIFY_CHANNEL, on_notice=self._wake, retry_seconds=5)

    # ------------------------------------------------------------ one round
    async def fan_out(self) -> int:
        """Turn the next batch of outbox rows into deliveries, starting those there is room for at
        once (claimed as they are made); how many outbox rows were consumed."""
        busy = self._busy()
        room = self.concurrency - len(self._in_flight)

        def take(endpoint_id: int) -> bool:
            nonlocal room
            if room <= 0 or busy.get(endpoint_id, 0) >= self.per_endpoint:
                return False
            room -= 1
            busy[endpoint_id] = busy.get(endpoint_id, 0) + 1
            return True

        done: FanOut = await fan_out(
            self.database,
            limit=self.fanout_batch,
            min_n_default=self.settings.min_n_default,
            retry_hours=self.settings.webhook_retry_hours,
            taking=Taking(take, self.box, self.settings.webhook_lease_seconds),
            also=self._record_in,
        )
        for item in done.taken:
            self._start(item)
        if done.created > len(done.taken):
            self._short_of_room = True
            self._due.set()
        return done.rows

    def _busy(self) -> dict[int, int]:
        """Sends in flight per endpoint."""
        busy: dict[int, int] = {}
        for endpoint_id in self._in_flight.values():
            busy[endpoint_id] = busy.get(endpoint_id, 0) + 1
        return busy

    async def deliver_due(self) -> int:
        """Start as many due deliveries as there is room for; how many were claimed."""
        room = self.concurrency - len(self._in_flight)
        claimed = await self.claim(room) if room > 0 else []
        self._claimed_last = bool(claimed)
        # More may be due when places free up: also when an endpoint is at its limit (the claim
        # then leaves its due deliveries; without this they waited for the next poll).
        full = any(n >= self.per_endpoint for n in self._busy().values())
        self._short_of_room = room <= 0 or bool(claimed) or full
        for item in claimed:
            if item.withheld:
                self._result(Result(item, utcnow(), None))
            else:
                self._start(item)
        return len(claimed)

    async def step(self) -> bool:
        """Fan out one batch and start what is due; True if either happened (for tests and drain)."""
        rows = await self.fan_out()
        return rows > 0 or await self.deliver_due() > 0

    async def claim(self, room: int) -> list[Claimed]:
        """Lease up to `room` due deliveries, at most `per_endpoint` in flight per endpoint."""
        return await claims.claim(
            self.database,
            self.settings,
            self.box,
            room=room,
            busy=self._busy(),
            per_endpoint=self.per_endpoint,
            look_first=not self._claimed_last,
        )

    def _start(self, item: Claimed) -> None:
        task = asyncio.create_task(self._attempt(item), name=f"webhook {item.message_id}")
        self._in_flight[task] = item.endpoint_id
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.pop(task, None)
        if self._short_of_room:
            self._due.set()  # room for another claim

    async def _attempt(self, item: Claimed) -> None:
        at = utcnow()
        headers = signature_headers(item.message_id, item.payload, item.secrets, at)
        outcome = await self.sender.send(item.url, headers, item.payload.encode())
        self._result(Result(item, at, outcome))

    # ------------------------------------------------------------ results
    def _result(self, result: Result) -> None:
        self._results.append(result)
        self._results_ready.set()

    def _take_results(self) -> list[Result]:
        taken, self._results = self._results[:500], self._results[500:]
        if not self._results:
            self._results_ready.clear()
        return taken

    async def _record_in(self, session: Any) -> None:
        await record_in(session, self.settings, self._take_results(), backoff=self.backoff)

    async def flush_results(self) -> int:
        """Record the results waiting (up to 500) in a transaction of their own."""
        batch = self._take_results()
        if batch:
            await record_outcomes(self.database, self.settings, batch, backoff=self.backoff)
        return len(batch)

    async def _recorder(self) -> None:
        """Results not taken by a fan-out within a moment (while changes come, the next fan-out
        takes them into its transaction) are recorded on their own."""
        while True:
            await self._results_ready.wait()
            await asyncio.sleep(2 * SETTLE)
            try:
                await self.flush_results()
            except Exception:
                log.exception(
                    "webhook dispatcher: recording results failed; the leases will expire and retry"
                )

    async def _prune(self) -> None:
        """Delivery log retention: finished deliveries older than DELIVERY_LOG_DAYS go (attempts cascade)."""
        loop = asyncio.get_running_loop()
        if loop.time() - self._last_prune < 600:
            return
        self._last_prune = loop.time()
        cutoff = utcnow() - dt.timedelta(days=DELIVERY_LOG_DAYS)
        async with self.database.session(write=True) as session:
            await session.execute(
                delete(DELIVERIES).where(
                    DELIVERIES.c.status != DeliveryStatus.pending.value, DELIVERIES.c.created_at < cutoff
                )
            )

    # ------------------------------------------------------------ running
    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; then finish the sends in flight (each is bounded by the timeout)."""
        self._loop = asyncio.get_running_loop()
        outbox.add_waker(self.wake)
        tasks = [
            asyncio.create_task(self._recorder(), name="webhook results"),
            asyncio.create_task(
                self._loop_on(self._outbox, self._fan_out_round, stop, settle=SETTLE),
                name="webhook fan-out",
            ),
            asyncio.create_task(
                self._loop_on(self._due, self._delivery_round, stop), name="webhook delivery"
            ),
        ]
        if not self.database.is_sqlite:
            tasks.append(asyncio.create_task(self._listen(), name="webhook listen"))
        try:
            await stop.wait()
        finally:
            outbox.remove_waker(self.wake)
            for task in tasks[1:]:
                task.cancel()
            await asyncio.gather(*tasks[1:], return_exceptions=True)
            if self._in_flight:
                await asyncio.wait(list(self._in_flight), timeout=self.settings.webhook_timeout_seconds + 1)
            tasks[0].cancel()
            await asyncio.gather(tasks[0], return_exceptions=True)
            with contextlib.suppress(Exception):
                await self.flush_results()
            await self.sender.aclose()

    async def _loop_on(
        self, event: asyncio.Event, work: Callable[[], Any], stop: asyncio.Event, *, settle: float = 0.0
    ) -> None:
        """Do `work` while it finds some; then wait for `event` (and `settle` more, so that what
        comes at about the same time is taken together) or the poll interval."""
        poll = self.settings.webhook_poll_seconds
        while not stop.is_set():
            busy = False
            try:
                busy = bool(await work())
            except Exception:
                log.exception("webhook dispatcher: a round failed; trying again")
                await asyncio.sleep(poll)
            if not busy:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(poll):
                        await event.wait()
                        await asyncio.sleep(settle)
                event.clear()

    async def _fan_out_round(self) -> bool:
        rows = await self.fan_out()
        await self._prune()
        return rows >= self.fanout_batch  # a full batch: more may be waiting

    async def _delivery_round(self) -> bool:
        if self._in_flight:
            # Claim in batches, not a delivery per finished send: a moment for more sends to finish.
            await asyncio.sleep(0.01)
        room = self.concurrency - len(self._in_flight)
        claimed = await self.deliver_due()
        return claimed > 0 and claimed == room  # all places filled: more may be due

    async def drain(self, *, within: float = 10.0) -> None:
        """For tests and benchmarks: work until nothing is due and nothing is in flight."""
        self._loop = asyncio.get_running_loop()
        async with asyncio.timeout(within):
            while True:
                busy = await self.step()
                if self._in_flight:
                    await asyncio.wait(list(self._in_flight))
                recorded = await self.flush_results()
                if not busy and not recorded and not self._in_flight:
                    return

    async def aclose(self) -> None:
        await self.sender.aclose()


@contextlib.asynccontextmanager
async def running(database: Database, settings: Settings, **kw: Any) -> Any:
    """A dispatcher running in the background of the current event loop (tests and benchmarks)."""
    dispatcher = Dispatcher(database, settings, **kw)
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop), name="webhook dispatcher")
    try:
        yield dispatcher
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, timeout=settings.webhook_timeout_seconds + 5)
