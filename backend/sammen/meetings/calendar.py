"""iCalendar (RFC 5545) feeds of meetings, written by hand, and personal feed tokens.

Times are written as local Europe/Copenhagen times with TZID and the zone's VTIMEZONE
(EU rules since 1996: last Sunday of March 02:00 -> CEST, last Sunday of October 03:00 -> CET).
Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sammen.core import audit
from sammen.core.errors import Forbidden, Unauthorized
from sammen.core.permissions import Principal
from sammen.core.security import digest, new_opaque_token
from sammen.meetings.models import FeedToken, Meeting, MeetingStatus
from sammen.orgs import service as orgs

TZID = "Europe/Copenhagen"
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
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _local(moment: dt.datetime) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(TZID)).strftime("%Y%m%dT%H%M%S")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def render(
    meetings: Iterable[Meeting],
    *,
    name: str,
    body_names: dict[int, str],
    agendas: dict[int, list[str]],
    host: str,
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for m in meetings:
        body = body_names.get(m.body_id, "")
        description = [f"Status: {m.status.value}"]
        if agendas.get(m.id or 0):
            description.append("Dagsorden:")
            description += [f"{n}. {title}" for n, title in enumerate(agendas[m.id or 0], start=1)]
        if m.online_url:
            description.append(f"Online: {m.online_url}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{m.id}@{host}",
            # the event's own last change, not the moment of the request: the feed then changes only
            # when a meeting does, so calendar clients revalidate it with If-None-Match (304)
            f"DTSTAMP:{_utc(m.updated_at)}",
            f"LAST-MODIFIED:{_utc(m.updated_at)}",
            f"CREATED:{_utc(m.created_at)}",
            f"SEQUENCE:{m.version - 1}",
            f"DTSTART;TZID={TZID}:{_local(m.starts_at)}",
            f"DTEND;TZID={TZID}:{_local(m.ends_at)}",
            f"SUMMARY:{escape_text(f'{body}: {m.title}' if body else m.title)}",
            f"STATUS:{'CANCELLED' if m.status == MeetingStatus.cancelled else 'CONFIRMED'}",
            f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        ]
        if m.place:
            lines.append(f"LOCATION:{escape_text(m.place)}")
        if m.online_url:
            lines.append(f"URL:{m.online_url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


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
