"""Bodies and their seats: reading, creating, changing, and the state changes a decision makes
(set up, dissolved) once the deciding layer (governance.acts) has checked the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.changes import audited_change, reject_nulls
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.live import get_live, live, unfiltered
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.governance.bodies.models import (
    Body,
    BodyKind,
    BodyStatus,
    Mandate,
    MandateStatus,
    Seat,
)
from sammen.governance.bodies.schemas import (
    BodyCreate,
    BodyPublic,
    BodyUpdate,
    SeatPublic,
)


async def get_body(session: AsyncSession, *, body_id: int) -> Body:
    body = await get_live(session, Body, body_id)
    if body is None:
        raise NotFound(f"No body {body_id}.")
    return body


@unfiltered(Body, why="a deleted body keeps its slug: slugs are unique among all bodies")
async def get_body_by_slug(session: AsyncSession, *, slug: str) -> Body | None:
    return (await session.scalars(select(Body).where(Body.slug == slug))).first()


@unfiltered(Body, why="meetings and decisions of a deleted body still name it")
async def body_names(session: AsyncSession) -> dict[int, str]:
    """Every body's name by id (the public site names the body of each meeting and decision)."""
    rows = await session.execute(select(Body.id, Body.name))
    return {body_id: name for body_id, name in rows if body_id is not None}


@unfiltered(Body, why="a meeting of a deleted body still names it")
def names() -> Any:
    """Every body's id and name, to join: for many rows, cheaper than `name_of` once a row."""
    return select(col(Body.id).label("id"), col(Body.name).label("name")).subquery("body_names")


@unfiltered(Body, why="a meeting of a deleted body still names it")
def name_of(body_id: Any) -> Any:
    """The name of the body `body_id` (a column of another table) as a scalar subquery."""
    return select(Body.name).where(col(Body.id) == body_id).scalar_subquery()


async def seats_of(session: AsyncSession, *, body_id: int) -> list[Seat]:
    stmt = select(Seat).where(Seat.body_id == body_id).order_by(col(Seat.position), col(Seat.id))
    return list((await session.scalars(stmt)).all())


async def mandate_in_force(session: AsyncSession, *, body_id: int) -> Mandate | None:
    stmt = select(Mandate).where(Mandate.body_id == body_id, Mandate.status == MandateStatus.approved)
    return (await session.scalars(stmt)).first()


async def body_public(session: AsyncSession, body: Body) -> BodyPublic:
    assert body.id is not None
    in_force = await mandate_in_force(session, body_id=body.id)
    return BodyPublic(
        id=body.id,
        slug=body.slug,
        kind=body.kind,
        name=body.name,
        parent_id=body.parent_id,
        purpose=body.purpose,
        description=body.description,
        status=body.status,
        set_up_on=body.set_up_on,
        set_up_decision_id=body.set_up_decision_id,
        dissolved_on=body.dissolved_on,
        dissolution_reason=body.dissolution_reason,
        final_summary=body.final_summary,
        dissolved_decision_id=body.dissolved_decision_id,
        mandate_in_force_id=in_force.id if in_force else None,
        seats=[SeatPublic.model_validate(s) for s in await seats_of(session, body_id=body.id)],
        version=body.version,
    )


async def list_bodies(
    session: AsyncSession,
    *,
    page: PageParams,
    kind: BodyKind | None = None,
    status: BodyStatus | None = None,
    parent_id: int | None = None,
) -> tuple[list[BodyPublic], int]:
    stmt = select(Body).where(live(Body)).order_by(col(Body.id))
    if kind is not None:
        stmt = stmt.where(Body.kind == kind)
    if status is not None:
        stmt = stmt.where(Body.status == status)
    if parent_id is not None:
        stmt = stmt.where(Body.parent_id == parent_id)
    bodies, total = await fetch_objects(session, stmt, page)
    return [await body_public(session, b) for b in bodies], total


async def _check_parent(session: AsyncSession, kind: BodyKind, parent_id: int | None) -> None:
    if kind == BodyKind.working_group:
        if parent_id is None:
            raise field_error("body.parent_id", "a working group is set up by a coordination group: name it")
        parent = await get_live(session, Body, parent_id)
        if parent is None:
            raise field_error("body.parent_id", f"no body {parent_id}")
        if parent.kind != BodyKind.coordination_group:
            raise field_error("body.parent_id", "a working group's parent must be a coordination group")
        if parent.status == BodyStatus.dissolved:
            raise field_error("body.parent_id", "the parent body is dissolved")
    elif parent_id is not None:
        parent = await get_live(session, Body, parent_id)
        if parent is None:
            raise field_error("body.parent_id", f"no body {parent_id}")
        if kind == BodyKind.partnership:
            raise field_error("body.parent_id", "the partnership has no parent body")


async def create_body(session: AsyncSession, *, actor: Principal, data: BodyCreate) -> Body:
    if await get_body_by_slug(session, slug=data.slug):
        raise field_error("body.slug", f"the slug {data.slug!r} is taken")
    await _check_parent(session, data.kind, data.parent_id)
    codes = [s.code for s in data.seats]
    if len(set(codes)) != len(codes):
        raise field_error("body.seats", "seat codes must be unique")
    body = Body(
        slug=data.slug,
        kind=data.kind,
        name=data.name,
        parent_id=data.parent_id,
        purpose=data.purpose,
        description=data.description,
        status=BodyStatus.proposed,
    )
    session.add(body)
    await session.flush()
    assert body.id is not None
    for position, seat in enumerate(data.seats):
        session.add(Seat(body_id=body.id, position=position, **seat.model_dump()))
    await session.flush()
    audit.record(
        session, actor=actor, action="body.create", object_type="body", object_id=body.id,
        after=audit.snapshot(body), summary={"seats": codes},
    )  # fmt: skip
    return body


async def update_body(
    session: AsyncSession, *, actor: Principal, body: Body, data: BodyUpdate, expected_version: int
) -> Body:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "purpose"))
    await audited_change(
        session, body, actor=actor, expected_version=expected_version, action="body.update", changes=changes
    )
    return body


async def record_set_up(
    session: AsyncSession, *, actor: Principal, body: Body, set_up_on: dt.date, decision_id: int | None,
    expected_version: int,
) -> Body:  # fmt: skip
    """Mark a proposed body active (the decision, if any, already checked by the caller)."""
    if body.status != BodyStatus.proposed:
        raise Conflict(f"Only a proposed body can be set up; this one is {body.status.value}.")
    before = audit.snapshot(body)
    await claim_version(session, body, expected_version)
    body.status = BodyStatus.active
    body.set_up_on = set_up_on
    body.set_up_decision_id = decision_id
    await session.flush()
    audit.record(
        session, actor=actor, action="body.activate", object_type="body", object_id=body.id,
        before=before, after=audit.snapshot(body),
    )  # fmt: skip
    return body
