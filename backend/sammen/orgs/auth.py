"""Signing in: the password, refresh-token and client-credentials grants, and sign-out.

Security events are written after the request's own transaction has ended (see
core.audit), which is why these functions commit or roll back before logging.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.audit import SecurityEvent, SecurityEventKind, log_security_event
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.errors import TooManyRequests, Unauthorized
from sammen.core.permissions import Principal
from sammen.core.security import PasswordHashing, create_access_token, digest, new_opaque_token, same_digest
from sammen.core.tables import utcnow
from sammen.orgs import service
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
        settings, sub=principal.subject, name=principal.name, orgs=principal.claims_orgs()
    )


async def _recent_failures(session: AsyncSession, *, settings: Settings, subject: str) -> int:
    since = utcnow() - dt.timedelta(minutes=settings.login_window_minutes)
    last_success = await session.scalar(
        select(func.max(SecurityEvent.occurred_at)).where(
            SecurityEvent.subject == subject, SecurityEvent.kind == SecurityEventKind.login_succeeded
        )
    )
    if last_success is not None:
        since = max(
            since, last_success.replace(tzinfo=dt.UTC) if last_success.tzinfo is None else last_success
        )
    failures = await session.scalar(
        select(func.count())
        .select_from(SecurityEvent)
        .where(
            SecurityEvent.subject == subject,
            SecurityEvent.kind == SecurityEventKind.login_failed,
            SecurityEvent.occurred_at > since,
        )
    )
    return int(failures or 0)


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


async def _user_tokens(session: AsyncSession, ctx: AuthContext, user: User, family_id: str) -> TokenResponse:
    assert user.id is not None
    principal = await service.load_user_principal(session, user_id=user.id)
    if principal is None:
        raise Unauthorized(BAD_LOGIN)
    access, lifetime = access_token_for(ctx.settings, principal)
    refresh = await _issue_refresh_token(session, settings=ctx.settings, user_id=user.id, family_id=family_id)
    return TokenResponse(
        access_token=access,
        expires_in=lifetime,
        refresh_token=refresh,
        must_change_password=user.must_change_password,
    )


async def password_grant(
    session: AsyncSession, ctx: AuthContext, *, email: str, password: str
) -> TokenResponse:
    subject = email.strip().lower()
    failures = await _recent_failures(session, settings=ctx.settings, subject=subject)
    if failures >= ctx.settings.login_lockout_after:
        await session.rollback()
        await log_security_event(
            ctx.database,
            kind=SecurityEventKind.login_refused,
            subject=subject,
            detail=f"{failures} failed attempts",
        )
        raise TooManyRequests(
            "Too many failed sign-ins for this account; try again later.",
            retry_after=ctx.settings.login_window_minutes * 60,
        )
    if failures >= ctx.settings.login_slowdown_after:
        await asyncio.sleep(
            min(ctx.settings.login_slowdown_seconds * (failures - ctx.settings.login_slowdown_after + 1), 10)
        )

    user = await service.get_user_by_email(session, email=subject)
    valid = ctx.hasher.verify(user.password_hash if user else None, password)
    if user is None or not valid or not user.is_active:
        reason = "unknown account" if user is None else ("inactive account" if valid else "wrong password")
        user_id = user.id if user else None
        await session.rollback()  # expires `user`: read what we log first
        await log_security_event(
            ctx.database, kind=SecurityEventKind.login_failed, subject=subject, user_id=user_id, detail=reason
        )
        raise Unauthorized(BAD_LOGIN)

    user.last_login_at = utcnow()
    user_id = user.id
    tokens = await _user_tokens(session, ctx, user, family_id=uuid.uuid4().hex)
    await session.commit()
    await log_security_event(
        ctx.database, kind=SecurityEventKind.login_succeeded, subject=subject, user_id=user_id
    )
    return tokens


async def _revoke_family(session: AsyncSession, family_id: str) -> None:
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


async def refresh_grant(session: AsyncSession, ctx: AuthContext, *, refresh_token: str) -> TokenResponse:
    stored = (
        await session.scalars(select(RefreshToken).where(RefreshToken.token_hash == digest(refresh_token)))
    ).first()
    now = utcnow()
    if stored is None or not same_digest(stored.token_hash, digest(refresh_token)):
        raise Unauthorized("Unknown refresh token.")
    if stored.used_at is not None or stored.revoked_at is not None:
        # A used or revoked link presented again: someone holds a copy. End the whole family.
        family_id, user_id = stored.family_id, stored.user_id
        await _revoke_family(session, family_id)
        await session.commit()
        await log_security_event(
            ctx.database,
            kind=SecurityEventKind.refresh_reused,
            subject=f"user:{user_id}",
            user_id=user_id,
            detail=f"family {family_id}",
        )
        raise Unauthorized("This refresh token was already used; all sessions of its family are revoked.")
    if stored.expires_at <= now:
        raise Unauthorized("The refresh token has expired; sign in again.")
    user = await session.get(User, stored.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("The account is not active.")
    stored.used_at = now
    return await _user_tokens(session, ctx, user, family_id=stored.family_id)


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
        await _revoke_family(session, stored.family_id)
