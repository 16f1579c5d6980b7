from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders


async def test_health_answers_without_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_seeded_admin_reads_me(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    response = await client.get("/api/v1/auth/me", headers=await as_user("admin@sammen.demo"))
    assert response.status_code == 200
    assert response.json()["memberships"][0]["role"] == "admin"
