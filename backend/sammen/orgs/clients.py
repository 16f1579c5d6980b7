"""API clients: machine accounts that act for one organisation with one role."""

from __future__ import annotations

import secrets

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.changes import audited_change, audited_create, audited_delete, reject_nulls
from sammen.core.errors import NotFound
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.core.security import digest, new_opaque_token
from sammen.orgs.models import ApiClient
from sammen.orgs.organisations import resolve_organisation
from sammen.orgs.schemas import ApiClientCreate, ApiClientUpdate


async def get_api_client(session: AsyncSession, *, client_pk: int) -> ApiClient:
    client = await session.get(ApiClient, client_pk)
    if client is None:
        raise NotFound(f"No API client {client_pk}.")
    return client


async def list_api_clients(
    session: AsyncSession, *, page: PageParams, organisation_id: int | None = None
) -> tuple[list[ApiClient], int]:
    stmt = select(ApiClient).order_by(col(ApiClient.id))
    if organisation_id is not None:
        stmt = stmt.where(ApiClient.organisation_id == organisation_id)
    return await fetch_objects(session, stmt, page)


async def create_api_client(
    session: AsyncSession, *, actor: Principal, data: ApiClientCreate
) -> tuple[ApiClient, str]:
    org = await resolve_organisation(session, ref=data.organisation_id, field="body.organisation_id")
    assert org.id is not None
    secret = new_opaque_token("scs")
    client = ApiClient(
        client_id=f"{org.slug}-{secrets.token_hex(4)}",
        name=data.name,
        organisation_id=org.id,
        role=data.role,
        secret_hash=digest(secret),
    )
    await audited_create(
        session, client, actor=actor, action="api_client.create", organisation_id=client.organisation_id
    )
    return client, secret


async def update_api_client(
    session: AsyncSession,
    *,
    actor: Principal,
    client: ApiClient,
    data: ApiClientUpdate,
    expected_version: int,
) -> ApiClient:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "role", "is_active"))
    if changes.get("is_active") is False:
        changes["token_epoch"] = client.token_epoch + 1  # its access tokens end with it
    await audited_change(
        session,
        client,
        actor=actor,
        expected_version=expected_version,
        action="api_client.update",
        changes=changes,
        organisation_id=client.organisation_id,
    )
    return client


async def rotate_api_client_secret(
    session: AsyncSession, *, actor: Principal, client: ApiClient, expected_version: int
) -> str:
    secret = new_opaque_token("scs")
    await audited_change(
        session,
        client,
        actor=actor,
        expected_version=expected_version,
        action="api_client.rotate_secret",
        changes={"secret_hash": digest(secret), "token_epoch": client.token_epoch + 1},
        organisation_id=client.organisation_id,
    )
    return secret


async def delete_api_client(
    session: AsyncSession, *, actor: Principal, client: ApiClient, expected_version: int
) -> None:
    await audited_delete(
        session,
        client,
        actor=actor,
        expected_version=expected_version,
        action="api_client.delete",
        organisation_id=client.organisation_id,
    )
