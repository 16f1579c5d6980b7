"""Members of a body, their seats and terms, and the composition report (seats against holders)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.changes import audited_change, audited_create, reject_nulls
from sammen.core.clock import today
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.governance.bodies.models import (
    Body,
    BodyMember,
    BodyStatus,
    Seat,
)
from sammen.governance.bodies.registry import seats_of
from sammen.governance.bodies.roles import current_on
from sammen.governance.bodies.schemas import (
    CompositionReport,
    MemberCreate,
    MemberPublic,
    MemberUpdate,
    SeatPublic,
    SeatReport,
)


def member_public(member: BodyMember, seat_codes: dict[int, str], on: dt.date | None = None) -> MemberPublic:
    assert member.id is not None
    on = on or today()
    return MemberPublic(
        id=member.id,
        body_id=member.body_id,
        user_id=member.user_id,
        person_name=member.person_name,
        person_organisation=member.person_organisation,
        email=member.email,
        organisation_id=member.organisation_id,
        role=member.role,
        seat_code=seat_codes.get(member.seat_id) if member.seat_id else None,
        from_date=member.from_date,
        to_date=member.to_date,
        current=member.from_date <= on and (member.to_date is None or member.to_date >= on),
        version=member.version,
    )


async def seat_codes(session: AsyncSession, *, body_id: int) -> dict[int, str]:
    return {s.id: s.code for s in await seats_of(session, body_id=body_id) if s.id is not None}


async def list_members(
    session: AsyncSession, *, body_id: int, page: PageParams, current: bool | None = None
) -> tuple[list[MemberPublic], int]:
    stmt = select(BodyMember).where(BodyMember.body_id == body_id)
    if current is True:
        stmt = stmt.where(current_on(today()))
    stmt = stmt.order_by(col(BodyMember.from_date), col(BodyMember.id))
    members, total = await fetch_objects(session, stmt, page)
    codes = await seat_codes(session, body_id=body_id)
    return [member_public(m, codes) for m in members], total


async def members_on(session: AsyncSession, *, body_id: int, on: dt.date) -> list[BodyMember]:
    stmt = (
        select(BodyMember)
        .where(BodyMember.body_id == body_id, current_on(on))
        .order_by(col(BodyMember.person_name), col(BodyMember.id))
    )
    return list((await session.scalars(stmt)).all())


async def members_by_ids(session: AsyncSession, *, ids: Sequence[int]) -> list[BodyMember]:
    if not ids:
        return []
    return list((await session.scalars(select(BodyMember).where(col(BodyMember.id).in_(ids)))).all())


async def get_member(session: AsyncSession, *, body_id: int, member_id: int) -> BodyMember:
    member = await session.get(BodyMember, member_id)
    if member is None or member.body_id != body_id:
        raise NotFound(f"No member {member_id} in body {body_id}.")
    return member


async def _seat_by_code(session: AsyncSession, *, body_id: int, code: str) -> Seat:
    seat = (await session.scalars(select(Seat).where(Seat.body_id == body_id, Seat.code == code))).first()
    if seat is None:
        raise field_error("body.seat_code", f"the body has no seat {code!r}")
    return seat


async def _check_organisation(session: AsyncSession, organisation_id: int | None) -> None:
    from sammen.orgs import service as orgs

    if organisation_id is not None:
        try:
            await orgs.get_organisation(session, organisation_id=organisation_id)
        except NotFound:
            raise field_error("body.organisation_id", f"no organisation {organisation_id}") from None


async def create_member(
    session: AsyncSession, *, actor: Principal, body: Body, data: MemberCreate
) -> BodyMember:
    from sammen.orgs import service as orgs

    assert body.id is not None
    if body.status == BodyStatus.dissolved:
        raise Conflict("The body is dissolved; it takes no new members.")
    name = data.person_name
    email = data.email
    if data.user_id is not None:
        try:
            user = await orgs.get_user(session, user_id=data.user_id)
        except NotFound:
            raise field_error("body.user_id", f"no user {data.user_id}") from None
        name, email = user.name, email or user.email
    assert name is not None
    organisation_id = data.organisation_id
    seat_id = None
    if data.seat_code is not None:
        seat = await _seat_by_code(session, body_id=body.id, code=data.seat_code)
        seat_id = seat.id
        if organisation_id is None:
            organisation_id = seat.organisation_id
        elif seat.organisation_id is not None and seat.organisation_id != organisation_id:
            raise field_error("body.organisation_id", "the seat belongs to another organisation")
    await _check_organisation(session, organisation_id)
    member = BodyMember(
        body_id=body.id,
        user_id=data.user_id,
        person_name=name,
        person_organisation=data.person_organisation,
        email=email,
        organisation_id=organisation_id,
        role=data.role,
        seat_id=seat_id,
        from_date=data.from_date,
        to_date=data.to_date,
    )
    await audited_create(
        session, member, actor=actor, action="body_member.create", organisation_id=organisation_id
    )
    return member


async def update_member(
    session: AsyncSession, *, actor: Principal, member: BodyMember, data: MemberUpdate, expected_version: int
) -> BodyMember:
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("role", "from_date"))
    if "seat_code" in changes:
        code = changes.pop("seat_code")
        changes["seat_id"] = (
            None if code is None else (await _seat_by_code(session, body_id=member.body_id, code=code)).id
        )
    if "organisation_id" in changes:
        await _check_organisation(session, changes["organisation_id"])
    starts = changes.get("from_date", member.from_date)
    ends = changes.get("to_date", member.to_date)
    if ends is not None and ends < starts:
        raise field_error("body.to_date", "must not be before from_date")
    await audited_change(
        session, member, actor=actor, expected_version=expected_version, action="body_member.update",
        changes=changes, organisation_id=changes.get("organisation_id", member.organisation_id),
    )  # fmt: skip
    return member


async def composition(session: AsyncSession, *, body: Body, on: dt.date | None = None) -> CompositionReport:
    """Each seat against its holders on `on` (default today): empty, partly filled, overfilled, expired."""
    assert body.id is not None
    on = on or today()
    seats = await seats_of(session, body_id=body.id)
    codes = {s.id: s.code for s in seats if s.id is not None}
    members = list((await session.scalars(select(BodyMember).where(BodyMember.body_id == body.id))).all())
    reports: list[SeatReport] = []
    lists: dict[str, list[str]] = {"empty": [], "partly_filled": [], "overfilled": [], "expired": []}
    for seat in seats:
        held = [m for m in members if m.seat_id == seat.id]
        current = [m for m in held if m.from_date <= on and (m.to_date is None or m.to_date >= on)]
        ended = [m for m in held if m.to_date is not None and m.to_date < on]
        if len(current) > seat.count:
            state = "overfilled"
        elif len(current) == seat.count:
            state = "filled"
        elif current:
            state = "partly_filled"
        elif ended:
            state = "expired"
        else:
            state = "empty"
        if state != "filled":
            lists[state].append(seat.code)
        reports.append(
            SeatReport(
                seat=SeatPublic.model_validate(seat),
                holders=[member_public(m, codes, on) for m in current],
                filled=len(current),
                state=state,
            )
        )
    without_seat = [
        member_public(m, codes, on)
        for m in members
        if m.seat_id is None and m.from_date <= on and (m.to_date is None or m.to_date >= on)
    ]
    return CompositionReport(
        body_id=body.id,
        on=on,
        seats=reports,
        empty_seats=lists["empty"],
        partly_filled_seats=lists["partly_filled"],
        overfilled_seats=lists["overfilled"],
        expired_seats=lists["expired"],
        members_without_seat=without_seat,
        complete=not any(lists.values()),
    )
