"""Who is calling, and may they? Load-and-authorise dependencies for every domain.

The token says who; the database says what they may do now. A deactivated user, a
revoked membership or a disabled API client stops working on the next request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from fastapi.security import OAuth2PasswordBearer

from sammen.core.concurrency import if_match
from sammen.core.db import SAFE_METHODS, database_of
from sammen.core.deps import ReaderDep, SettingsDep
from sammen.core.errors import AppError, Forbidden, Unauthorized
from sammen.core.permissions import Permission, Principal
from sammen.core.reads import Reader
from sammen.core.security import decode_access_token
from sammen.orgs import principals

bearer = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", auto_error=False, refreshUrl="/api/v1/auth/token"
)


class PasswordChangeRequired(AppError):
    status, slug, title = 403, "password-change-required", "Change your one-time password first"


async def _resolve(
    request: Request, reader: ReaderDep, settings: SettingsDep, token: str | None
) -> Principal | None:
    if token is None:
        if request.headers.get("authorization"):
            raise Unauthorized("Use 'Authorization: Bearer <token>'.")
        return None
    claims = decode_access_token(settings, token)
    kind, _, ident = claims.sub.partition(":")
    if not ident.isdigit() or kind not in {"user", "client"}:
        raise Unauthorized("invalid token subject")
    principal = await _active(request, reader, "user" if kind == "user" else "client", int(ident))
    if principal.token_epoch != claims.epoch:
        raise Unauthorized(
            "This token was revoked (password change, sign-out or deactivation); sign in again."
        )
    request.state.principal = principal
    return principal


async def _active(request: Request, reader: Reader, kind: Literal["user", "client"], ident: int) -> Principal:
    """The principal as the database says now; refused when unknown or not active."""
    principal = await principals.load_principal(
        reader,
        database_of(request),
        kind=kind,
        ident=ident,
        cacheable=request.method in SAFE_METHODS,  # a write is authorised by what the database says now
    )
    if principal is None:
        raise Unauthorized("The account is not active.")
    return principal


async def user_principal(request: Request, reader: Reader, *, user_id: int) -> Principal:
    """A user as `_resolve` reads them, for callers that know who without an access token (a
    calendar feed's token names its owner); refused when unknown or not active."""
    return await _active(request, reader, "user", user_id)


async def principal_even_if_password_change_pending(
    request: Request,
    reader: ReaderDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(bearer)],
) -> Principal:
    principal = await _resolve(request, reader, settings, token)
    if principal is None:
        raise Unauthorized()
    return principal


async def optional_principal(
    request: Request,
    reader: ReaderDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(bearer)],
) -> Principal | None:
    principal = await _resolve(request, reader, settings, token)
    if principal is not None and principal.must_change_password:
        raise PasswordChangeRequired("Change your one-time password at POST /api/v1/auth/password.")
    return principal


async def current_principal(principal: Annotated[Principal | None, Depends(optional_principal)]) -> Principal:
    if principal is None:
        raise Unauthorized()
    return principal


OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]
CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def if_match_after_sign_in(
    _principal: CurrentPrincipal, version: Annotated[int, Depends(if_match)]
) -> int:
    """The If-Match version, read only once the caller is known: anonymous is 401, not 428."""
    return version


IfMatchDep = Annotated[int, Depends(if_match_after_sign_in)]
PendingPrincipal = Annotated[Principal, Depends(principal_even_if_password_change_pending)]


def require(permission: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets through principals holding a global permission."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.can(permission):
            raise Forbidden(f"This needs the permission {permission.value}.")
        return principal

    dependency.__name__ = f"require_{permission.name}"
    return dependency


Partner = Annotated[Principal, Depends(require(Permission.read))]
OrgManager = Annotated[Principal, Depends(require(Permission.manage_orgs))]
AgreementManager = Annotated[Principal, Depends(require(Permission.manage_agreement))]
AuditReader = Annotated[Principal, Depends(require(Permission.read_audit))]


# The ?organisation_id= filter of the users, memberships and API clients lists.
OrganisationQuery = Annotated[
    str | None,
    Query(
        max_length=60,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="The organisation's numeric id or its slug (e.g. `kvp`)",
    ),
]
