"""iCalendar (RFC 5545) feeds of meetings, and personal feed tokens.

The database writes the events (feed.py); this writes the calendar around them and folds the
lines longer than 75 octets. Times are local Europe/Copenhagen times with TZID and the zone's
VTIMEZONE (EU rules since 1996: last Sunday of March 02:00 -> CEST, last Sunday of October
03:00 -> CET). Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sammen.core import audit
from sammen.core.errors import Forbidden, Unauthorized
from sammen.core.permissions import Principal
from sammen.core.security import digest, new_opaque_token
from sammen.governance.meetings.feed import TZID
from sammen.governance.meetings.models import FeedToken

PRODID = "-//Sammen//Sammen meetings//DA"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:  # most lines: no per-character work
        return line
    return _folded(encoded).decode("utf-8")


def _folded(encoded: bytes) -> bytes:
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(encoded) - start > limit:
        end = start + limit
        while encoded[end] & 0xC0 == 0x80:  # a continuation byte: the character starts earlier
            end -= 1
        parts.append(encoded[start:end])
        start, limit = end, 74  # continuation lines begin with a space
    parts.append(encoded[start:])
    return b"\r\n ".join(parts)


# Put by the database in front of a line longer than 75 octets (feed.marked): a control
# character, at the start of a line, where no event's text can put one (CR and LF are escaped).
LONG = "\x01"
_MARKED = b"\r\n" + LONG.encode()


def render(events: str, *, name: str) -> bytes:
    """The calendar `name` holding `events` (feed.feed_events: VEVENTs, long lines marked), its
    long lines folded."""
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        fold(f"X-WR-CALNAME:{escape_text(name)}"),
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
        "",
    ]
    data = ("\r\n".join(head) + events + "END:VCALENDAR\r\n").encode("utf-8")
    if _MARKED not in data:  # no long line: nothing to touch
        return data
    first, *marked = data.split(_MARKED)
    out = [first]
    for piece in marked:  # each starts with a long line, and is nothing else if the next is long too
        end = piece.find(b"\r\n")
        out.append(_folded(piece) if end < 0 else _folded(piece[:end]) + piece[end:])
    return b"\r\n".join(out)


async def rotate_feed_token(session: AsyncSession, *, actor: Principal) -> str:
    """A new personal feed token for the calling user; the old one stops working."""
    if actor.kind != "user":
        raise Forbidden("Calendar feeds belong to people; API clients read /meetings instead.")
    token = new_opaque_token("feed")
    row = (await session.scalars(select(FeedToken).where(FeedToken.user_id == actor.id))).first()
    if row is None:
        session.add(FeedToken(user_id=actor.id, feed_token_hash=digest(token)))
    else:
        row.feed_token_hash = digest(token)
        row.created_at = dt.datetime.now(dt.UTC)
    await session.flush()
    audit.record(session, actor=actor, action="feed_token.rotate", object_type="user", object_id=actor.id)
    return token


async def feed_token_owner(session: AsyncSession, *, token: str) -> int:
    """The id of the user a personal feed token belongs to (who they are is orgs.deps's to say)."""
    stmt = select(FeedToken.user_id).where(FeedToken.feed_token_hash == digest(token))
    user_id = (await session.scalars(stmt)).first()
    if user_id is None:
        raise Unauthorized("The feed token is not valid (it may have been replaced).")
    return int(user_id)
