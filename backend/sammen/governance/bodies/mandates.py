"""Mandates (kommissorier): versions drafted, submitted, and approved by the partnership's decision."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from sammen.core import audit
from sammen.core.changes import audited_change, audited_create, reject_nulls
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, NotFound
from sammen.core.live import get_live
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.core.tables import utcnow
from sammen.governance.bodies.models import (
    Body,
    BodyStatus,
    Mandate,
    MandateStatus,
)
from sammen.governance.bodies.registry import mandate_in_force
from sammen.governance.bodies.schemas import (
    MandateCreate,
    MandateUpdate,
)


def mandate_is_public(mandate: Mandate) -> bool:
    return mandate.status in {MandateStatus.approved, MandateStatus.superseded}


def _can_read_mandate(principal: Principal | None, mandate: Mandate) -> bool:
    return mandate_is_public(mandate) or (principal is not None and principal.is_partner)


async def get_mandate(session: AsyncSession, *, principal: Principal | None, mandate_id: int) -> Mandate:
    mandate = await session.get(Mandate, mandate_id)
    if mandate is None or not _can_read_mandate(principal, mandate):
        raise NotFound(f"No mandate {mandate_id}.")
    if await get_live(session, Body, mandate.body_id) is None:
        raise NotFound(f"No mandate {mandate_id}.")
    return mandate


async def list_mandates(
    session: AsyncSession, *, principal: Principal | None, body_id: int, page: PageParams
) -> tuple[list[Mandate], int]:
    stmt = select(Mandate).where(Mandate.body_id == body_id).order_by(col(Mandate.number).desc())
    if principal is None or not principal.is_partner:
        stmt = stmt.where(col(Mandate.status).in_([MandateStatus.approved, MandateStatus.superseded]))
    return await fetch_objects(session, stmt, page)


async def create_mandate(
    session: AsyncSession, *, actor: Principal, body: Body, data: MandateCreate
) -> Mandate:
    assert body.id is not None
    if body.status == BodyStatus.dissolved:
        raise Conflict("The body is dissolved; its mandate can no longer change.")
    open_version = (
        await session.scalars(
            select(Mandate).where(
                Mandate.body_id == body.id,
                col(Mandate.status).in_([MandateStatus.draft, MandateStatus.submitted]),
            )
        )
    ).first()
    if open_version is not None:
        raise Conflict(
            f"Version {open_version.number} of this body's mandate is still {open_version.status.value}; "
            "finish it before starting another."
        )
    number = int(
        await session.scalar(select(func.max(Mandate.number)).where(Mandate.body_id == body.id)) or 0
    )
    mandate = Mandate(body_id=body.id, number=number + 1, **data.model_dump())
    await audited_create(session, mandate, actor=actor, action="mandate.create")
    return mandate


async def update_mandate(
    session: AsyncSession, *, actor: Principal, mandate: Mandate, data: MandateUpdate, expected_version: int
) -> Mandate:
    if mandate.status != MandateStatus.draft:
        raise Conflict(
            f"Only a draft mandate can be edited; version {mandate.number} is {mandate.status.value}. "
            "Start a new version instead."
        )
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("purpose",))
    await audited_change(
        session,
        mandate,
        actor=actor,
        expected_version=expected_version,
        action="mandate.update",
        changes=changes,
    )
    return mandate


async def submit_mandate(
    session: AsyncSession, *, actor: Principal, mandate: Mandate, expected_version: int
) -> Mandate:
    if mandate.status != MandateStatus.draft:
        raise Conflict(f"Only a draft mandate can be submitted; this one is {mandate.status.value}.")
    await audited_change(
        session, mandate, actor=actor, expected_version=expected_version, action="mandate.submit",
        changes={"status": MandateStatus.submitted, "submitted_at": utcnow()},
    )  # fmt: skip
    return mandate


async def record_approval(
    session: AsyncSession, *, actor: Principal, mandate: Mandate, decision_id: int, expected_version: int
) -> Mandate:
    """Put a submitted mandate in force and supersede the previous one (the approving decision
    already checked by the caller)."""
    assert mandate.id is not None
    if mandate.status != MandateStatus.submitted:
        raise Conflict(f"Only a submitted mandate can be approved; this one is {mandate.status.value}.")
    before = audit.snapshot(mandate)
    await claim_version(session, mandate, expected_version)
    previous = await mandate_in_force(session, body_id=mandate.body_id)
    if previous is not None:
        previous.status = MandateStatus.superseded
        previous.superseded_by_id = mandate.id
        previous.version += 1
        previous.updated_at = utcnow()
    mandate.status = MandateStatus.approved
    mandate.approved_at = utcnow()
    mandate.approved_decision_id = decision_id
    await session.flush()
    audit.record(
        session, actor=actor, action="mandate.approve", object_type="mandate", object_id=mandate.id,
        before=before, after=audit.snapshot(mandate),
        summary={"decision_id": decision_id, "superseded": previous.id if previous else None},
    )  # fmt: skip
    return mandate
