"""The access matrix: every API route, tried as anonymous, another organisation, too low a role,
and an allowed caller.

Each domain registers one `Case` per route in `tests/<domain>/cases.py`. The matrix test
walks the app's routes, so a new route without a case fails the suite. A scenario that
does not apply (say, "another organisation" for an admin-only resource that no
organisation owns) is declared with the reason, never silently skipped.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from sammen.core.config import Settings
from sammen.core.db import Database
from tests.factories import mint_token
from tests.factories import org_id as _org_id
from tests.factories import user_id as _user_id

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
Scenario = Literal["anonymous", "other_org", "too_low"]


@dataclass
class Ctx:
    """What a case's `prepare` may use to build its request."""

    client: httpx.AsyncClient
    database: Database
    settings: Settings

    async def headers(self, email: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {await mint_token(self.database, self.settings, email)}"}

    async def org_id(self, slug: str) -> int:
        return await _org_id(self.database, slug)

    async def user_id(self, email: str) -> int:
        return await _user_id(self.database, email)

    async def get(self, path: str, as_email: str = "admin@sammen.demo", **params: Any) -> httpx.Response:
        response = await self.client.get(path, headers=await self.headers(as_email), params=params)
        assert response.status_code == 200, f"prepare: GET {path} -> {response.status_code} {response.text}"
        return response

    async def post(self, path: str, json: Any, as_email: str = "admin@sammen.demo") -> httpx.Response:
        response = await self.client.post(path, json=json, headers=await self.headers(as_email))
        assert response.status_code in (200, 201), (
            f"prepare: POST {path} -> {response.status_code} {response.text}"
        )
        return response

    async def etag(self, path: str, as_email: str = "admin@sammen.demo") -> dict[str, str]:
        """If-Match header with the current ETag of the resource at `path`."""
        return {"If-Match": (await self.get(path, as_email)).headers["etag"]}

    async def change(
        self, path: str, json: Any = None, *, action: str = "", as_email: str = "admin@sammen.demo"
    ) -> Call:
        """A change to the resource at `path` (or its `action` sub-path) with the If-Match it needs."""
        return Call(
            path=f"{path}/{action}" if action else path, json=json, headers=await self.etag(path, as_email)
        )


@dataclass
class Call:
    """The concrete request a case sends (the same request for every scenario)."""

    path: str
    json: Any = None
    data: dict[str, Any] | None = None
    files: dict[str, Any] | None = None
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Case:
    method: str
    path: str  # the route's template, e.g. /api/v1/goals/{goal_id}
    prepare: Callable[[Ctx], Awaitable[Call]]
    allowed: str  # email of a caller who may do it
    success: int = 200
    anonymous: int = 401  # 200 (or similar) for reads that serve public content
    too_low: str | None = None  # a signed-in partner whose role is too low: expect `too_low_status`
    too_low_status: int = 403
    other_org: str | None = None  # a caller with the right role in another organisation
    other_org_status: int = 404
    not_applicable: dict[Scenario, str] = field(default_factory=dict)  # scenario -> why it does not apply
    audit: Literal["event", "security-log", "none"] | None = None  # default: "event" for mutating methods
    audit_action: str | None = None  # the audit event's action, when it is checked exactly

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)

    @property
    def expects_audit(self) -> str:
        if self.audit is not None:
            return self.audit
        return "event" if self.method in MUTATING else "none"


CASES: dict[tuple[str, str], Case] = {}


def register(case: Case) -> Case:
    for scenario in ("too_low", "other_org"):
        if getattr(case, scenario) is None and scenario not in case.not_applicable:
            raise AssertionError(f"{case.method} {case.path}: give `{scenario}` or say why it does not apply")
    if case.key in CASES:
        raise AssertionError(f"{case.method} {case.path} registered twice")
    CASES[case.key] = case
    return case


def static(path: str, **kw: Any) -> Callable[[Ctx], Awaitable[Call]]:
    """A case whose request needs nothing prepared."""

    async def prepare(_ctx: Ctx) -> Call:
        return Call(path=path, **kw)

    return prepare
