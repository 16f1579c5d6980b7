"""Reading the audit trail and the security log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.audit import AuditEvent, SecurityEvent, SecurityEventKind
from sammen.core.pagination import PageParams, fetch_objects


async def list_audit_events(
    session: AsyncSession,
    *,
    page: PageParams,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    actor_id: int | None = None,
    organisation_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> tuple[list[AuditEvent], int]:
    stmt = select(AuditEvent).order_by(col(AuditEvent.id).desc())
    if action is not None:
        stmt = stmt.where(AuditEvent.action == action)
    if object_type is not None:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    if object_id is not None:
        stmt = stmt.where(AuditEvent.object_id == object_id)
    if actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if organisation_id is not None:
        stmt = stmt.where(AuditEvent.organisation_id == organisation_id)
    if since is not None:
        stmt = stmt.where(AuditEvent.occurred_at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.occurred_at < until)
    return await fetch_objects(session, stmt, page)


async def list_security_events(
    session: AsyncSession,
    *,
    page: PageParams,
    kind: SecurityEventKind | None = None,
    subject: str | None = None,
    since: dt.datetime | None = None,
) -> tuple[list[SecurityEvent], int]:
    stmt = select(SecurityEvent).order_by(col(SecurityEvent.id).desc())
    if kind is not None:
        stmt = stmt.where(SecurityEvent.kind == kind)
    if subject is not None:
        stmt = stmt.where(SecurityEvent.subject == subject.strip().lower())
    if since is not None:
        stmt = stmt.where(SecurityEvent.occurred_at >= since)
    return await fetch_objects(session, stmt, page)
