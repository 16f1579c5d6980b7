"""FastAPI's per-parameter introspection is remembered per field, with the same answers."""

from __future__ import annotations

from typing import Annotated

import fastapi.dependencies.utils as fastapi_utils
import httpx
from fastapi import FastAPI, Query

from sammen.core import fastapi_speedups


def test_the_app_runs_with_the_remembered_helpers(app: FastAPI) -> None:
    assert fastapi_speedups.applied(), (
        "FastAPI changed: check whether it still needs core/fastapi_speedups.py"
    )


def test_remembered_answers_equal_fastapis_own() -> None:
    fastapi_speedups.apply()
    probe = FastAPI()

    @probe.get("/probe")
    async def endpoint(
        many: Annotated[list[int] | None, Query()] = None,
        one: Annotated[str | None, Query(alias="eén")] = None,
    ) -> None: ...

    route = probe.routes[-1]
    for field in route.dependant.query_params:  # type: ignore[attr-defined]
        for name in ("_get_param_model", "_is_json_field"):
            helper = getattr(fastapi_utils, name)
            assert helper(field) == helper.__wrapped__(field)
        assert fastapi_utils._get_param_aliases(field) == fastapi_utils._get_param_aliases.__wrapped__(field)  # type: ignore[attr-defined]
        annotation = field.field_info.annotation
        is_sequence = getattr(fastapi_utils, "field_annotation_is_sequence")  # noqa: B009 - not exported
        assert is_sequence(annotation) == is_sequence.__wrapped__(annotation)


async def test_list_parameters_still_parse(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/initiatives", params=[("status", "active"), ("status", "planned")])
    assert response.status_code == 200
    assert {i["status"] for i in response.json()["items"]} <= {"active", "planned"}
    assert (await client.get("/api/v1/initiatives", params={"status": "nope"})).status_code == 422
