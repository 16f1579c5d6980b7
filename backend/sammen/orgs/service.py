"""The orgs domain's public face: who is asking (principals), and every operation of the domain.

Each sub-resource keeps its queries and rules in its own module (organisations, users,
memberships, API clients); other domains import this module only. A user's creation stays
here: it creates the user and its first memberships, so it spans two sub-resources.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, bindparam, or_
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sammen.core import audit, clock
from sammen.core.errors import field_error
from sammen.core.live import live
from sammen.core.permissions import Principal, Role
from sammen.core.reads import Reader, as_reader
from sammen.core.security import PasswordHashing, one_time_password
from sammen.orgs.clients import create_api_client as create_api_client
from sammen.orgs.clients import delete_api_client as delete_api_client
from sammen.orgs.clients import get_api_client as get_api_client
from sammen.orgs.clients import list_api_clients as list_api_clients
from sammen.orgs.clients import rotate_api_client_secret as rotate_api_client_secret
from sammen.orgs.clients import update_api_client as update_api_client
from sammen.orgs.memberships import create_membership as create_membership
from sammen.orgs.memberships import delete_membership as delete_membership
from sammen.orgs.memberships import get_membership as get_membership
from sammen.orgs.memberships import list_memberships as list_memberships
from sammen.orgs.memberships import update_membership as update_membership
from sammen.orgs.memberships import validate_membership
from sammen.orgs.models import ApiClient, Membership, Organisation, User
from sammen.orgs.organisations import create_organisation as create_organisation
from sammen.orgs.organisations import delete_organisation as delete_organisation
from sammen.orgs.organisations import get_organisation as get_organisation
from sammen.orgs.organisations import get_organisation_by_slug as get_organisation_by_slug
from sammen.orgs.organisations import list_organisations as list_organisations
from sammen.orgs.organisations import organisation_filter as organisation_filter
from sammen.orgs.organisations import organisation_slugs as organisation_slugs
from sammen.orgs.organisations import resolve_organisation as resolve_organisation
from sammen.orgs.organisations import restore_organisation as restore_organisation
from sammen.orgs.organisations import update_organisation as update_organisation
from sammen.orgs.schemas import UserCreate
from sammen.orgs.users import bump_token_epoch as bump_token_epoch
from sammen.orgs.users import change_own_password as change_own_password
from sammen.orgs.users import end_sessions as end_sessions
from sammen.orgs.users import get_user as get_user
from sammen.orgs.users import get_user_by_email as get_user_by_email
from sammen.orgs.users import list_users as list_users
from sammen.orgs.users import reset_password as reset_password
from sammen.orgs.users import set_user_active as set_user_active
from sammen.orgs.users import update_user as update_user


# ---------------------------------------------------------------- principals
def _active_membership_clause(today: Any) -> ColumnElement[bool]:
    return and_(
        or_(col(Membership.valid_from).is_(None), col(Membership.valid_from) <= today),
        or_(col(Membership.valid_to).is_(None), col(Membership.valid_to) >= today),
    )


@functools.cache
def _user_principal_statement() -> Select[*tuple[Any, ...]]:
    """Built once: every request runs it, and building the construct costs more than running it."""
    today = bindparam("today", type_=Date())
    return (
        sa_select(
            col(User.id),
            col(User.name),
            col(User.email),
            col(User.is_active),
            col(User.must_change_password),
            col(User.token_epoch),
            col(Membership.organisation_id),
            col(Membership.role),
            col(Organisation.slug),
        )
        .select_from(User)
        .outerjoin(Membership, and_(col(Membership.user_id) == User.id, _active_membership_clause(today)))
        .outerjoin(
            Organisation,
            and_(col(Organisation.id) == Membership.organisation_id, live(Organisation)),
        )
        .where(col(User.id) == bindparam("user_id"))
    )


async def load_user_principal(source: AsyncSession | Reader, *, user_id: int) -> Principal | None:
    """The user as the database says now: None when unknown or deactivated."""
    stmt = _user_principal_statement()
    params = {"user_id": user_id, "today": clock.today()}
    rows = await as_reader(source).rows(stmt, params)
    if not rows or not rows[0][3]:
        return None
    roles: dict[int, frozenset[Role]] = {}
    slugs: dict[int, str] = {}
    for *_, organisation_id, role, slug in rows:
        if organisation_id is not None and slug is not None:
            roles[organisation_id] = frozenset({Role(role)})
            slugs[organisation_id] = slug
    user_id_, name, email, _, must_change_password, token_epoch, *_ = rows[0]
    return Principal(
        kind="user",
        id=user_id_,
        name=name,
        email=email,
        roles=roles,
        org_slugs=slugs,
        must_change_password=bool(must_change_password),
        token_epoch=token_epoch,
    )


async def load_client_principal(source: AsyncSession | Reader, *, client_pk: int) -> Principal | None:
    stmt = (
        sa_select(
            col(ApiClient.id),
            col(ApiClient.name),
            col(ApiClient.is_active),
            col(ApiClient.token_epoch),
            col(ApiClient.organisation_id),
            col(ApiClient.role),
            col(Organisation.slug),
        )
        .join(Organisation, col(Organisation.id) == ApiClient.organisation_id)
        .where(col(ApiClient.id) == client_pk, live(Organisation))
    )
    rows = await as_reader(source).rows(stmt)
    row = rows[0] if rows else None
    if row is None or not row.is_active:
        return None
    return Principal(
        kind="client",
        id=row.id,
        name=row.name,
        roles={row.organisation_id: frozenset({Role(row.role)})},
        org_slugs={row.organisation_id: row.slug},
        token_epoch=row.token_epoch,
    )


# ---------------------------------------------------------------- users with their memberships
async def create_user(
    session: AsyncSession, *, actor: Principal, data: UserCreate, hasher: PasswordHashing
) -> tuple[User, str]:
    if await get_user_by_email(session, email=data.email):
        raise field_error("body.email", "a user with this email exists")
    password = one_time_password()
    user = User(
        email=data.email,
        name=data.name,
        language=data.language,
        password_hash=await hasher.hash(password),
        must_change_password=True,
    )
    session.add(user)
    await session.flush()
    assert user.id is not None
    initial = []
    for index, membership in enumerate(data.memberships):
        org_id = await validate_membership(
            session,
            organisation=membership.organisation_id,
            role=membership.role,
            field=f"body.memberships.{index}",
        )
        session.add(Membership(user_id=user.id, organisation_id=org_id, role=membership.role))
        initial.append({"organisation_id": org_id, "role": membership.role.value})
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="user.create",
        object_type="user",
        object_id=user.id,
        after=(audit.snapshot(user) or {}) | {"memberships": initial},
    )
    return user, password
