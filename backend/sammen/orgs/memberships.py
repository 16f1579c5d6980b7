"""Memberships: a user's role in an organisation, and for how long."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.changes import audited_change, audited_delete, reject_nulls
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal, Role
from sammen.orgs.models import Membership, OrganisationKind
from sammen.orgs.organisations import resolve_organisation
from sammen.orgs.schemas import MembershipCreate, MembershipUpdate
from sammen.orgs.users import get_user


async def validate_membership(
    session: AsyncSession, *, organisation: int | str, role: Role, field: str
) -> int:
    """The organisation's id, once the organisation exists and may hold the role."""
    org = await resolve_organisation(session, ref=organisation, field=f"{field}.organisation_id")
    if role == Role.admin and org.kind != OrganisationKind.secretariat:
        raise field_error(f"{field}.role", "admin is held in the secretariat organisation only")
    assert org.id is not None
    return org.id


async def get_membership(session: AsyncSession, *, membership_id: int) -> Membership:
    membership = await session.get(Membership, membership_id)
    if membership is None:
        raise NotFound(f"No membership {membership_id}.")
    return membership


async def list_memberships(
    session: AsyncSession, *, page: PageParams, user_id: int | None = None, organisation_id: int | None = None
) -> tuple[list[Membership], int]:
    stmt = select(Membership).order_by(col(Membership.id))
    if user_id is not None:
        stmt = stmt.where(Membership.user_id == user_id)
    if organisation_id is not None:
        stmt = stmt.where(Membership.organisation_id == organisation_id)
    return await fetch_objects(session, stmt, page)


async def create_membership(session: AsyncSession, *, actor: Principal, data: MembershipCreate) -> Membership:
    await get_user(session, user_id=data.user_id)
    org_id = await validate_membership(
        session, organisation=data.organisation_id, role=data.role, field="body"
    )
    membership = Membership(**{**data.model_dump(), "organisation_id": org_id})
    session.add(membership)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise field_error(
            "body.organisation_id", "the user is already a member of this organisation"
        ) from exc
    audit.record(
        session,
        actor=actor,
        action="membership.create",
        object_type="membership",
        object_id=membership.id,
        organisation_id=membership.organisation_id,
        after=audit.snapshot(membership),
    )
    return membership


async def update_membership(
    session: AsyncSession,
    *,
    actor: Principal,
    membership: Membership,
    data: MembershipUpdate,
    expected_version: int,
) -> Membership:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("role",))
    if "role" in changes:
        await validate_membership(
            session, organisation=membership.organisation_id, role=changes["role"], field="body"
        )
    valid_from = changes.get("valid_from", membership.valid_from)
    valid_to = changes.get("valid_to", membership.valid_to)
    if valid_from and valid_to and valid_to < valid_from:
        raise field_error("body.valid_to", "must not be before valid_from")
    await audited_change(
        session,
        membership,
        actor=actor,
        expected_version=expected_version,
        action="membership.update",
        changes=changes,
        organisation_id=membership.organisation_id,
    )
    return membership


async def delete_membership(
    session: AsyncSession, *, actor: Principal, membership: Membership, expected_version: int
) -> None:
    if actor.kind == "user" and membership.user_id == actor.id and membership.role == Role.admin:
        raise Conflict("You cannot remove your own admin membership.")
    await audited_delete(
        session,
        membership,
        actor=actor,
        expected_version=expected_version,
        action="membership.delete",
        organisation_id=membership.organisation_id,
    )
