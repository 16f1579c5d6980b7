"""Webhooks end to end: a change commits, the dispatcher delivers to a live receiver on 127.0.0.1,
signed so the public `standardwebhooks` package verifies it."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from sammen.events.dispatcher import Dispatcher
from tests.conftest import AuthHeaders
from tests.events.conftest import WEBHOOKS, Register, deliver
from tests.events.receiver import Receiver
from tests.factories import demo, if_match
from tests.initiatives.helpers import create_initiative, etag_of

AAB_EDITOR = demo("editor", "aab")


def verified(secret: str, received: Any) -> dict[str, Any]:
    payload: dict[str, Any] = Webhook(secret).verify(received.body, received.headers)
    return payload


async def test_the_receiver_gets_events_signed_so_standardwebhooks_verifies_them(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    created = await register(receiver.url, ["initiative.created", "initiative.updated"])
    secret = created["secret"]
    assert secret.startswith("whsec_")
    initiative = await create_initiative(client, await as_user(AAB_EDITOR), title="Lektiecafé")

    await deliver(dispatcher, until=lambda: len(receiver.received) == 1)

    got = receiver.received[0]
    assert got.headers["content-type"] == "application/json"
    assert got.headers["webhook-id"].startswith("msg_")
    payload = verified(secret, got)
    assert payload["type"] == "initiative.created"
    data = payload["data"]
    assert (data["resource_type"], data["resource_id"], data["action"]) == (
        "initiative",
        initiative["id"],
        "created",
    )
    assert data["link"] == f"/api/v1/initiatives/{initiative['id']}"
    assert data["version"] == initiative["version"]
    assert data["object"]["title"] == "Lektiecafé"
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 43 + "=").verify(got.body, got.headers)  # another secret does not verify


async def test_a_receiver_answering_500_then_200_gets_the_event_again_with_the_same_webhook_id(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    created = await register(receiver.url, ["initiative.created"])
    receiver.statuses = [500]
    await create_initiative(client, await as_user(AAB_EDITOR))

    await deliver(dispatcher, until=lambda: len(receiver.received) == 2)

    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    verified(created["secret"], second)
    log = await client.get(
        f"{WEBHOOKS}/{created['endpoint']['id']}/deliveries", headers=await as_user("admin@sammen.demo")
    )
    [delivery] = log.json()["items"]
    assert (delivery["status"], delivery["attempts"], delivery["last_status_code"]) == ("succeeded", 2, 200)
    assert delivery["webhook_id"] == first.headers["webhook-id"]
    detail = await client.get(
        f"{WEBHOOKS}/{created['endpoint']['id']}/deliveries/{delivery['id']}",
        headers=await as_user("admin@sammen.demo"),
    )
    attempts = detail.json()["attempt_log"]
    assert [a["status_code"] for a in attempts] == [500, 200]
    assert attempts[0]["response_excerpt"] == "ok" and attempts[0]["latency_ms"] >= 0
    assert detail.json()["payload"] == json.loads(first.body)


async def test_another_organisation_never_receives_an_event_about_a_restricted_initiative(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    types = ["initiative.created", "initiative.updated", "initiative.deleted"]
    await register(receiver.url + "/lejerbo", types, org="lejerbo")
    await register(receiver.url + "/aab", types, org="aab")
    editor = await as_user(AAB_EDITOR)
    secret = await create_initiative(client, editor, title="Fortrolig", visibility="restricted", partners=[])
    changed = await client.patch(
        f"/api/v1/initiatives/{secret['id']}",
        json={"title": "Fortrolig 2"},
        headers={**editor, **etag_of(secret["version"])},
    )
    assert changed.status_code == 200, changed.text
    await client.delete(f"/api/v1/initiatives/{secret['id']}", headers={**editor, **if_match(changed)})
    await create_initiative(client, editor, title="For alle partnere", visibility="partners")

    await deliver(dispatcher)

    assert len([r for r in receiver.received if r.path == "/hook/aab"]) == 4
    lejerbo = [json.loads(r.body) for r in receiver.received if r.path == "/hook/lejerbo"]
    assert [(p["type"], p["data"]["object"]["title"]) for p in lejerbo] == [
        ("initiative.created", "For alle partnere")
    ]
    assert all(b"Fortrolig" not in r.body for r in receiver.received if r.path == "/hook/lejerbo")


async def test_payloads_withhold_small_numbers_from_other_organisations(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    await register(receiver.url + "/kvp", ["observation.approved"], org="kvp")
    await register(receiver.url + "/aab", ["observation.approved"], org="aab")
    written = await client.put(
        "/api/v1/indicators/nye-lejere-i-arbejde/observations",
        params={"approve": "true"},
        json={"items": [{"area": "danmark", "period": "2022-Q1", "value": 66.7, "n": 3, "status": "final"}]},
        headers=await as_user(AAB_EDITOR),
    )
    assert written.status_code == 200, written.text

    await deliver(dispatcher)

    seen = {r.path: json.loads(r.body)["data"]["object"] for r in receiver.received}
    assert (seen["/hook/kvp"]["value"], seen["/hook/kvp"]["n"], seen["/hook/kvp"]["withheld"]) == (
        None,
        None,
        True,
    )
    assert (seen["/hook/aab"]["value"], seen["/hook/aab"]["n"], seen["/hook/aab"]["withheld"]) == (
        66.7,
        3,
        False,
    )


async def test_a_rotated_secret_and_the_old_one_both_sign_during_the_overlap(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    created = await register(receiver.url, ["initiative.created"])
    endpoint = created["endpoint"]
    admin = await as_user("admin@sammen.demo")
    rotated = await client.post(
        f"{WEBHOOKS}/{endpoint['id']}/rotate-secret",
        json={"overlap_hours": 2},
        headers={**admin, **etag_of(endpoint["version"])},
    )
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret != created["secret"] and rotated.json()["endpoint"]["previous_secret_expires_at"]
    await create_initiative(client, await as_user(AAB_EDITOR))
    await deliver(dispatcher, until=lambda: len(receiver.received) == 1)
    got = receiver.received[0]
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    verified(new_secret, got)
    verified(created["secret"], got)

    again = await client.post(
        f"{WEBHOOKS}/{endpoint['id']}/rotate-secret",
        json={"overlap_hours": 0},
        headers={**admin, **if_match(rotated)},
    )
    await create_initiative(client, await as_user(AAB_EDITOR))
    await deliver(dispatcher, until=lambda: len(receiver.received) == 2)
    latest = receiver.received[1]
    verified(again.json()["secret"], latest)
    with pytest.raises(WebhookVerificationError):
        verified(new_secret, latest)


async def test_a_finished_delivery_is_sent_again_on_request_and_a_queued_one_is_refused(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    created = await register(receiver.url, ["initiative.created"])
    admin = await as_user("admin@sammen.demo")
    await create_initiative(client, await as_user(AAB_EDITOR))
    base = f"{WEBHOOKS}/{created['endpoint']['id']}/deliveries"
    queued = (await client.get(base, headers=admin)).json()["items"]
    assert queued == []  # fanned out by the dispatcher, not by the request
    await deliver(dispatcher)
    [done] = (await client.get(base, headers=admin)).json()["items"]
    assert done["status"] == "succeeded"
    retried = await client.post(f"{base}/{done['id']}/retry", headers=admin)
    assert retried.status_code == 202, retried.text
    assert retried.json()["status"] == "pending"
    refused = await client.post(f"{base}/{done['id']}/retry", headers=admin)
    assert refused.status_code == 409
    await deliver(dispatcher, until=lambda: len(receiver.received) == 2)
    assert receiver.ids()[0] == receiver.ids()[1]
