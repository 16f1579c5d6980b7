"""Access-matrix cases for the change feed, the event types and webhook endpoints."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import update

from sammen.events.fanout import fan_out
from sammen.events.models import WebhookDelivery
from tests.factories import demo
from tests.initiatives.helpers import initiative_body
from tests.matrix import Call, Case, Ctx, register, static

API = "/api/v1"
WEBHOOKS = f"{API}/webhook-endpoints"
ONE = f"{WEBHOOKS}/{{endpoint_id}}"
EDITOR, VIEWER, OTHER = demo("editor", "aab"), demo("viewer", "aab"), demo("editor", "lejerbo")
PUBLIC_URL = "https://93.184.216.34/hook"  # a public address: no DNS needed, allowed everywhere
FILTERED = "every signed-in caller reads the feed; entries are filtered by visibility (test_feed.py)"
PUBLIC = "public information"
Prepare = Callable[[Ctx], Awaitable[Call]]


async def endpoint(ctx: Ctx) -> dict[str, Any]:
    body = {
        "url": PUBLIC_URL,
        "event_types": ["initiative.created"],
        "organisation_id": await ctx.org_id("aab"),
    }
    created: dict[str, Any] = (await ctx.post(WEBHOOKS, body)).json()["endpoint"]
    return created


async def delivery(ctx: Ctx) -> tuple[int, int]:
    """An endpoint with one failed delivery: (endpoint id, delivery id)."""
    hook = await endpoint(ctx)
    await ctx.post(f"{API}/initiatives", initiative_body(), as_email=EDITOR)
    await fan_out(ctx.database, limit=100, min_n_default=5, retry_hours=24)
    async with ctx.database.session(write=True) as session:
        await session.execute(update(WebhookDelivery).values(status="failed"))
    listed = (await ctx.get(f"{WEBHOOKS}/{hook['id']}/deliveries")).json()["items"]
    return hook["id"], listed[0]["id"]


def on_endpoint(method: str, suffix: str, *, body: Any = None, with_etag: bool = False, **kw: Any) -> None:
    async def prepare(ctx: Ctx) -> Call:
        hook = await endpoint(ctx)
        path = f"{WEBHOOKS}/{hook['id']}"
        headers = await ctx.etag(path) if with_etag else {}
        return Call(path=path + suffix, json=body, headers=headers)

    register(Case(method, ONE + suffix, prepare, allowed=EDITOR, too_low=VIEWER, other_org=OTHER, **kw))


def on_delivery(method: str, suffix: str, **kw: Any) -> None:
    async def prepare(ctx: Ctx) -> Call:
        endpoint_id, delivery_id = await delivery(ctx)
        return Call(path=f"{WEBHOOKS}/{endpoint_id}/deliveries/{delivery_id}{suffix}")

    register(
        Case(
            method,
            ONE + "/deliveries/{delivery_id}" + suffix,
            prepare,
            allowed=EDITOR,
            too_low=VIEWER,
            other_org=OTHER,
            **kw,
        )
    )


register(
    Case(
        "GET",
        f"{API}/changes",
        static(f"{API}/changes"),
        allowed=demo("viewer", "kvp"),
        not_applicable={"too_low": FILTERED, "other_org": FILTERED},
    )
)
register(
    Case(
        "GET",
        f"{API}/event-types",
        static(f"{API}/event-types"),
        allowed=VIEWER,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": PUBLIC},
    )
)
register(
    Case(
        "GET",
        WEBHOOKS,
        static(WEBHOOKS),
        allowed=EDITOR,
        too_low=VIEWER,
        not_applicable={"other_org": "the list shows each caller the endpoints of their own organisation"},
    )
)


async def _create(ctx: Ctx) -> Call:
    body = {
        "url": PUBLIC_URL,
        "event_types": ["initiative.created"],
        "organisation_id": await ctx.org_id("aab"),
    }
    return Call(path=WEBHOOKS, json=body)


register(
    Case(
        "POST",
        WEBHOOKS,
        _create,
        allowed=EDITOR,
        success=201,
        too_low=VIEWER,
        other_org=OTHER,
        other_org_status=403,
        audit_action="webhook_endpoint.create",
    )
)
on_endpoint("GET", "")
on_endpoint(
    "PATCH", "", body={"description": "BI-systemet"}, with_etag=True, audit_action="webhook_endpoint.update"
)
on_endpoint("DELETE", "", with_etag=True, success=204, audit_action="webhook_endpoint.delete")
on_endpoint(
    "POST",
    "/rotate-secret",
    body={"overlap_hours": 1},
    with_etag=True,
    audit_action="webhook_endpoint.rotate_secret",
)
on_endpoint("GET", "/deliveries")
on_delivery("GET", "")
on_delivery("POST", "/retry", success=202, audit_action="webhook_delivery.retry")
