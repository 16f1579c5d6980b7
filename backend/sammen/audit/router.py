"""Admins read the audit trail and the security log."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from sammen.audit import service
from sammen.audit.schemas import AuditEventPublic, SecurityEventPublic
from sammen.core.audit import SecurityEventKind
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id, Moment
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.orgs.deps import AuditReader

router = DomainRouter(tags=["audit"], responses=problem_responses(401, 403, 422))


@router.get("/audit-events", response_model=Page[AuditEventPublic])
async def list_audit_events(
    session: SessionDep,
    page: PageDep,
    principal: AuditReader,
    action: Annotated[str | None, Query(max_length=80, description="e.g. goal.update")] = None,
    object_type: Annotated[str | None, Query(max_length=60)] = None,
    object_id: Annotated[str | None, Query(max_length=80)] = None,
    actor_id: Id | None = None,
    organisation_id: Id | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
) -> Page[AuditEventPublic]:
    """Who changed what, when, with before and after; newest first."""
    items, total = await service.list_audit_events(
        session,
        page=page,
        action=action,
        object_type=object_type,
        object_id=object_id,
        actor_id=actor_id,
        organisation_id=organisation_id,
        since=since,
        until=until,
    )
    return Page.of([AuditEventPublic.model_validate(e) for e in items], total, page)


@router.get("/security-events", response_model=Page[SecurityEventPublic])
async def list_security_events(
    session: SessionDep,
    page: PageDep,
    principal: AuditReader,
    kind: SecurityEventKind | None = None,
    subject: Annotated[str | None, Query(max_length=320)] = None,
    since: Moment | None = None,
) -> Page[SecurityEventPublic]:
    """Sign-ins, failed sign-ins, refused attempts and refresh-token reuse; newest first."""
    items, total = await service.list_security_events(
        session, page=page, kind=kind, subject=subject, since=since
    )
    return Page.of([SecurityEventPublic.model_validate(e) for e in items], total, page)
