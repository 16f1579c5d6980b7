"""Users: their accounts, their sessions and their passwords."""

from __future__ import annotations

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.changes import audited_change, reject_nulls
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.core.search import contains_text
from sammen.core.security import PasswordHashing, one_time_password
from sammen.core.tables import utcnow
from sammen.orgs.models import Membership, RefreshToken, User
from sammen.orgs.schemas import UserUpdate


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
