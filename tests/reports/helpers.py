"""Builders for report tests: drafts, lifecycle steps, and a partnership meeting with the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from tests.meetings.helpers import PARTNERSHIP_SECRETARY, body_id, held_meeting, post

SECRETARIAT_EDITOR = "editor@sekretariat.demo"  # also the partnership's secretary in the demo
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


async def create(
    client: httpx.AsyncClient, headers: dict[str, str], *, year: int = 2031, **fields: Any
) -> dict[str, Any]:
    response = await client.post("/api/v1/reports", json={"year": year, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def step(
    client: httpx.AsyncClient, headers: dict[str, str], report_id: int, action: str, json: Any = None
) -> httpx.Response:
    """A lifecycle action with the report's current ETag."""
    read = await client.get(f"/api/v1/reports/{report_id}", headers=headers)
    assert read.status_code == 200, read.text
    return await client.post(
        f"/api/v1/reports/{report_id}/{action}",
        json=json,
        headers={**headers, "If-Match": read.headers["etag"]},
    )


async def partnership_meeting(
    client: httpx.AsyncClient, as_user: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A held partnership meeting with an agenda item for the status report."""
    headers = await as_user(PARTNERSHIP_SECRETARY)
    meeting, items = await held_meeting(
        client,
        headers,
        await body_id(client, "partnerskab"),
        items=[{"title": "Effektstatus", "kind": "decision"}],
    )
    return meeting, items[0]


async def approval(
    client: httpx.AsyncClient,
    as_user: Any,
    meeting_id: int,
    item_id: int,
    kind: str = "approve_status_report",
) -> int:
    decision = await post(
        client,
        await as_user(PARTNERSHIP_SECRETARY),
        "/api/v1/decisions",
        {"meeting_id": meeting_id, "agenda_item_id": item_id, "kind": kind, "title": "Effektstatus godkendt",
         "text": "Partnerskabet godkender effektstatus."},
    )  # fmt: skip
    return int(decision["id"])


async def frozen(
    client: httpx.AsyncClient, as_user: Any, *, year: int = 2031, cutoff: dt.date = YESTERDAY
) -> dict[str, Any]:
    """A report taken all the way: draft, in review, presented, frozen by the partnership's decision."""
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=year, cutoff=cutoff.isoformat())
    rid = report["id"]
    assert (await step(client, headers, rid, "submit")).status_code == 200
    meeting, item = await partnership_meeting(client, as_user)
    response = await step(client, headers, rid, "present", {"agenda_item_id": item["id"]})
    assert response.status_code == 200, response.text
    decision = await approval(client, as_user, meeting["id"], item["id"])
    response = await step(client, headers, rid, "freeze", {"decision_id": decision})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
