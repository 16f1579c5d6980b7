"""Request and response shapes of the change feed and the webhooks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from sammen.core.fields import Id, Line
from sammen.events.models import DeliveryStatus, EndpointState

Url = Annotated[
    Line, Field(min_length=1, max_length=2000, description="https://... (http outside production)")
]
EventTypes = Annotated[
    list[Annotated[Line, Field(max_length=60)]],
    Field(min_length=1, max_length=50, description="Event types to receive (GET /api/v1/event-types)"),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- the catalogue and the feed
class EventTypePublic(BaseModel):
    name: str = Field(description="e.g. initiative.updated")
    resource_type: str
    actions: list[str] = Field(description="The `action` values entries of this type carry")
    description: str


class ChangePublic(BaseModel):
    id: int = Field(
        description="The change's id: the same in the feed and in webhook payloads (`data.change_id`)"
    )
    type: str
    resource_type: str
    resource_id: int
    action: str = Field(description="created, updated, deleted, approved, recorded, ...")
    version: int | None = Field(description="The resource's version right after the change")
    occurred_at: dt.datetime
    link: str = Field(description="The resource's API path")


class ChangePage(BaseModel):
    items: list[ChangePublic]
    cursor: str = Field(description="Pass as `after` to continue; given even when the page is empty")
    has_more: bool = Field(description="More changes are ready now: read again at once (else poll later)")


# ---------------------------------------------------------------- endpoints
class EndpointCreate(Strict):
    url: Url
    event_types: EventTypes
    description: Line | None = Field(default=None, max_length=500)
    organisation_id: Id | None = Field(
        default=None, description="Whose endpoint it is: admins name it; API clients register their own"
    )


class EndpointUpdate(Strict):
    url: Url | None = None
    event_types: EventTypes | None = None
    description: Line | None = Field(default=None, max_length=500)
    enabled: bool | None = Field(default=None, description="true enables a disabled endpoint again")


class EndpointPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organisation_id: int
    url: str
    description: str | None
    event_types: list[str]
    state: EndpointState
    disabled_reason: str | None = Field(
        description="Why it is disabled (by Sammen after failing for days, or by whom)"
    )
    disabled_at: dt.datetime | None
    failing_since: dt.datetime | None = Field(
        description="Deliveries have failed without a success since then"
    )
    previous_secret_expires_at: dt.datetime | None = Field(
        description="During a rotation: until then events are signed with the old secret too"
    )
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


class EndpointCreated(BaseModel):
    endpoint: EndpointPublic
    secret: str = Field(
        description="The whsec_ signing secret: shown once; keep it in the receiver's secret store"
    )


class SecretRotation(Strict):
    overlap_hours: float = Field(
        default=24.0, ge=0, le=168, description="How long the old secret keeps signing too (0: stop at once)"
    )


# ---------------------------------------------------------------- deliveries
class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    id: int
    webhook_id: str = Field(
        validation_alias="message_id", description="The webhook-id header: the same on every retry"
    )
    event_type: str
    change_id: int
    resource_type: str
    resource_id: int
    status: DeliveryStatus
    attempts: int
    next_attempt_at: dt.datetime | None = Field(description="When pending: the next try")
    expires_at: dt.datetime = Field(description="Retried until then, then failed")
    last_attempt_at: dt.datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: dt.datetime
    delivered_at: dt.datetime | None


class AttemptPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempted_at: dt.datetime
    status_code: int | None
    latency_ms: int
    error: str | None
    response_excerpt: str | None = Field(
        description="The start of the receiver's answer (at most 1,000 characters)"
    )


class DeliveryDetail(DeliveryPublic):
    payload: dict[str, Any] = Field(description="The body sent (signed as sent)")
    attempt_log: list[AttemptPublic]
