"""The calendar feed as Python wrote it before the database did (kept as the reference the SQL-built
feed must equal byte for byte): Copenhagen times through zoneinfo, text escaped and lines folded
one by one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sammen.governance.meetings.calendar import PRODID, VTIMEZONE, escape_text, fold
from sammen.governance.meetings.models import Meeting, MeetingStatus

TZID = "Europe/Copenhagen"
ZONE = ZoneInfo(TZID)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _local(moment: dt.datetime) -> str:
    return _stamp(moment.astimezone(ZONE))


def _utc(moment: dt.datetime) -> str:
    return _stamp(moment.astimezone(dt.UTC)) + "Z"


def render(meetings: Iterable[tuple[Meeting, str | None, list[str]]], *, name: str, host: str) -> bytes:
    """`meetings`: (meeting, its body's name, the titles of its agenda items shown), in feed order."""
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
    for m, body_name, agenda in meetings:
        body = body_name or ""
        description = [f"Status: {m.status.value}"]
        if agenda:
            description.append("Dagsorden:")
            description += [f"{n}. {title}" for n, title in enumerate(agenda, start=1)]
        if m.online_url:
            description.append(f"Online: {m.online_url}")
        updated = _utc(m.updated_at)
        lines += [
            "BEGIN:VEVENT",
            fold(f"UID:meeting-{m.id}@{host}"),
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
    return "\r\n".join(lines).encode("utf-8")
