"""Bodies, seats, mandates and members: every rule of their lifecycles lives here.

Rules:
- A working group is set up by a coordination group (its parent) and is the only kind of
  body that is dissolved; dissolving needs a reason and a final summary and ends the
  members' terms.
- Bodies go proposed -> active -> dissolved; a dissolved body takes no new members or mandates.
- Mandates go draft -> submitted -> approved (naming the partnership's decision of kind
  approve_mandate) and are superseded by the next approved version: one version in force.
  A body has at most one open (draft or submitted) version at a time.
- Members fill seats from the agreement file; the composition report compares them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, and_, cast, literal_column, or_, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from sammen.bodies.models import Body, BodyMember, Mandate, MandateStatus, Seat
from sammen.bodies.models import BodyKind as BodyKind
from sammen.bodies.models import BodyStatus as BodyStatus
from sammen.bodies.schemas import (
    BodyActivate,
    BodyCreate,
    BodyDissolve,
    BodyPublic,
    BodyUpdate,
    CompositionReport,
    MandateCreate,
    MandateUpdate,
    MemberCreate,
    MemberPublic,
    MemberUpdate,
    MyBodyRoles,
    SeatPublic,
    SeatReport,
)
from sammen.core import audit, links
from sammen.core.changes import audited_change, audited_create, audited_delete, reject_nulls
from sammen.core.clock import COPENHAGEN as COPENHAGEN
from sammen.core.clock import local_date as local_date
from sammen.core.clock import today as today
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.idlist import among
from sammen.core.links import LinkTarget, LinkTargetType
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import BodyRole, Principal, body_permissions
from sammen.core.search import contains_text
from sammen.core.tables import utcnow


# ---------------------------------------------------------------- body roles of a caller
def _current(on: dt.date) -> Any:
    return (col(BodyMember.from_date) <= on) & or_(
        col(BodyMember.to_date).is_(None), col(BodyMember.to_date) >= on
    )


async def body_roles(session: AsyncSession, principal: Principal | None) -> dict[int, frozenset[BodyRole]]:
    """body id -> the roles the calling user holds there today (API clients hold none)."""
    if principal is None or principal.kind != "user":
        return {}
    rows = await session.execute(
        select(BodyMember.body_id, BodyMember.role).where(
            BodyMember.user_id == principal.id, _current(today())
        )
    )
    roles: dict[int, set[BodyRole]] = {}
    for body_id, role in rows:
        roles.setdefault(body_id, set()).add(BodyRole(role))
    return {body_id: frozenset(r) for body_id, r in roles.items()}


async def my_body_roles(session: AsyncSession, principal: Principal) -> list[MyBodyRoles]:
    """The caller's body roles with their permissions, body by body (for permission-aware screens)."""
    return [
        MyBodyRoles(
            body_id=body_id,
            roles=sorted(roles),
            permissions=sorted(body_permissions(roles)),
        )
        for body_id, roles in sorted((await body_roles(session, principal)).items())
    ]


# ---------------------------------------------------------------- bodies
async def get_body(session: AsyncSession, *, body_id: int) -> Body:
    body = await session.get(Body, body_id)
    if body is None or body.deleted_at is not None:
        raise NotFound(f"No body {body_id}.")
    return body


async def get_body_by_slug(session: AsyncSession, *, slug: str) -> Body | None:
    return (await session.scalars(select(Body).where(Body.slug == slug))).first()


async def body_names(session: AsyncSession) -> dict[int, str]:
    """Every body's name by id (the public site names the body of each meeting and decision)."""
    rows = await session.execute(select(Body.id, Body.name))
    return {body_id: name for body_id, name in rows if body_id is not None}


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
    stmt = select(Body).where(col(Body.deleted_at).is_(None)).order_by(col(Body.id))
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
        parent = await session.get(Body, parent_id)
        if parent is None or parent.deleted_at is not None:
            raise field_error("body.parent_id", f"no body {parent_id}")
        if parent.kind != BodyKind.coordination_group:
            raise field_error("body.parent_id", "a working group's parent must be a coordination group")
        if parent.status == BodyStatus.dissolved:
            raise field_error("body.parent_id", "the parent body is dissolved")
    elif parent_id is not None:
        parent = await session.get(Body, parent_id)
        if parent is None or parent.deleted_at is not None:
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


async def activate_body(
    session: AsyncSession, *, actor: Principal, body: Body, data: BodyActivate, expected_version: int
) -> Body:
    from sammen.meetings import service as meetings  # decisions live in the meetings domain

    if body.status != BodyStatus.proposed:
        raise Conflict(f"Only a proposed body can be set up; this one is {body.status.value}.")
    if data.decision_id is not None:
        await meetings.require_decision(
            session,
            decision_id=data.decision_id,
            kinds={meetings.DecisionKind.set_up_working_group}
            if body.kind == BodyKind.working_group
            else None,
            made_by_body_id=body.parent_id if body.kind == BodyKind.working_group else None,
            field="body.decision_id",
        )
    before = audit.snapshot(body)
    await claim_version(session, body, expected_version)
    body.status = BodyStatus.active
    body.set_up_on = data.set_up_on
    body.set_up_decision_id = data.decision_id
    await session.flush()
    if data.decision_id is not None:
        assert body.id is not None
        await meetings.ensure_decision_link(
            session, decision_id=data.decision_id, target_type=LinkTargetType.body, target_id=body.id
        )
    audit.record(
        session, actor=actor, action="body.activate", object_type="body", object_id=body.id,
        before=before, after=audit.snapshot(body),
    )  # fmt: skip
    return body


async def dissolve_body(
    session: AsyncSession, *, actor: Principal, body: Body, data: BodyDissolve, expected_version: int
) -> Body:
    from sammen.meetings import service as meetings

    if body.kind != BodyKind.working_group:
        raise Conflict("Only working groups are dissolved; the standing bodies run for the agreement's term.")
    if body.status != BodyStatus.active:
        raise Conflict(f"Only an active working group can be dissolved; this one is {body.status.value}.")
    if body.set_up_on is not None and data.dissolved_on < body.set_up_on:
        raise field_error("body.dissolved_on", "must not be before the day the group was set up")
    if data.decision_id is not None:
        await meetings.require_decision(
            session,
            decision_id=data.decision_id,
            kinds={meetings.DecisionKind.dissolve_working_group},
            made_by_body_id=body.parent_id,
            field="body.decision_id",
        )
    before = audit.snapshot(body)
    await claim_version(session, body, expected_version)
    body.status = BodyStatus.dissolved
    body.dissolved_on = data.dissolved_on
    body.dissolution_reason = data.reason
    body.final_summary = data.final_summary
    body.dissolved_decision_id = data.decision_id
    assert body.id is not None
    open_terms = await session.scalars(
        select(BodyMember).where(
            BodyMember.body_id == body.id,
            or_(col(BodyMember.to_date).is_(None), col(BodyMember.to_date) > data.dissolved_on),
        )
    )
    ended = 0
    for member in open_terms:
        member.to_date = max(data.dissolved_on, member.from_date)
        member.version += 1
        ended += 1
    await session.flush()
    if data.decision_id is not None:
        await meetings.ensure_decision_link(
            session, decision_id=data.decision_id, target_type=LinkTargetType.body, target_id=body.id
        )
    audit.record(
        session, actor=actor, action="body.dissolve", object_type="body", object_id=body.id,
        before=before, after=audit.snapshot(body), summary={"member_terms_ended": ended},
    )  # fmt: skip
    return body


# ---------------------------------------------------------------- mandates
def mandate_is_public(mandate: Mandate) -> bool:
    return mandate.status in {MandateStatus.approved, MandateStatus.superseded}


def _can_read_mandate(principal: Principal | None, mandate: Mandate) -> bool:
    return mandate_is_public(mandate) or (principal is not None and principal.is_partner)


async def get_mandate(session: AsyncSession, *, principal: Principal | None, mandate_id: int) -> Mandate:
    mandate = await session.get(Mandate, mandate_id)
    if mandate is None or not _can_read_mandate(principal, mandate):
        raise NotFound(f"No mandate {mandate_id}.")
    body = await session.get(Body, mandate.body_id)
    if body is None or body.deleted_at is not None:
        raise NotFound(f"No mandate {mandate_id}.")
    return mandate


async def list_mandates(
    session: AsyncSession, *, principal: Principal | None, body_id: int, page: PageParams
) -> tuple[list[Mandate], int]:
    stmt = select(Mandate).where(Mandate.body_id == body_id).order_by(col(Mandate.number).desc())
    if principal is None or not principal.is_partner:
        stmt = stmt.where(col(Mandate.status).in_([MandateStatus.approved, MandateStatus.superseded]))
    return await fetch_objects(session, stmt, page)


async def create_mandate(
    session: AsyncSession, *, actor: Principal, body: Body, data: MandateCreate
) -> Mandate:
    assert body.id is not None
    if body.status == BodyStatus.dissolved:
        raise Conflict("The body is dissolved; its mandate can no longer change.")
    open_version = (
        await session.scalars(
            select(Mandate).where(
                Mandate.body_id == body.id,
                col(Mandate.status).in_([MandateStatus.draft, MandateStatus.submitted]),
            )
        )
    ).first()
    if open_version is not None:
        raise Conflict(
            f"Version {open_version.number} of this body's mandate is still {open_version.status.value}; "
            "finish it before starting another."
        )
    number = int(
        await session.scalar(select(func.max(Mandate.number)).where(Mandate.body_id == body.id)) or 0
    )
    mandate = Mandate(body_id=body.id, number=number + 1, **data.model_dump())
    await audited_create(session, mandate, actor=actor, action="mandate.create")
    return mandate


async def update_mandate(
    session: AsyncSession, *, actor: Principal, mandate: Mandate, data: MandateUpdate, expected_version: int
) -> Mandate:
    if mandate.status != MandateStatus.draft:
        raise Conflict(
            f"Only a draft mandate can be edited; version {mandate.number} is {mandate.status.value}. "
            "Start a new version instead."
        )
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("purpose",))
    await audited_change(
        session,
        mandate,
        actor=actor,
        expected_version=expected_version,
        action="mandate.update",
        changes=changes,
    )
    return mandate


async def submit_mandate(
    session: AsyncSession, *, actor: Principal, mandate: Mandate, expected_version: int
) -> Mandate:
    if mandate.status != MandateStatus.draft:
        raise Conflict(f"Only a draft mandate can be submitted; this one is {mandate.status.value}.")
    await audited_change(
        session, mandate, actor=actor, expected_version=expected_version, action="mandate.submit",
        changes={"status": MandateStatus.submitted, "submitted_at": utcnow()},
    )  # fmt: skip
    return mandate


async def approve_mandate(
    session: AsyncSession, *, actor: Principal, mandate: Mandate, decision_id: int, expected_version: int
) -> Mandate:
    from sammen.meetings import service as meetings

    assert mandate.id is not None
    if mandate.status != MandateStatus.submitted:
        raise Conflict(f"Only a submitted mandate can be approved; this one is {mandate.status.value}.")
    await meetings.require_decision(
        session,
        decision_id=decision_id,
        kinds={meetings.DecisionKind.approve_mandate},
        made_by_kind=BodyKind.partnership,
        field="body.decision_id",
    )
    before = audit.snapshot(mandate)
    await claim_version(session, mandate, expected_version)
    previous = await mandate_in_force(session, body_id=mandate.body_id)
    if previous is not None:
        previous.status = MandateStatus.superseded
        previous.superseded_by_id = mandate.id
        previous.version += 1
        previous.updated_at = utcnow()
    mandate.status = MandateStatus.approved
    mandate.approved_at = utcnow()
    mandate.approved_decision_id = decision_id
    await session.flush()
    await meetings.ensure_decision_link(
        session, decision_id=decision_id, target_type=LinkTargetType.mandate, target_id=mandate.id
    )
    audit.record(
        session, actor=actor, action="mandate.approve", object_type="mandate", object_id=mandate.id,
        before=before, after=audit.snapshot(mandate),
        summary={"decision_id": decision_id, "superseded": previous.id if previous else None},
    )  # fmt: skip
    return mandate


# ---------------------------------------------------------------- what a decision does here
async def check_decision_effects(
    session: AsyncSession, *, approves_mandates: bool, deciding_body_id: int,
    targets: Sequence[tuple[LinkTargetType, int]],
) -> None:  # fmt: skip
    """Before an approve_mandate decision is recorded: only the partnership approves mandates, and a
    linked draft must be submitted first (a decision cannot approve what was never put forward)."""
    if not approves_mandates:
        return
    mandate_ids = [
        (index, target_id) for index, (t, target_id) in enumerate(targets) if t == LinkTargetType.mandate
    ]
    if not mandate_ids:
        return
    deciding = await get_body(session, body_id=deciding_body_id)
    if deciding.kind != BodyKind.partnership:
        raise field_error("body.kind", "only the strategic partnership approves mandates (kommissorier)")
    for index, mandate_id in mandate_ids:
        mandate = await session.get(Mandate, mandate_id)
        if mandate is not None and mandate.status == MandateStatus.draft:
            raise field_error(
                f"body.links.{index}",
                f"kommissorium v{mandate.number} is a draft: submit it before approving it",
            )


async def apply_decision_effects(
    session: AsyncSession, *, actor: Principal, decision_id: int, approves_mandates: bool,
    sets_up_working_groups: bool, deciding_body_id: int, decided_on: dt.date,
    targets: Sequence[tuple[LinkTargetType, int]],
) -> None:  # fmt: skip
    """After a decision is recorded: it approves the submitted mandate versions it links (approve_mandate)
    and sets up the proposed working groups of the deciding body it links (set_up_working_group)."""
    for target_type, target_id in targets:
        if approves_mandates and target_type == LinkTargetType.mandate:
            mandate = await session.get(Mandate, target_id)
            if mandate is not None and mandate.status == MandateStatus.submitted:
                await approve_mandate(
                    session,
                    actor=actor,
                    mandate=mandate,
                    decision_id=decision_id,
                    expected_version=mandate.version,
                )
        elif sets_up_working_groups and target_type == LinkTargetType.body:
            body = await session.get(Body, target_id)
            if (
                body is not None
                and body.kind == BodyKind.working_group
                and body.status == BodyStatus.proposed
                and body.parent_id == deciding_body_id
            ):
                await activate_body(
                    session, actor=actor, body=body, expected_version=body.version,
                    data=BodyActivate(set_up_on=decided_on, decision_id=decision_id),
                )  # fmt: skip


# ---------------------------------------------------------------- members
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
        stmt = stmt.where(_current(today()))
    stmt = stmt.order_by(col(BodyMember.from_date), col(BodyMember.id))
    members, total = await fetch_objects(session, stmt, page)
    codes = await seat_codes(session, body_id=body_id)
    return [member_public(m, codes) for m in members], total


async def members_on(session: AsyncSession, *, body_id: int, on: dt.date) -> list[BodyMember]:
    stmt = (
        select(BodyMember)
        .where(BodyMember.body_id == body_id, _current(on))
        .order_by(col(BodyMember.person_name), col(BodyMember.id))
    )
    return list((await session.scalars(stmt)).all())


async def members_by_ids(session: AsyncSession, *, ids: Sequence[int]) -> list[BodyMember]:
    if not ids:
        return []
    return list((await session.scalars(select(BodyMember).where(col(BodyMember.id).in_(ids)))).all())


def decision_references(decision_ids: Sequence[int]) -> list[Any]:
    """(decision_id, object_type, object_id, title) of the bodies set up or dissolved, and the
    mandates approved, by these decisions: branches of the decision register's references."""

    def reference(decision_id: Any, object_type: str, object_id: Any, title: Any) -> Any:
        return select(
            decision_id.label("decision_id"),
            literal_column(f"'{object_type}'", String).label("object_type"),
            object_id.label("object_id"),
            title.label("title"),
        )

    live = col(Body.deleted_at).is_(None)
    set_up, dissolved = col(Body.set_up_decision_id), col(Body.dissolved_decision_id)
    return [
        reference(set_up, "body", col(Body.id), col(Body.name)).where(among(set_up, decision_ids), live),
        # a body set up and dissolved by the same decision is named once
        reference(dissolved, "body", col(Body.id), col(Body.name)).where(
            among(dissolved, decision_ids), live, or_(set_up.is_(None), set_up != dissolved)
        ),
        reference(
            col(Mandate.approved_decision_id),
            "mandate",
            col(Mandate.id),
            col(Body.name) + ": kommissorium v" + cast(col(Mandate.number), String),
        ).where(col(Body.id) == col(Mandate.body_id), among(col(Mandate.approved_decision_id), decision_ids)),
    ]


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


async def delete_member(
    session: AsyncSession, *, actor: Principal, member: BodyMember, expected_version: int
) -> None:
    """Remove a membership entered by mistake (an ended term is kept: set `to_date` instead)."""
    from sammen.meetings import service as meetings

    assert member.id is not None
    if await meetings.member_has_attendance(session, member_id=member.id):
        raise Conflict("The member has attended meetings; end the term with `to_date` instead of deleting.")
    await audited_delete(
        session, member, actor=actor, expected_version=expected_version, action="body_member.delete",
        organisation_id=member.organisation_id,
    )  # fmt: skip


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


# ---------------------------------------------------------------- link resolvers
def _resolve_bodies() -> links.ColumnResolver:
    return links.column_resolver(
        LinkTargetType.body, col(Body.id), col(Body.name), lambda _principal: col(Body.deleted_at).is_(None)
    )


def _resolve_mandates() -> links.ColumnResolver:
    """Mandates titled "body: kommissorium vN"; drafts and submitted ones only for partners
    (the rule of `_can_read_mandate`, as SQL)."""

    def visible(principal: Principal | None) -> Any:
        readable: list[Any] = [col(Mandate.status).in_([MandateStatus.approved, MandateStatus.superseded])]
        if principal is not None and principal.is_partner:
            readable = [true()]
        return and_(col(Body.id) == col(Mandate.body_id), col(Body.deleted_at).is_(None), or_(*readable))

    title = col(Body.name) + ": kommissorium v" + cast(col(Mandate.number), String)
    return links.column_resolver(LinkTargetType.mandate, col(Mandate.id), title, visible)


async def _search_bodies(
    session: AsyncSession, principal: Principal | None, text: str, limit: int
) -> list[LinkTarget]:
    stmt = select(Body).where(col(Body.deleted_at).is_(None)).order_by(col(Body.id)).limit(limit)
    if text.strip():
        stmt = stmt.where(contains_text(Body.name, text))
    return [LinkTarget(LinkTargetType.body, b.id, b.name) for b in await session.scalars(stmt) if b.id]


STATUS_DA = {
    MandateStatus.draft: "udkast",
    MandateStatus.submitted: "indsendt",
    MandateStatus.approved: "godkendt",
    MandateStatus.superseded: "afløst",
}


async def _search_mandates(
    session: AsyncSession, principal: Principal | None, text: str, limit: int
) -> list[LinkTarget]:
    """Mandate versions by their body's name, newest first (drafts only for partners)."""
    stmt = (
        select(Mandate, Body.name)
        .join(Body, col(Body.id) == col(Mandate.body_id))
        .where(col(Body.deleted_at).is_(None))
        .order_by(col(Body.id), col(Mandate.number).desc())
    )
    if principal is None or not principal.is_partner:
        stmt = stmt.where(col(Mandate.status).in_([MandateStatus.approved, MandateStatus.superseded]))
    if text.strip():
        stmt = stmt.where(contains_text(Body.name, text))
    rows = await session.execute(stmt.limit(limit))
    return [
        LinkTarget(LinkTargetType.mandate, m.id, f"{name}: kommissorium v{m.number} ({STATUS_DA[m.status]})")
        for m, name in rows
        if m.id is not None
    ]


links.register(LinkTargetType.body, _resolve_bodies(), search=_search_bodies)
links.register(LinkTargetType.mandate, _resolve_mandates(), search=_search_mandates)
