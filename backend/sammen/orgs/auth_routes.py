"""HTTP handlers for sign-in: the OAuth2 token endpoint, logout, the caller, their own password. Thin by design."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Form, Request, Response, status

from sammen.core.audit import SecurityEventKind, log_security_event
from sammen.core.deps import DatabaseDep, HasherDep, SessionDep, SettingsDep
from sammen.core.errors import Forbidden, Unauthorized, field_error, problem_responses
from sammen.core.fields import Line
from sammen.core.permissions import ROLE_PERMISSIONS
from sammen.core.routing import DomainRouter
from sammen.orgs import auth, service
from sammen.orgs.deps import PendingPrincipal
from sammen.orgs.schemas import LogoutRequest, Me, MeMembership, PasswordChange, TokenResponse

REFRESH_COOKIE = "sammen_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"
SPA_HEADER = "X-Sammen-Client"  # the SPA's CSRF header: a cross-site form cannot set it

auth_router = DomainRouter(prefix="/auth", tags=["auth"])


def _from_spa(request: Request) -> bool:
    return request.headers.get(SPA_HEADER) == "spa"


def _set_refresh_cookie(response: Response, settings_secure: bool, token: str, max_age: int) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=max_age,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=settings_secure,
        samesite="strict",
    )


@auth_router.post(
    "/token",
    response_model=TokenResponse,
    response_model_exclude_none=True,
    responses=problem_responses(401, 403, 422, 429),
)
async def create_token(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    database: DatabaseDep,
    hasher: HasherDep,
    grant_type: Annotated[Literal["password", "refresh_token", "client_credentials"], Form()],
    username: Annotated[Line | None, Form(max_length=320)] = None,
    password: Annotated[Line | None, Form(max_length=200)] = None,
    refresh_token: Annotated[Line | None, Form(max_length=200)] = None,
    client_id: Annotated[Line | None, Form(max_length=80)] = None,
    client_secret: Annotated[Line | None, Form(max_length=200)] = None,
) -> TokenResponse:
    """OAuth2 token endpoint: `password` for people, `refresh_token` to rotate, `client_credentials` for systems.

    The SPA sends `X-Sammen-Client: spa`: its refresh token then travels only in an httpOnly
    cookie, and a refresh from the cookie requires that header (CSRF).
    """
    ctx = auth.AuthContext(settings=settings, database=database, hasher=hasher)
    if grant_type == "password":
        if not username:
            raise field_error("body.username", "required for the password grant")
        if not password:
            raise field_error("body.password", "required for the password grant")
        tokens = await auth.password_grant(session, ctx, email=username, password=password)
    elif grant_type == "refresh_token":
        presented = refresh_token
        if presented is None:
            presented = request.cookies.get(REFRESH_COOKIE)
            if presented and not _from_spa(request):
                raise Forbidden(f"Refreshing from the cookie requires the {SPA_HEADER} header.")
        if not presented and _from_spa(request):
            raise Unauthorized("No session: sign in.")  # the SPA's silent refresh on a fresh page load
        if not presented:
            raise field_error("body.refresh_token", "required for the refresh_token grant")
        tokens = await auth.refresh_grant(session, ctx, refresh_token=presented)
    else:
        if not client_id:
            raise field_error("body.client_id", "required for the client_credentials grant")
        if not client_secret:
            raise field_error("body.client_secret", "required for the client_credentials grant")
        tokens = await auth.client_credentials_grant(
            session, ctx, client_id=client_id, client_secret=client_secret
        )
    response.headers["Cache-Control"] = "no-store"
    if tokens.refresh_token and _from_spa(request):
        _set_refresh_cookie(
            response, settings.cookie_secure, tokens.refresh_token, settings.refresh_token_days * 86400
        )
        tokens.refresh_token = None
    return tokens


@auth_router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(401))
async def logout(
    request: Request,
    response: Response,
    session: SessionDep,
    database: DatabaseDep,
    principal: PendingPrincipal,
    body: LogoutRequest | None = None,
) -> Response:
    """Revoke the refresh token (from the body, or the SPA's cookie) and its whole family."""
    presented = (body.refresh_token if body else None) or request.cookies.get(REFRESH_COOKIE)
    await auth.logout(session, refresh_token=presented)
    await session.commit()
    await log_security_event(
        database,
        kind=SecurityEventKind.logout,
        subject=principal.subject,
        user_id=principal.id if principal.kind == "user" else None,
    )
    out = Response(status_code=status.HTTP_204_NO_CONTENT)
    out.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
    return out


@auth_router.get("/me", response_model=Me, responses=problem_responses(401))
async def read_me(principal: PendingPrincipal) -> Me:
    """The caller, their organisations and what the permission table grants them there."""
    memberships = [
        MeMembership(organisation_id=org_id, organisation_slug=principal.org_slugs[org_id], role=role)
        for org_id, roles in principal.roles.items()
        for role in sorted(roles)
    ]
    permissions = {
        principal.org_slugs[org_id]: sorted({p for r in roles for p in ROLE_PERMISSIONS[r]})
        for org_id, roles in principal.roles.items()
    }
    return Me(
        kind=principal.kind,
        id=principal.id,
        name=principal.name,
        email=principal.email,
        must_change_password=principal.must_change_password,
        memberships=memberships,
        permissions=permissions,
    )


@auth_router.post(
    "/password", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(401, 403, 422)
)
async def change_password(
    session: SessionDep,
    database: DatabaseDep,
    hasher: HasherDep,
    principal: PendingPrincipal,
    body: PasswordChange,
) -> Response:
    """Change your own password (required after an admin gave you a one-time password). Other sessions end."""
    if principal.kind != "user":
        raise Forbidden("API clients have no password; rotate the client secret instead.")
    await service.change_own_password(
        session, actor=principal, hasher=hasher, current=body.current_password, new=body.new_password
    )
    await session.commit()
    await log_security_event(
        database, kind=SecurityEventKind.password_changed, subject=principal.email or "", user_id=principal.id
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
