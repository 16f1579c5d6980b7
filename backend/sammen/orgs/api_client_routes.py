"""HTTP handlers for API clients (partner systems and scripts). Thin by design."""

from __future__ import annotations

from fastapi import Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.orgs import service
from sammen.orgs.deps import IfMatchDep, OrganisationQuery, OrgManager
from sammen.orgs.schemas import ApiClientCreate, ApiClientCreated, ApiClientPublic, ApiClientUpdate

api_clients_router = DomainRouter(
    prefix="/api-clients", tags=["api-clients"], responses=problem_responses(401, 403, 404, 422)
)


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
