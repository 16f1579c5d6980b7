"""Every route × {anonymous, another organisation, too low a role, allowed}, walked from the app."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import func, select
from sqlmodel import col

from sammen.core.audit import AuditEvent, SecurityEvent
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.main import create_app
from sammen.public.router import routers as public_routers
from tests.conftest import base_settings
from tests.matrix import CASES, Call, Case, Ctx

# Every tests/<domain>/cases.py registers its routes' cases.
for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if module.ispkg and (Path(__file__).parent / module.name / "cases.py").exists():
        importlib.import_module(f"tests.{module.name}.cases")


def api_routes() -> list[tuple[str, str]]:
    """Every API operation, from the app's own OpenAPI document (the contract; no route hides from it)."""
    schema = create_app(base_settings()).openapi()
    return sorted(
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/")
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    )


def public_site_routes() -> list[tuple[str, str]]:
    """The public site's pages (HTML, feeds, sitemap: not API operations, so not in the OpenAPI
    document), from the routers create_app() includes as they are."""
    return sorted(
        (method, route.path)
        for router in public_routers()
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    )


ROUTES = api_routes() + public_site_routes()


def test_every_route_has_a_matrix_case() -> None:
    missing = [f"{m} {p}" for m, p in ROUTES if (m, p) not in CASES]
    assert not missing, (
        "routes without an access-matrix case (add them to tests/<domain>/cases.py):\n" + "\n".join(missing)
    )


def test_every_matrix_case_names_a_real_route() -> None:
    stale = [f"{m} {p}" for m, p in CASES if (m, p) not in ROUTES]
    assert not stale, "cases for routes that do not exist:\n" + "\n".join(stale)


async def _count(database: Database, model: type[AuditEvent] | type[SecurityEvent]) -> int:
    async with database.session(write=False) as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _send(client: httpx.AsyncClient, case: Case, call: Call, auth: dict[str, str]) -> httpx.Response:
    return await client.request(
        case.method,
        call.path,
        json=call.json,
        data=call.data,
        files=call.files,
        params=call.params,
        headers={**call.headers, **auth},
    )


async def _actions_after(database: Database, seen: int) -> list[str]:
    """Actions of the audit events written after the first `seen` ones."""
    async with database.session(write=False) as session:
        rows = await session.scalars(select(col(AuditEvent.action)).order_by(col(AuditEvent.id)).offset(seen))
        return list(rows)


def _explain(case: Case, who: str, response: httpx.Response, expected: int) -> str:
    return f"{case.method} {case.path} as {who}: expected {expected}, got {response.status_code}: {response.text[:500]}"


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda k: f"{k[0]} {k[1]}")
async def test_route_access(
    key: tuple[str, str], client: httpx.AsyncClient, database: Database, settings: Settings, app: FastAPI
) -> None:
    case = CASES[key]
    ctx = Ctx(client=client, database=database, settings=settings)
    call = await case.prepare(ctx)
    audit_before = await _count(database, AuditEvent)

    response = await _send(client, case, call, {})
    assert response.status_code == case.anonymous, _explain(case, "anonymous", response, case.anonymous)
    if case.anonymous >= 400 and case.path.startswith("/api/"):  # the public site answers in HTML
        assert response.headers["content-type"].startswith("application/problem+json")

    if case.too_low is not None:
        response = await _send(client, case, call, await ctx.headers(case.too_low))
        assert response.status_code == case.too_low_status, _explain(
            case, case.too_low, response, case.too_low_status
        )

    if case.other_org is not None:
        response = await _send(client, case, call, await ctx.headers(case.other_org))
        assert response.status_code == case.other_org_status, _explain(
            case, case.other_org, response, case.other_org_status
        )

    if case.method in {"POST", "PUT", "PATCH", "DELETE"} and case.anonymous >= 400:
        assert await _count(database, AuditEvent) == audit_before, "a refused request left an audit event"

    security_before = await _count(database, SecurityEvent)
    response = await _send(client, case, call, await ctx.headers(case.allowed))
    assert response.status_code == case.success, _explain(case, case.allowed, response, case.success)

    if case.expects_audit == "event":
        actions = await _actions_after(database, audit_before)
        assert actions, f"{case.method} {case.path} changed something without an audit event"
        if case.audit_action:
            assert case.audit_action in actions, actions
    elif case.expects_audit == "security-log":
        assert await _count(database, SecurityEvent) > security_before, "no security-log entry"
