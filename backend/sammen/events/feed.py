"""The change feed: the outbox read in commit-safe order, through opaque cursors.

A position is (txid, id). On PostgreSQL ids come from a sequence when a row is inserted, but
transactions commit in any order: a change with a lower id can become visible after one with
a higher id was already handed out. So a reader only takes rows whose writing transaction is
older than every transaction still in progress (`txid < pg_snapshot_xmin(pg_current_snapshot())`,
evaluated in the same statement, hence the same snapshot, as the rows): such rows are final,
no transaction can add another row below them. Read in (txid, id) order, everything after a
cursor that is final now was either returned or is still ahead. A long transaction delays the
feed; it never makes it skip. On SQLite one writer at a time makes id order commit order
(txid is 0 everywhere).

Visibility is checked when the feed is read, per entry, with the domain's own rule, against
the resource as it is now: a change to something the caller cannot read is left out (the
cursor still moves past it), so not even the fact that it changed shows.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, Select, String, cast, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import field_error
from sammen.core.permissions import Principal
from sammen.events.catalogue import BY_NAME
from sammen.events.models import ChangeEvent
from sammen.events.resources import Audience, visible_ids

CHANGES = ChangeEvent.__table__  # type: ignore[attr-defined]
MAX_LIMIT = 1000


class Position(NamedTuple):
    txid: int
    change_id: int


START = Position(0, 0)


def encode_cursor(position: Position) -> str:
    raw = f"1.{position.txid}.{position.change_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> Position:
    """The position a cursor stands for; 422 naming `query.after` for anything else."""
    if cursor is None or cursor == "":
        return START
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, txid, change_id = raw.split(".")
        if version != "1" or not txid.isdigit() or not change_id.isdigit():
            raise ValueError(raw)
        return Position(int(txid), int(change_id))
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise field_error("query.after", "not a cursor of this feed (use the `cursor` of a page)") from None


def check_types(types: Sequence[str] | None, *, field: str = "query.types") -> list[str] | None:
    """Event type names, comma-separated or repeated; unknown names are 422."""
    if not types:
        return None
    names = [t.strip() for value in types for t in value.split(",") if t.strip()]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise field_error(field, f"unknown event type(s): {', '.join(unknown)} (see /api/v1/event-types)")
    return sorted(set(names)) or None


def final_after(
    position: Position, *, dialect: str, limit: int, types: Sequence[str] | None = None
) -> Select[Any]:
    """Outbox rows after `position` that no running transaction can precede, in feed order."""
    stmt = select(
        CHANGES.c.id,
        CHANGES.c.txid,
        CHANGES.c.type,
        CHANGES.c.resource_type,
        CHANGES.c.resource_id,
        CHANGES.c.action,
        CHANGES.c.version,
        CHANGES.c.occurred_at,
        CHANGES.c.link,
    ).where(tuple_(CHANGES.c.txid, CHANGES.c.id) > tuple_(position.txid, position.change_id))
    if dialect == "postgresql":
        horizon = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), String), BigInteger)
        stmt = stmt.where(CHANGES.c.txid < horizon)
    if types:
        stmt = stmt.where(CHANGES.c.type.in_(list(types)))
    return stmt.order_by(CHANGES.c.txid, CHANGES.c.id).limit(limit)


@dataclass(frozen=True)
class FeedPage:
    items: list[dict[str, Any]]
    cursor: str
    has_more: bool


def entry(row: Any) -> dict[str, Any]:
    occurred: dt.datetime = row.occurred_at
    return {
        "id": row.id,
        "type": row.type,
        "resource_type": row.resource_type,
        "resource_id": row.resource_id,
        "action": row.action,
        "version": row.version,
        "occurred_at": occurred,
        "link": row.link,
    }


async def read_changes(
    session: AsyncSession,
    *,
    principal: Principal | None,
    after: str | None,
    types: Sequence[str] | None,
    limit: int,
    min_n_default: int,
) -> FeedPage:
    """One page of the changes `principal` may see after the cursor `after`, and the next cursor."""
    position = decode_cursor(after)
    wanted = check_types(types)
    dialect = session.get_bind().dialect.name
    rows = (await session.execute(final_after(position, dialect=dialect, limit=limit, types=wanted))).all()
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row.resource_type, []).append(row.resource_id)
    visible = await visible_ids(session, Audience(principal, min_n_default), by_kind)
    items = [entry(row) for row in rows if (row.resource_type, row.resource_id) in visible]
    last = Position(rows[-1].txid, rows[-1].id) if rows else position
    return FeedPage(items=items, cursor=encode_cursor(last), has_more=len(rows) == limit)
