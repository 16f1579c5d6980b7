"""Remember FastAPI's per-request parameter introspection, which depends only on the route.

FastAPI (0.165) works out, for every parameter of every request, whether the parameter's
annotation is a sequence, whether it is a model or JSON, and which aliases it answers to, by
walking typing objects each time: on the initiative list (eleven query parameters) that was a
seventh of the request's CPU. The answers are pure functions of the parameter's field, which
lives as long as its route, so they are computed once per field here.

Only answers are cached, never request data; `apply()` is idempotent and does nothing when a
FastAPI upgrade renames these helpers (tests/core/test_fastapi_speedups.py then fails, to
prompt a look at whether the new version still needs this).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import fastapi.dependencies.utils as fastapi_utils

PATCHED = "_sammen_memoised"
FIELD_HELPERS = ("_get_param_model", "_is_json_field")


def _per_field(function: Callable[..., Any]) -> Callable[..., Any]:
    """Memoise `function(field, **options)` per field object (fields are not hashable)."""
    answers: dict[tuple[int, tuple[tuple[str, Any], ...]], tuple[Any, Any]] = {}

    @functools.wraps(function)
    def remembered(field: Any, **options: Any) -> Any:
        key = (id(field), tuple(sorted(options.items())))
        found = answers.get(key)
        if found is None:
            found = answers[key] = (field, function(field, **options))  # the field is kept alive with its id
        return found[1]

    setattr(remembered, PATCHED, True)
    return remembered


def _per_annotation(function: Callable[[Any], bool]) -> Callable[[Any], bool]:
    cached = functools.lru_cache(maxsize=4096)(function)

    @functools.wraps(function)
    def remembered(annotation: Any) -> bool:
        try:
            return cached(annotation)
        except TypeError:  # an unhashable annotation: ask every time
            return function(annotation)

    setattr(remembered, PATCHED, True)
    return remembered


def applied() -> bool:
    names = (*FIELD_HELPERS, "_get_param_aliases", "field_annotation_is_sequence")
    return all(getattr(getattr(fastapi_utils, n, None), PATCHED, False) for n in names)


def apply() -> None:
    if applied():
        return
    if not all(
        hasattr(fastapi_utils, n)
        for n in (*FIELD_HELPERS, "_get_param_aliases", "field_annotation_is_sequence")
    ):
        return  # a FastAPI without these helpers: nothing to remember
    for name in (*FIELD_HELPERS, "_get_param_aliases"):
        setattr(fastapi_utils, name, _per_field(getattr(fastapi_utils, name)))
    name = "field_annotation_is_sequence"
    setattr(fastapi_utils, name, _per_annotation(getattr(fastapi_utils, name)))
