"""HTTP handlers for organisations. Thin by design."""

from __future__ import annotations

from fastapi import Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.orgs import service
from sammen.orgs.deps import IfMatchDep, OptionalPrincipal, OrgManager
from sammen.orgs.models import OrganisationKind
from sammen.orgs.schemas import OrganisationCreate, OrganisationPublic, OrganisationUpdate

organisations_router = DomainRouter(prefix="/organisations", tags=["organisations"])


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
