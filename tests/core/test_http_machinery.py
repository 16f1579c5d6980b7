"""What every request gets: problem details, limits, security headers, idempotent retries."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI
from sqlmodel import select
from starlette.types import Message

from sammen.core.db import Database
from sammen.core.idempotency import IdempotencyRecord
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, problem


async def test_an_unknown_api_route_is_a_problem_404(client: httpx.AsyncClient) -> None:
    problem(await client.get("/api/v1/nothing-here"), 404)


async def test_validation_errors_name_every_field(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    response = await client.post(
        "/api/v1/organisations", json={"slug": "Not A Slug", "kind": "bank"}, headers=await as_user(ADMIN)
    )
    body = problem(response, 422)
    assert {e["field"] for e in body["errors"]} == {"body.slug", "body.name", "body.kind"}


async def test_unknown_fields_are_refused_not_ignored(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.post(
        "/api/v1/goals", json={"code": "7", "title": "T", "colour": "red"}, headers=await as_user(ADMIN)
    )
    assert {e["field"] for e in problem(response, 422)["errors"]} == {"body.colour"}


async def test_a_body_over_the_limit_is_413(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    big = {"code": "8", "title": "x" * 1_100_000}
    problem(await client.post("/api/v1/goals", json=big, headers=await as_user(ADMIN)), 413)


async def test_responses_carry_security_headers(client: httpx.AsyncClient) -> None:
    headers = (await client.get("/api/v1/health")).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in headers  # only when configured as behind TLS
    assert "access-control-allow-origin" not in headers  # CORS only from settings


async def test_a_retried_post_with_the_same_idempotency_key_replays_the_first_response(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = {**await as_user(ADMIN), "Idempotency-Key": "create-goal-5"}
    first = await client.post("/api/v1/goals", json={"code": "5", "title": "Femte"}, headers=headers)
    again = await client.post("/api/v1/goals", json={"code": "5", "title": "Femte"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    goals = (await client.get("/api/v1/goals")).json()["items"]
    assert [g["code"] for g in goals].count("5") == 1


async def test_the_same_idempotency_key_with_another_body_is_422(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = {**await as_user(ADMIN), "Idempotency-Key": "k"}
    await client.post("/api/v1/goals", json={"code": "5", "title": "Femte"}, headers=headers)
    problem(await client.post("/api/v1/goals", json={"code": "6", "title": "Sjette"}, headers=headers), 422)


async def test_idempotency_keys_belong_to_their_caller(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    await client.post(
        "/api/v1/goals",
        json={"code": "5", "title": "Femte"},
        headers={**await as_user(ADMIN), "Idempotency-Key": "shared"},
    )
    other = await client.post(
        "/api/v1/goals",
        json={"code": "5", "title": "Femte"},
        headers={**await as_user("editor@aab.demo"), "Idempotency-Key": "shared"},
    )
    problem(other, 403)  # evaluated for this caller, not replayed from the admin's response


async def test_a_chunked_body_over_the_limit_is_413(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the server must count
        for _ in range(12):
            yield b"x" * 100_000

    response = await client.post(
        "/api/v1/goals",
        content=chunks(),
        headers={**await as_user(ADMIN), "Content-Type": "application/json"},
    )
    problem(response, 413)


async def test_an_idempotent_response_is_stored_before_the_client_receives_it(
    app: FastAPI, database: Database, as_user: AuthHeaders
) -> None:
    """A client may retry the moment it has the answer (through another worker): by then the
    key's record must hold the response, or the retry finds it still claimed and gets 409."""
    headers = {**await as_user(ADMIN), "Idempotency-Key": "stored-first", "Content-Type": "application/json"}
    body = b'{"code": "5", "title": "Femte"}'
    stored_when_started: list[int | None] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            async with database.session(write=False) as session:
                stmt = select(IdempotencyRecord.status_code).where(IdempotencyRecord.key == "stored-first")
                stored_when_started.append((await session.execute(stmt)).scalar())

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/api/v1/goals", "raw_path": b"/api/v1/goals", "query_string": b"",
        "root_path": "", "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 1), "server": ("t", 80),
    }  # fmt: skip
    await app(scope, receive, send)
    assert stored_when_started == [201]
