"""Organisations, users, memberships and API clients: every query and rule."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, bindparam, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, clock
from sammen.core.changes import audited_change, audited_create, audited_delete, reject_nulls
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.fields import MAX_ID
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal, Role
from sammen.core.reads import Reader, as_reader
from sammen.core.search import contains_text
from sammen.core.security import PasswordHashing, digest, new_opaque_token, one_time_password
from sammen.core.tables import utcnow
from sammen.orgs.models import ApiClient, Membership, Organisation, OrganisationKind, RefreshToken, User
from sammen.orgs.schemas import (
    ApiClientCreate,
    ApiClientUpdate,
    MembershipCreate,
    MembershipUpdate,
    OrganisationCreate,
    OrganisationUpdate,
    UserCreate,
    UserUpdate,
)


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
            and_(col(Organisation.id) == Membership.organisation_id, col(Organisation.deleted_at).is_(None)),
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
        .where(col(ApiClient.id) == client_pk, col(Organisation.deleted_at).is_(None))
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


# ---------------------------------------------------------------- organisations
async def get_organisation(session: AsyncSession, *, organisation_id: int) -> Organisation:
    org = await session.get(Organisation, organisation_id)
    if org is None or org.deleted_at is not None:
        raise NotFound(f"No organisation {organisation_id}.")
    return org


async def get_organisation_by_slug(session: AsyncSession, *, slug: str) -> Organisation | None:
    return (await session.scalars(select(Organisation).where(Organisation.slug == slug))).first()


async def resolve_organisation(session: AsyncSession, *, ref: int | str, field: str) -> Organisation:
    """The live organisation named by its id or its slug (a string of digits is an id); else a 422 on `field`."""
    if isinstance(ref, int) or ref.isdigit():
        # an id past the column's range names nothing (and must not reach the database)
        org = await session.get(Organisation, int(ref)) if 1 <= int(ref) <= MAX_ID else None
    else:
        org = await get_organisation_by_slug(session, slug=ref)
    if org is None or org.deleted_at is not None:
        raise field_error(field, f"no organisation {ref}")
    return org


async def organisation_filter(session: AsyncSession, *, ref: str | None, field: str) -> int | None:
    """A list filter's organisation (id or slug) as its id; None when not filtered."""
    if ref is None:
        return None
    org = await resolve_organisation(session, ref=ref, field=field)
    assert org.id is not None
    return org.id


async def list_organisations(
    session: AsyncSession,
    *,
    page: PageParams,
    kind: OrganisationKind | None = None,
    is_party: bool | None = None,
) -> tuple[list[Organisation], int]:
    stmt = select(Organisation).where(col(Organisation.deleted_at).is_(None)).order_by(col(Organisation.name))
    if kind is not None:
        stmt = stmt.where(Organisation.kind == kind)
    if is_party is not None:
        stmt = stmt.where(Organisation.is_party == is_party)
    return await fetch_objects(session, stmt, page)


async def _check_parent(session: AsyncSession, parent_id: int | None, self_id: int | None = None) -> None:
    if parent_id is None:
        return
    if parent_id == self_id:
        raise field_error("body.parent_id", "an organisation cannot be its own parent")
    parent = await session.get(Organisation, parent_id)
    if parent is None or parent.deleted_at is not None:
        raise field_error("body.parent_id", f"no organisation {parent_id}")


async def create_organisation(
    session: AsyncSession, *, actor: Principal, data: OrganisationCreate
) -> Organisation:
    if await get_organisation_by_slug(session, slug=data.slug):
        raise field_error("body.slug", f"the slug {data.slug!r} is taken")
    await _check_parent(session, data.parent_id)
    org = Organisation(**data.model_dump())
    session.add(org)
    await session.flush()  # the new organisation is its own audit organisation: it needs its id first
    await audited_create(session, org, actor=actor, action="organisation.create", organisation_id=org.id)
    return org


async def update_organisation(
    session: AsyncSession,
    *,
    actor: Principal,
    org: Organisation,
    data: OrganisationUpdate,
    expected_version: int,
) -> Organisation:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "kind", "is_party"))
    if "parent_id" in changes:
        await _check_parent(session, changes["parent_id"], org.id)
    await audited_change(
        session,
        org,
        actor=actor,
        expected_version=expected_version,
        action="organisation.update",
        changes=changes,
        organisation_id=org.id,
    )
    return org


async def delete_organisation(
    session: AsyncSession, *, actor: Principal, org: Organisation, expected_version: int
) -> None:
    if org.kind == OrganisationKind.secretariat:
        raise Conflict("The secretariat holds the admin role and cannot be deleted.")
    await audited_change(
        session,
        org,
        actor=actor,
        expected_version=expected_version,
        action="organisation.delete",
        changes={"deleted_at": utcnow()},
        organisation_id=org.id,
    )


async def restore_organisation(
    session: AsyncSession, *, actor: Principal, organisation_id: int
) -> Organisation:
    org = await session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(f"No organisation {organisation_id}.")
    if org.deleted_at is None:
        raise Conflict("The organisation is not deleted.")
    await audited_change(
        session,
        org,
        actor=actor,
        expected_version=org.version,
        action="organisation.restore",
        changes={"deleted_at": None},
        organisation_id=org.id,
    )
    return org


# ---------------------------------------------------------------- users
async def get_user(session: AsyncSession, *, user_id: int) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(f"No user {user_id}.")
    return user


async def get_user_by_email(session: AsyncSession, *, email: str) -> User | None:
    return (await session.scalars(select(User).where(User.email == email.strip().lower()))).first()


async def list_users(
    session: AsyncSession,
    *,
    page: PageParams,
    q: str | None = None,
    organisation_id: int | None = None,
    is_active: bool | None = None,
) -> tuple[list[User], int]:
    stmt = select(User).order_by(col(User.name), col(User.id))
    if q:
        stmt = stmt.where(or_(contains_text(User.name, q), contains_text(User.email, q)))
    if organisation_id is not None:
        stmt = stmt.where(
            col(User.id).in_(select(Membership.user_id).where(Membership.organisation_id == organisation_id))
        )
    if is_active is not None:
        stmt = stmt.where(User.is_active == is_active)
    return await fetch_objects(session, stmt, page)


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
        org_id = await _validate_membership(
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


async def update_user(
    session: AsyncSession, *, actor: Principal, user: User, data: UserUpdate, expected_version: int
) -> User:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("email", "name", "language"))
    if (
        "email" in changes
        and changes["email"] != user.email
        and await get_user_by_email(session, email=changes["email"])
    ):
        raise field_error("body.email", "a user with this email exists")
    await audited_change(
        session, user, actor=actor, expected_version=expected_version, action="user.update", changes=changes
    )
    return user


async def end_sessions(session: AsyncSession, *, user_id: int) -> None:
    """Every refresh token of the user revoked and every access token ended (the epoch moves on)."""
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    await bump_token_epoch(session, user_id=user_id)


async def bump_token_epoch(session: AsyncSession, *, user_id: int) -> None:
    """End the user's access tokens at once: the principal check compares the epoch they carry."""
    await session.execute(
        update(User)
        .where(col(User.id) == user_id)
        .values(token_epoch=User.token_epoch + 1)
        .execution_options(synchronize_session=False)
    )


async def set_user_active(
    session: AsyncSession, *, actor: Principal, user: User, active: bool, expected_version: int
) -> User:
    if not active and actor.kind == "user" and actor.id == user.id:
        raise Conflict("You cannot deactivate yourself.")
    if not active:
        assert user.id is not None
        await end_sessions(session, user_id=user.id)
    await audited_change(
        session,
        user,
        actor=actor,
        expected_version=expected_version,
        action="user.activate" if active else "user.deactivate",
        changes={"is_active": active, "deactivated_at": None if active else utcnow()},
    )
    return user


async def reset_password(
    session: AsyncSession, *, actor: Principal, user: User, hasher: PasswordHashing, expected_version: int
) -> str:
    password = one_time_password()
    assert user.id is not None
    await end_sessions(session, user_id=user.id)
    await audited_change(
        session,
        user,
        actor=actor,
        expected_version=expected_version,
        action="user.reset_password",
        changes={"password_hash": await hasher.hash(password), "must_change_password": True},
    )
    return password


async def change_own_password(
    session: AsyncSession, *, actor: Principal, hasher: PasswordHashing, current: str, new: str
) -> User:
    user = await get_user(session, user_id=actor.id)
    if not await hasher.verify(user.password_hash, current):
        raise field_error("body.current_password", "the current password is wrong")
    if current == new:
        raise field_error("body.new_password", "choose a password different from the current one")
    if new.lower() in {user.email.lower(), user.name.lower()}:
        raise field_error("body.new_password", "the password must not be your name or email")
    assert user.id is not None
    await end_sessions(session, user_id=user.id)
    # The user changes their own row: no If-Match, their own current version is the expected one.
    await audited_change(
        session,
        user,
        actor=actor,
        expected_version=user.version,
        action="user.change_password",
        changes={"password_hash": await hasher.hash(new), "must_change_password": False},
    )
    return user


# ---------------------------------------------------------------- memberships
async def _validate_membership(
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
    org_id = await _validate_membership(
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
        await _validate_membership(
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


# ---------------------------------------------------------------- API clients
async def get_api_client(session: AsyncSession, *, client_pk: int) -> ApiClient:
    client = await session.get(ApiClient, client_pk)
    if client is None:
        raise NotFound(f"No API client {client_pk}.")
    return client


async def list_api_clients(
    session: AsyncSession, *, page: PageParams, organisation_id: int | None = None
) -> tuple[list[ApiClient], int]:
    stmt = select(ApiClient).order_by(col(ApiClient.id))
    if organisation_id is not None:
        stmt = stmt.where(ApiClient.organisation_id == organisation_id)
    return await fetch_objects(session, stmt, page)


async def create_api_client(
    session: AsyncSession, *, actor: Principal, data: ApiClientCreate
) -> tuple[ApiClient, str]:
    org = await resolve_organisation(session, ref=data.organisation_id, field="body.organisation_id")
    assert org.id is not None
    secret = new_opaque_token("scs")
    client = ApiClient(
        client_id=f"{org.slug}-{secrets.token_hex(4)}",
        name=data.name,
        organisation_id=org.id,
        role=data.role,
        secret_hash=digest(secret),
    )
    await audited_create(
        session, client, actor=actor, action="api_client.create", organisation_id=client.organisation_id
    )
    return client, secret


async def update_api_client(
    session: AsyncSession,
    *,
    actor: Principal,
    client: ApiClient,
    data: ApiClientUpdate,
    expected_version: int,
) -> ApiClient:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "role", "is_active"))
    if changes.get("is_active") is False:
        changes["token_epoch"] = client.token_epoch + 1  # its access tokens end with it
    await audited_change(
        session,
        client,
        actor=actor,
        expected_version=expected_version,
        action="api_client.update",
        changes=changes,
        organisation_id=client.organisation_id,
    )
    return client


async def rotate_api_client_secret(
    session: AsyncSession, *, actor: Principal, client: ApiClient, expected_version: int
) -> str:
    secret = new_opaque_token("scs")
    await audited_change(
        session,
        client,
        actor=actor,
        expected_version=expected_version,
        action="api_client.rotate_secret",
        changes={"secret_hash": digest(secret), "token_epoch": client.token_epoch + 1},
        organisation_id=client.organisation_id,
    )
    return secret


async def delete_api_client(
    session: AsyncSession, *, actor: Principal, client: ApiClient, expected_version: int
) -> None:
    await audited_delete(
        session,
        client,
        actor=actor,
        expected_version=expected_version,
        action="api_client.delete",
        organisation_id=client.organisation_id,
    )


async def organisation_slugs(session: AsyncSession, *, ids: Sequence[int]) -> dict[int, str]:
    rows = await session.execute(
        select(Organisation.id, Organisation.slug).where(col(Organisation.id).in_(ids))
    )
    return {row.id: row.slug for row in rows}
