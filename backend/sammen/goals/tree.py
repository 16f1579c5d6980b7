"""The goal tree: goals and sub-objectives, read as the caller may see them, changed as amendments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, links
from sammen.core.changes import reject_nulls, versioned
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.links import LinkTargetType
from sammen.core.live import get_live, live, live_visible, unfiltered
from sammen.core.permissions import Permission, Principal, can_read
from sammen.core.tables import utcnow
from sammen.goals.agreement import check_decision, get_agreement, record_amendment
from sammen.goals.models import Goal
from sammen.goals.schemas import (
    AmendmentInfo,
    GoalCreate,
    GoalPublic,
    GoalUpdate,
    SubObjectivePublic,
)


# ---------------------------------------------------------------- goals
def _live_visible(principal: Principal | None) -> Any:
    return live_visible(Goal, principal, owner="owner_organisation_id")


def _goal_public(goal: Goal, children: list[Goal]) -> GoalPublic:
    assert goal.id is not None
    return GoalPublic(
        id=goal.id,
        parent_id=goal.parent_id,
        code=goal.code,
        title=goal.title,
        description=goal.description,
        position=goal.position,
        visibility=goal.visibility,
        version=goal.version,
        sub_objectives=[SubObjectivePublic.model_validate(c) for c in children],
    )


async def goal_tree(session: AsyncSession, *, principal: Principal | None) -> list[GoalPublic]:
    """Goals with their sub-objectives, in order, as far as the caller may see them."""
    stmt = select(Goal).where(_live_visible(principal)).order_by(col(Goal.position), col(Goal.code))
    goals = list((await session.scalars(stmt)).all())
    children: dict[int, list[Goal]] = {}
    for goal in goals:
        if goal.parent_id is not None:
            children.setdefault(goal.parent_id, []).append(goal)
    return [_goal_public(g, children.get(g.id or 0, [])) for g in goals if g.parent_id is None]


def goal_link_targets() -> links.ColumnResolver:
    """Goals as link targets (other domains link to goals): titled "code title", the goals
    that exist and the caller may see."""
    return links.column_resolver(
        LinkTargetType.goal,
        col(Goal.id),
        col(Goal.code) + " " + col(Goal.title),
        _live_visible,
    )


async def get_goal(session: AsyncSession, *, principal: Principal | None, goal_id: int) -> Goal:
    goal = await get_live(session, Goal, goal_id)
    if goal is None or not can_read(principal, goal.visibility, goal.owner_organisation_id):
        raise NotFound(f"No goal {goal_id}.")
    return goal


async def goal_public(session: AsyncSession, *, principal: Principal | None, goal: Goal) -> GoalPublic:
    stmt = (
        select(Goal)
        .where(Goal.parent_id == goal.id, _live_visible(principal))
        .order_by(col(Goal.position), col(Goal.code))
    )
    return _goal_public(goal, list((await session.scalars(stmt)).all()))


@unfiltered(Goal, why="a deleted goal keeps its code: codes are unique among all goals")
async def get_goal_by_code(session: AsyncSession, *, agreement_id: int, code: str) -> Goal | None:
    stmt = select(Goal).where(Goal.agreement_id == agreement_id, Goal.code == code)
    return (await session.scalars(stmt)).first()


@unfiltered(Goal, why="positions are counted among all goals, so a restored one keeps its place")
async def _next_position(session: AsyncSession, *, agreement_id: int, parent_id: int | None) -> int:
    stmt = select(func.max(Goal.position)).where(
        Goal.agreement_id == agreement_id, Goal.parent_id == parent_id
    )
    current = await session.scalar(stmt)
    return 0 if current is None else int(current) + 1


async def create_goal(session: AsyncSession, *, actor: Principal, data: GoalCreate) -> Goal:
    agreement = await get_agreement(session)
    assert agreement.id is not None
    await check_decision(session, data.amendment)
    if await get_goal_by_code(session, agreement_id=agreement.id, code=data.code):
        raise field_error("body.code", f"the code {data.code!r} is taken")
    if data.parent_id is not None:
        parent = await get_live(session, Goal, data.parent_id)
        if parent is None:
            raise field_error("body.parent_id", f"no goal {data.parent_id}")
        if parent.parent_id is not None:
            raise field_error("body.parent_id", "sub-objectives cannot have sub-objectives of their own")
    position = data.position
    if position is None:
        position = await _next_position(session, agreement_id=agreement.id, parent_id=data.parent_id)
    # The goal belongs to the organisation whose admin made it (the secretariat): a restricted
    # goal is then readable there, as the visibility rule says.
    owner = next(
        (o for o in sorted(actor.org_ids) if Permission.manage_agreement in actor.permissions_in(o)), None
    )
    goal = Goal(
        owner_organisation_id=owner,
        agreement_id=agreement.id,
        parent_id=data.parent_id,
        code=data.code,
        title=data.title,
        description=data.description,
        position=position,
        visibility=data.visibility,
    )
    session.add(goal)
    await session.flush()
    assert goal.id is not None
    record_amendment(
        session,
        actor=actor,
        agreement_id=agreement.id,
        object_type="goal",
        object_id=goal.id,
        change="create",
        info=data.amendment,
        before=None,
        after=audit.snapshot(goal),
    )
    return goal


async def update_goal(
    session: AsyncSession, *, actor: Principal, goal: Goal, data: GoalUpdate, expected_version: int
) -> Goal:
    assert goal.id is not None
    await check_decision(session, data.amendment)
    changes = data.model_dump(exclude_unset=True, exclude={"amendment"})
    reject_nulls(changes, ("code", "title", "position", "visibility"))
    if (
        "code" in changes
        and changes["code"] != goal.code
        and await get_goal_by_code(session, agreement_id=goal.agreement_id, code=changes["code"])
    ):
        raise field_error("body.code", f"the code {changes['code']!r} is taken")
    async with versioned(session, goal, expected_version) as change:
        for key, value in changes.items():
            setattr(goal, key, value)
    record_amendment(
        session,
        actor=actor,
        agreement_id=goal.agreement_id,
        object_type="goal",
        object_id=goal.id,
        change="update",
        info=data.amendment,
        before=change.before,
        after=change.after,
    )
    return goal


async def delete_goal(
    session: AsyncSession, *, actor: Principal, goal: Goal, info: AmendmentInfo, expected_version: int
) -> None:
    assert goal.id is not None
    await check_decision(session, info)
    live_children = await session.scalar(
        select(func.count()).select_from(Goal).where(Goal.parent_id == goal.id, live(Goal))
    )
    if live_children:
        raise Conflict("Delete or move the goal's sub-objectives first.")
    async with versioned(session, goal, expected_version) as change:
        goal.deleted_at = utcnow()
    record_amendment(
        session,
        actor=actor,
        agreement_id=goal.agreement_id,
        object_type="goal",
        object_id=goal.id,
        change="delete",
        info=info,
        before=change.before,
        after=change.after,
    )


@unfiltered(Goal, why="restoring reads the deleted goal")
async def restore_goal(session: AsyncSession, *, actor: Principal, goal_id: int) -> Goal:
    goal = await session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(f"No goal {goal_id}.")
    if goal.deleted_at is None:
        raise Conflict("The goal is not deleted.")
    if goal.parent_id is not None:
        parent = await get_live(session, Goal, goal.parent_id)
        if parent is None:
            raise Conflict("Restore the parent goal first.")
    async with versioned(session, goal, goal.version) as change:
        goal.deleted_at = None
    assert goal.id is not None
    record_amendment(
        session,
        actor=actor,
        agreement_id=goal.agreement_id,
        object_type="goal",
        object_id=goal.id,
        change="restore",
        info=AmendmentInfo(),
        before=change.before,
        after=change.after,
    )
    return goal


async def goal_ids_by_code(session: AsyncSession) -> dict[str, int]:
    """Codes of goals and sub-objectives to ids: other domains link to goals by code when seeding."""
    rows = await session.execute(select(Goal.code, Goal.id).where(live(Goal)))
    return {row.code: row.id for row in rows}
