"""An endpoint's delivery log (every attempt: when, status code, latency, the start of the answer)
and sending a delivery again."""

from __future__ import annotations

import datetime as dt

import orjson
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.config import Settings
from sammen.core.errors import Conflict, NotFound
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.core.tables import utcnow
from sammen.events import outbox
from sammen.events.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from sammen.events.schemas import AttemptPublic, DeliveryDetail, DeliveryPublic


def delivery_public(delivery: WebhookDelivery) -> DeliveryPublic:
    shown = DeliveryPublic.model_validate(delivery)
    if delivery.status != DeliveryStatus.pending:
        shown.next_attempt_at = None
    return shown


async def list_deliveries(
    session: AsyncSession, *, endpoint: WebhookEndpoint, page: PageParams, status: DeliveryStatus | None
) -> tuple[list[WebhookDelivery], int]:
    """Newest first."""
    stmt = (
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint.id)
        .order_by(col(WebhookDelivery.id).desc())
    )
    if status is not None:
        stmt = stmt.where(WebhookDelivery.status == status)
    return await fetch_objects(session, stmt, page)


async def get_delivery(
    session: AsyncSession, *, endpoint: WebhookEndpoint, delivery_id: int
) -> WebhookDelivery:
    delivery = await session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise NotFound(f"No delivery {delivery_id} of this endpoint.")
    return delivery


async def delivery_detail(session: AsyncSession, *, delivery: WebhookDelivery) -> DeliveryDetail:
    attempts = (
        await session.scalars(
            select(WebhookAttempt)
            .where(WebhookAttempt.delivery_id == delivery.id)
            .order_by(col(WebhookAttempt.attempted_at), col(WebhookAttempt.id))
        )
    ).all()
    shown = delivery_public(delivery)
    return DeliveryDetail(
        **shown.model_dump(by_alias=False),
        payload=orjson.loads(delivery.payload),
        attempt_log=[AttemptPublic.model_validate(a) for a in attempts],
    )


async def retry_delivery(
    session: AsyncSession, *, actor: Principal, delivery: WebhookDelivery, settings: Settings
) -> WebhookDelivery:
    """Send again now (same webhook-id and body); retried with backoff for another window if it fails."""
    if delivery.status == DeliveryStatus.pending:
        raise Conflict("The delivery is still queued; it is tried again at its next_attempt_at.")
    now = utcnow()
    delivery.status = DeliveryStatus.pending
    delivery.next_attempt_at = now
    delivery.expires_at = now + dt.timedelta(hours=settings.webhook_retry_hours)
    delivery.claim = None
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="webhook_delivery.retry",
        object_type="webhook_delivery",
        object_id=delivery.id,
        summary={"endpoint_id": delivery.endpoint_id, "webhook_id": delivery.message_id},
    )
    await outbox.wake_on_commit(session)
    return delivery
