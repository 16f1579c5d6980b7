"""Small builders for tests: tokens for seeded users, lookups by slug and code, If-Match headers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event
from sqlmodel import col, select

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.security import create_access_token
from sammen.orgs import service as orgs_service
from sammen.orgs.models import Organisation, User

ADMIN = "admin@sammen.demo"


@contextmanager
def statements_sent(database: Database) -> Iterator[list[tuple[str, Any]]]:
    """The SQL text and parameters the database's read and write engines send meanwhile."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        sent.append((statement, params))

    engines = [database.engine.sync_engine, database.read_engine.sync_engine]
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


def demo(role: str, slug: str) -> str:
    """The seeded demo user with `role` in organisation `slug`, e.g. demo("editor", "aab")."""
    return f"{role}@{slug}.demo"


async def mint_token(database: Database, settings: Settings, email: str) -> str:
    async with database.session(write=False) as session:
        user = (await session.scalars(select(User).where(col(User.email) == email))).first()
        assert user is not None and user.id is not None, f"no seeded user {email}"
        principal = await orgs_service.load_user_principal(session, user_id=user.id)
        assert principal is not None, f"{email} is not active"
    token, _ = create_access_token(
        settings,
        sub=principal.subject,
        name=principal.name,
        orgs=principal.claims_orgs(),
        epoch=principal.token_epoch,
    )
    return token


async def org_id(database: Database, slug: str) -> int:
    async with database.session(write=False) as session:
        org = (await session.scalars(select(Organisation).where(col(Organisation.slug) == slug))).first()
        assert org is not None and org.id is not None, f"no organisation {slug}"
        return org.id


async def user_id(database: Database, email: str) -> int:
    async with database.session(write=False) as session:
        user = (await session.scalars(select(User).where(col(User.email) == email))).first()
        assert user is not None and user.id is not None, f"no user {email}"
        return user.id


def if_match(response: httpx.Response) -> dict[str, str]:
    """The If-Match header for a change, from the ETag of the read."""
    etag = response.headers.get("etag")
    assert etag, f"no ETag on {response.request.method} {response.request.url}"
    return {"If-Match": etag}


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert a problem+json answer with this status and return its body."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.text}"
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://")
    return body


def field_names(body: dict[str, Any]) -> set[str]:
    return {e["field"] for e in body.get("errors", [])}
