"""Builders shared by the initiatives tests and their matrix cases."""

from __future__ import annotations

from typing import Any

import httpx

API = "/api/v1"


def initiative_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Testindsats",
        "lead": "aab",
        "summary": "En indsats til test",
        "goals": ["2e"],
        "indicators": [{"indicator": "tryghed", "expected_direction": "up"}],
        "partners": ["kvp"],
        "levels": ["boligomraade"],
        "size": "small",
        "horizon": "short",
        "status": "active",
        "starts_on": "2022-03-01",
        "visibility": "partners",
    }
    body.update(overrides)
    return body


async def create_initiative(
    client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    response = await client.post(f"{API}/initiatives", json=initiative_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def etag_of(version: int) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}
