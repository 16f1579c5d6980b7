"""Meetings as the caller may see them: one meeting's public shape, lists and pages of meetings
(a calendar feed's: feed.py). Guests' e-mail addresses are for partners and the body's members
only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, false, literal
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import sqljson
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.reads import Reader
from sammen.governance.meetings.access import (
    AnyViewer,
    Viewer,
    meeting_clause,
    viewer_key,
)
from sammen.governance.meetings.models import Meeting, MeetingStatus
from sammen.governance.meetings.schemas import Guest, MeetingPublic


def meeting_public(meeting: Meeting, v: Viewer) -> MeetingPublic:
    """Guests' e-mail addresses are for partners and the body's members only."""
    assert meeting.id is not None
    contacts = v.is_partner or v.member_of(meeting.body_id)
    return MeetingPublic(
        id=meeting.id,
        body_id=meeting.body_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        online_url=meeting.online_url,
        status=meeting.status,
        visibility=meeting.visibility,
        guests=[
            Guest(**(g if contacts else {k: x for k, x in g.items() if k != "email"})) for g in meeting.guests
        ],
        cancelled_reason=meeting.cancelled_reason,
        minutes_circulated_at=meeting.minutes_circulated_at,
        minutes_approved_at=meeting.minutes_approved_at,
        minutes_approved_by=meeting.minutes_approved_by,
        version=meeting.version,
    )


async def list_meetings(
    session: AsyncSession,
    *,
    v: Viewer,
    page: PageParams,
    body_id: int | None = None,
    status: MeetingStatus | None = None,
    starts_from: dt.datetime | None = None,
    starts_before: dt.datetime | None = None,
) -> tuple[list[Meeting], int]:
    stmt = select(Meeting).where(meeting_clause(v)).order_by(col(Meeting.starts_at).desc(), col(Meeting.id))
    if body_id is not None:
        stmt = stmt.where(Meeting.body_id == body_id)
    if status is not None:
        stmt = stmt.where(Meeting.status == status)
    if starts_from is not None:
        stmt = stmt.where(col(Meeting.starts_at) >= starts_from)
    if starts_before is not None:
        stmt = stmt.where(col(Meeting.starts_at) < starts_before)
    return await fetch_objects(session, stmt, page)


class _guests_json(sqljson.array_of_objects):
    """Guests as Guest objects; e-mail addresses only where the condition (argument 0) holds."""

    inherit_cache = True
    keys = ("name", "organisation", "email")
    shown_if = {"email": 0}  # noqa: RUF012


MEETING_COLUMNS = (
    "id", "body_id", "title", "starts_at", "ends_at", "place", "online_url", "status", "visibility",
)  # fmt: skip
MEETING_TAIL = (
    "cancelled_reason",
    "minutes_circulated_at",
    "minutes_approved_at",
    "minutes_approved_by",
    "version",
)


MEETING_FILTERS = {"body_id": "eq", "status": "eq", "starts_from": "ge", "starts_before": "lt"}
_PAGES = sqljson.StatementCache()


def _page_statement(v: AnyViewer, given: tuple[str, ...]) -> Any:
    table = Meeting.__table__  # type: ignore[attr-defined]
    clauses: list[Any] = [meeting_clause(v)]
    for name in given:
        column = table.c.starts_at if name.startswith("starts") else table.c[name]
        value = bindparam(f"f_{name}", type_=column.type)
        op = MEETING_FILTERS[name]
        clauses.append(column == value if op == "eq" else column >= value if op == "ge" else column < value)
    contacts = literal(v.is_partner) | (table.c.body_id.in_(v.members) if v.members is not None else false())
    pairs = [(c, sqljson.value_of(table.c[c])) for c in MEETING_COLUMNS]
    pairs += [("guests", _guests_json(table.c.guests, contacts))]
    pairs += [(c, sqljson.value_of(table.c[c])) for c in MEETING_TAIL]
    order = [(table.c.starts_at, True), (table.c.id, False)]
    return sqljson.page_document(table, clauses, sqljson.json_object(pairs), order)


async def list_page(reader: Reader, *, v: AnyViewer, page: PageParams, filters: dict[str, Any]) -> bytes:
    """A page of meetings as the JSON of Page[MeetingPublic], built in one statement (with a
    SqlViewer, the caller's bodies read in it too); guests' e-mail addresses only for partners
    and the body's members (as `meeting_public`).

    `filters`: body_id, status, starts_from, starts_before (None: not filtered)."""
    given = tuple(name for name in MEETING_FILTERS if filters.get(name) is not None)
    key = (reader.dialect, viewer_key(v), given)
    stmt = _PAGES.get(key, lambda: _page_statement(v, given))
    params = {"limit": page.limit, "offset": page.offset, **v.bound, **{f"f_{n}": filters[n] for n in given}}
    found = await reader.scalar(stmt, params)
    return str(found).encode()
