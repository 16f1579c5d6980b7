"""Claiming deliveries: who sends what next, under a lease no other dispatcher breaks.

One short transaction picks due deliveries of enabled endpoints (`FOR UPDATE SKIP LOCKED` on
PostgreSQL, so dispatchers never wait for or take each other's rows; SQLite has one writer at a
time), gives them a claim token and moves their next attempt past the lease, and checks again
that each endpoint's organisation may still read the resource.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.idlist import among
from sammen.core.tables import utcnow
from sammen.events.models import DELIVERIES, ENDPOINTS, DeliveryStatus, EndpointState
from sammen.events.resources import KINDS, Audience, organisation_principal
from sammen.events.sender import Outcome
from sammen.events.signing import SecretBox


@dataclass(frozen=True)
class Claimed:
    delivery_id: int
    claim: str
    message_id: str
    payload: str
    url: str
    endpoint_id: int
    organisation_id: int
    resource_type: str
    resource_id: int
    attempts: int
    expires_at: dt.datetime
    secrets: tuple[str, ...]
    withheld: bool = False  # not to be sent: no longer visible to the endpoint's organisation


@dataclass(frozen=True)
class Result:
    item: Claimed
    at: dt.datetime
    outcome: Outcome | None  # None: withheld (no longer visible), not sent


async def claim(
    database: Database,
    settings: Settings,
    box: SecretBox,
    *,
    room: int,
    busy: dict[int, int],
    per_endpoint: int,
    look_first: bool = True,
) -> list[Claimed]:
    """Lease up to `room` due deliveries (at most `per_endpoint` in flight per endpoint, counting
    `busy`), each marked withheld if its organisation may no longer read the resource (checked
    again, now). `look_first`: see whether anything is due before taking a write transaction (not
    worth a round trip while the last claim found plenty)."""
    now = utcnow()
    token = uuid.uuid4().hex
    due = (
        select(DELIVERIES.c.id, DELIVERIES.c.endpoint_id)
        .select_from(DELIVERIES.join(ENDPOINTS, ENDPOINTS.c.id == DELIVERIES.c.endpoint_id))
        .where(
            DELIVERIES.c.status == DeliveryStatus.pending.value,
            DELIVERIES.c.next_attempt_at <= now,
            ENDPOINTS.c.state == EndpointState.enabled.value,
        )
        .order_by(DELIVERIES.c.next_attempt_at, DELIVERIES.c.id)
    )
    if look_first:
        async with database.session(write=False) as session:  # nothing due: no write transaction at all
            if (await session.execute(due.limit(1))).first() is None:
                return []
    async with database.session(write=True) as session:
        stmt = due.limit(room)
        if not database.is_sqlite:
            stmt = stmt.with_for_update(of=DELIVERIES, skip_locked=True)
        chosen: list[int] = []
        for delivery_id, endpoint_id in (await session.execute(stmt)).all():
            if busy.get(endpoint_id, 0) < per_endpoint:
                busy[endpoint_id] = busy.get(endpoint_id, 0) + 1
                chosen.append(delivery_id)
        if not chosen:
            return []
        lease_end = now + dt.timedelta(seconds=settings.webhook_lease_seconds)
        lease = update(DELIVERIES).values(claim=token, next_attempt_at=lease_end)
        if database.is_sqlite:  # its RETURNING sees only the updated table
            await session.execute(lease.where(among(DELIVERIES.c.id, chosen)))
            details = (await session.execute(_details(among(DELIVERIES.c.id, chosen)))).all()
        else:  # one statement leases them and brings back what sending needs
            leased = lease.where(among(DELIVERIES.c.id, chosen), ENDPOINTS.c.id == DELIVERIES.c.endpoint_id)
            details = (await session.execute(leased.returning(*_COLUMNS))).all()
        hidden = await _hidden(session, settings, details)
    return [claimed(box, row, token, now, withheld=row.id in hidden) for row in details]


_COLUMNS = (
    DELIVERIES.c.id,
    DELIVERIES.c.message_id,
    DELIVERIES.c.payload,
    DELIVERIES.c.resource_type,
    DELIVERIES.c.resource_id,
    DELIVERIES.c.attempts,
    DELIVERIES.c.expires_at,
    ENDPOINTS.c.id.label("endpoint_id"),
    ENDPOINTS.c.url,
    ENDPOINTS.c.organisation_id,
    ENDPOINTS.c.signing_secret,
    ENDPOINTS.c.previous_signing_secret,
    ENDPOINTS.c.previous_secret_expires_at,
)


def _details(which: Any) -> Any:
    """What sending needs of the deliveries `which` selects, and of their endpoints."""
    return (
        select(*_COLUMNS)
        .select_from(DELIVERIES.join(ENDPOINTS, ENDPOINTS.c.id == DELIVERIES.c.endpoint_id))
        .where(which)
    )


async def _hidden(session: Any, settings: Settings, rows: Any) -> set[int]:
    """The deliveries among `rows` whose resource the endpoint's organisation may no longer read."""
    groups: dict[tuple[int, str], list[Any]] = {}
    for row in rows:
        groups.setdefault((row.organisation_id, row.resource_type), []).append(row)
    hidden: set[int] = set()
    for (organisation_id, kind_name), items in groups.items():
        kind = KINDS.get(kind_name)
        audience = Audience(organisation_principal(organisation_id), settings.min_n_default)
        ids = sorted({row.resource_id for row in items})
        visible = await kind.visible(session, audience, ids) if kind is not None else set()
        hidden |= {row.id for row in items if row.resource_id not in visible}
    return hidden


def claimed(box: SecretBox, row: Any, token: str, now: dt.datetime, *, withheld: bool = False) -> Claimed:
    """A claimed delivery from a row with the delivery's and its endpoint's columns."""
    in_use = [box.open(row.signing_secret)]
    previous_until = row.previous_secret_expires_at
    if row.previous_signing_secret and previous_until is not None and previous_until > now:
        in_use.append(box.open(row.previous_signing_secret))  # both sign during the overlap
    return Claimed(
        delivery_id=row.id,
        claim=token,
        message_id=row.message_id,
        payload=row.payload,
        url=row.url,
        endpoint_id=row.endpoint_id,
        organisation_id=row.organisation_id,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        attempts=row.attempts,
        expires_at=row.expires_at,
        secrets=tuple(in_use),
        withheld=withheld,
    )
