"""Fan-out: turning outbox rows into deliveries, one per subscribed endpoint that may read the resource.

The dispatcher reads the outbox in feed order from its own cursor (the `webhooks` row of
event_cursors), so a late commit on PostgreSQL is never passed over (events/feed.py). Each
endpoint receives what its organisation may read: visibility is checked for that organisation
and the payload is the resource as the API shows it to that organisation, rendered once per
organisation and event. The deliveries and the moved cursor are written in one transaction:
on PostgreSQL the cursor row is locked with SKIP LOCKED (one fan-out at a time, others carry
on delivering); on SQLite the plan is made outside the write lock and committed only if the
cursor has not moved meanwhile.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import orjson
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.db import Database
from sammen.core.live import live
from sammen.core.tables import utcnow
from sammen.events import outbox
from sammen.events.claims import Claimed, claimed
from sammen.events.feed import Position, final_after
from sammen.events.models import DELIVERIES, ENDPOINTS, EndpointState, EventCursor
from sammen.events.resources import KINDS, Audience, organisation_principal
from sammen.events.signing import SecretBox
from sammen.orgs.api import Organisation

CURSORS = EventCursor.__table__  # type: ignore[attr-defined]
ORGS = Organisation.__table__  # type: ignore[attr-defined]
CURSOR_NAME = "webhooks"


def message_id() -> str:
    return "msg_" + uuid.uuid4().hex


def payload(row: Any, obj: Any) -> str:
    """The Standard Webhooks body: type, timestamp and data (the change and the resource)."""
    body = {
        "type": row.type,
        "timestamp": row.occurred_at,
        "data": {
            "change_id": row.id,
            "resource_type": row.resource_type,
            "resource_id": row.resource_id,
            "action": row.action,
            "version": row.version,
            "link": row.link,
            "object": obj,
        },
    }
    return orjson.dumps(body, option=orjson.OPT_UTC_Z).decode()


@dataclass(frozen=True)
class Plan:
    start: Position
    end: Position
    rows: int
    deliveries: list[dict[str, Any]]
    endpoints: dict[int, Any]  # the endpoints the deliveries go to, by id


@dataclass(frozen=True)
class Taking:
    """Fresh deliveries the fanning-out dispatcher sends itself, claimed as they are made (no
    claim transaction of their own): `take(endpoint_id)` says whether there is room for one more."""

    take: Callable[[int], bool]
    box: SecretBox
    lease_seconds: float
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass
class FanOut:
    rows: int = 0  # outbox rows consumed
    created: int = 0  # deliveries made
    taken: list[Claimed] = field(default_factory=list)


async def _endpoints(session: AsyncSession) -> list[Any]:
    stmt = (
        select(
            ENDPOINTS.c.id,
            ENDPOINTS.c.organisation_id,
            ENDPOINTS.c.event_types,
            ENDPOINTS.c.created_at,
            ENDPOINTS.c.url,
            ENDPOINTS.c.signing_secret,
            ENDPOINTS.c.previous_signing_secret,
            ENDPOINTS.c.previous_secret_expires_at,
        )
        .select_from(ENDPOINTS.join(ORGS, ORGS.c.id == ENDPOINTS.c.organisation_id))
        .where(ENDPOINTS.c.state == EndpointState.enabled.value, live(ORGS))
    )
    return list((await session.execute(stmt)).all())


async def plan(
    session: AsyncSession, start: Position, *, limit: int, min_n_default: int, retry_hours: float
) -> Plan | None:
    """The deliveries for the next outbox rows after `start`; None when there are no final rows."""
    dialect = session.get_bind().dialect.name
    rows = (await session.execute(final_after(start, dialect=dialect, limit=limit))).all()
    if not rows:
        return None
    end = Position(rows[-1].txid, rows[-1].id)
    endpoints = await _endpoints(session)
    wanted: dict[int, list[tuple[Any, Any]]] = {}  # organisation -> (row, endpoint) pairs
    for row in rows:
        for endpoint in endpoints:
            if row.type in (endpoint.event_types or ()) and row.occurred_at >= endpoint.created_at:
                wanted.setdefault(endpoint.organisation_id, []).append((row, endpoint))
    now = utcnow()
    expires = now + dt.timedelta(hours=retry_hours)
    deliveries: list[dict[str, Any]] = []
    for organisation_id, pairs in wanted.items():
        audience = Audience(organisation_principal(organisation_id), min_n_default)
        objects = await _render_for(session, audience, [row for row, _ in pairs])
        for row, endpoint in pairs:
            key = (row.resource_type, row.resource_id)
            if key not in objects:
                continue  # the organisation may not read it: no event, not even that it changed
            deliveries.append(
                {
                    "endpoint_id": endpoint.id,
                    "change_id": row.id,
                    "message_id": message_id(),
                    "event_type": row.type,
                    "resource_type": row.resource_type,
                    "resource_id": row.resource_id,
                    "payload": payload(row, objects[key]),
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "expires_at": expires,
                    "created_at": now,
                    "claim": None,
                }
            )
    by_id = {e.id: e for e in endpoints}
    return Plan(start=start, end=end, rows=len(rows), deliveries=deliveries, endpoints=by_id)


async def _render_for(
    session: AsyncSession, audience: Audience, rows: Sequence[Any]
) -> dict[tuple[str, int], Any]:
    """(kind, id) -> the object as the audience sees it (None: visible, but no longer shown, e.g. deleted)."""
    by_kind: dict[str, set[int]] = {}
    for row in rows:
        by_kind.setdefault(row.resource_type, set()).add(row.resource_id)
    out: dict[tuple[str, int], Any] = {}
    for kind_name, ids in by_kind.items():
        kind = KINDS.get(kind_name)
        if kind is None:
            continue
        visible = sorted(await kind.visible(session, audience, sorted(ids)))
        rendered = await kind.render(session, audience, visible) if visible else {}
        for resource_id in visible:
            out[(kind_name, resource_id)] = rendered.get(resource_id)
    return out


async def _read_cursor(session: AsyncSession, *, lock: bool) -> Position | None:
    stmt = select(CURSORS.c.txid, CURSORS.c.change_id).where(CURSORS.c.name == CURSOR_NAME)
    if lock:
        stmt = stmt.with_for_update(skip_locked=True)
    row = (await session.execute(stmt)).first()
    return Position(row.txid, row.change_id) if row is not None else None


async def _ensure_cursor(database: Database) -> None:
    async with database.session(write=True) as session:
        if (
            await session.execute(select(CURSORS.c.name).where(CURSORS.c.name == CURSOR_NAME))
        ).first() is None:
            await session.execute(insert(CURSORS).values(name=CURSOR_NAME, txid=0, change_id=0))


async def _commit(
    session: AsyncSession, done: Plan, *, compare: bool, taking: Taking | None
) -> list[Claimed] | None:
    """Move the cursor past the plan's rows and make its deliveries (taking some); None when
    another dispatcher moved the cursor first."""
    stmt = update(CURSORS).where(CURSORS.c.name == CURSOR_NAME)
    if compare:  # only if no other dispatcher moved it since we read it
        stmt = stmt.where(CURSORS.c.txid == done.start.txid, CURSORS.c.change_id == done.start.change_id)
    result: Any = await session.execute(stmt.values(txid=done.end.txid, change_id=done.end.change_id))
    if result.rowcount != 1:
        return None
    if not done.deliveries:
        return []
    now = utcnow()
    mine = []
    if taking is not None:
        lease_end = now + dt.timedelta(seconds=taking.lease_seconds)
        for delivery in done.deliveries:
            if taking.take(delivery["endpoint_id"]):
                delivery.update(claim=taking.token, next_attempt_at=lease_end)
                mine.append(delivery)
    made = await session.execute(
        insert(DELIVERIES).returning(DELIVERIES.c.id, DELIVERIES.c.message_id, sort_by_parameter_order=True),
        done.deliveries,
    )
    ids = {message: delivery_id for delivery_id, message in made.all()}
    if len(mine) < len(done.deliveries):
        await outbox.wake_on_commit(session)  # every dispatcher's deliveries, not only this one's
    if taking is None:
        return []
    return [
        claimed(
            taking.box, _row(d, done.endpoints[d["endpoint_id"]], ids[d["message_id"]]), taking.token, now
        )
        for d in mine
    ]


def _row(delivery: dict[str, Any], endpoint: Any, delivery_id: int) -> Any:
    """The delivery's and its endpoint's columns, as a claim's query would give them."""
    return SimpleNamespace(
        **{**endpoint._asdict(), **delivery, "id": delivery_id, "endpoint_id": endpoint.id}
    )


Also = Callable[[AsyncSession], Awaitable[None]]


async def fan_out(
    database: Database,
    *,
    limit: int,
    min_n_default: int,
    retry_hours: float,
    taking: Taking | None = None,
    also: Also | None = None,
) -> FanOut:
    """One step: the outbox rows consumed, the deliveries made and those this dispatcher took.
    Nothing (all zero) when there was nothing to do or another dispatcher did it. `also` runs in
    the step's write transaction, if there is one (the dispatcher records its results there)."""
    kw: dict[str, Any] = {"limit": limit, "min_n_default": min_n_default, "retry_hours": retry_hours}
    if database.is_sqlite:
        async with database.session(write=False) as session:
            start = await _read_cursor(session, lock=False)
            done = await plan(session, start, **kw) if start is not None else None
        if start is None:
            await _ensure_cursor(database)
            return FanOut()
        if done is None:
            return FanOut()
        async with database.session(write=True) as session:
            if also is not None:
                await also(session)
            taken = await _commit(session, done, compare=True, taking=taking)
    else:
        async with database.session(write=True) as session:
            start = await _read_cursor(session, lock=True)
            if start is None:  # another dispatcher holds it (or it is not there yet)
                exists = (
                    await session.execute(select(CURSORS.c.name).where(CURSORS.c.name == CURSOR_NAME))
                ).first()
                if exists is not None:
                    return FanOut()
                done = None
            else:
                done = await plan(session, start, **kw)
                if done is not None and also is not None:
                    await also(session)
                taken = await _commit(session, done, compare=False, taking=taking) if done else None
        if start is None:
            await _ensure_cursor(database)
            return FanOut()
        if done is None:
            return FanOut()
    if taken is None:
        return FanOut()
    return FanOut(rows=done.rows, created=len(done.deliveries), taken=taken)
