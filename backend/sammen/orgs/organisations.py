"""Organisations: the parties, ministries and secretariat that members and API clients belong to."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.changes import audited_change, audited_create, reject_nulls
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.fields import MAX_ID
from sammen.core.live import get_live, is_live, live, unfiltered
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.core.tables import utcnow
from sammen.orgs.models import Organisation, OrganisationKind
from sammen.orgs.schemas import OrganisationCreate, OrganisationUpdate


async def get_organisation(session: AsyncSession, *, organisation_id: int) -> Organisation:
    org = await get_live(session, Organisation, organisation_id)
    if org is None:
        raise NotFound(f"No organisation {organisation_id}.")
    return org


@unfiltered(Organisation, why="a deleted organisation keeps its slug: slugs are unique among all")
async def get_organisation_by_slug(session: AsyncSession, *, slug: str) -> Organisation | None:
    return (await session.scalars(select(Organisation).where(Organisation.slug == slug))).first()


async def resolve_organisation(session: AsyncSession, *, ref: int | str, field: str) -> Organisation:
    """The live organisation named by its id or its slug (a string of digits is an id); else a 422 on `field`."""
    if isinstance(ref, int) or ref.isdigit():
        # an id past the column's range names nothing (and must not reach the database)
        org = await get_live(session, Organisation, int(ref)) if 1 <= int(ref) <= MAX_ID else None
    else:
        org = await get_organisation_by_slug(session, slug=ref)
    if org is None or not is_live(org):
        raise field_error(field, f"no organisation {ref}")
    return org


async def organisation_filter(session: AsyncSession, *, ref: str | None, field: str) -> int | None:
    """A list filter's organisation (id or slug) as its id; None when not filtered."""
    if ref is None:
        return None
    org = await resolve_organisation(session, ref=ref, field=field)
    assert org.id is not None
    return org.id


async def list_organisations(
    session: AsyncSession,
    *,
    page: PageParams,
    kind: OrganisationKind | None = None,
    is_party: bool | None = None,
) -> tuple[list[Organisation], int]:
    stmt = select(Organisation).where(live(Organisation)).order_by(col(Organisation.name))
    if kind is not None:
        stmt = stmt.where(Organisation.kind == kind)
    if is_party is not None:
        stmt = stmt.where(Organisation.is_party == is_party)
    return await fetch_objects(session, stmt, page)


async def _check_parent(session: AsyncSession, parent_id: int | None, self_id: int | None = None) -> None:
    if parent_id is None:
        return
    if parent_id == self_id:
        raise field_error("body.parent_id", "an organisation cannot be its own parent")
    parent = await get_live(session, Organisation, parent_id)
    if parent is None:
        raise field_error("body.parent_id", f"no organisation {parent_id}")


async def create_organisation(
    session: AsyncSession, *, actor: Principal, data: OrganisationCreate
) -> Organisation:
    if await get_organisation_by_slug(session, slug=data.slug):
        raise field_error("body.slug", f"the slug {data.slug!r} is taken")
    await _check_parent(session, data.parent_id)
    org = Organisation(**data.model_dump())
    session.add(org)
    await session.flush()  # the new organisation is its own audit organisation: it needs its id first
    await audited_create(session, org, actor=actor, action="organisation.create", organisation_id=org.id)
    return org


async def update_organisation(
    session: AsyncSession,
    *,
    actor: Principal,
    org: Organisation,
    data: OrganisationUpdate,
    expected_version: int,
) -> Organisation:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "kind", "is_party"))
    if "parent_id" in changes:
        await _check_parent(session, changes["parent_id"], org.id)
    await audited_change(
        session,
        org,
        actor=actor,
        expected_version=expected_version,
        action="organisation.update",
        changes=changes,
        organisation_id=org.id,
    )
    return org


async def delete_organisation(
    session: AsyncSession, *, actor: Principal, org: Organisation, expected_version: int
) -> None:
    if org.kind == OrganisationKind.secretariat:
        raise Conflict("The secretariat holds the admin role and cannot be deleted.")
    await audited_change(
        session,
        org,
        actor=actor,
        expected_version=expected_version,
        action="organisation.delete",
        changes={"deleted_at": utcnow()},
        organisation_id=org.id,
    )


@unfiltered(Organisation, why="restoring reads the deleted organisation")
async def restore_organisation(
    session: AsyncSession, *, actor: Principal, organisation_id: int
) -> Organisation:
    org = await session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(f"No organisation {organisation_id}.")
    if org.deleted_at is None:
        raise Conflict("The organisation is not deleted.")
    await audited_change(
        session,
        org,
        actor=actor,
        expected_version=org.version,
        action="organisation.restore",
        changes={"deleted_at": None},
        organisation_id=org.id,
    )
    return org


@unfiltered(Organisation, why="what an organisation wrote still names it after it is deleted")
async def organisation_slugs(session: AsyncSession, *, ids: Sequence[int]) -> dict[int, str]:
    rows = await session.execute(
        select(Organisation.id, Organisation.slug).where(col(Organisation.id).in_(ids))
    )
    return {row.id: row.slug for row in rows}
