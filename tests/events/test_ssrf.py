"""Where webhooks may go: private addresses refused unless allowed, checked again after DNS at delivery
time, https in production, short timeouts, no redirects, a bounded read of the answer."""

from __future__ import annotations

import ipaddress

import httpx
import pytest
from fastapi import FastAPI
from sqlmodel import select

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.errors import ValidationFailed
from sammen.core.permissions import Principal, Role
from sammen.events import service
from sammen.events.dispatcher import Dispatcher
from sammen.events.models import WebhookDelivery
from sammen.events.netguard import address_allowed
from sammen.events.schemas import EndpointCreate
from tests.conftest import AuthHeaders, base_settings
from tests.events.conftest import WEBHOOKS, Register, deliver, deliver_with
from tests.events.receiver import Receiver
from tests.factories import demo, field_names, org_id, problem
from tests.initiatives.helpers import create_initiative

PUBLIC_ADDRESS = "93.184.216.34"


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("::1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.10", False),
        ("169.254.169.254", False),  # cloud metadata
        ("fe80::1", False),
        ("fc00::1", False),
        ("100.64.0.1", False),  # shared (carrier-grade NAT)
        ("0.0.0.0", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
        (PUBLIC_ADDRESS, True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_only_public_addresses_may_receive_webhooks(address: str, allowed: bool) -> None:
    assert address_allowed(ipaddress.ip_address(address), allow_private=False) is allowed


def test_the_setting_allows_private_but_never_multicast_or_unspecified_addresses() -> None:
    assert address_allowed(ipaddress.ip_address("127.0.0.1"), allow_private=True)
    assert address_allowed(ipaddress.ip_address("10.0.0.1"), allow_private=True)
    assert not address_allowed(ipaddress.ip_address("0.0.0.0"), allow_private=True)
    assert not address_allowed(ipaddress.ip_address("ff02::1"), allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8080/hook",  # resolves to 127.0.0.1 (and ::1)
        "http://127.0.0.1/hook",
        "http://[::1]:9000/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.5/hook",
        "http://2130706433/hook",  # 127.0.0.1 as one number
    ],
)
async def test_a_url_resolving_to_a_private_address_is_refused_when_not_allowed(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    database: Database,
    app: FastAPI,
    settings: Settings,
    url: str,
) -> None:
    app.state.settings = settings.model_copy(update={"webhook_allow_private_addresses": False})
    body = {
        "url": url,
        "event_types": ["initiative.created"],
        "organisation_id": await org_id(database, "aab"),
    }
    response = await client.post(WEBHOOKS, json=body, headers=await as_user("admin@sammen.demo"))
    assert field_names(problem(response, 422)) == {"body.url"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/hook", "http or https"),
        ("https://user:pw@example.org/hook", "credentials"),
        ("http:///hook", "no host"),
        ("https://hooks.example.test/hook", "cannot be resolved"),
    ],
)
async def test_malformed_or_unresolvable_urls_are_refused(url: str, message: str, settings: Settings) -> None:
    async def nowhere(host: str, _port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(ValidationFailed, match=message):
        await service.check_endpoint_url(url, settings=settings, resolver=nowhere)


async def test_production_needs_https(settings: Settings) -> None:
    production = base_settings(environment="production", demo_mode=False)
    with pytest.raises(ValidationFailed, match="https"):
        await service.check_endpoint_url(f"http://{PUBLIC_ADDRESS}/hook", settings=production)
    assert await service.check_endpoint_url(f"https://{PUBLIC_ADDRESS}/hook", settings=production)


async def _endpoint_named(database: Database, settings: Settings, port: int) -> None:
    """An endpoint whose name resolved to a public address when it was registered."""

    async def public(_host: str, _port: int) -> list[str]:
        return [PUBLIC_ADDRESS]

    admin = Principal(kind="user", id=0, name="test admin", roles={1: frozenset({Role.admin})})
    async with database.session(write=True) as session:
        await service.create_endpoint(
            session,
            actor=admin,
            data=EndpointCreate(
                url=f"http://hooks.example.test:{port}/hook",
                event_types=["initiative.created"],
                organisation_id=await org_id(database, "aab"),
            ),
            settings=base_settings(webhook_allow_private_addresses=False),
            resolver=public,
        )


async def _rebound(_host: str, _port: int) -> list[str]:
    return ["127.0.0.1"]  # the name now points at the loopback address (DNS rebinding)


async def test_the_address_is_checked_again_after_dns_when_delivering(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    database: Database,
    settings: Settings,
    receiver: Receiver,
) -> None:
    await _endpoint_named(database, settings, receiver.port)
    await create_initiative(client, await as_user(demo("editor", "aab")))
    strict = settings.model_copy(update={"webhook_allow_private_addresses": False})
    await deliver_with(database, strict, resolver=_rebound, backoff=lambda attempts: 3600)

    assert receiver.received == []
    delivery = await _only_delivery(database)
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.last_error is not None and "127.0.0.1" in delivery.last_error


async def test_the_connection_goes_to_the_checked_address_and_keeps_the_name(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    database: Database,
    settings: Settings,
    receiver: Receiver,
) -> None:
    await _endpoint_named(database, settings, receiver.port)
    await create_initiative(client, await as_user(demo("editor", "aab")))
    # private addresses allowed here
    await deliver_with(database, settings, until=lambda: len(receiver.received) == 1, resolver=_rebound)
    assert receiver.received[0].headers["host"] == f"hooks.example.test:{receiver.port}"


async def test_redirects_are_not_followed(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    await register(receiver.url, ["initiative.created"])
    receiver.statuses = [302]
    receiver.extra_headers = [(b"location", f"http://127.0.0.1:{receiver.port}/elsewhere".encode())]
    dispatcher.backoff = lambda attempts: 3600
    await create_initiative(client, await as_user(demo("editor", "aab")))
    await deliver(dispatcher)
    assert [r.path for r in receiver.received] == ["/hook"]
    delivery = await _only_delivery(dispatcher.database)
    assert delivery.last_status_code == 302 and delivery.status == "pending"
    assert delivery.last_error is not None and "redirects are not followed" in delivery.last_error


async def test_only_the_start_of_a_large_answer_is_read(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    dispatcher: Dispatcher,
    register: Register,
) -> None:
    await register(receiver.url, ["initiative.created"])
    receiver.answer_body = b"x" * 2_000_000
    await create_initiative(client, await as_user(demo("editor", "aab")))
    await deliver(dispatcher)
    delivery = await _only_delivery(dispatcher.database)
    assert delivery.status == "succeeded"
    async with dispatcher.database.session(write=False) as session:
        from sammen.events.models import WebhookAttempt

        [attempt] = (await session.scalars(select(WebhookAttempt))).all()
    assert attempt.response_excerpt is not None and len(attempt.response_excerpt) == 1000


async def test_a_slow_receiver_times_out(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    receiver: Receiver,
    database: Database,
    settings: Settings,
    register: Register,
) -> None:
    await register(receiver.url, ["initiative.created"])
    receiver.delay = 2.0
    quick = settings.model_copy(update={"webhook_timeout_seconds": 0.3})
    await create_initiative(client, await as_user(demo("editor", "aab")))
    await deliver_with(database, quick, backoff=lambda attempts: 3600)
    delivery = await _only_delivery(database)
    assert delivery.last_status_code is None
    assert delivery.last_error == "no answer within 0.3 s"


async def _only_delivery(database: Database) -> WebhookDelivery:
    async with database.session(write=False) as session:
        [delivery] = (await session.scalars(select(WebhookDelivery))).all()
    return delivery
