"""Optimistic concurrency: ETag out, If-Match in; no lost writes between concurrent editors."""

from __future__ import annotations

import asyncio

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, problem


async def _goal(client: httpx.AsyncClient) -> tuple[str, httpx.Response]:
    goal_id = (await client.get("/api/v1/goals")).json()["items"][1]["id"]
    path = f"/api/v1/goals/{goal_id}"
    return path, await client.get(path)


async def test_a_read_carries_the_version_as_etag(client: httpx.AsyncClient) -> None:
    _, read = await _goal(client)
    # a GET's weak tag leads with the version (core.conditional), which If-Match takes
    assert read.headers["etag"].startswith(f'W/"{read.json()["version"]}.')


async def test_a_change_without_if_match_is_428(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    path, _ = await _goal(client)
    problem(await client.patch(path, json={"title": "x"}, headers=await as_user(ADMIN)), 428)


async def test_a_change_with_a_stale_version_is_412_and_changes_nothing(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    path, read = await _goal(client)
    admin = await as_user(ADMIN)
    assert (
        await client.patch(
            path, json={"title": "Første"}, headers={**admin, "If-Match": read.headers["etag"]}
        )
    ).status_code == 200
    problem(
        await client.patch(
            path, json={"title": "Anden"}, headers={**admin, "If-Match": read.headers["etag"]}
        ),
        412,
    )
    assert (await client.get(path)).json()["title"] == "Første"


async def test_a_malformed_if_match_names_the_header(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    path, _ = await _goal(client)
    body = problem(
        await client.patch(path, json={"title": "x"}, headers={**await as_user(ADMIN), "If-Match": "abc"}),
        422,
    )
    assert body["errors"][0]["field"] == "header.If-Match"


async def test_two_concurrent_updates_with_the_same_version_give_one_winner_and_no_lost_write(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    path, read = await _goal(client)
    headers = {**await as_user(ADMIN), "If-Match": read.headers["etag"]}
    first, second = await asyncio.gather(
        client.patch(path, json={"title": "Fra Anna"}, headers=headers),
        client.patch(path, json={"title": "Fra Bo"}, headers=headers),
    )
    statuses = sorted([first.status_code, second.status_code])
    assert statuses == [200, 412], (first.text, second.text)
    winner = first if first.status_code == 200 else second
    now = (await client.get(path)).json()
    assert now["title"] == winner.json()["title"]
    assert now["version"] == read.json()["version"] + 1
