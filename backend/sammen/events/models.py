"""Tables of the change feed and the webhooks: the outbox, endpoints, deliveries and their attempts."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sammen.core import tables
from sammen.core.tables import StrEnumType, Timestamped, UTCDateTime, Versioned, utcnow

# 64-bit ids on PostgreSQL (the outbox and the delivery log grow for years): core's id type.
BIG_ID: Any = tables.BIG_ID


class ChangeEvent(SQLModel, table=True):
    """One change to one resource, written in the transaction that made it (the outbox).

    `txid` is the writing transaction's id on PostgreSQL (0 on SQLite): readers order by
    (txid, id) and only take rows of transactions older than every one still running, so a
    row that commits late is never behind a cursor already handed out (events/feed.py).
    """

    __tablename__ = "change_events"
    __table_args__ = (
        Index("ix_change_events_position", "txid", "id"),
        Index("ix_change_events_resource", "resource_type", "resource_id"),
        {"sqlite_autoincrement": True},  # ids never reused, even after the newest rows are gone
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    txid: int = Field(default=0, sa_type=BigInteger, nullable=False)
    occurred_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    type: str = Field(max_length=60)  # e.g. initiative.updated (events/catalogue.py)
    resource_type: str = Field(max_length=40)
    resource_id: int = Field(sa_type=BIG_ID)
    action: str = Field(max_length=30)  # created, updated, deleted, approved, ...
    version: int | None = Field(default=None)
    link: str = Field(max_length=200)  # the resource's API path
    organisation_id: int | None = Field(default=None, sa_type=BIG_ID)  # on whose behalf it was made


class EventCursor(SQLModel, table=True):
    """How far a reader of the outbox got, as a (txid, id) position: the dispatcher's fan-out."""

    __tablename__ = "event_cursors"

    name: str = Field(primary_key=True, max_length=40)
    txid: int = Field(default=0, sa_type=BigInteger, nullable=False)
    change_id: int = Field(default=0, sa_type=BigInteger, nullable=False)


class EndpointState(enum.StrEnum):
    enabled = "enabled"
    disabled = "disabled"  # by the dispatcher after failing for days, or by its owners


class WebhookEndpoint(Versioned, Timestamped, table=True):
    """A receiver registered by (or for) one organisation; it gets what that organisation may read."""

    __tablename__ = "webhook_endpoints"

    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    organisation_id: int = Field(foreign_key="organisations.id", index=True, sa_type=BIG_ID)
    url: str = Field(max_length=2000)
    description: str | None = Field(default=None, max_length=500)
    event_types: list[str] = Field(default_factory=list, sa_type=JSON)
    state: EndpointState = Field(default=EndpointState.enabled, sa_type=StrEnumType(EndpointState))
    disabled_reason: str | None = Field(default=None, max_length=1000)
    disabled_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    failing_since: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Signing secrets, encrypted at rest (events/signing.py); the previous one signs too until it expires.
    signing_secret: str = Field(max_length=200)
    previous_signing_secret: str | None = Field(default=None, max_length=200)
    previous_secret_expires_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: str = Field(max_length=200)


class DeliveryStatus(enum.StrEnum):
    pending = "pending"  # waiting for its next attempt (or being attempted under a lease)
    succeeded = "succeeded"
    failed = "failed"  # retried for about a day without success
    withheld = "withheld"  # the resource is no longer visible to the endpoint's organisation


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint. Retries send the same payload under the same `webhook-id`."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_endpoint", "endpoint_id", "id"),
        UniqueConstraint("endpoint_id", "change_id"),  # one delivery per change and endpoint, ever
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    endpoint_id: int = Field(foreign_key="webhook_endpoints.id", sa_type=BIG_ID, ondelete="CASCADE")
    change_id: int = Field(foreign_key="change_events.id", index=True, sa_type=BIG_ID)
    message_id: str = Field(max_length=40, unique=True)  # the webhook-id header
    event_type: str = Field(max_length=60)
    resource_type: str = Field(max_length=40)
    resource_id: int = Field(sa_type=BIG_ID)
    payload: str = Field(sa_type=Text)  # the exact JSON body that is signed and sent
    status: DeliveryStatus = Field(default=DeliveryStatus.pending, sa_type=StrEnumType(DeliveryStatus))
    attempts: int = Field(default=0)
    next_attempt_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    expires_at: dt.datetime = Field(sa_type=UTCDateTime, nullable=False)  # retried until then, then failed
    claim: str | None = Field(default=None, max_length=40)  # the dispatcher attempt that holds the lease
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    last_attempt_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status_code: int | None = Field(default=None)
    last_error: str | None = Field(default=None, max_length=500)
    delivered_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebhookAttempt(SQLModel, table=True):
    """One try of one delivery: the log an endpoint's owners read."""

    __tablename__ = "webhook_attempts"

    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    delivery_id: int = Field(
        foreign_key="webhook_deliveries.id", index=True, sa_type=BIG_ID, ondelete="CASCADE"
    )
    attempted_at: dt.datetime = Field(sa_type=UTCDateTime, nullable=False)
    status_code: int | None = Field(default=None)
    latency_ms: int = Field(default=0)
    error: str | None = Field(default=None, max_length=500)
    response_excerpt: str | None = Field(default=None, max_length=1000)


# Core tables, for statements that need no ORM objects
DELIVERIES: Any = WebhookDelivery.__table__  # type: ignore[attr-defined]
ENDPOINTS: Any = WebhookEndpoint.__table__  # type: ignore[attr-defined]
