"""The feed's text, written by the database: the same bytes on SQLite and PostgreSQL, and the same
bytes Python wrote before (tests/meetings/ics_reference.py), however awkward the meetings' text."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlmodel import col, select

from sammen.core.db import Database
from sammen.governance.bodies.models import Body
from sammen.governance.meetings.calendar import LONG, fold, render
from sammen.governance.meetings.models import AgendaItem, Meeting, MeetingStatus
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, if_match, problem, user_id
from tests.meetings import ics_reference
from tests.meetings.helpers import COORDINATION_MEMBER, OUTSIDER, VIEWER, body_id, end_term

UTC = dt.UTC
STAMP = dt.datetime(2025, 1, 2, 3, 4, 5, 999_999, tzinfo=UTC)  # a fraction is cut off, never rounded up


async def _insert(
    database: Database, body: int, *, items: tuple[tuple[str, bool], ...] = (), **fields: Any
) -> int:
    """A meeting of `body` written as plain rows (fixed stamps), with agenda items (title, restricted)."""
    starts = fields.pop("starts_at", dt.datetime(2025, 7, 1, 12, tzinfo=UTC))
    values: dict[str, Any] = {
        "title": "Møde", "starts_at": starts, "ends_at": starts + dt.timedelta(hours=2), "place": None,
        "online_url": None, "status": MeetingStatus.planned, "visibility": "partners", "guests": [],
        "version": 1, "created_at": STAMP, "updated_at": STAMP, **fields,
    }  # fmt: skip
    async with database.session(write=True) as session:
        meeting = Meeting(body_id=body, **values)
        session.add(meeting)
        await session.flush()
        assert meeting.id is not None
        for position, (title, restricted) in enumerate(items):
            session.add(
                AgendaItem(meeting_id=meeting.id, position=position, title=title, restricted=restricted)
            )
        return meeting.id


async def _feed(client: httpx.AsyncClient, headers: dict[str, str], path: str) -> bytes:
    token = (await client.post("/api/v1/calendar/feed-token", headers=headers)).json()["token"]
    response = await client.get(path, params={"token": token})
    assert response.status_code == 200, response.text
    return response.content


def _event(feed: bytes, meeting_id: int) -> str:
    text = feed.decode()
    start = text.index(f"BEGIN:VEVENT\r\nUID:meeting-{meeting_id}@")
    return text[start : text.index("END:VEVENT\r\n", start) + len("END:VEVENT\r\n")]


async def test_an_event_is_written_exactly_so(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    made = await _insert(
        database, coordination, title="Sti C:\\mødet; punkt 1, 2\nlinje to", place="Rådhuset, sal 2",
        online_url="https://møde.example/a;b", version=3, status=MeetingStatus.cancelled,
        items=(("Velkomst", False), ("Budget; 2026", False)),
    )  # fmt: skip
    feed = await _feed(client, await as_user(COORDINATION_MEMBER), "/api/v1/calendar/meetings.ics")
    assert _event(feed, made) == (
        f"BEGIN:VEVENT\r\nUID:meeting-{made}@testserver\r\n"
        "DTSTAMP:20250102T030405Z\r\nLAST-MODIFIED:20250102T030405Z\r\nCREATED:20250102T030405Z\r\n"
        "SEQUENCE:2\r\n"
        "DTSTART;TZID=Europe/Copenhagen:20250701T140000\r\nDTEND;TZID=Europe/Copenhagen:20250701T160000\r\n"
        "SUMMARY:Koordinationsgruppe: Sti C:\\\\mødet\\; punkt 1\\, 2\\nlinje to\r\n"
        "STATUS:CANCELLED\r\n"
        "DESCRIPTION:Status: cancelled\\nDagsorden:\\n1. Velkomst\\n2. Budget\\; 2026\\nO\r\n"  # 75 octets
        " nline: https://møde.example/a\\;b\r\n"
        "LOCATION:Rådhuset\\, sal 2\r\n"
        "URL:https://møde.example/a;b\r\n"
        "END:VEVENT\r\n"
    )


async def test_a_long_danish_title_is_folded_at_75_octets_between_characters(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    title = "Årsmøde om Højvangsskolens gårdhave, Søborg og Værløse 🏠 " * 4
    made = await _insert(database, coordination, title=title)
    feed = await _feed(client, await as_user(COORDINATION_MEMBER), "/api/v1/calendar/meetings.ics")
    lines = feed.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode()  # every physical line decodes: no character is split
    summary = _event(feed, made).split("\r\nSTATUS:")[0].split("SUMMARY:")[1]
    assert summary.replace("\r\n ", "") == "Koordinationsgruppe: " + title.replace(",", "\\,")


async def test_the_feed_is_the_bytes_python_wrote_however_awkward_the_text(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    awkward = ["a\\b;c,d", "CR\rLF\nCRLF\r\nslut", "æøå ÆØÅ " * 30, "🏠" * 40, "x" * 300, "", "tab\tnul"]
    for n, text in enumerate(awkward):
        await _insert(
            database, coordination, title=text or "tom", place=text or None, online_url=f"https://x.dk/{'a;b,c' * 9 * n}",
            starts_at=dt.datetime(2026, 3, 1, 9, tzinfo=UTC) + dt.timedelta(days=n), version=n + 1,
            status=MeetingStatus.cancelled if n % 2 else MeetingStatus.planned,
            items=((text, False), (f"{text} fortroligt", True), ("æ" * 80, False)),
        )  # fmt: skip
    await _insert(database, coordination, title="Uden noget", place="", online_url="")
    await _assert_body_feed_is_the_reference(client, as_user, database, coordination)


async def test_local_times_match_the_zone_on_each_side_of_every_summer_time_change(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    zone = ZoneInfo("Europe/Copenhagen")
    moments = []
    for year in range(1996, 2046):
        for month in (3, 10):
            change = dt.datetime(year, month, 31, 1, tzinfo=UTC)
            change -= dt.timedelta(days=(change.weekday() + 1) % 7)  # the month's last Sunday, 01:00 UTC
            assert (
                change.astimezone(zone).utcoffset()
                != (change - dt.timedelta(seconds=1)).astimezone(zone).utcoffset()
            )
            moments += [
                change - dt.timedelta(microseconds=1),
                change,
                change + dt.timedelta(hours=23, minutes=59),
            ]
    async with database.session(write=True) as session:
        session.add_all(
            Meeting(body_id=coordination, title="Skift", starts_at=m, ends_at=m + dt.timedelta(hours=1),
                    created_at=STAMP, updated_at=STAMP)
            for m in moments
        )  # fmt: skip
    await _assert_body_feed_is_the_reference(client, as_user, database, coordination)


async def test_restricted_agenda_items_stay_out_of_other_organisations_feeds(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    made = await _insert(database, coordination, items=(("Åbent punkt", False), ("Politisag", True)))
    member = _event(
        await _feed(client, await as_user(COORDINATION_MEMBER), "/api/v1/calendar/meetings.ics"), made
    )
    outsider = _event(await _feed(client, await as_user(OUTSIDER), "/api/v1/calendar/meetings.ics"), made)
    assert "1. Åbent punkt\\n2. Politisag" in member
    assert "1. Åbent punkt" in outsider and "Politisag" not in outsider


async def test_a_restricted_agenda_item_leaves_a_members_feed_when_their_term_ends(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    coordination = await body_id(client, "koordinationsgruppe")
    made = await _insert(database, coordination, items=(("Åbent punkt", False), ("Politisag", True)))
    member = await as_user(COORDINATION_MEMBER)
    token = (await client.post("/api/v1/calendar/feed-token", headers=member)).json()["token"]

    async def event() -> str:
        response = await client.get("/api/v1/calendar/meetings.ics", params={"token": token})
        assert response.status_code == 200, response.text
        return _event(response.content, made)

    assert "Politisag" in await event()
    await end_term(client, await as_user(ADMIN), coordination, await user_id(database, COORDINATION_MEMBER))
    assert "Politisag" not in await event()  # the very next request, same token


async def test_a_deactivated_owners_feed_token_is_refused_on_the_next_request(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    token = (await client.post("/api/v1/calendar/feed-token", headers=await as_user(VIEWER))).json()["token"]
    feed = {"token": token}
    assert (await client.get("/api/v1/calendar/meetings.ics", params=feed)).status_code == 200
    admin = await as_user(ADMIN)
    path = f"/api/v1/users/{await user_id(database, VIEWER)}"
    read = await client.get(path, headers=admin)
    assert (await client.post(f"{path}/deactivate", headers={**admin, **if_match(read)})).status_code == 200
    problem(await client.get("/api/v1/calendar/meetings.ics", params=feed), 401)


def test_render_folds_the_lines_the_database_marked_long_and_drops_the_mark() -> None:
    short = "SUMMARY:" + "ø" * 33  # 74 octets
    long = "DESCRIPTION:" + "ø" * 40  # 92 octets
    event = f"BEGIN:VEVENT\r\n{short}\r\n{LONG}{long}\r\n{LONG}{long}\r\nEND:VEVENT\r\n"
    out = render(event, name="Sammen: møder")
    assert f"\r\n{short}\r\n{fold(long)}\r\n{fold(long)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".encode() in out
    assert fold(long) != long and LONG.encode() not in out


async def _assert_body_feed_is_the_reference(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, body: int
) -> None:
    """A body member's feed of `body` is byte for byte what the reference writer makes."""
    feed = await _feed(client, await as_user(COORDINATION_MEMBER), f"/api/v1/bodies/{body}/meetings.ics")
    assert feed == await _reference(database, body)


async def _reference(database: Database, body: int) -> bytes:
    """What Python wrote for a body member's feed of `body`: every live meeting of it and every
    live agenda item, restricted ones too."""
    async with database.session(write=False) as session:
        name = (await session.get(Body, body)).name  # type: ignore[union-attr]
        meetings = (
            await session.scalars(
                select(Meeting)
                .where(Meeting.body_id == body, col(Meeting.deleted_at).is_(None))
                .order_by(col(Meeting.starts_at), col(Meeting.id))
            )
        ).all()
        items = (
            await session.scalars(
                select(AgendaItem)
                .where(
                    col(AgendaItem.meeting_id).in_([m.id for m in meetings]),
                    col(AgendaItem.deleted_at).is_(None),
                )
                .order_by(col(AgendaItem.position), col(AgendaItem.id))
            )
        ).all()
    agendas: dict[int, list[str]] = {}
    for item in items:
        agendas.setdefault(item.meeting_id, []).append(item.title)
    return ics_reference.render(
        ((m, name, agendas.get(m.id or 0, [])) for m in meetings), name=f"Sammen: {name}", host="testserver"
    )
