"""Errors as RFC 9457 problem details. Services raise these; handlers never build HTTP errors."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://sammen.dk/problems/"
log = logging.getLogger("sammen")


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `body.email` or `row 4.value`")
    message: str
    code: str | None = Field(
        default=None, description="Stable machine-readable code, e.g. `import.too_many_rows`"
    )
    params: dict[str, str | int | float | None] | None = Field(
        default=None, description="The values the message names (row, column, value, limits)"
    )


class Problem(BaseModel):
    """The error body of every failed request (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] = Field(default_factory=list)


class AppError(Exception):
    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: Sequence[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = list(errors or [])
        self.headers = headers or {}

    def problem(self) -> Problem:
        return Problem(
            type=PROBLEM_BASE + self.slug,
            title=self.title,
            status=self.status,
            detail=self.detail,
            errors=self.errors,
        )


class Unauthorized(AppError):
    status, slug, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="sammen"'})


class Forbidden(AppError):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(AppError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(AppError):
    status, slug, title = 409, "conflict", "Conflict"


class PreconditionFailed(AppError):
    status, slug, title = 412, "precondition-failed", "The resource changed since you read it"


class PayloadTooLarge(AppError):
    status, slug, title = 413, "payload-too-large", "Request body too large"


class ValidationFailed(AppError):
    status, slug, title = 422, "validation-failed", "The request is not valid"


class PreconditionRequired(AppError):
    status, slug, title = 428, "precondition-required", "If-Match header required"


class TooManyRequests(AppError):
    status, slug, title = 429, "too-many-requests", "Too many attempts"

    def __init__(self, detail: str | None = None, *, retry_after: int = 60) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(retry_after)}


def field_error(field: str, message: str) -> ValidationFailed:
    """The common case: one field is wrong."""
    return ValidationFailed(f"{field}: {message}", errors=[FieldError(field=field, message=message)])


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


_HTTP_TITLES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
}


def _loc_to_field(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return problem_response(exc.problem(), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            FieldError(field=_loc_to_field(e.get("loc", ())), message=str(e.get("msg", "")))
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        return problem_response(ValidationFailed(detail, errors=errors).problem())

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug, title = _HTTP_TITLES.get(exc.status_code, ("error", "Error"))
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        problem = Problem(type=PROBLEM_BASE + slug, title=title, status=exc.status_code, detail=detail)
        return problem_response(problem, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        problem = Problem(type=PROBLEM_BASE + "internal", title="Internal server error", status=500)
        return problem_response(problem)


# Responses every protected route can produce, so the OpenAPI document describes them.
def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    content = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {status: {"description": _describe(status), "content": content} for status in statuses}


def _describe(status: int) -> str:
    return {
        401: "Not signed in, or the token is invalid",
        403: "Signed in, but not allowed",
        404: "Not found, or not visible to the caller",
        409: "Conflicts with the current state",
        412: "The resource changed since it was read (stale If-Match)",
        413: "Request body too large",
        422: "Validation failed; `errors` names each field",
        428: "If-Match header required",
        429: "Too many attempts",
    }.get(status, "Error")
