"""HTTP handlers for sign-in, organisations, users, memberships and API clients. Thin by design."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Form, Query, Request, Response, status

from sammen.core.audit import SecurityEventKind, log_security_event
from sammen.core.concurrency import set_etag
from sammen.core.deps import DatabaseDep, HasherDep, SessionDep, SettingsDep
from sammen.core.errors import Forbidden, Unauthorized, field_error, problem_responses
from sammen.core.fields import Id, Line
from sammen.core.pagination import Page, PageDep
from sammen.core.permissions import ROLE_PERMISSIONS, Permission
from sammen.core.routing import DomainRouter
from sammen.orgs import auth, service
from sammen.orgs.deps import IfMatchDep, OptionalPrincipal, OrgManager, PendingPrincipal
from sammen.orgs.models import OrganisationKind
from sammen.orgs.schemas import (
    ApiClientCreate,
    ApiClientCreated,
    ApiClientPublic,
    ApiClientUpdate,
    LogoutRequest,
    Me,
    MembershipCreate,
    MembershipPublic,
    MembershipUpdate,
    MeMembership,
    OrganisationCreate,
    OrganisationPublic,
    OrganisationUpdate,
    PasswordChange,
    PasswordReset,
    TokenResponse,
    UserCreate,
    UserCreated,
    UserPublic,
    UserUpdate,
)

REFRESH_COOKIE = "sammen_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"
SPA_HEADER = "X-Sammen-Client"  # the SPA's CSRF header: a cross-site form cannot set it
OrganisationQuery = Annotated[
    str | None,
    Query(
        max_length=60,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="The organisation's numeric id or its slug (e.g. `kvp`)",
    ),
]

auth_router = DomainRouter(prefix="/auth", tags=["auth"])
organisations_router = DomainRouter(prefix="/organisations", tags=["organisations"])
users_router = DomainRouter(prefix="/users", tags=["users"], responses=problem_responses(401, 403, 404, 422))
memberships_router = DomainRouter(
    prefix="/memberships", tags=["memberships"], responses=problem_responses(401, 403, 404, 422)
)
api_clients_router = DomainRouter(
    prefix="/api-clients", tags=["api-clients"], responses=problem_responses(401, 403, 404, 422)
)


# ---------------------------------------------------------------- auth
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
        principal.org_slugs[org_id]: sorted({p.value for r in roles for p in ROLE_PERMISSIONS[r]})
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


# ---------------------------------------------------------------- organisations
@organisations_router.get("", response_model=Page[OrganisationPublic], responses=problem_responses(422))
async def list_organisations(
    session: SessionDep,
    page: PageDep,
    principal: OptionalPrincipal,
    kind: OrganisationKind | None = None,
    is_party: bool | None = None,
) -> Page[OrganisationPublic]:
    """The parties and other organisations of the agreement (public information)."""
    items, total = await service.list_organisations(session, page=page, kind=kind, is_party=is_party)
    return Page.of([OrganisationPublic.model_validate(o) for o in items], total, page)


@organisations_router.get(
    "/{organisation_id}", response_model=OrganisationPublic, responses=problem_responses(404)
)
async def read_organisation(
    organisation_id: Id, response: Response, session: SessionDep, principal: OptionalPrincipal
) -> OrganisationPublic:
    org = await service.get_organisation(session, organisation_id=organisation_id)
    set_etag(response, org.version)
    return OrganisationPublic.model_validate(org)


@organisations_router.post(
    "",
    response_model=OrganisationPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 422),
)
async def create_organisation(
    body: OrganisationCreate, response: Response, session: SessionDep, principal: OrgManager
) -> OrganisationPublic:
    org = await service.create_organisation(session, actor=principal, data=body)
    set_etag(response, org.version)
    return OrganisationPublic.model_validate(org)


@organisations_router.patch(
    "/{organisation_id}",
    response_model=OrganisationPublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
async def update_organisation(
    organisation_id: Id,
    body: OrganisationUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: OrgManager,
) -> OrganisationPublic:
    org = await service.get_organisation(session, organisation_id=organisation_id)
    org = await service.update_organisation(
        session, actor=principal, org=org, data=body, expected_version=version
    )
    set_etag(response, org.version)
    return OrganisationPublic.model_validate(org)


@organisations_router.delete(
    "/{organisation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
async def delete_organisation(
    organisation_id: Id, version: IfMatchDep, session: SessionDep, principal: OrgManager
) -> Response:
    """Soft delete: gone from lists, restorable by admins."""
    org = await service.get_organisation(session, organisation_id=organisation_id)
    await service.delete_organisation(session, actor=principal, org=org, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@organisations_router.post(
    "/{organisation_id}/restore",
    response_model=OrganisationPublic,
    responses=problem_responses(401, 403, 404, 409),
)
async def restore_organisation(
    organisation_id: Id, session: SessionDep, principal: OrgManager
) -> OrganisationPublic:
    org = await service.restore_organisation(session, actor=principal, organisation_id=organisation_id)
    return OrganisationPublic.model_validate(org)


# ---------------------------------------------------------------- users
@users_router.get("", response_model=Page[UserPublic])
async def list_users(
    session: SessionDep,
    page: PageDep,
    principal: OrgManager,
    q: Annotated[str | None, Query(max_length=200, description="Text in name or email")] = None,
    organisation_id: OrganisationQuery = None,
    is_active: bool | None = None,
) -> Page[UserPublic]:
    org_id = await service.organisation_filter(session, ref=organisation_id, field="query.organisation_id")
    items, total = await service.list_users(
        session, page=page, q=q, organisation_id=org_id, is_active=is_active
    )
    return Page.of([UserPublic.model_validate(u) for u in items], total, page)


@users_router.post("", response_model=UserCreated, status_code=status.HTTP_201_CREATED)
async def create_user(
    body: UserCreate, session: SessionDep, hasher: HasherDep, principal: OrgManager
) -> UserCreated:
    """Create a user with a one-time password that must be changed at first sign-in."""
    user, password = await service.create_user(session, actor=principal, data=body, hasher=hasher)
    return UserCreated(user=UserPublic.model_validate(user), one_time_password=password)


@users_router.get("/{user_id}", response_model=UserPublic)
async def read_user(
    user_id: Id, response: Response, session: SessionDep, principal: OrgManager
) -> UserPublic:
    user = await service.get_user(session, user_id=user_id)
    set_etag(response, user.version)
    return UserPublic.model_validate(user)


@users_router.patch("/{user_id}", response_model=UserPublic, responses=problem_responses(412, 428))
async def update_user(
    user_id: Id,
    body: UserUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: OrgManager,
) -> UserPublic:
    user = await service.get_user(session, user_id=user_id)
    user = await service.update_user(session, actor=principal, user=user, data=body, expected_version=version)
    set_etag(response, user.version)
    return UserPublic.model_validate(user)


@users_router.post(
    "/{user_id}/deactivate", response_model=UserPublic, responses=problem_responses(409, 412, 428)
)
async def deactivate_user(
    user_id: Id, version: IfMatchDep, response: Response, session: SessionDep, principal: OrgManager
) -> UserPublic:
    """Deactivate: the user's access and refresh tokens stop working at once."""
    user = await service.get_user(session, user_id=user_id)
    user = await service.set_user_active(
        session, actor=principal, user=user, active=False, expected_version=version
    )
    set_etag(response, user.version)
    return UserPublic.model_validate(user)


@users_router.post("/{user_id}/activate", response_model=UserPublic, responses=problem_responses(412, 428))
async def activate_user(
    user_id: Id, version: IfMatchDep, response: Response, session: SessionDep, principal: OrgManager
) -> UserPublic:
    user = await service.get_user(session, user_id=user_id)
    user = await service.set_user_active(
        session, actor=principal, user=user, active=True, expected_version=version
    )
    set_etag(response, user.version)
    return UserPublic.model_validate(user)


@users_router.post(
    "/{user_id}/reset-password", response_model=PasswordReset, responses=problem_responses(412, 428)
)
async def reset_user_password(
    user_id: Id, version: IfMatchDep, session: SessionDep, hasher: HasherDep, principal: OrgManager
) -> PasswordReset:
    """Issue a new one-time password; the user's sessions end."""
    user = await service.get_user(session, user_id=user_id)
    password = await service.reset_password(
        session, actor=principal, user=user, hasher=hasher, expected_version=version
    )
    return PasswordReset(one_time_password=password)


# ---------------------------------------------------------------- memberships
@memberships_router.get("", response_model=Page[MembershipPublic])
async def list_memberships(
    session: SessionDep,
    page: PageDep,
    principal: OrgManager,
    user_id: Id | None = None,
    organisation_id: OrganisationQuery = None,
) -> Page[MembershipPublic]:
    org_id = await service.organisation_filter(session, ref=organisation_id, field="query.organisation_id")
    items, total = await service.list_memberships(session, page=page, user_id=user_id, organisation_id=org_id)
    return Page.of([MembershipPublic.model_validate(m) for m in items], total, page)


@memberships_router.post("", response_model=MembershipPublic, status_code=status.HTTP_201_CREATED)
async def create_membership(
    body: MembershipCreate, response: Response, session: SessionDep, principal: OrgManager
) -> MembershipPublic:
    membership = await service.create_membership(session, actor=principal, data=body)
    set_etag(response, membership.version)
    return MembershipPublic.model_validate(membership)


@memberships_router.get("/{membership_id}", response_model=MembershipPublic)
async def read_membership(
    membership_id: Id, response: Response, session: SessionDep, principal: OrgManager
) -> MembershipPublic:
    membership = await service.get_membership(session, membership_id=membership_id)
    set_etag(response, membership.version)
    return MembershipPublic.model_validate(membership)


@memberships_router.patch(
    "/{membership_id}", response_model=MembershipPublic, responses=problem_responses(412, 428)
)
async def update_membership(
    membership_id: Id,
    body: MembershipUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: OrgManager,
) -> MembershipPublic:
    membership = await service.get_membership(session, membership_id=membership_id)
    membership = await service.update_membership(
        session, actor=principal, membership=membership, data=body, expected_version=version
    )
    set_etag(response, membership.version)
    return MembershipPublic.model_validate(membership)


@memberships_router.delete(
    "/{membership_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(409, 412, 428)
)
async def delete_membership(
    membership_id: Id, version: IfMatchDep, session: SessionDep, principal: OrgManager
) -> Response:
    """End a membership: the role stops working on the user's next request."""
    membership = await service.get_membership(session, membership_id=membership_id)
    await service.delete_membership(session, actor=principal, membership=membership, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- API clients
@api_clients_router.get("", response_model=Page[ApiClientPublic])
async def list_api_clients(
    session: SessionDep, page: PageDep, principal: OrgManager, organisation_id: OrganisationQuery = None
) -> Page[ApiClientPublic]:
    org_id = await service.organisation_filter(session, ref=organisation_id, field="query.organisation_id")
    items, total = await service.list_api_clients(session, page=page, organisation_id=org_id)
    return Page.of([ApiClientPublic.model_validate(c) for c in items], total, page)


@api_clients_router.post("", response_model=ApiClientCreated, status_code=status.HTTP_201_CREATED)
async def create_api_client(
    body: ApiClientCreate, session: SessionDep, principal: OrgManager
) -> ApiClientCreated:
    """Register a partner system or script; its secret is shown once."""
    client, secret = await service.create_api_client(session, actor=principal, data=body)
    return ApiClientCreated(client=ApiClientPublic.model_validate(client), client_secret=secret)


@api_clients_router.get("/{client_pk}", response_model=ApiClientPublic)
async def read_api_client(
    client_pk: Id, response: Response, session: SessionDep, principal: OrgManager
) -> ApiClientPublic:
    client = await service.get_api_client(session, client_pk=client_pk)
    set_etag(response, client.version)
    return ApiClientPublic.model_validate(client)


@api_clients_router.patch(
    "/{client_pk}", response_model=ApiClientPublic, responses=problem_responses(412, 428)
)
async def update_api_client(
    client_pk: Id,
    body: ApiClientUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: OrgManager,
) -> ApiClientPublic:
    client = await service.get_api_client(session, client_pk=client_pk)
    client = await service.update_api_client(
        session, actor=principal, client=client, data=body, expected_version=version
    )
    set_etag(response, client.version)
    return ApiClientPublic.model_validate(client)


@api_clients_router.post(
    "/{client_pk}/rotate-secret", response_model=ApiClientCreated, responses=problem_responses(412, 428)
)
async def rotate_api_client_secret(
    client_pk: Id, version: IfMatchDep, response: Response, session: SessionDep, principal: OrgManager
) -> ApiClientCreated:
    client = await service.get_api_client(session, client_pk=client_pk)
    secret = await service.rotate_api_client_secret(
        session, actor=principal, client=client, expected_version=version
    )
    set_etag(response, client.version)
    return ApiClientCreated(client=ApiClientPublic.model_validate(client), client_secret=secret)


@api_clients_router.delete(
    "/{client_pk}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(412, 428)
)
async def delete_api_client(
    client_pk: Id, version: IfMatchDep, session: SessionDep, principal: OrgManager
) -> Response:
    client = await service.get_api_client(session, client_pk=client_pk)
    await service.delete_api_client(session, actor=principal, client=client, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


__all__ = [
    "Permission",
    "api_clients_router",
    "auth_router",
    "memberships_router",
    "organisations_router",
    "users_router",
]
