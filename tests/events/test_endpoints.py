"""Registering and managing webhook endpoints: who may, what is checked, what is kept secret."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select
from sqlmodel import col

from sammen.core.db import Database
from sammen.events.models import WebhookEndpoint
from tests.conftest import AuthHeaders
from tests.events.conftest import WEBHOOKS, Register
from tests.factories import demo, field_names, if_match, org_id, problem

PUBLIC_URL = "https://93.184.216.34/hook"


async def client_token(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, slug: str
) -> dict[str, str]:
    """Headers for a new viewer API client of organisation `slug` (partner systems read and subscribe)."""
    created = await client.post(
        "/api/v1/api-clients",
        headers=await as_user("admin@sammen.demo"),
        json={"name": "BI-system", "organisation_id": await org_id(database, slug), "role": "viewer"},
    )
    assert created.status_code == 201, created.text
    credentials = created.json()
    token = await client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": credentials["client"]["client_id"],
            "client_secret": credentials["client_secret"],
        },
    )
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


async def test_an_api_client_registers_an_endpoint_for_its_organisation_and_sees_the_secret_once(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    partner = await client_token(client, as_user, database, "lejerbo")
    created = await client.post(
        WEBHOOKS,
        json={"url": PUBLIC_URL, "event_types": ["initiative.created", "initiative.created"]},
        headers=partner,
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    assert body["endpoint"]["organisation_id"] == await org_id(database, "lejerbo")
    assert body["endpoint"]["event_types"] == ["initiative.created"]
    assert body["endpoint"]["state"] == "enabled"
    assert created.headers["location"] == f"{WEBHOOKS}/{body['endpoint']['id']}"

    read = await client.get(f"{WEBHOOKS}/{body['endpoint']['id']}", headers=partner)
    assert read.status_code == 200
    assert body["secret"] not in read.text and "whsec_" not in read.text and "v1:" not in read.text
    listed = await client.get(WEBHOOKS, headers=partner)
    assert [e["id"] for e in listed.json()["items"]] == [body["endpoint"]["id"]]
    other = await client_token(client, as_user, database, "aab")
    assert (await client.get(f"{WEBHOOKS}/{body['endpoint']['id']}", headers=other)).status_code == 404
    assert (await client.get(WEBHOOKS, headers=other)).json()["items"] == []


async def test_the_secret_is_kept_encrypted(database: Database, register: Register, receiver: Any) -> None:
    created = await register(receiver.url, ["initiative.created"])
    async with database.session(write=False) as session:
        stored = (await session.scalars(select(col(WebhookEndpoint.signing_secret)))).one()
    assert stored.startswith("v1:")
    assert created["secret"] not in stored and created["secret"][6:] not in stored


async def test_what_is_checked_when_an_endpoint_is_registered(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    admin = await as_user("admin@sammen.demo")
    aab = await org_id(database, "aab")
    unknown = await client.post(
        WEBHOOKS,
        json={"url": PUBLIC_URL, "event_types": ["initiative.exploded"], "organisation_id": aab},
        headers=admin,
    )
    assert field_names(problem(unknown, 422)) == {"body.event_types"}
    none = await client.post(
        WEBHOOKS, json={"url": PUBLIC_URL, "event_types": [], "organisation_id": aab}, headers=admin
    )
    assert "body.event_types" in field_names(problem(none, 422))
    whose = await client.post(
        WEBHOOKS, json={"url": PUBLIC_URL, "event_types": ["initiative.created"]}, headers=admin
    )
    assert field_names(problem(whose, 422)) == {"body.organisation_id"}
    nobody = await client.post(
        WEBHOOKS,
        json={"url": PUBLIC_URL, "event_types": ["initiative.created"], "organisation_id": 999999},
        headers=admin,
    )
    assert field_names(problem(nobody, 422)) == {"body.organisation_id"}


async def test_only_api_clients_editors_and_admins_manage_an_organisations_endpoints(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    body = {"url": PUBLIC_URL, "event_types": ["initiative.created"]}
    own = await client.post(WEBHOOKS, json=body, headers=await as_user(demo("editor", "aab")))
    assert own.status_code == 201, own.text  # an editor in one organisation: it is theirs
    assert problem(
        await client.post(WEBHOOKS, json=body, headers=await as_user(demo("reporter", "aab"))), 403
    )
    foreign = {**body, "organisation_id": await org_id(database, "aab")}
    assert problem(
        await client.post(WEBHOOKS, json=foreign, headers=await as_user(demo("editor", "lejerbo"))), 403
    )


async def test_changing_and_deleting_an_endpoint(
    client: httpx.AsyncClient, as_user: AuthHeaders, register: Register, receiver: Any
) -> None:
    created = await register(receiver.url, ["initiative.created"])
    path = f"{WEBHOOKS}/{created['endpoint']['id']}"
    editor = await as_user(demo("editor", "aab"))
    read = await client.get(path, headers=editor)
    changed = await client.patch(
        path,
        json={"event_types": ["initiative.updated"], "enabled": False},
        headers={**editor, **if_match(read)},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["event_types"] == ["initiative.updated"]
    assert changed.json()["state"] == "disabled"
    assert changed.json()["disabled_reason"].startswith("Disabled by ")
    stale = await client.patch(path, json={"description": "x"}, headers={**editor, **if_match(read)})
    problem(stale, 412)
    bad = await client.patch(path, json={"url": None}, headers={**editor, **if_match(changed)})
    assert field_names(problem(bad, 422)) == {"body.url"}
    gone = await client.delete(path, headers={**editor, **if_match(changed)})
    assert gone.status_code == 204
    problem(await client.get(path, headers=editor), 404)
