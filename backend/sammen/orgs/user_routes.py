"""HTTP handlers for users and their memberships of organisations. Thin by design."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import HasherDep, SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.orgs import service
from sammen.orgs.deps import IfMatchDep, OrganisationQuery, OrgManager
from sammen.orgs.schemas import (
    MembershipCreate,
    MembershipPublic,
    MembershipUpdate,
    PasswordReset,
    UserCreate,
    UserCreated,
    UserPublic,
    UserUpdate,
)

users_router = DomainRouter(prefix="/users", tags=["users"], responses=problem_responses(401, 403, 404, 422))
memberships_router = DomainRouter(
    prefix="/memberships", tags=["memberships"], responses=problem_responses(401, 403, 404, 422)
)


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
