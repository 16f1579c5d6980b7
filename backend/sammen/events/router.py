"""HTTP handlers: the change feed, the event types, webhook endpoints and their delivery log."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import Query, Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep, SettingsDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.events import deliveries, feed, service
from sammen.events.models import DeliveryStatus
from sammen.events.schemas import (
    ChangePage,
    DeliveryDetail,
    DeliveryPublic,
    EndpointCreate,
    EndpointCreated,
    EndpointPublic,
    EndpointUpdate,
    EventTypePublic,
    SecretRotation,
)
from sammen.orgs.deps import CurrentPrincipal, IfMatchDep

changes_router = DomainRouter(prefix="/changes", tags=["changes"])
event_types_router = DomainRouter(prefix="/event-types", tags=["changes"])
endpoints_router = DomainRouter(
    prefix="/webhook-endpoints", tags=["webhooks"], responses=problem_responses(401, 403, 404, 422)
)
CHANGE = problem_responses(409, 412, 428)


# ---------------------------------------------------------------- the change feed
@changes_router.get("", response_model=ChangePage, responses=problem_responses(401, 422))
async def list_changes(
    session: SessionDep,
    settings: SettingsDep,
    principal: CurrentPrincipal,
    after: Annotated[
        str | None, Query(max_length=200, description="The `cursor` of the page before; none: from the start")
    ] = None,
    types: Annotated[
        list[str] | None, Query(description="Event types (repeat or comma-separate); default: all")
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=feed.MAX_LIMIT, description="Entries looked at (at most 1,000)")
    ] = 100,
) -> Response:
    """Every change the caller may see, in commit order, after the cursor `after`. Keep the page's
    `cursor` and ask again with it: at once while `has_more`, later otherwise. A change to a
    resource the caller cannot read (now) is left out, so a page may hold fewer than `limit`."""
    page = await feed.read_changes(
        session,
        principal=principal,
        after=after,
        types=types,
        limit=limit,
        min_n_default=settings.min_n_default,
    )
    body = {"items": orjson.Fragment(page.items_json), "cursor": page.cursor, "has_more": page.has_more}
    return Response(orjson.dumps(body), media_type="application/json")


@event_types_router.get("", response_model=list[EventTypePublic])
async def list_event_types() -> list[EventTypePublic]:
    """What the change feed and webhooks report (public)."""
    return service.event_types()


# ---------------------------------------------------------------- endpoints
@endpoints_router.get("", response_model=Page[EndpointPublic])
async def list_webhook_endpoints(
    session: SessionDep, page: PageDep, principal: CurrentPrincipal, organisation_id: Id | None = None
) -> Page[EndpointPublic]:
    """The endpoints of the organisations the caller manages webhooks for (admins: all)."""
    items, total = await service.list_endpoints(
        session, principal=principal, page=page, organisation_id=organisation_id
    )
    return Page.of([EndpointPublic.model_validate(e) for e in items], total, page)


@endpoints_router.post("", response_model=EndpointCreated, status_code=status.HTTP_201_CREATED)
async def create_webhook_endpoint(
    body: EndpointCreate,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    principal: CurrentPrincipal,
) -> EndpointCreated:
    """Register a receiver (API clients for their organisation; admins for any). Its secret is shown once."""
    endpoint, secret = await service.create_endpoint(session, actor=principal, data=body, settings=settings)
    set_etag(response, endpoint.version)
    response.headers["Location"] = f"/api/v1/webhook-endpoints/{endpoint.id}"
    return EndpointCreated(endpoint=EndpointPublic.model_validate(endpoint), secret=secret)


@endpoints_router.get("/{endpoint_id}", response_model=EndpointPublic)
async def read_webhook_endpoint(
    endpoint_id: Id, response: Response, session: SessionDep, principal: CurrentPrincipal
) -> EndpointPublic:
    """One endpoint: its state, and why it is disabled if it is."""
    endpoint = await service.get_endpoint(session, principal=principal, endpoint_id=endpoint_id)
    set_etag(response, endpoint.version)
    return EndpointPublic.model_validate(endpoint)


@endpoints_router.patch("/{endpoint_id}", response_model=EndpointPublic, responses=CHANGE)
async def update_webhook_endpoint(
    endpoint_id: Id,
    body: EndpointUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    principal: CurrentPrincipal,
) -> EndpointPublic:
    """Change the URL, the event types or the description; `enabled: true` enables it again."""
    endpoint = await service.get_endpoint(session, principal=principal, endpoint_id=endpoint_id)
    endpoint = await service.update_endpoint(
        session, actor=principal, endpoint=endpoint, data=body, expected_version=version, settings=settings
    )
    set_etag(response, endpoint.version)
    return EndpointPublic.model_validate(endpoint)


@endpoints_router.post("/{endpoint_id}/rotate-secret", response_model=EndpointCreated, responses=CHANGE)
async def rotate_webhook_secret(
    endpoint_id: Id,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    principal: CurrentPrincipal,
    body: SecretRotation | None = None,
) -> EndpointCreated:
    """A new secret, shown once. For `overlap_hours` (default 24) events carry both signatures."""
    endpoint = await service.get_endpoint(session, principal=principal, endpoint_id=endpoint_id)
    secret = await service.rotate_secret(
        session,
        actor=principal,
        endpoint=endpoint,
        data=body or SecretRotation(),
        expected_version=version,
        settings=settings,
    )
    set_etag(response, endpoint.version)
    return EndpointCreated(endpoint=EndpointPublic.model_validate(endpoint), secret=secret)


@endpoints_router.delete("/{endpoint_id}", status_code=status.HTTP_204_NO_CONTENT, responses=CHANGE)
async def delete_webhook_endpoint(
    endpoint_id: Id, version: IfMatchDep, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    endpoint = await service.get_endpoint(session, principal=principal, endpoint_id=endpoint_id)
    await service.delete_endpoint(session, actor=principal, endpoint=endpoint, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- the delivery log
@endpoints_router.get("/{endpoint_id}/deliveries", response_model=Page[DeliveryPublic])
async def list_webhook_deliveries(
    endpoint_id: Id,
    session: SessionDep,
    page: PageDep,
    principal: CurrentPrincipal,
    status_: Annotated[DeliveryStatus | None, Query(alias="status")] = None,
) -> Page[DeliveryPublic]:
    """The endpoint's deliveries, newest first (kept 30 days after they end)."""
    endpoint = await service.get_endpoint(session, principal=principal, endpoint_id=endpoint_id)
    items, total = await deliveries.list_deliveries(session, endpoint=endpoint, page=page, status=status_)
    return Page.of([deliveries.delivery_public(d) for d in items], total, page)


@endpoints_router.get("/{endpoint_id}/deliveries/{delivery_id}", response_model=DeliveryDetail)
async def read_webhook_delivery(
    endpoint_id: Id, delivery_id: Id, session: SessionDep, principal: CurrentPrincipal
) -> DeliveryDetail:
    """One delivery with its body and every attempt (status code, latency, the start of the answer)."""
    endpoint = await service.get_endpoint(session, principal=principal, endpoint_id=endpoint_id)
    delivery = await deliveries.get_delivery(session, endpoint=endpoint, delivery_id=delivery_id)
    return await deliveries.delivery_detail(session, delivery=delivery)


@endpoints_router.post(
    "/{endpoint_id}/deliveries/{delivery_id}/retry",
    response_model=DeliveryPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(409),
)
async def retry_webhook_delivery(
    endpoint_id: Id,
    delivery_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    principal: CurrentPrincipal,
) -> DeliveryPublic:
    """Send a finished (failed, succeeded or withheld) delivery again now, with the same webhook-id."""
    endpoint = await service.get_endpoint(session, principal=principal, endpoint_id=endpoint_id)
    delivery = await deliveries.get_delivery(session, endpoint=endpoint, delivery_id=delivery_id)
    delivery = await deliveries.retry_delivery(session, actor=principal, delivery=delivery, settings=settings)
    return deliveries.delivery_public(delivery)
