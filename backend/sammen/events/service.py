"""Webhook endpoints: who manages them, registering, changing, rotating secrets, removing.

An organisation's endpoints are managed by its API clients (the partner systems themselves),
its editors (the organisation's own administrators, who also see why an endpoint was
disabled) and Sammen's admins on its behalf. Other members of the organisation are refused
(403); callers outside it do not learn that the endpoint exists (404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.changes import audited_change, audited_create, audited_delete, reject_nulls
from sammen.core.config import Settings
from sammen.core.errors import Forbidden, NotFound, field_error
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Permission, Principal
from sammen.core.tables import utcnow
from sammen.events.catalogue import CATALOGUE
from sammen.events.feed import check_types
from sammen.events.models import EndpointState, WebhookEndpoint
from sammen.events.netguard import AddressRefused, Resolver, check_url, checked_addresses, system_resolver
from sammen.events.schemas import EndpointCreate, EndpointUpdate, EventTypePublic, SecretRotation
from sammen.events.signing import box_for, new_secret
from sammen.orgs import service as orgs

# ---------------------------------------------------------------- who
MANAGERS_ONLY = "Webhooks are managed by the organisation's API clients, its editors and admins."


def can_manage(principal: Principal, organisation_id: int) -> bool:
    """API clients of the organisation, its editors, and admins (who act for any organisation)."""
    if principal.kind == "client" and organisation_id in principal.org_ids:
        return True
    return principal.can(Permission.edit, organisation_id)


def managed_organisations(principal: Principal) -> frozenset[int] | None:
    """The organisations whose endpoints `principal` manages; None: all of them (admins)."""
    if Permission.act_for_any_org in principal.permissions:
        return None
    return frozenset(org for org in principal.org_ids if can_manage(principal, org))


def require_manager(principal: Principal, organisation_id: int) -> None:
    if not can_manage(principal, organisation_id):
        if organisation_id in principal.org_ids:
            raise Forbidden(MANAGERS_ONLY)
        raise NotFound("No such webhook endpoint.")


def event_types() -> list[EventTypePublic]:
    return [
        EventTypePublic(
            name=e.name,
            resource_type=e.resource,
            actions=sorted(set(e.on.values())),
            description=e.description,
        )
        for e in CATALOGUE
    ]


# ---------------------------------------------------------------- checks
async def check_endpoint_url(
    url: str, *, settings: Settings, resolver: Resolver = system_resolver, field: str = "body.url"
) -> str:
    """https in production; the host must resolve, and only to addresses webhooks may go to."""
    try:
        host, port = check_url(url, require_https=settings.environment == "production")
        await checked_addresses(
            host, port, allow_private=settings.webhook_allow_private_addresses, resolver=resolver
        )
    except AddressRefused as exc:
        raise field_error(field, str(exc)) from None
    return url


def _types(names: Sequence[str]) -> list[str]:
    return check_types(list(names), field="body.event_types") or []


# ---------------------------------------------------------------- endpoints
async def get_endpoint(session: AsyncSession, *, principal: Principal, endpoint_id: int) -> WebhookEndpoint:
    endpoint = await session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise NotFound(f"No webhook endpoint {endpoint_id}.")
    if endpoint.organisation_id not in principal.org_ids and managed_organisations(principal) is not None:
        raise NotFound(f"No webhook endpoint {endpoint_id}.")
    require_manager(principal, endpoint.organisation_id)
    return endpoint


async def list_endpoints(
    session: AsyncSession, *, principal: Principal, page: PageParams, organisation_id: int | None
) -> tuple[list[WebhookEndpoint], int]:
    managed = managed_organisations(principal)
    if managed is not None and not managed:
        raise Forbidden(MANAGERS_ONLY)
    stmt = select(WebhookEndpoint).order_by(col(WebhookEndpoint.id))
    if managed is not None:
        stmt = stmt.where(col(WebhookEndpoint.organisation_id).in_(sorted(managed)))
    if organisation_id is not None:
        stmt = stmt.where(WebhookEndpoint.organisation_id == organisation_id)
    return await fetch_objects(session, stmt, page)


def _organisation_for(principal: Principal, data: EndpointCreate) -> int:
    if data.organisation_id is not None:
        return data.organisation_id
    if principal.kind == "client" and len(principal.org_ids) == 1:
        return next(iter(principal.org_ids))
    own = managed_organisations(principal)
    if own is not None and len(own) == 1:
        return next(iter(own))
    raise field_error("body.organisation_id", "name the organisation the endpoint is for")


async def create_endpoint(
    session: AsyncSession,
    *,
    actor: Principal,
    data: EndpointCreate,
    settings: Settings,
    resolver: Resolver = system_resolver,
) -> tuple[WebhookEndpoint, str]:
    if managed_organisations(actor) == frozenset():
        raise Forbidden(MANAGERS_ONLY)
    organisation_id = _organisation_for(actor, data)
    if not can_manage(actor, organisation_id):
        raise Forbidden("You register webhook endpoints for your own organisation only.")
    try:
        await orgs.get_organisation(session, organisation_id=organisation_id)
    except NotFound:
        raise field_error("body.organisation_id", f"no organisation {organisation_id}") from None
    url = await check_endpoint_url(data.url, settings=settings, resolver=resolver)
    secret = new_secret()
    endpoint = WebhookEndpoint(
        organisation_id=organisation_id,
        url=url,
        description=data.description,
        event_types=_types(data.event_types),
        signing_secret=box_for(settings.jwt_secret).seal(secret),
        created_by=actor.name,
    )
    await audited_create(
        session, endpoint, actor=actor, action="webhook_endpoint.create", organisation_id=organisation_id
    )
    return endpoint, secret


async def update_endpoint(
    session: AsyncSession,
    *,
    actor: Principal,
    endpoint: WebhookEndpoint,
    data: EndpointUpdate,
    expected_version: int,
    settings: Settings,
    resolver: Resolver = system_resolver,
) -> WebhookEndpoint:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("url", "event_types", "enabled"))
    if "url" in changes:
        changes["url"] = await check_endpoint_url(changes["url"], settings=settings, resolver=resolver)
    if "event_types" in changes:
        changes["event_types"] = _types(changes["event_types"])
    enabled = changes.pop("enabled", None)
    if enabled is True and endpoint.state != EndpointState.enabled:
        changes.update(
            state=EndpointState.enabled, disabled_reason=None, disabled_at=None, failing_since=None
        )
    elif enabled is False and endpoint.state != EndpointState.disabled:
        changes.update(
            state=EndpointState.disabled, disabled_reason=f"Disabled by {actor.name}.", disabled_at=utcnow()
        )
    await audited_change(
        session,
        endpoint,
        actor=actor,
        expected_version=expected_version,
        action="webhook_endpoint.update",
        changes=changes,
        organisation_id=endpoint.organisation_id,
    )
    return endpoint


async def rotate_secret(
    session: AsyncSession,
    *,
    actor: Principal,
    endpoint: WebhookEndpoint,
    data: SecretRotation,
    expected_version: int,
    settings: Settings,
) -> str:
    """A new secret, shown once; the current one keeps signing too for `overlap_hours`."""
    secret = new_secret()
    overlap = dt.timedelta(hours=data.overlap_hours)
    changes: dict[str, Any] = {"signing_secret": box_for(settings.jwt_secret).seal(secret)}
    if overlap:
        changes.update(
            previous_signing_secret=endpoint.signing_secret, previous_secret_expires_at=utcnow() + overlap
        )
    else:
        changes.update(previous_signing_secret=None, previous_secret_expires_at=None)
    await audited_change(
        session,
        endpoint,
        actor=actor,
        expected_version=expected_version,
        action="webhook_endpoint.rotate_secret",
        changes=changes,
        organisation_id=endpoint.organisation_id,
        summary={"overlap_hours": data.overlap_hours},
    )
    return secret


async def delete_endpoint(
    session: AsyncSession, *, actor: Principal, endpoint: WebhookEndpoint, expected_version: int
) -> None:
    """Gone for good, with its delivery log (the audit trail keeps what it was)."""
    await audited_delete(
        session,
        endpoint,
        actor=actor,
        expected_version=expected_version,
        action="webhook_endpoint.delete",
        organisation_id=endpoint.organisation_id,
    )
