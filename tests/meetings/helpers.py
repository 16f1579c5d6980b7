"""Builders for governance tests: bodies by slug, meetings in the past, held meetings with items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from tests.factories import ADMIN, if_match

# Demo body roles (seed/governance.py): who chairs and who only reads.
PARTNERSHIP_CHAIR = "editor@gladsaxe-kommune.demo"
PARTNERSHIP_SECRETARY = "editor@sekretariat.demo"
PARTNERSHIP_MEMBER = "editor@aab.demo"
COORDINATION_CHAIR = "editor@vores-hg.demo"
COORDINATION_SECRETARY = "reporter@sekretariat.demo"
COORDINATION_MEMBER = "reporter@aab.demo"
OUTSIDER = "editor@lejerbo.demo"  # a partner in no body of the demo coordination group
VIEWER = "viewer@aab.demo"


def past(days: int = 7, hour: int = 13) -> dt.datetime:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def future(days: int = 14, hour: int = 13) -> dt.datetime:
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


async def body_id(client: httpx.AsyncClient, slug: str) -> int:
    response = await client.get("/api/v1/bodies", params={"limit": 500})
    assert response.status_code == 200, response.text
    return int(next(b["id"] for b in response.json()["items"] if b["slug"] == slug))


async def post(client: httpx.AsyncClient, headers: dict[str, str], path: str, json: Any) -> dict[str, Any]:
    response = await client.post(path, json=json, headers=headers)
    assert response.status_code in (200, 201), f"POST {path}: {response.status_code} {response.text}"
    body: dict[str, Any] = response.json()
    return body


async def action(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    path: str,
    json: Any = None,
    *,
    etag_of: str | None = None,
) -> httpx.Response:
    """POST a state change with the If-Match of `etag_of` (default: the resource the action is on)."""
    resource = etag_of or path.rsplit("/", 1)[0]
    read = await client.get(resource, headers=headers)
    assert read.status_code == 200, f"GET {resource}: {read.status_code} {read.text}"
    return await client.post(path, json=json, headers={**headers, "If-Match": read.headers["etag"]})


async def make_meeting(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    body: int,
    *,
    starts: dt.datetime | None = None,
    visibility: str = "partners",
    title: str = "Testmøde",
) -> dict[str, Any]:
    starts = starts or past()
    return await post(
        client,
        headers,
        "/api/v1/meetings",
        {
            "body_id": body,
            "title": title,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + dt.timedelta(hours=2)).isoformat(),
            "place": "Medborgerhuset",
            "visibility": visibility,
        },
    )


async def held_meeting(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    body: int,
    *,
    items: list[dict[str, Any]] | None = None,
    visibility: str = "partners",
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A past meeting with its agenda published and marked held; returns it and its agenda items."""
    meeting = await make_meeting(client, headers, body, visibility=visibility)
    created = []
    for item in items or [{"title": "Punkt 1", "kind": "decision"}]:
        created.append(await post(client, headers, f"/api/v1/meetings/{meeting['id']}/agenda-items", item))
    base = f"/api/v1/meetings/{meeting['id']}"
    assert (await action(client, headers, f"{base}/publish-agenda")).status_code == 200
    response = await action(client, headers, f"{base}/hold")
    assert response.status_code == 200, response.text
    return response.json(), created


async def decision_of(client: httpx.AsyncClient, as_user: Any, slug: str, chair: str, kind: str) -> int:
    """A decision of `kind` made by the body `slug` at a held meeting its `chair` runs."""
    headers = await as_user(chair)
    meeting, items = await held_meeting(client, headers, await body_id(client, slug))
    decision = await post(
        client,
        headers,
        "/api/v1/decisions",
        {
            "meeting_id": meeting["id"],
            "agenda_item_id": items[0]["id"],
            "kind": kind,
            "title": kind,
            "text": "t",
        },
    )
    return int(decision["id"])


async def admin_headers(as_user: Any) -> dict[str, str]:
    headers: dict[str, str] = await as_user(ADMIN)
    return headers


async def end_term(client: httpx.AsyncClient, admin: dict[str, str], body: int, user: int) -> None:
    """End `user`'s current term in `body` yesterday, as an admin does."""
    path = f"/api/v1/bodies/{body}/members"
    members = (await client.get(path, params={"current": True, "limit": 500}, headers=admin)).json()["items"]
    member = next(m for m in members if m["user_id"] == user)
    read = await client.get(f"{path}/{member['id']}", headers=admin)
    yesterday = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()
    ended = await client.patch(
        f"{path}/{member['id']}", json={"to_date": yesterday}, headers={**admin, **if_match(read)}
    )
    assert ended.status_code == 200, ended.text
