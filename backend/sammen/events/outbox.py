"""The outbox: every catalogued change becomes a `change_events` row in the transaction that made it.

`audit.record` tells us of each audit event as it is added (core/audit.py); the ones in the
catalogue are queued on the session, and just before the session commits they are written
with one INSERT ... SELECT per group: the resource's id, version and link come from its own
row as it is at commit, so a batch of thousands of approvals is one statement. On PostgreSQL
each row carries the writing transaction's id, and a NOTIFY (delivered at commit) wakes the
dispatchers of every process; in this process they are woken directly after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, String, cast, event, func, insert, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from sammen.core import audit
from sammen.core.audit import AuditEvent
from sammen.events.catalogue import BY_TRIGGER
from sammen.events.models import ChangeEvent
from sammen.events.resources import KINDS

PENDING = "sammen.outbox.pending"
WROTE = "sammen.outbox.wrote"  # session info: what to wake when it commits
NOTIFY_CHANNEL = "sammen_changes"
OUTBOX, DELIVERIES = "outbox", "deliveries"  # what a wake-up is about: new outbox rows, or due deliveries
CHUNK = 5000  # ids per statement (SQLite allows 32,766 parameters)
CHANGES = ChangeEvent.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Pending:
    type: str
    resource: str
    action: str
    ids: tuple[int, ...]
    organisation_id: int | None
    audit_event: AuditEvent


def queue_change(session: AsyncSession, recorded: AuditEvent, changed: Mapping[str, Sequence[int]]) -> None:
    """The audit listener: queue the outbox rows this audit event stands for."""
    found: list[Pending] = []
    for trigger, ids in _triggers(recorded, changed):
        for event_type, verb in BY_TRIGGER.get(trigger, ()):
            found.append(
                Pending(event_type.name, event_type.resource, verb, ids, recorded.organisation_id, recorded)
            )
    if found:
        session.sync_session.info.setdefault(PENDING, []).extend(found)


def _triggers(
    recorded: AuditEvent, changed: Mapping[str, Sequence[int]]
) -> list[tuple[str, tuple[int, ...]]]:
    out = [(f"{recorded.action}:{outcome}", tuple(ids)) for outcome, ids in changed.items() if ids]
    object_id = recorded.object_id
    if object_id is not None and object_id.isdigit():
        out.append((recorded.action, (int(object_id),)))
    return out


def _txid(dialect: str) -> Any:
    """The writing transaction's id on PostgreSQL (xid8 as bigint); SQLite orders by id alone."""
    if dialect == "postgresql":
        return cast(cast(func.pg_current_xact_id(), String), BigInteger)
    return literal(0, BigInteger)


def write_pending(session: Session) -> int:
    """Write the queued rows (called just before commit; the session may still hold unflushed changes)."""
    pending: list[Pending] = session.info.pop(PENDING, [])
    if not pending:
        return 0
    session.flush()  # the resources' rows as they will be committed
    dialect = session.get_bind().dialect.name
    txid = _txid(dialect)
    columns = ["txid", "occurred_at", "type", "resource_type", "resource_id", "action", "version", "link", "organisation_id"]  # fmt: skip
    for item in pending:
        kind = KINDS[item.resource]
        occurred = item.audit_event.occurred_at
        for start in range(0, len(item.ids), CHUNK):
            chunk = list(item.ids[start : start + CHUNK])
            source = (
                select(
                    txid,
                    literal(occurred, CHANGES.c.occurred_at.type),
                    literal(item.type, String),
                    literal(item.resource, String),
                    kind.id_column,
                    literal(item.action, String),
                    kind.version_column,
                    kind.link,
                    literal(item.organisation_id, BigInteger),
                )
                .where(kind.id_column.in_(chunk))
                .order_by(kind.id_column)
            )
            session.execute(insert(CHANGES).from_select(columns, source))
    if dialect == "postgresql":
        session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}, '{OUTBOX}'"))  # delivered to listeners at commit
    session.info[WROTE] = OUTBOX
    return len(pending)


async def wake_on_commit(session: AsyncSession, what: str = DELIVERIES) -> None:
    """Dispatchers in this process and (on PostgreSQL) in every other look at once when this commits."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}, '{what}'"))
    session.sync_session.info[WROTE] = what


# In-process wake-ups: the dispatcher of this process registers one (events/dispatcher.py).
_wakers: list[Callable[[str], None]] = []


def add_waker(waker: Callable[[str], None]) -> None:
    _wakers.append(waker)


def remove_waker(waker: Callable[[str], None]) -> None:
    if waker in _wakers:
        _wakers.remove(waker)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    write_pending(session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    what = session.info.pop(WROTE, None)
    if what is not None:
        for waker in list(_wakers):
            waker(what)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(WROTE, None)


audit.add_record_listener(queue_change)
