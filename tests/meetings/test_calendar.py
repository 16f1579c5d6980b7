"""iCalendar feeds: valid RFC 5545 (parsed with `icalendar`), Copenhagen times, exactly what the token sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import icalendar

from sammen.governance.meetings.calendar import escape_text, fold
from tests.conftest import AuthHeaders
from tests.factories import problem
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    COORDINATION_MEMBER,
    OUTSIDER,
    body_id,
    make_meeting,
    post,
)


async def _token(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    return await post(client, headers, "/api/v1/calendar/feed-token", None)


def _events(text: str) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


async def _visible_ids(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> set[int]:
    listed = (await client.get("/api/v1/meetings", params={"limit": 500, **params}, headers=headers)).json()
    return {m["id"] for m in listed["items"]}


async def test_the_feed_parses_and_holds_exactly_the_meetings_the_token_may_see(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    coordination = await body_id(client, "koordinationsgruppe")
    secret = await make_meeting(
        client, chair, coordination, visibility="restricted", title="Fortroligt; møde, med tegn\\ og æøå"
    )
    for who, sees_secret in ((COORDINATION_MEMBER, True), (OUTSIDER, False)):
        headers = await as_user(who)
        token = await _token(client, headers)
        response = await client.get(
            token["meetings_url"].split("testserver", 1)[1]
        )  # no Authorization header
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/calendar")
        assert "\r\n" in response.text and all(
            len(line.encode()) <= 75 for line in response.text.split("\r\n")
        )
        events = _events(response.text)
        ids = {int(uid.split("@")[0].removeprefix("meeting-")) for uid in events}
        assert ids == await _visible_ids(client, headers)
        assert (secret["id"] in ids) is sees_secret
    calendar = icalendar.Calendar.from_ical(response.text)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]


async def test_event_times_are_copenhagen_local_with_the_zone(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    starts = dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.UTC)  # summer: 14:00 in Copenhagen
    meeting = await make_meeting(
        client, chair, await body_id(client, "koordinationsgruppe"), starts=starts, title="Sommer"
    )
    token = await _token(client, chair)
    text = (await client.get("/api/v1/calendar/meetings.ics", params={"token": token["token"]})).text
    assert "DTSTART;TZID=Europe/Copenhagen:20250701T140000" in text
    event = next(e for uid, e in _events(text).items() if uid.startswith(f"meeting-{meeting['id']}@"))
    assert event.decoded("DTSTART") == starts
    assert str(event["SUMMARY"]) == "Koordinationsgruppe: Sommer"
    assert str(event["LOCATION"]) == "Medborgerhuset"


async def test_a_body_feed_holds_only_that_bodys_meetings(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(COORDINATION_MEMBER)
    token = (await _token(client, headers))["token"]
    partnership = await body_id(client, "partnerskab")
    response = await client.get(f"/api/v1/bodies/{partnership}/meetings.ics", params={"token": token})
    ids = {int(uid.split("@")[0].removeprefix("meeting-")) for uid in _events(response.text)}
    assert ids and ids == await _visible_ids(client, headers, body_id=partnership)


async def test_feed_tokens_are_checked_and_rotating_revokes_the_old_one(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(COORDINATION_MEMBER)
    old = (await _token(client, headers))["token"]
    new = (await _token(client, headers))["token"]
    problem(await client.get("/api/v1/calendar/meetings.ics", params={"token": old}), 401)
    problem(await client.get("/api/v1/calendar/meetings.ics", params={"token": "feed_nonsense"}), 401)
    assert (await client.get("/api/v1/calendar/meetings.ics", params={"token": new})).status_code == 200


async def test_without_a_token_the_feed_has_only_public_meetings(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    coordination = await body_id(client, "koordinationsgruppe")
    public = await make_meeting(client, chair, coordination, visibility="public")
    response = await client.get("/api/v1/calendar/meetings.ics")
    assert response.status_code == 200
    assert set(_events(response.text)) == {f"meeting-{public['id']}@testserver"}


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "Mødet om Højvangsskolen, Værebro og 🏠 " * 9
    folded = fold(line)
    physical = folded.split("\r\n")
    assert len(physical) > 4
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)  # each decodes: no split character
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join([physical[0], *(part[1:] for part in physical[1:])]) == line
    assert fold("SUMMARY:kort") == "SUMMARY:kort"


def test_text_escapes_backslashes_separators_and_every_kind_of_line_break() -> None:
    text = "Sti C:\\mødet; punkt 1, 2\r\nlinje to\nlinje tre\rfire"
    escaped = escape_text(text)
    assert escaped == "Sti C:\\\\mødet\\; punkt 1\\, 2\\nlinje to\\nlinje tre\\nfire"
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\nSUMMARY:{escaped}\r\nEND:VEVENT\r\n")
    assert str(event["SUMMARY"]) == "Sti C:\\mødet; punkt 1, 2\nlinje to\nlinje tre\nfire"
