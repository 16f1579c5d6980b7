"""The audit trail and the security log.

Audit events are written in the same transaction as the change they describe, so a
rolled-back request leaves none. Security events (sign-ins, failures, token reuse) are
written in their own transaction, so a rollback cannot erase them: callers finish the
request's transaction first (SQLite allows one writer at a time).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, Index
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from sammen.core.db import Database
from sammen.core.permissions import Principal
from sammen.core.tables import StrEnumType, UTCDateTime, utcnow

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
client_ip_var: ContextVar[str | None] = ContextVar("client_ip", default=None)

# Never copied into the audit trail.
SECRET_FIELDS = frozenset(
    {
        "password_hash",
        "secret_hash",
        "token_hash",
        "feed_token_hash",
        "signing_secret",
        "previous_signing_secret",
    }
)


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    actor_type: str = Field(max_length=20)  # user, client, system
    actor_id: int | None = Field(default=None, index=True)
    actor_name: str = Field(max_length=200)
    organisation_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=80, index=True)  # e.g. goal.update
    object_type: str = Field(max_length=60)
    object_id: str | None = Field(default=None, max_length=80)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    summary: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    request_id: str | None = Field(default=None, max_length=64)


class SecurityEventKind(enum.StrEnum):
    login_succeeded = "login_succeeded"
    login_failed = "login_failed"
    login_refused = "login_refused"  # throttled or locked
    client_auth_failed = "client_auth_failed"
    client_auth_succeeded = "client_auth_succeeded"
    refresh_reused = "refresh_reused"
    password_changed = "password_changed"
    logout = "logout"


class SecurityEvent(SQLModel, table=True):
    __tablename__ = "security_events"
    __table_args__ = (Index("ix_security_events_subject_time", "subject", "occurred_at"),)

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    kind: SecurityEventKind = Field(sa_type=StrEnumType(SecurityEventKind), index=True)
    subject: str = Field(max_length=320)  # the email or client id that was tried
    user_id: int | None = Field(default=None)
    ip: str | None = Field(default=None, max_length=64)
    detail: str | None = Field(default=None, max_length=500)


def snapshot(obj: BaseModel | None, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """A JSON-safe copy of an object's fields for before/after, without secrets."""
    if obj is None:
        return None
    return obj.model_dump(mode="json", exclude=set(SECRET_FIELDS | exclude))


# Told of every audit event as it is recorded, in the same transaction: the events domain turns
# the ones in its catalogue into change-feed entries and webhook deliveries (its outbox). A batch
# that names no single object passes the ids it changed, by outcome ({"approved": [3, 4]}).
RecordListener = Callable[[AsyncSession, "AuditEvent", Mapping[str, Sequence[int]]], None]
_record_listeners: list[RecordListener] = []

# A session that installs the starting state (`sammen seed`) sets this in its info: its writes are
# audited as usual, but they are not changes to tell subscribers about (listeners skip them).
INSTALLING = "sammen.installing"


def installing(session: AsyncSession) -> None:
    """Mark `session` as installing the starting state (see INSTALLING)."""
    session.sync_session.info[INSTALLING] = True


def add_record_listener(listener: RecordListener) -> None:
    if listener not in _record_listeners:
        _record_listeners.append(listener)


def record(
    session: AsyncSession,
    *,
    actor: Principal | None,
    action: str,
    object_type: str,
    object_id: int | str | None,
    organisation_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: dict[str, Any] | None = None,
    changed: Mapping[str, Sequence[int]] | None = None,
) -> AuditEvent:
    """Add an audit event to the caller's transaction (`changed`: the ids a batch changed, by outcome)."""
    event = AuditEvent(
        actor_type=actor.kind if actor else "system",
        actor_id=actor.id if actor else None,
        actor_name=actor.name if actor else "system",
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        before=before,
        after=after,
        summary=summary,
        request_id=request_id_var.get(),
    )
    session.add(event)
    if not session.sync_session.info.get(INSTALLING):
        for listener in _record_listeners:
            listener(session, event, changed or {})
    return event


async def log_security_event(
    database: Database,
    *,
    kind: SecurityEventKind,
    subject: str,
    user_id: int | None = None,
    detail: str | None = None,
) -> None:
    """Write a security event in its own committed transaction."""
    async with database.session(write=True) as session:
        session.add(
            SecurityEvent(
                kind=kind, subject=subject[:320], user_id=user_id, ip=client_ip_var.get(), detail=detail
            )
        )
