"""create_app(): routers, middleware, error handlers and the SPA's static files."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from sammen import __version__
from sammen.audit.router import router as audit_router
from sammen.core import heap, looplag
from sammen.core.admission import ReadAdmissionMiddleware, default_slots
from sammen.core.apidocs import install_api_docs
from sammen.core.conditional import ConditionalGetMiddleware
from sammen.core.config import Settings, get_settings
from sammen.core.db import Database, database_of
from sammen.core.errors import NotFound, Problem, document_error_codes, install_error_handlers
from sammen.core.i18n import LanguageMiddleware
from sammen.core.idempotency import IdempotencyMiddleware
from sammen.core.middleware import (
    BodyLimitMiddleware,
    RequestContextMiddleware,
    RequestTargetGuard,
    SecurityHeadersMiddleware,
)
from sammen.core.outages import classify, install_outage_handlers, storage_health
from sammen.core.routing import DomainRouter, include
from sammen.core.security import PasswordHashing
from sammen.events import election
from sammen.events.router import changes_router, endpoints_router, event_types_router
from sammen.goals.router import agreement_router, goals_router
from sammen.governance.bodies_router import bodies_router, mandates_router
from sammen.governance.meetings.router import (
    actions_router,
    agenda_router,
    calendar_router,
    decisions_router,
    links_router,
    meetings_router,
    minutes_router,
)
from sammen.indicators.router import (
    areas_router,
    duties_router,
    goal_status_router,
    indicators_router,
    observations_router,
    status_router,
)
from sammen.initiatives.router import (
    action_plans_router,
    coverage_router,
    good_stories_router,
    initiatives_router,
)
from sammen.orgs import principals
from sammen.orgs.router import (
    api_clients_router,
    auth_router,
    memberships_router,
    organisations_router,
    users_router,
)
from sammen.public.router import routers as public_routers
from sammen.reports.documents import pdf as pdf_workers
from sammen.reports.router import reports_router

API_PREFIX = "/api/v1"


def operation_id(route: APIRoute) -> str:
    """Stable operation ids `<tag>-<function>`: the generated TypeScript client's names."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    database: str
    reason: str | None = Field(default=None, description="Why the status is degraded")


health_router = DomainRouter(tags=["health"])
HEALTH_CHECK_SECONDS = 5.0


@health_router.get(
    "/health",
    response_model=Health,
    responses={503: {"description": "The database cannot be reached", "model": Health}},
)
async def read_health(request: Request, response: Response) -> Health:
    """Liveness and the database, for compose and load balancers (no token). 200 "degraded" with the
    reason when a recent write failed (a full or read-only disk); 503 when the database is unreachable."""
    database = database_of(request)
    name = database.engine.dialect.name
    try:
        async with asyncio.timeout(HEALTH_CHECK_SECONDS), database.session(write=False) as session:
            await session.execute(text("SELECT 1"))
    except (TimeoutError, DBAPIError, PoolTimeout, OSError) as exc:
        found = classify(exc)
        reason = found.reason if found else type(exc).__name__
        response.status_code = 503
        return Health(
            status="degraded", version=__version__, database=name, reason=f"database unreachable: {reason}"
        )
    failure = storage_health(request).recent_failure()
    if failure is not None:
        ago, reason = failure
        return Health(
            status="degraded",
            version=__version__,
            database=name,
            reason=f"a write failed {ago} s ago: {reason}",
        )
    return Health(status="ok", version=__version__, database=name)


def api_routers() -> tuple[APIRouter, ...]:
    """Every domain's router, served under /api/v1."""
    return (
        health_router,
        auth_router,
        organisations_router,
        users_router,
        memberships_router,
        api_clients_router,
        agreement_router,
        goals_router,
        bodies_router,
        mandates_router,
        meetings_router,
        agenda_router,
        minutes_router,
        decisions_router,
        links_router,
        actions_router,
        calendar_router,
        areas_router,
        indicators_router,
        status_router,
        duties_router,
        goal_status_router,
        observations_router,
        initiatives_router,
        good_stories_router,
        action_plans_router,
        coverage_router,
        reports_router,
        audit_router,
        changes_router,
        event_types_router,
        endpoints_router,
    )


def _install_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA: real files as they are, any other non-API path as index.html (deep links)."""
    index = dist / "index.html"
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> Response:
        if path.startswith("api/"):
            raise NotFound(f"No API route /{path}.")
        try:
            candidate = (root / path).resolve()
            is_file = bool(path) and root in candidate.parents and candidate.is_file()
        except (ValueError, OSError):  # a NUL byte, a name too long for the file system
            raise NotFound("No such file.") from None
        if is_file:
            cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return Response(
            "The SPA is not built yet: run `make run` (or `npm run build` in frontend/).",
            media_type="text/plain",
            status_code=503,
        )


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    owned_database = database is None
    db = database or Database(settings.database_url, echo=settings.database_echo)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            stack.enter_context(heap.frozen())  # after every import and route: see core/heap.py
            if settings.loop_lag_probe:
                await stack.enter_async_context(looplag.probing(app))
            if settings.principal_cache:  # PostgreSQL: who calls, kept while every change is heard
                await stack.enter_async_context(principals.kept_current(app.state.database))
            if settings.webhook_dispatcher == "in-process":  # one process per database runs it
                await stack.enter_async_context(election.dispatching(app.state.database, app.state.settings))
            # Report PDFs: start the worker processes in the background (they get ready on their own).
            warming = (
                asyncio.create_task(asyncio.to_thread(pdf_workers.warm_up)) if settings.pdf_warm_up else None
            )
            yield
            if warming:
                await warming
        pdf_workers.shutdown()  # report PDFs: let the worker processes finish and leave with us
        if owned_database:
            await db.dispose()

    app = FastAPI(
        title="Sammen API",
        version=__version__,
        description=(
            "The shared system of the partners of an area agreement: goals, indicators, initiatives, "
            "governance bodies, meetings and decisions. Errors are RFC 9457 problem details; single "
            "resources carry an ETag and changes need If-Match; POST accepts Idempotency-Key."
        ),
        generate_unique_id_function=operation_id,
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served offline by core/apidocs.py
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = db
    app.state.hasher = PasswordHashing(settings)
    install_error_handlers(app)
    install_outage_handlers(app)
    # Each router is included directly (not nested in one /api/v1 router): FastAPI matches a request
    # against included routers level by level, and one level less cuts the routing cost by more than half;
    # domain routers then skip themselves on one prefix test (core/routing.py).
    for router in api_routers():
        include(app, router, prefix=API_PREFIX)

    # Outermost first: context, headers, size limit, CORS, idempotency, conditional GET, the routes.
    app.add_middleware(ConditionalGetMiddleware)
    app.add_middleware(IdempotencyMiddleware, settings=settings, database_getter=lambda: app.state.database)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "Idempotency-Key",
                "X-Sammen-Client",
                "X-Request-ID",
            ],
            expose_headers=["ETag", "X-Request-ID", "Idempotent-Replayed"],
        )
    app.add_middleware(BodyLimitMiddleware, settings=settings)
    app.add_middleware(RequestTargetGuard)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    app.add_middleware(
        ReadAdmissionMiddleware,
        slots=settings.read_slots or default_slots(settings.database_url),
        slots_while_writing=settings.read_slots_while_writing,
    )
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(LanguageMiddleware)  # outermost: every problem below it speaks the caller's language

    _install_openapi_extras(app)
    for router in public_routers():  # the public site (/offentlig/, /en/public/): before the SPA's catch-all
        include(app, router, prefix="")
    install_api_docs(app, openapi_url=f"{API_PREFIX}/openapi.json")
    _install_spa(app, settings.spa_dist)
    return app


def _install_openapi_extras(app: FastAPI) -> None:
    base_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = base_openapi()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(
            "Problem", Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        for name, sub in (
            Problem.model_json_schema(ref_template="#/components/schemas/{model}").get("$defs", {}).items()
        ):
            components.setdefault(name, sub)
        components["Problem"].pop("$defs", None)
        _describe_every_error_as_problem(schema)
        _mark_if_match_required(schema)
        document_error_codes(schema)
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _mark_if_match_required(schema: dict[str, Any]) -> None:
    """If-Match is optional to FastAPI only so that its absence answers 428 (RFC 6585), not 422."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "header" and parameter.get("name") == "If-Match":
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "pattern": r'^\s*(W/)?"\d+"\s*$'}


def _describe_every_error_as_problem(schema: dict[str, Any]) -> None:
    """FastAPI documents its own 422 body; ours is problem+json everywhere, so say so."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            if "422" in responses:
                responses["422"] = {
                    "description": "Validation failed; `errors` names each field",
                    "content": problem,
                }
