"""The change feed: the outbox read in commit-safe order, through opaque cursors.

A position is (txid, id). On PostgreSQL ids come from a sequence when a row is inserted, but
transactions commit in any order: a change with a lower id can become visible after one with
a higher id was already handed out. So a reader only takes rows whose writing transaction is
older than every transaction still in progress (`txid < pg_snapshot_xmin(pg_current_snapshot())`,
evaluated in the same statement, hence the same snapshot, as the rows): such rows are final,
no transaction can add another row below them. Read in (txid, id) order, everything after a
cursor that is final now was either returned or is still ahead. A long transaction delays the
feed; it never makes it skip. The order is that of the transactions' first writes (for one
resource, its `version` orders its changes). On SQLite one writer at a time makes id order
commit order (txid is 0 everywhere).

Visibility is checked when the feed is read, per entry, with the domain's own rule, against
the resource as it is now: a change to something the caller cannot read is left out (the
cursor still moves past it), so not even the fact that it changed shows.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    String,
    Text,
    bindparam,
    cast,
    func,
    literal,
    select,
    text,
    tuple_,
    type_coerce,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import field_error
from sammen.core.pagination import bound_at_execution
from sammen.core.permissions import Principal
from sammen.events.catalogue import BY_NAME
from sammen.events.models import ChangeEvent
from sammen.events.resources import Audience, readable_clause

CHANGES = ChangeEvent.__table__  # type: ignore[attr-defined]
MAX_LIMIT = 1000
ENTRY_KEYS = ("id", "type", "resource_type", "resource_id", "action", "version", "occurred_at", "link")


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


def _after(
    stmt: Select[Any],
    position: Position | None,
    *,
    dialect: str,
    limit: int | None,
    types: Sequence[str] | None,
) -> Select[Any]:
    """Rows after `position` (None: the parameters after_txid and after_id), at most `limit` (None: the
    parameter limit), that no running transaction can precede, in feed order."""
    after = (
        tuple_(bindparam("after_txid", type_=BigInteger), bindparam("after_id", type_=BigInteger))
        if position is None
        else tuple_(*position)
    )
    stmt = stmt.where(tuple_(CHANGES.c.txid, CHANGES.c.id) > after)
    if dialect == "postgresql":
        horizon = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), String), BigInteger)
        stmt = stmt.where(CHANGES.c.txid < horizon)
    if types:
        stmt = stmt.where(CHANGES.c.type.in_(list(types)))
    return stmt.order_by(CHANGES.c.txid, CHANGES.c.id).limit(
        bound_at_execution("limit") if limit is None else limit
    )


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
    )
    return _after(stmt, position, dialect=dialect, limit=limit, types=types)


def _rfc3339(column: Any, dialect: str) -> ColumnElement[str]:
    """A UTC timestamp as RFC 3339 text with microseconds and `Z`, made by the database."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"', type_=String)
    stored = type_coerce(column, String)  # SQLite keeps "YYYY-MM-DD HH:MM:SS.ffffff" (UTC)
    return func.replace(stored, " ", "T", type_=String) + literal("Z")


PageStatement = Select[str, int, Any]  # the entries' JSON, how many rows were read, the last one's position


def page_statement(*, dialect: str, types: Sequence[str] | None, audience: Audience) -> PageStatement:
    """The feed's one statement: the next rows (parameters after_txid, after_id, limit) read in
    order; the entries of those the audience may read as one JSON array built by the database;
    how many rows were read; the last one's position. Built once per kind of audience: building
    and keying a statement this size costs more than running it."""
    key = (dialect, tuple(types or ()), audience.key)
    stmt = _PAGES.get(key)
    if stmt is None:
        if len(_PAGES) >= 512:
            _PAGES.clear()
        stmt = _PAGES[key] = _page_statement(dialect, types, audience)
    return stmt


def _page_statement(dialect: str, types: Sequence[str] | None, audience: Audience) -> PageStatement:
    names = ("id", "txid", "type", "resource_type", "resource_id", "action", "version", "occurred_at", "link")
    rows = select(
        *(CHANGES.c[name] for name in names),
        readable_clause(audience, CHANGES.c.resource_type, CHANGES.c.resource_id).label("visible"),
    )
    page = _after(rows, None, dialect=dialect, limit=None, types=types).subquery("page")
    fields: list[Any] = []
    for name in ENTRY_KEYS:
        value = _rfc3339(page.c.occurred_at, dialect) if name == "occurred_at" else page.c[name]
        fields += [literal(name, String), value]
    items: ColumnElement[str]
    last: ColumnElement[Any]  # the greatest (txid, id) read: where the next page starts
    if dialect == "postgresql":
        entries = func.json_agg(func.json_build_object(*fields)).aggregate_order_by(page.c.txid, page.c.id)
        items = cast(func.coalesce(entries.filter(page.c.visible), text("'[]'::json")), Text)
        last = func.max(postgresql.array([page.c.txid, page.c.id]))  # arrays compare element by element
    else:  # SQLite aggregates rows in the order the ordered subquery yields them
        visible = func.json_group_array(func.json_object(*fields)).filter(page.c.visible)
        items = func.coalesce(visible, "[]", type_=String)
        last = func.max(func.printf("%019d.%019d", page.c.txid, page.c.id), type_=String)
    return select(items, func.count(), last).select_from(page)


def _position(last: Any) -> Position:
    """The `last` column of a page: [txid, id] (PostgreSQL) or "txid.id", zero-padded (SQLite)."""
    txid, change_id = last.split(".") if isinstance(last, str) else last
    return Position(int(txid), int(change_id))


_PAGES: dict[tuple[Any, ...], PageStatement] = {}


@dataclass(frozen=True)
class FeedPage:
    items_json: str  # the entries, a JSON array
    cursor: str
    has_more: bool


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
    audience = Audience(principal, min_n_default)
    await audience.prepare(session)
    stmt = page_statement(dialect=dialect, types=wanted, audience=audience)
    params = {"after_txid": position.txid, "after_id": position.change_id, "limit": limit}
    items, scanned, last = (await session.execute(stmt, params)).one()
    last = _position(last) if scanned else position
    return FeedPage(items_json=items, cursor=encode_cursor(last), has_more=scanned == limit)
