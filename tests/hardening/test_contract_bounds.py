"""Every input the API takes is bounded in its contract: integers fit their columns, text refuses
control characters. Checked over the whole OpenAPI document, so a new field cannot forget it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI

from sammen.core.fields import MAX_ID

# Strings whose shape is already closed by a format or an enum need no control-character rule.
CLOSED_FORMATS = frozenset({"date", "date-time", "binary", "time", "duration", "uri"})


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _leaves(
    document: dict[str, Any], schema: dict[str, Any], where: str, seen: frozenset[str] = frozenset()
) -> Iterator[tuple[str, dict[str, Any]]]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return
        seen = seen | {name}
    schema = _resolve(document, schema)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            yield from _leaves(document, sub, where, seen)
    if "items" in schema:
        yield from _leaves(document, schema["items"], where + "[]", seen)
    for name, sub in schema.get("properties", {}).items():
        yield from _leaves(document, sub, f"{where}.{name}", seen)
    if schema.get("type") in ("integer", "string"):
        yield where, schema


def _inputs(app: FastAPI) -> Iterator[tuple[str, dict[str, Any]]]:
    document = app.openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            op = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                yield from _leaves(
                    document, parameter["schema"], f"{op} {parameter['in']}.{parameter['name']}"
                )
            for content in operation.get("requestBody", {}).get("content", {}).values():
                yield from _leaves(document, content["schema"], f"{op} body")


def test_every_integer_input_has_bounds_that_fit_the_database(shared_app: FastAPI) -> None:
    unbounded = [
        where
        for where, schema in _inputs(shared_app)
        if schema["type"] == "integer"
        and not ("minimum" in schema and "maximum" in schema and schema["maximum"] <= MAX_ID)
    ]
    assert unbounded == []


def test_every_text_field_of_a_request_body_refuses_control_characters(shared_app: FastAPI) -> None:
    """Bodies (JSON and forms) are stored; NUL in a query or path is refused for every route by
    the request guard (tests/hardening/test_bad_input.py)."""
    open_text = [
        where
        for where, schema in _inputs(shared_app)
        if " body" in where
        and schema["type"] == "string"
        and "contentMediaType" not in schema
        and "pattern" not in schema
        and "enum" not in schema
        and "const" not in schema
        and schema.get("format") not in CLOSED_FORMATS
    ]
    assert open_text == []
