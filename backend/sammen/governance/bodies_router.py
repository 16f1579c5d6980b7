"""HTTP handlers for bodies, their members, composition and mandates."""

from __future__ import annotations

import datetime as dt

from fastapi import Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.governance import acts
from sammen.governance.bodies import service
from sammen.governance.bodies.deps import BodyDep, BodyManager
from sammen.governance.bodies.models import BodyKind, BodyStatus
from sammen.governance.bodies.schemas import (
    BodyActivate,
    BodyCreate,
    BodyDissolve,
    BodyPublic,
    BodyUpdate,
    CompositionReport,
    MandateApprove,
    MandateCreate,
    MandatePublic,
    MandateUpdate,
    MemberCreate,
    MemberPublic,
    MemberUpdate,
    MyBodyRoles,
)
from sammen.orgs.deps import CurrentPrincipal, IfMatchDep, OptionalPrincipal, Partner

bodies_router = DomainRouter(prefix="/bodies", tags=["bodies"])
mandates_router = DomainRouter(prefix="/mandates", tags=["mandates"])

CHANGE = problem_responses(401, 403, 404, 409, 412, 422, 428)


# ---------------------------------------------------------------- bodies
@bodies_router.get("", response_model=Page[BodyPublic])
async def list_bodies(
    session: SessionDep,
    page: PageDep,
    principal: OptionalPrincipal,
    kind: BodyKind | None = None,
    status: BodyStatus | None = None,
    parent_id: Id | None = None,
) -> Page[BodyPublic]:
    """The governance bodies with their seats (public)."""
    items, total = await service.list_bodies(
        session, page=page, kind=kind, status=status, parent_id=parent_id
    )
    return Page.of(items, total, page)


@bodies_router.post(
    "",
    response_model=BodyPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 422),
)
async def create_body(
    body: BodyCreate, response: Response, session: SessionDep, principal: BodyManager
) -> BodyPublic:
    """Propose a body (a working group names the coordination group that sets it up)."""
    created = await service.create_body(session, actor=principal, data=body)
    set_etag(response, created.version)
    return await service.body_public(session, created)


@bodies_router.get("/my-roles", response_model=Page[MyBodyRoles], responses=problem_responses(401))
async def list_my_body_roles(session: SessionDep, principal: CurrentPrincipal) -> Page[MyBodyRoles]:
    """The bodies where the caller holds a role today (chair, secretary, member, observer) and what
    each role lets them do there. Admins manage every body through `bodies:manage` besides."""
    return Page.whole(await service.my_body_roles(session, principal))


@bodies_router.get("/{body_id}", response_model=BodyPublic, responses=problem_responses(404))
async def read_body(
    body: BodyDep, response: Response, session: SessionDep, principal: OptionalPrincipal
) -> BodyPublic:
    set_etag(response, body.version)
    return await service.body_public(session, body)


@bodies_router.patch("/{body_id}", response_model=BodyPublic, responses=CHANGE)
async def update_body(
    body: BodyDep,
    data: BodyUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: BodyManager,
) -> BodyPublic:
    body = await service.update_body(session, actor=principal, body=body, data=data, expected_version=version)
    set_etag(response, body.version)
    return await service.body_public(session, body)


@bodies_router.post("/{body_id}/activate", response_model=BodyPublic, responses=CHANGE)
async def activate_body(
    body: BodyDep,
    data: BodyActivate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: BodyManager,
) -> BodyPublic:
    """Set a proposed body up (a working group: with the coordination group's decision)."""
    body = await acts.activate_body(session, actor=principal, body=body, data=data, expected_version=version)
    set_etag(response, body.version)
    return await service.body_public(session, body)


@bodies_router.post("/{body_id}/dissolve", response_model=BodyPublic, responses=CHANGE)
async def dissolve_body(
    body: BodyDep,
    data: BodyDissolve,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: BodyManager,
) -> BodyPublic:
    """Dissolve a working group with a reason and a final summary; members' terms end that day."""
    body = await acts.dissolve_body(session, actor=principal, body=body, data=data, expected_version=version)
    set_etag(response, body.version)
    return await service.body_public(session, body)


@bodies_router.get(
    "/{body_id}/composition", response_model=CompositionReport, responses=problem_responses(401, 403, 404)
)
async def read_composition(
    body: BodyDep, session: SessionDep, principal: Partner, on: dt.date | None = None
) -> CompositionReport:
    """Seats against their holders on a day (default today): empty, overfilled and expired seats."""
    return await service.composition(session, body=body, on=on)


# ---------------------------------------------------------------- members
@bodies_router.get(
    "/{body_id}/members", response_model=Page[MemberPublic], responses=problem_responses(401, 403, 404)
)
async def list_members(
    body: BodyDep, session: SessionDep, page: PageDep, principal: Partner, current: bool | None = None
) -> Page[MemberPublic]:
    assert body.id is not None
    items, total = await service.list_members(session, body_id=body.id, page=page, current=current)
    return Page.of(items, total, page)


@bodies_router.post(
    "/{body_id}/members",
    response_model=MemberPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def create_member(
    body: BodyDep, data: MemberCreate, response: Response, session: SessionDep, principal: BodyManager
) -> MemberPublic:
    assert body.id is not None
    member = await service.create_member(session, actor=principal, body=body, data=data)
    set_etag(response, member.version)
    return service.member_public(member, await service.seat_codes(session, body_id=body.id))


@bodies_router.get(
    "/{body_id}/members/{member_id}", response_model=MemberPublic, responses=problem_responses(401, 403, 404)
)
async def read_member(
    body: BodyDep, member_id: Id, response: Response, session: SessionDep, principal: Partner
) -> MemberPublic:
    assert body.id is not None
    member = await service.get_member(session, body_id=body.id, member_id=member_id)
    set_etag(response, member.version)
    return service.member_public(member, await service.seat_codes(session, body_id=body.id))


@bodies_router.patch("/{body_id}/members/{member_id}", response_model=MemberPublic, responses=CHANGE)
async def update_member(
    body: BodyDep,
    member_id: Id,
    data: MemberUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: BodyManager,
) -> MemberPublic:
    """Change a member's role, seat or term (end a term by setting `to_date`)."""
    assert body.id is not None
    member = await service.get_member(session, body_id=body.id, member_id=member_id)
    member = await service.update_member(
        session, actor=principal, member=member, data=data, expected_version=version
    )
    set_etag(response, member.version)
    return service.member_public(member, await service.seat_codes(session, body_id=body.id))


@bodies_router.delete(
    "/{body_id}/members/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 412, 428),
)
async def delete_member(
    body: BodyDep, member_id: Id, version: IfMatchDep, session: SessionDep, principal: BodyManager
) -> Response:
    """Remove a membership entered by mistake; an ended term is kept by setting `to_date`."""
    assert body.id is not None
    member = await service.get_member(session, body_id=body.id, member_id=member_id)
    await acts.delete_member(session, actor=principal, member=member, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- mandates
@bodies_router.get(
    "/{body_id}/mandates", response_model=Page[MandatePublic], responses=problem_responses(404)
)
async def list_mandates(
    body: BodyDep, session: SessionDep, page: PageDep, principal: OptionalPrincipal
) -> Page[MandatePublic]:
    """The body's mandate versions, newest first (drafts only for partners)."""
    assert body.id is not None
    items, total = await service.list_mandates(session, principal=principal, body_id=body.id, page=page)
    return Page.of([MandatePublic.model_validate(m) for m in items], total, page)


@bodies_router.post(
    "/{body_id}/mandates",
    response_model=MandatePublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def create_mandate(
    body: BodyDep, data: MandateCreate, response: Response, session: SessionDep, principal: BodyManager
) -> MandatePublic:
    """Start the next version of the body's mandate, as a draft."""
    mandate = await service.create_mandate(session, actor=principal, body=body, data=data)
    set_etag(response, mandate.version)
    return MandatePublic.model_validate(mandate)


@mandates_router.get("/{mandate_id}", response_model=MandatePublic, responses=problem_responses(404))
async def read_mandate(
    mandate_id: Id, response: Response, session: SessionDep, principal: OptionalPrincipal
) -> MandatePublic:
    mandate = await service.get_mandate(session, principal=principal, mandate_id=mandate_id)
    set_etag(response, mandate.version)
    return MandatePublic.model_validate(mandate)


@mandates_router.patch("/{mandate_id}", response_model=MandatePublic, responses=CHANGE)
async def update_mandate(
    mandate_id: Id,
    data: MandateUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: BodyManager,
) -> MandatePublic:
    """Edit a draft (submitted and approved versions are fixed)."""
    mandate = await service.get_mandate(session, principal=principal, mandate_id=mandate_id)
    mandate = await service.update_mandate(
        session, actor=principal, mandate=mandate, data=data, expected_version=version
    )
    set_etag(response, mandate.version)
    return MandatePublic.model_validate(mandate)


@mandates_router.post("/{mandate_id}/submit", response_model=MandatePublic, responses=CHANGE)
async def submit_mandate(
    mandate_id: Id, version: IfMatchDep, response: Response, session: SessionDep, principal: BodyManager
) -> MandatePublic:
    """Submit a draft to the partnership for approval."""
    mandate = await service.get_mandate(session, principal=principal, mandate_id=mandate_id)
    mandate = await service.submit_mandate(
        session, actor=principal, mandate=mandate, expected_version=version
    )
    set_etag(response, mandate.version)
    return MandatePublic.model_validate(mandate)


@mandates_router.post("/{mandate_id}/approve", response_model=MandatePublic, responses=CHANGE)
async def approve_mandate(
    mandate_id: Id,
    data: MandateApprove,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: BodyManager,
) -> MandatePublic:
    """Record the partnership's approval (its decision of kind approve_mandate); the previous
    approved version is superseded."""
    mandate = await service.get_mandate(session, principal=principal, mandate_id=mandate_id)
    mandate = await acts.approve_mandate(
        session, actor=principal, mandate=mandate, decision_id=data.decision_id, expected_version=version
    )
    set_etag(response, mandate.version)
    return MandatePublic.model_validate(mandate)
