"""The HTTP contract under failure: a broken disk or database is a 503 and a degraded /health,
anonymous changes are 401 before any If-Match rule, and retries replay."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, update
from sqlmodel import col

from sammen.core.db import Database
from sammen.core.idempotency import IdempotencyRecord
from tests.conftest import BACKEND, AuthHeaders
from tests.factories import ADMIN, demo, if_match, problem
from tests.indicators.helpers import IMPORTS, csv_file, upload

API = "/api/v1"


async def _sqlite_pragma(database: Database, pragma: str) -> None:
    """Every new connection of the app's engine runs `pragma` (as a full or read-only disk would act)."""

    @event.listens_for(database.engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(pragma)
        cursor.close()

    await database.engine.dispose()


@pytest.fixture
async def broken_disk(request: pytest.FixtureRequest, database: Database) -> str:
    if BACKEND != "sqlite":
        pytest.skip("a full or read-only disk is imitated through SQLite's own limits")
    pragma = {"full": "PRAGMA max_page_count = 1", "read-only": "PRAGMA query_only = ON"}[request.param]
    await _sqlite_pragma(database, pragma)
    return str(request.param)


@pytest.mark.parametrize("broken_disk", ["full", "read-only"], indirect=True)
async def test_a_full_or_read_only_disk_gives_503_on_writes_and_a_degraded_health(
    client: httpx.AsyncClient, as_user: AuthHeaders, broken_disk: str
) -> None:
    headers = await as_user(ADMIN)
    current = await client.get(f"{API}/agreement", headers=headers)
    response = await client.patch(
        f"{API}/agreement", json={"subtitle": "Kan ikke gemmes"}, headers=headers | if_match(current)
    )
    body = problem(response, 503)
    assert int(response.headers["Retry-After"]) > 0
    assert "nothing of this request was saved" in body["detail"]
    health = await client.get(f"{API}/health")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert "full" in health.json()["reason"] or "readonly" in health.json()["reason"]
    assert (await client.get(f"{API}/agreement")).status_code == 200  # reads go on


async def test_a_dead_database_gives_503_and_health_says_why(app: FastAPI, client: httpx.AsyncClient) -> None:
    dead_url = (
        "postgresql+psycopg://sammen@127.0.0.1:1/gone"
        if BACKEND == "postgresql"
        else "sqlite+aiosqlite:////nonexistent-directory/sammen.db"
    )
    dead = Database(dead_url)
    app.state.database = dead
    try:
        health = await client.get(f"{API}/health")
        assert health.status_code == 503
        assert health.json()["status"] == "degraded"
        assert health.json()["reason"].startswith("database unreachable")
        problem(
            await client.post(
                f"{API}/auth/token", data={"grant_type": "password", "username": "a@b.dk", "password": "x"}
            ),
            503,
        )
    finally:
        await dead.dispose()


async def test_a_healthy_server_says_ok(client: httpx.AsyncClient) -> None:
    assert (await client.get(f"{API}/health")).json()["status"] == "ok"


async def test_every_change_needing_if_match_answers_401_to_the_anonymous(
    shared_app: FastAPI, client: httpx.AsyncClient
) -> None:
    document = shared_app.openapi()
    wrong: list[str] = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
            if "If-Match" not in names:
                continue
            target = path.replace("{", "").replace("}", "")
            for name in ("organisation_id", "user_id", "membership_id", "client_pk", "goal_id", "body_id"):
                target = target.replace(name, "1")
            target = "/".join("1" if part.endswith(("_id", "_pk")) else part for part in target.split("/"))
            response = await client.request(method.upper(), target, json={})
            if response.status_code != 401:
                wrong.append(f"{method.upper()} {path}: {response.status_code}")
            if not next(p for p in operation["parameters"] if p["name"] == "If-Match")["required"]:
                wrong.append(f"{method.upper()} {path}: If-Match documented as optional")
    assert wrong == []


async def test_a_stale_idempotency_claim_is_taken_over_by_the_retry(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    headers = await as_user(demo("reporter", "aab")) | {"Idempotency-Key": "import-1"}
    data = csv_file(
        [("fraflytning", "danmark", "2023K1", "4")], header=("indicator", "area", "period", "value")
    )
    first = await client.post(IMPORTS, files=upload("a.csv", data), headers=headers)
    assert first.status_code == 200
    async with database.session(write=True) as session:  # as a server that died mid-request leaves it
        await session.execute(
            update(IdempotencyRecord)
            .where(col(IdempotencyRecord.key) == "import-1")
            .values(status_code=None, created_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10))
        )
    retried = await client.post(IMPORTS, files=upload("a.csv", data), headers=headers)
    assert retried.status_code == 200, retried.text
    assert "idempotent-replayed" not in retried.headers


async def test_a_recent_idempotency_claim_is_still_409(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    headers = await as_user(demo("reporter", "aab")) | {"Idempotency-Key": "import-2"}
    data = csv_file(
        [("fraflytning", "danmark", "2023K1", "4")], header=("indicator", "area", "period", "value")
    )
    await client.post(IMPORTS, files=upload("a.csv", data), headers=headers)
    async with database.session(write=True) as session:
        await session.execute(
            update(IdempotencyRecord).where(col(IdempotencyRecord.key) == "import-2").values(status_code=None)
        )
    problem(await client.post(IMPORTS, files=upload("a.csv", data), headers=headers), 409)


async def test_a_retried_upload_with_a_new_multipart_boundary_replays(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(demo("reporter", "aab")) | {"Idempotency-Key": "upload-1"}
    data = csv_file(
        [("fraflytning", "danmark", "2023K2", "4")], header=("indicator", "area", "period", "value")
    )
    answers = []
    for boundary in ("first-attempt-boundary", "second-attempt-boundary"):
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n'
                f"Content-Type: text/csv\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        answers.append(
            await client.post(
                IMPORTS,
                content=body,
                headers=headers | {"Content-Type": f"multipart/form-data; boundary={boundary}"},
            )
        )
    assert [a.status_code for a in answers] == [200, 200], answers[1].text
    assert answers[1].headers.get("idempotent-replayed") == "true"
