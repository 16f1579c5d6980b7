"""Errors as RFC 9457 problem details. Services raise these; handlers never build HTTP errors.

Texts for people are written out in the request's language (core/i18n.py: Danish or English by
Accept-Language, Danish by default) through the catalogue in core/messages/, which also gives
every field error a stable machine-readable `code` and its `params`.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_serializer
from starlette.exceptions import HTTPException as StarletteHTTPException

from sammen.core.i18n import Language, current_language
from sammen.core.messages import CATALOGUE, Message
from sammen.core.messages.common import FALLBACK_CODE, ROW_CODE, ROW_ONLY_CODE, TITLES

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://sammen.dk/problems/"
log = logging.getLogger("sammen")
_ROW_FIELD = re.compile(r"^row (\d+)(?:\.(.+))?$")  # a cell, or a whole row
ParamValue = str | int | float | None
# pydantic's wording around a validator's own text; the error's code is that text's code.
_PYDANTIC_WRAPPERS = frozenset({"field.value_error", "field.assertion_error"})


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `body.email` or `row 4.value`")
    message: str = Field(description="What is wrong, for people, in the request's language")
    code: str = Field(
        default="",
        description="Stable machine-readable code of the problem (see the ErrorCode schema); "
        "`invalid` when the text has no code yet",
    )
    params: dict[str, ParamValue] = Field(
        default_factory=dict,
        description="The values the message names, by name (an import error's `row` and `column` among them)",
    )

    def rendered(self, language: Language) -> tuple[str, str, dict[str, ParamValue]]:
        """(message, code, params) in `language`: by the given code, or by recognising the text."""
        params = tuple(sorted(self.params.items())) if self.params else ()
        text, code, out = _render(self.field, self.message, self.code, params, language)
        return text, code, dict(out)

    @field_serializer("message")
    def _message(self, message: str) -> str:
        return self.rendered(current_language.get())[0]

    @field_serializer("code")
    def _code(self, code: str) -> str:
        return self.rendered(current_language.get())[1]

    @field_serializer("params")
    def _params(self, params: dict[str, ParamValue]) -> dict[str, ParamValue]:
        return self.rendered(current_language.get())[2]


def _unwrapped(entry: Message | None, spoken: dict[str, str] | None) -> tuple[Message, dict[str, str]] | None:
    """The catalogue's entry (and values) for the text pydantic wraps as "Value error, <text>"."""
    if entry is None or entry.code not in _PYDANTIC_WRAPPERS or not spoken:
        return None
    return CATALOGUE.match(spoken.get("error", ""))


@functools.lru_cache(maxsize=4096)
def _render(
    field: str, message: str, code: str, given: tuple[tuple[str, ParamValue], ...], language: Language
) -> tuple[str, str, tuple[tuple[str, ParamValue], ...]]:
    """One field error written out (cached: it is written field by field, and imports repeat texts).

    The message is the catalogue entry named by `code`, else the one whose English template the
    text is. The text's own values (as it writes them, e.g. quoted) fill the Danish template; the
    given params fill what the text does not say. The params a raise site gives are the ones the
    response carries (raw values); a site that gives none has the values recovered from the text.
    """
    given_params: dict[str, ParamValue] = dict(given)
    entry = CATALOGUE.by_code.get(code) if code else None
    spoken: dict[str, str] | None = None
    if entry is not None:
        matched = entry.pattern.match(message)
        spoken = matched.groupdict() if matched else None
    else:
        found = CATALOGUE.match(message)
        if found is not None:
            entry, spoken = found
    inner = _unwrapped(entry, spoken)
    if inner is not None:  # pydantic's "Value error, <our text>": code and values are our text's
        entry, spoken = inner
    if entry is None:
        text = message
    elif spoken is not None and language == "en":
        text = message  # English is the text as raised
    else:
        text = CATALOGUE.render(entry, {**given_params, **(spoken or {})}, language)
    params = given_params or {k: v for k, v in (spoken or {}).items() if not k.startswith("_")}
    row = _ROW_FIELD.match(field)
    if row is not None:
        params = {"row": int(row[1]), **({"column": row[2]} if row[2] else {}), **params}
        wrapper = CATALOGUE.by_code[ROW_CODE if row[2] else ROW_ONLY_CODE]
        text = CATALOGUE.render(wrapper, {"row": row[1], "column": row[2], "text": text}, language)
    return text, entry.code if entry else FALLBACK_CODE, tuple(params.items())


def _joined(errors: Sequence[FieldError], language: Language | None) -> str:
    """The errors as one line, the way validation details are written."""

    def one(e: FieldError) -> str:
        if language is None:
            return f"{e.field}: {e.message}"
        text = e.rendered(language)[0]
        return text if _ROW_FIELD.match(e.field) else f"{e.field}: {text}"

    return "; ".join(one(e) for e in errors)


class Problem(BaseModel):
    """The error body of every failed request (RFC 9457); title, detail and messages in the
    request's language (Accept-Language: Danish or English, Danish by default)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] = Field(default_factory=list)

    @field_serializer("title")
    def _title(self, title: str) -> str:
        if current_language.get() != "da":
            return title
        return TITLES.get(self.type.removeprefix(PROBLEM_BASE), title)

    @field_serializer("detail")
    def _detail(self, detail: str | None) -> str | None:
        language = current_language.get()
        if detail is None or language == "en":
            return detail
        if self.errors and detail == _joined(self.errors, None):
            return _joined(self.errors, language)  # a summary of the field errors: rebuild it
        return CATALOGUE.localise(detail, language)


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


def field_error(field: str, message: str, *, code: str = "", **params: ParamValue) -> ValidationFailed:
    """The common case: one field is wrong (`code` and `params` when the raise site knows them;
    otherwise the catalogue recognises the text)."""
    return ValidationFailed(
        f"{field}: {message}", errors=[FieldError(field=field, message=message, code=code, params=params)]
    )


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


def _validation_message(error: Mapping[str, Any]) -> str:
    """pydantic's message, but text lengths in characters: a length limit on a text type with a
    validator of its own (core.fields.Line/Text) is checked generically by pydantic, which says
    "Value should have at most 200 items"; people are told characters, as for plain strings."""
    kind, context, given = error.get("type"), error.get("ctx") or {}, error.get("input")
    if kind in ("too_long", "too_short") and isinstance(given, str):
        limit = context.get("max_length" if kind == "too_long" else "min_length")
        bound = "at most" if kind == "too_long" else "at least"
        return f"String should have {bound} {limit} character{'' if limit == 1 else 's'}"
    return str(error.get("msg", ""))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return problem_response(exc.problem(), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            FieldError(field=_loc_to_field(e.get("loc", ())), message=_validation_message(e))
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


def document_error_codes(schema: dict[str, Any]) -> None:
    """List every field error code in the OpenAPI document (schema ErrorCode), with its English text."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    codes = sorted({*CATALOGUE.by_code, FALLBACK_CODE})
    meanings = {code: CATALOGUE.by_code[code].en if code in CATALOGUE.by_code else "" for code in codes}
    meanings[FALLBACK_CODE] = "A problem whose text has no code yet; read `message`."
    components["ErrorCode"] = {
        "type": "string",
        "title": "ErrorCode",
        "description": "The stable code of a field error. Its `message` is written in the request's "
        "language; `params` carries the values the message names. The English text of each code:\n\n"
        + "\n".join(f"- `{code}`: {meanings[code]}" for code in codes),
        "enum": codes,
        "x-enum-descriptions": meanings,
    }
    field_error = components.get("FieldError")
    if field_error is not None:
        description = field_error["properties"]["code"].get("description", "")
        field_error["properties"]["code"] = {
            "allOf": [{"$ref": "#/components/schemas/ErrorCode"}],
            "description": description,
        }
        field_error["required"] = ["field", "message", "code", "params"]  # always written out
