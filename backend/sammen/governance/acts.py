"""What takes both halves of governance: a body's set-up, dissolution and a mandate's approval
that name a decision, and removing a member, who must never have attended a meeting.

This module sits above `bodies` and `meetings` (the contract in `.importlinter` keeps it so):
`bodies` knows nothing of meetings, `meetings` reaches bodies through `bodies.service`, and the
bodies' routes call these functions. A decision recorded at a meeting applies its effects through
`bodies.service.apply_decision_effects`, which needs no check here: the decision is the one being
recorded, and its links are already set.
"""

from __future__ import annotations

from sqlalchemy import or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.changes import audited_delete
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, field_error
from sammen.core.links import LinkTargetType
from sammen.core.permissions import Principal
from sammen.governance.bodies import service as bodies
from sammen.governance.bodies.models import Body, BodyKind, BodyMember, BodyStatus, Mandate, MandateStatus
from sammen.governance.bodies.schemas import BodyActivate, BodyDissolve
from sammen.governance.meetings import service as meetings


async def activate_body(
    session: AsyncSession, *, actor: Principal, body: Body, data: BodyActivate, expected_version: int
) -> Body:
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
    await bodies.record_set_up(
        session, actor=actor, body=body, set_up_on=data.set_up_on, decision_id=data.decision_id,
        expected_version=expected_version,
    )  # fmt: skip
    if data.decision_id is not None:
        assert body.id is not None
        await meetings.ensure_decision_link(
            session, decision_id=data.decision_id, target_type=LinkTargetType.body, target_id=body.id
        )
    return body


async def dissolve_body(
    session: AsyncSession, *, actor: Principal, body: Body, data: BodyDissolve, expected_version: int
) -> Body:
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


async def approve_mandate(
    session: AsyncSession, *, actor: Principal, mandate: Mandate, decision_id: int, expected_version: int
) -> Mandate:
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
    await bodies.record_approval(
        session, actor=actor, mandate=mandate, decision_id=decision_id, expected_version=expected_version
    )
    await meetings.ensure_decision_link(
        session, decision_id=decision_id, target_type=LinkTargetType.mandate, target_id=mandate.id
    )
    return mandate


async def delete_member(
    session: AsyncSession, *, actor: Principal, member: BodyMember, expected_version: int
) -> None:
    """Remove a membership entered by mistake (an ended term is kept: set `to_date` instead)."""
    assert member.id is not None
    if await meetings.member_has_attendance(session, member_id=member.id):
        raise Conflict("The member has attended meetings; end the term with `to_date` instead of deleting.")
    await audited_delete(
        session, member, actor=actor, expected_version=expected_version, action="body_member.delete",
        organisation_id=member.organisation_id,
    )  # fmt: skip
