"""Reordering the agenda in one request: the builder's drag and keyboard moves."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlmodel import col

from sammen.core.audit import AuditEvent
from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, field_names, problem
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    COORDINATION_MEMBER,
    body_id,
    future,
    make_meeting,
    post,
)


async def _meeting_with(client: httpx.AsyncClient, headers: dict[str, str], titles: list[tuple[str, bool]]) -> tuple[str, list[int]]:  # fmt: skip
    meeting = await make_meeting(
        client, headers, await body_id(client, "koordinationsgruppe"), starts=future()
    )
    path = f"/api/v1/meetings/{meeting['id']}"
    ids = [
        (await post(client, headers, f"{path}/agenda-items", {"title": t, "restricted": r}))["id"]
        for t, r in titles
    ]
    return path, ids


async def _titles(client: httpx.AsyncClient, headers: dict[str, str], path: str) -> list[str]:
    response = await client.get(f"{path}/agenda-items", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    return [i["title"] for i in (body["items"] if isinstance(body, dict) else body)]


async def test_the_chair_puts_the_agenda_in_a_new_order_in_one_request(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    path, (a, b, c) = await _meeting_with(client, chair, [("A", False), ("B", False), ("C", False)])
    response = await client.put(f"{path}/agenda-order", json={"item_ids": [c, a, b]}, headers=chair)
    assert response.status_code == 200, response.text
    page = response.json()
    assert [(i["title"], i["position"]) for i in page["items"]] == [("C", 0), ("A", 1), ("B", 2)]
    assert page["total"] == 3
    assert await _titles(client, chair, path) == ["C", "A", "B"]
    async with database.session(write=False) as session:
        event = (
            await session.scalars(
                select(AuditEvent)
                .where(col(AuditEvent.action) == "meeting.reorder_agenda")
                .order_by(col(AuditEvent.id))
            )
        ).one()
    assert event.summary == {"before": [a, b, c], "after": [c, a, b], "items_moved": 3}


async def test_items_hidden_from_the_caller_keep_their_places(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    """An admin who is not a member runs the meeting but does not see its restricted item."""
    chair, admin = await as_user(COORDINATION_CHAIR), await as_user(ADMIN)
    path, (a, hidden, b, c) = await _meeting_with(
        client, chair, [("A", False), ("Fortroligt", True), ("B", False), ("C", False)]
    )
    assert await _titles(client, admin, path) == ["A", "B", "C"]
    response = await client.put(f"{path}/agenda-order", json={"item_ids": [c, b, a]}, headers=admin)
    assert [i["title"] for i in response.json()["items"]] == ["C", "B", "A"]
    assert await _titles(client, chair, path) == ["C", "Fortroligt", "B", "A"]
    assert hidden not in [i["id"] for i in response.json()["items"]]


async def test_an_order_made_against_an_older_agenda_is_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    path, (a, b) = await _meeting_with(client, chair, [("A", False), ("B", False)])
    await post(client, chair, f"{path}/agenda-items", {"title": "Tilføjet imens"})
    stale = await client.put(f"{path}/agenda-order", json={"item_ids": [b, a]}, headers=chair)
    assert "changed since it was loaded" in problem(stale, 409)["detail"]
    unknown = await client.put(f"{path}/agenda-order", json={"item_ids": [b, a, 999999]}, headers=chair)
    assert "body.item_ids" in field_names(problem(unknown, 422))
    twice = await client.put(f"{path}/agenda-order", json={"item_ids": [a, a]}, headers=chair)
    assert "body.item_ids" in field_names(problem(twice, 422))
    assert await _titles(client, chair, path) == ["A", "B", "Tilføjet imens"]


async def test_members_do_not_reorder_and_a_held_meetings_agenda_is_fixed(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    path, (a, b) = await _meeting_with(client, chair, [("A", False), ("B", False)])
    member = await client.put(
        f"{path}/agenda-order", json={"item_ids": [b, a]}, headers=await as_user(COORDINATION_MEMBER)
    )
    problem(member, 403)
    cancel = await client.get(path, headers=chair)
    await client.post(
        f"{path}/cancel", json={"reason": "x"}, headers={**chair, "If-Match": cancel.headers["etag"]}
    )
    fixed = await client.put(f"{path}/agenda-order", json={"item_ids": [b, a]}, headers=chair)
    assert "agenda is fixed" in problem(fixed, 409)["detail"]
