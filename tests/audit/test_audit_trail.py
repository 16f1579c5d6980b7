"""The audit trail records every change in the change's own transaction; the security log survives rollbacks."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from sammen.core import audit
from sammen.core.audit import AuditEvent, SecurityEvent
from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, if_match, org_id, problem


async def _count(database: Database, model: type[AuditEvent] | type[SecurityEvent]) -> int:
    async with database.session(write=False) as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_change_records_who_what_and_before_after(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    goal = (await client.get("/api/v1/goals")).json()["items"][0]
    read = await client.get(f"/api/v1/goals/{goal['id']}")
    await client.patch(
        f"/api/v1/goals/{goal['id']}", json={"title": "Ny titel"}, headers={**admin, **if_match(read)}
    )
    events = (
        await client.get("/api/v1/audit-events", params={"action": "goal.update"}, headers=admin)
    ).json()
    event = events["items"][0]
    assert event["actor_name"] == "Demo Admin"
    assert event["object_id"] == str(goal["id"])
    assert event["before"]["title"] == goal["title"]
    assert event["after"]["title"] == "Ny titel"
    assert event["request_id"]


async def test_audit_events_never_carry_secrets(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    admin = await as_user(ADMIN)
    await client.post("/api/v1/users", json={"email": "a@b.dk", "name": "A"}, headers=admin)
    event = (await client.get("/api/v1/audit-events", params={"action": "user.create"}, headers=admin)).json()
    assert "password_hash" not in event["items"][0]["after"]


async def test_a_rolled_back_transaction_leaves_no_audit_event(database: Database) -> None:
    before = await _count(database, AuditEvent)

    async def change_that_fails_after_its_audit_event() -> None:
        async with database.session(write=True) as session:
            audit.record(session, actor=None, action="test.change", object_type="test", object_id=1)
            await session.flush()
            raise RuntimeError("the change fails after its audit event was written")

    with pytest.raises(RuntimeError):
        await change_that_fails_after_its_audit_event()
    assert await _count(database, AuditEvent) == before


async def test_a_refused_request_leaves_no_change_and_no_audit_event(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    audit_before = await _count(database, AuditEvent)
    response = await client.post(
        "/api/v1/users",
        headers=await as_user(ADMIN),
        json={
            "email": "halv@aab.dk",
            "name": "Halv",
            "memberships": [
                {"organisation_id": await org_id(database, "aab"), "role": "viewer"},
                {"organisation_id": 999999, "role": "viewer"},
            ],
        },
    )
    problem(response, 422)  # the user row was flushed before the second membership failed
    assert await _count(database, AuditEvent) == audit_before
    users = await client.get("/api/v1/users", params={"q": "halv@aab.dk"}, headers=await as_user(ADMIN))
    assert users.json()["total"] == 0


async def test_a_failed_sign_in_stays_in_the_security_log(
    client: httpx.AsyncClient, database: Database
) -> None:
    before = await _count(database, SecurityEvent)
    await client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": ADMIN, "password": "x"}
    )
    assert await _count(database, SecurityEvent) == before + 1


async def test_audit_events_filter_by_object(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    admin = await as_user(ADMIN)
    await client.post("/api/v1/goals", json={"code": "5", "title": "Femte mål"}, headers=admin)
    found = await client.get("/api/v1/audit-events", params={"object_type": "goal"}, headers=admin)
    assert {e["object_type"] for e in found.json()["items"]} == {"goal"}
