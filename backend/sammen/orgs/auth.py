"""Signing in: the password, refresh-token and client-credentials grants, and sign-out.

Security events are written after the request's own transaction has ended (see
core.audit), which is why these functions commit or roll back before logging.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.audit import SecurityEventKind, client_ip_var, log_security_event
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.errors import TooManyRequests, Unauthorized
from sammen.core.permissions import Principal
from sammen.core.security import PasswordHashing, create_access_token, digest, new_opaque_token, same_digest
from sammen.core.tables import utcnow
from sammen.orgs import service, throttle
from sammen.orgs.models import ApiClient, RefreshToken, User
from sammen.orgs.schemas import TokenResponse

BAD_LOGIN = "Wrong email or password."


@dataclass(frozen=True)
class AuthContext:
    settings: Settings
    database: Database
    hasher: PasswordHashing


def access_token_for(settings: Settings, principal: Principal) -> tuple[str, int]:
    return create_access_token(
        settings,
        sub=principal.subject,
        name=principal.name,
        orgs=principal.claims_orgs(),
        epoch=principal.token_epoch,
    )


async def _issue_refresh_token(
    session: AsyncSession, *, settings: Settings, user_id: int, family_id: str
) -> str:
    secret = new_opaque_token("srt")
    now = utcnow()
    session.add(
        RefreshToken(
            token_hash=digest(secret),
            family_id=family_id,
            user_id=user_id,
            issued_at=now,
            expires_at=now + dt.timedelta(days=settings.refresh_token_days),
        )
    )
    return secret


async def _user_tokens(
    session: AsyncSession, ctx: AuthContext, *, user_id: int, must_change_password: bool, family_id: str
) -> TokenResponse:
    principal = await service.load_user_principal(session, user_id=user_id)
    if principal is None:
        raise Unauthorized(BAD_LOGIN)
    access, lifetime = access_token_for(ctx.settings, principal)
    refresh = await _issue_refresh_token(session, settings=ctx.settings, user_id=user_id, family_id=family_id)
    return TokenResponse(
        access_token=access,
        expires_in=lifetime,
        refresh_token=refresh,
        must_change_password=must_change_password,
    )


async def password_grant(
    session: AsyncSession, ctx: AuthContext, *, email: str, password: str
) -> TokenResponse:
    """Reserve the attempt (refused past a limit), wait out the slowdown, check the password in a
    worker thread, and only then open the write that issues the tokens: no transaction is held
    while the request waits or hashes."""
    subject = email.strip().lower()
    settings = ctx.settings
    wanted = throttle.counters(settings, subject=subject, address=client_ip_var.get() or "unknown")
    reservation = await throttle.reserve(ctx.database, settings, wanted)
    if reservation.refused_by is not None:
        await log_security_event(
            ctx.database,
            kind=SecurityEventKind.login_refused,
            subject=subject,
            detail=f"too many attempts for {reservation.refused_by.what}",
        )
        raise TooManyRequests(
            f"Too many failed sign-ins for {reservation.refused_by.what}; try again later.",
            retry_after=settings.login_window_minutes * 60,
        )
    if reservation.attempts > settings.login_slowdown_after:
        extra = reservation.attempts - settings.login_slowdown_after
        await asyncio.sleep(min(settings.login_slowdown_seconds * extra, 10))

    async with ctx.database.session(write=False) as reader:
        user = await service.get_user_by_email(reader, email=subject)
    valid = await ctx.hasher.verify(user.password_hash if user else None, password)
    if user is None or not valid or not user.is_active:
        reason = "unknown account" if user is None else ("inactive account" if valid else "wrong password")
        await log_security_event(
            ctx.database,
            kind=SecurityEventKind.login_failed,
            subject=subject,
            user_id=user.id if user else None,
            detail=reason,
        )
        raise Unauthorized(BAD_LOGIN)

    assert user.id is not None
    await session.execute(update(User).where(col(User.id) == user.id).values(last_login_at=utcnow()))
    tokens = await _user_tokens(
        session,
        ctx,
        user_id=user.id,
        must_change_password=user.must_change_password,
        family_id=uuid.uuid4().hex,
    )
    await session.commit()
    await throttle.clear_after_success(ctx.database, wanted)
    await log_security_event(
        ctx.database, kind=SecurityEventKind.login_succeeded, subject=subject, user_id=user.id
    )
    return tokens


async def _revoke_family(session: AsyncSession, family_id: str, user_id: int) -> None:
    """End a session family: its refresh tokens, and (through the epoch) the user's access tokens."""
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    await service.bump_token_epoch(session, user_id=user_id)


async def refresh_grant(session: AsyncSession, ctx: AuthContext, *, refresh_token: str) -> TokenResponse:
    """Rotate: the presented link is marked used by one conditional UPDATE, so of parallel refreshes
    with the same token exactly one wins (on PostgreSQL the others wait for its row lock, then find
    it used); a used or revoked link presented again ends its whole family."""
    token_hash = digest(refresh_token)
    now = utcnow()
    claimed = (
        await session.execute(
            update(RefreshToken)
            .where(
                col(RefreshToken.token_hash) == token_hash,
                col(RefreshToken.used_at).is_(None),
                col(RefreshToken.revoked_at).is_(None),
                col(RefreshToken.expires_at) > now,
            )
            .values(used_at=now)
            .returning(col(RefreshToken.user_id), col(RefreshToken.family_id))
            .execution_options(synchronize_session=False)
        )
    ).first()
    if claimed is None:
        stored = (
            await session.scalars(select(RefreshToken).where(RefreshToken.token_hash == token_hash))
        ).first()
        if stored is None or not same_digest(stored.token_hash, token_hash):
            raise Unauthorized("Unknown refresh token.")
        if stored.used_at is None and stored.revoked_at is None:
            raise Unauthorized("The refresh token has expired; sign in again.")
        # A used or revoked link presented again: someone holds a copy. End the whole family.
        family_id, user_id = stored.family_id, stored.user_id
        await _revoke_family(session, family_id, user_id)
        await session.commit()
        await log_security_event(
            ctx.database,
            kind=SecurityEventKind.refresh_reused,
            subject=f"user:{user_id}",
            user_id=user_id,
            detail=f"family {family_id}",
        )
        raise Unauthorized("This refresh token was already used; all sessions of its family are revoked.")
    user_id, family_id = claimed
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        raise Unauthorized("The account is not active.")
    return await _user_tokens(
        session, ctx, user_id=user_id, must_change_password=user.must_change_password, family_id=family_id
    )


async def client_credentials_grant(
    session: AsyncSession, ctx: AuthContext, *, client_id: str, client_secret: str
) -> TokenResponse:
    client = (await session.scalars(select(ApiClient).where(ApiClient.client_id == client_id))).first()
    valid = client is not None and same_digest(client.secret_hash, digest(client_secret))
    if client is None or not valid or not client.is_active:
        await session.rollback()
        await log_security_event(
            ctx.database, kind=SecurityEventKind.client_auth_failed, subject=client_id[:320]
        )
        raise Unauthorized("Unknown client or wrong secret.")
    assert client.id is not None
    principal = await service.load_client_principal(session, client_pk=client.id)
    if principal is None:
        raise Unauthorized("Unknown client or wrong secret.")
    client.last_used_at = utcnow()
    access, lifetime = access_token_for(ctx.settings, principal)
    await session.commit()
    await log_security_event(ctx.database, kind=SecurityEventKind.client_auth_succeeded, subject=client_id)
    return TokenResponse(access_token=access, expires_in=lifetime)


async def logout(session: AsyncSession, *, refresh_token: str | None) -> None:
    """Revoke the presented refresh token's family; unknown tokens are ignored (logout is idempotent)."""
    if not refresh_token:
        return
    stored = (
        await session.scalars(select(RefreshToken).where(RefreshToken.token_hash == digest(refresh_token)))
    ).first()
    if stored is not None:
        await _revoke_family(session, stored.family_id, stored.user_id)
