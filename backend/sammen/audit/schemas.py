"""Shapes of audit events and security events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from sammen.core.audit import SecurityEventKind


class AuditEventPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: dt.datetime
    actor_type: str
    actor_id: int | None
    actor_name: str
    organisation_id: int | None
    action: str
    object_type: str
    object_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    summary: dict[str, Any] | None
    request_id: str | None


class SecurityEventPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: dt.datetime
    kind: SecurityEventKind
    subject: str
    user_id: int | None
    ip: str | None
    detail: str | None
