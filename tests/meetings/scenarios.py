"""Preparation helpers for the governance matrix cases (built through the API as the demo users)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.matrix import Ctx
from tests.meetings.helpers import COORDINATION_CHAIR, PARTNERSHIP_CHAIR, future, past


async def body(ctx: Ctx, slug: str) -> int:
    listed = (await ctx.get("/api/v1/bodies", limit=500)).json()["items"]
    return int(next(b["id"] for b in listed if b["slug"] == slug))


async def act(ctx: Ctx, path: str, json: Any = None, *, who: str, etag_of: str) -> dict[str, Any]:
    headers = {**await ctx.headers(who), **await ctx.etag(etag_of, who)}
    response = await ctx.client.post(path, json=json, headers=headers)
    assert response.status_code in (200, 201), (
        f"prepare: POST {path} -> {response.status_code} {response.text}"
    )
    result: dict[str, Any] = response.json()
    return result


async def meeting(
    ctx: Ctx,
    *,
    slug: str = "koordinationsgruppe",
    chair: str = COORDINATION_CHAIR,
    when: str = "past",
    visibility: str = "partners",
    held: bool = False,
    items: list[dict[str, Any]] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    starts = past() if when == "past" else future()
    created = (
        await ctx.post(
            "/api/v1/meetings",
            {
                "body_id": await body(ctx, slug),
                "title": "Matrixmøde",
                "starts_at": starts.isoformat(),
                "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
                "visibility": visibility,
            },
            as_email=chair,
        )
    ).json()
    path = f"/api/v1/meetings/{created['id']}"
    agenda = [
        (await ctx.post(f"{path}/agenda-items", item, as_email=chair)).json()
        for item in (items if items is not None else [{"title": "Punkt", "kind": "decision"}])
    ]
    if held:
        await act(ctx, f"{path}/publish-agenda", who=chair, etag_of=path)
        created = await act(ctx, f"{path}/hold", who=chair, etag_of=path)
    return created, agenda


async def minutes(
    ctx: Ctx, *, state: str = "draft", restricted: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A held meeting with minutes for its one item, in `state` draft / circulated / approved."""
    m, items = await meeting(ctx, held=True, items=[{"title": "Punkt", "restricted": restricted}])
    path = f"/api/v1/meetings/{m['id']}"
    entry = (
        await ctx.post(
            f"{path}/minutes",
            {"agenda_item_id": items[0]["id"], "text": "Referat"},
            as_email=COORDINATION_CHAIR,
        )
    ).json()
    if state in {"circulated", "approved"}:
        await act(ctx, f"{path}/minutes/circulate", who=COORDINATION_CHAIR, etag_of=path)
    if state == "approved":
        await act(ctx, f"{path}/minutes/approve", who=COORDINATION_CHAIR, etag_of=path)
    return m, entry


async def decision(
    ctx: Ctx, *, kind: str = "general", slug: str = "koordinationsgruppe", chair: str = COORDINATION_CHAIR,
    restricted: bool = False,
) -> dict[str, Any]:  # fmt: skip
    m, items = await meeting(
        ctx, slug=slug, chair=chair, held=True, items=[{"title": "Beslutning", "restricted": restricted}]
    )
    created: dict[str, Any] = (
        await ctx.post(
            "/api/v1/decisions",
            {
                "meeting_id": m["id"],
                "agenda_item_id": items[0]["id"],
                "kind": kind,
                "title": "B",
                "text": "T",
            },
            as_email=chair,
        )
    ).json()
    return created


async def board_decision(ctx: Ctx, kind: str) -> dict[str, Any]:
    return await decision(ctx, kind=kind, slug="partnerskab", chair=PARTNERSHIP_CHAIR)
