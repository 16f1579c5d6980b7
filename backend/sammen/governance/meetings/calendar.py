"""iCalendar (RFC 5545) feeds of meetings, written by hand, and personal feed tokens.

Times are written as local Europe/Copenhagen times with TZID and the zone's VTIMEZONE
(EU rules since 1996: last Sunday of March 02:00 -> CEST, last Sunday of October 03:00 -> CET).
Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sammen.core import audit
from sammen.core.errors import Forbidden, Unauthorized
from sammen.core.permissions import Principal
from sammen.core.security import digest, new_opaque_token
from sammen.governance.meetings.models import FeedToken, MeetingStatus
from sammen.orgs import service as orgs

TZID = "Europe/Copenhagen"
ZONE = ZoneInfo(TZID)
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
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(encoded) - start > limit:
        end = start + limit
        while encoded[end] & 0xC0 == 0x80:  # a continuation byte: the character starts earlier
            end -= 1
        parts.append(encoded[start:end])
        start, limit = end, 74  # continuation lines begin with a space
    parts.append(encoded[start:])
    return "\r\n ".join(part.decode("utf-8") for part in parts)


def _stamp(moment: dt.datetime) -> str:
    # by hand: strftime costs three times as much, and a feed writes five stamps per meeting
    return "%04d%02d%02dT%02d%02d%02d" % (  # noqa: UP031 - the fastest of the formatting ways
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
    )  # fmt: skip


def _local(moment: dt.datetime) -> str:
    return _stamp(moment.astimezone(ZONE))


def _utc(moment: dt.datetime) -> str:
    return _stamp(moment.astimezone(dt.UTC)) + "Z"


def render(meetings: Iterable[Any], *, name: str, agendas: dict[int, list[str]], host: str) -> str:
    """The feed of `meetings` (rows with listing.FEED_COLUMNS and `body_name`)."""
    # Lines carrying names, titles or the host are folded; the fixed ones (keywords, stamps,
    # numbers) are short ASCII and need not be (a feed has a dozen lines per meeting).
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        fold(f"X-WR-CALNAME:{escape_text(name)}"),
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for m in meetings:
        body = m.body_name or ""
        description = [f"Status: {m.status.value}"]
        if agendas.get(m.id or 0):
            description.append("Dagsorden:")
            description += [f"{n}. {title}" for n, title in enumerate(agendas[m.id or 0], start=1)]
        if m.online_url:
            description.append(f"Online: {m.online_url}")
        updated = _utc(m.updated_at)
        lines += [
            "BEGIN:VEVENT",
            fold(f"UID:meeting-{m.id}@{host}"),
            # the event's own last change, not the moment of the request: the feed then changes only
            # when a meeting does, so calendar clients revalidate it with If-None-Match (304)
            f"DTSTAMP:{updated}",
            f"LAST-MODIFIED:{updated}",
            f"CREATED:{_utc(m.created_at)}",
            f"SEQUENCE:{m.version - 1}",
            f"DTSTART;TZID={TZID}:{_local(m.starts_at)}",
            f"DTEND;TZID={TZID}:{_local(m.ends_at)}",
            fold(f"SUMMARY:{escape_text(f'{body}: {m.title}' if body else m.title)}"),
            f"STATUS:{'CANCELLED' if m.status == MeetingStatus.cancelled else 'CONFIRMED'}",
            fold(f"DESCRIPTION:{escape_text(chr(10).join(description))}"),
        ]
        if m.place:
            lines.append(fold(f"LOCATION:{escape_text(m.place)}"))
        if m.online_url:
            lines.append(fold(f"URL:{m.online_url}"))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    lines.append("")
    return "\r\n".join(lines)


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


async def principal_for_feed(session: AsyncSession, *, token: str) -> Principal:
    row = (await session.scalars(select(FeedToken).where(FeedToken.feed_token_hash == digest(token)))).first()
    if row is None:
        raise Unauthorized("The feed token is not valid (it may have been replaced).")
    principal = await orgs.load_user_principal(session, user_id=row.user_id)
    if principal is None:
        raise Unauthorized("The account is not active.")
    return principal
