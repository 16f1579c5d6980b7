"""Endpoints that send JSON they built themselves (the database builds the initiative pages) skip
FastAPI's response validation: their answers are checked against the declared response model
here, field for field, so the generated client can rely on the document. A new hand-serialised
endpoint fails this test until it has a sample request below."""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Awaitable, Callable
from typing import Any, cast

import httpx
import pytest
from fastapi import FastAPI, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter

from sammen.main import api_routers
from tests.conftest import AuthHeaders
from tests.factories import demo
from tests.initiatives.helpers import API, create_initiative, etag_of, initiative_body

Sample = Callable[[httpx.AsyncClient, dict[str, str]], Awaitable[list[httpx.Response]]]


async def _list(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    await create_initiative(client, auth, visibility="restricted", tags=["børn"], levels=[], summary=None)
    return [
        await client.get(f"{API}/initiatives", params=params, headers=headers)
        for params in cast(
            "list[dict[str, Any]]",
            [{}, {"status": "active", "limit": 3}, {"q": "test", "sort": "title"}, {"offset": 500}],
        )
        for headers in (auth, {})
    ]


async def _read(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    made = await create_initiative(client, auth, description="# Overskrift\n\nTekst", budget_dkk=1000)
    return [
        await client.get(f"{API}/initiatives/{made['id']}", headers=auth),
        await client.get(f"{API}/initiatives/1"),
    ]


async def _create(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    return [await client.post(f"{API}/initiatives", json=initiative_body(title="Ny"), headers=auth)]


async def _update(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    made = await create_initiative(client, auth)
    return [
        await client.patch(
            f"{API}/initiatives/{made['id']}",
            json={"levels": ["individ", "kvarter"]},
            headers={**auth, **etag_of(made["version"])},
        )
    ]


async def _meetings(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    return [
        await client.get(f"{API}/meetings", params=params, headers=headers)
        for params in cast(
            "list[dict[str, Any]]",
            [{}, {"status": "planned", "limit": 2}, {"starts_from": "2020-01-01T00:00:00Z"}],
        )
        for headers in (auth, {})
    ]


async def _action_items(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    return [
        await client.get(f"{API}/action-items", params=params, headers=auth)
        for params in cast(
            "list[dict[str, Any]]",
            [{}, {"overdue": "true"}, {"mine": "true", "limit": 1}, {"status": "open"}],
        )
    ]


async def _changes(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    made = await create_initiative(client, auth)
    await client.patch(
        f"{API}/initiatives/{made['id']}",
        json={"title": "Rettet"},
        headers={**auth, **etag_of(made["version"])},
    )
    first = await client.get(f"{API}/changes", params={"limit": 1}, headers=auth)
    return [
        first,
        await client.get(f"{API}/changes", params={"after": first.json()["cursor"]}, headers=auth),
        await client.get(f"{API}/changes", params={"types": "initiative.updated"}, headers=auth),
    ]


async def _decisions(client: httpx.AsyncClient, auth: dict[str, str]) -> list[httpx.Response]:
    return [
        await client.get(f"{API}/decisions", params=params, headers=headers)
        for params in cast(
            "list[dict[str, Any]]",
            [{}, {"limit": 1}, {"include_superseded": "true", "q": "a"}, {"target_type": "goal"}],
        )
        for headers in (auth, {})
    ]


SAMPLES: dict[str, Sample] = {
    "list_changes": _changes,
    "list_decisions": _decisions,
    "list_meetings": _meetings,
    "list_action_items": _action_items,
    "list_initiatives": _list,
    "read_initiative": _read,
    "create_initiative": _create,
    "update_initiative": _update,
}


def hand_serialised(app: FastAPI) -> list[APIRoute]:
    """Routes that declare a response model but return a Response they built."""
    found = []
    for route in (r for router in api_routers() for r in router.routes):
        if isinstance(route, APIRoute) and route.response_model is not None:
            returned = inspect.signature(route.endpoint, eval_str=True).return_annotation
            if returned is Response:
                found.append(route)
    return found


def _check(value: Any, model: Any, where: str) -> None:
    """Every key the model declares, no other key, and recursively so."""
    origin = typing.get_origin(model)
    if origin is list:
        [item] = typing.get_args(model)
        for n, element in enumerate(value):
            _check(element, item, f"{where}[{n}]")
    elif inspect.isclass(model) and issubclass(model, BaseModel):
        assert set(value) == set(model.model_fields), (
            f"{where}: keys {sorted(set(value) ^ set(model.model_fields))}"
        )
        for name, field in model.model_fields.items():
            if value[name] is not None:
                _check(value[name], field.annotation, f"{where}.{name}")
    elif origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(model) if a is not type(None)]
        if len(options) == 1:
            _check(value, options[0], where)


async def test_every_hand_serialised_endpoint_answers_its_declared_model(
    app: FastAPI, client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    routes = hand_serialised(app)
    assert {r.name for r in routes} == set(SAMPLES), "give every hand-serialised endpoint a sample request"
    auth = await as_user(demo("editor", "aab"))
    for route in routes:
        adapter: TypeAdapter[Any] = TypeAdapter(route.response_model)
        for response in await SAMPLES[route.name](client, auth):
            assert response.status_code in (200, 201), (route.name, response.text)
            adapter.validate_json(response.content, strict=False)  # what a client's parser sees
            _check(response.json(), route.response_model, route.name)


@pytest.mark.parametrize("route_name", sorted(SAMPLES))
def test_samples_name_real_routes(app: FastAPI, route_name: str) -> None:
    assert route_name in {r.name for r in hand_serialised(app)}
