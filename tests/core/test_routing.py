"""Domain routers turn away requests outside their prefix; which route serves a request is unchanged."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from starlette.routing import Match

from sammen.core.routing import DomainRouter, include


def _scope(path: str) -> dict[str, object]:
    return {"type": "http", "method": "GET", "path": path, "root_path": "", "headers": []}


def test_a_domain_router_learns_where_it_is_included() -> None:
    router = DomainRouter(prefix="/things")

    @router.get("/{thing_id}")
    async def read_thing(thing_id: int) -> dict[str, int]:
        return {"id": thing_id}

    include(FastAPI(), router, prefix="/api/v1")
    assert router.mounted_at == "/api/v1/things"
    assert router.matches(_scope("/api/v1/other/1")) == (Match.NONE, {})


async def test_the_routes_behind_a_guard_still_answer(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/goals")).status_code == 200


async def test_a_path_that_only_shares_a_prefix_is_not_found(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/goalsx")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
