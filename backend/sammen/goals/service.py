"""The agreement and its goal tree: reads scoped by visibility, changes recorded as amendments."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import String, and_, delete, func, literal_column
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, links
from sammen.core.changes import reject_nulls
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.idlist import among
from sammen.core.links import LinkTargetType
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Permission, Principal, can_read, visibility_clause
from sammen.core.tables import utcnow
from sammen.goals.models import Agreement, Amendment, Goal, Phase
from sammen.goals.schemas import (
    AgreementPublic,
    AgreementUpdate,
    AmendmentInfo,
    FuturePicture,
    GoalCreate,
    GoalPublic,
    GoalUpdate,
    PhasePublic,
    RulesOfPlay,
    SubObjectivePublic,
)

# Checks of an amendment's approving decision, registered by the domain that owns decisions
# (meetings: it must exist and be of kind amend_agreement). Each raises a 422 naming the field.
DecisionCheck = Callable[[AsyncSession, int], Awaitable[None]]
decision_checks: list[DecisionCheck] = []


async def _check_decision(session: AsyncSession, info: AmendmentInfo) -> None:
    if info.decision_id is not None:
        for check in decision_checks:
            await check(session, info.decision_id)


# ---------------------------------------------------------------- agreement
async def get_agreement(session: AsyncSession) -> Agreement:
    """The agreement this installation carries (one per deployment)."""
    agreement = (await session.scalars(select(Agreement).order_by(col(Agreement.id)))).first()
    if agreement is None:
        raise NotFound("No agreement is loaded; run `sammen seed`.")
    return agreement


async def list_phases(session: AsyncSession, *, agreement_id: int) -> list[Phase]:
    stmt = select(Phase).where(Phase.agreement_id == agreement_id).order_by(col(Phase.number))
    return list((await session.scalars(stmt)).all())


async def agreement_public(session: AsyncSession, agreement: Agreement) -> AgreementPublic:
    assert agreement.id is not None
    phases = await list_phases(session, agreement_id=agreement.id)
    return AgreementPublic(
        id=agreement.id,
        slug=agreement.slug,
        title=agreement.title,
        subtitle=agreement.subtitle,
        description=agreement.description,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        vision=agreement.vision,
        future_pictures=[FuturePicture(**p) for p in agreement.future_pictures],
        rules_of_play=RulesOfPlay(**agreement.rules_of_play),
        effect=agreement.effect,
        prioritisation=agreement.prioritisation,
        governance=agreement.governance,
        phases=[PhasePublic.model_validate(p) for p in phases],
        version=agreement.version,
    )


def _record_amendment(
    session: AsyncSession,
    *,
    actor: Principal,
    agreement_id: int,
    object_type: str,
    object_id: int,
    change: str,
    info: AmendmentInfo,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    session.add(
        Amendment(
            agreement_id=agreement_id,
            object_type=object_type,
            object_id=object_id,
            change=change,
            note=info.note,
            decision_id=info.decision_id,
            before=before,
            after=after,
            made_by_id=actor.id if actor.kind == "user" else None,
            made_by_name=actor.name,
        )
    )
    audit.record(
        session,
        actor=actor,
        action=f"{object_type}.{change}",
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        summary={"note": info.note, "decision_id": info.decision_id},
    )


async def update_agreement(
    session: AsyncSession,
    *,
    actor: Principal,
    agreement: Agreement,
    data: AgreementUpdate,
    expected_version: int,
) -> Agreement:
    assert agreement.id is not None
    await _check_decision(session, data.amendment)
    changes = data.model_dump(exclude_unset=True, exclude={"amendment", "phases"})
    reject_nulls(changes, ("title", "vision", "starts_on", "ends_on", "future_pictures", "rules_of_play"))
    starts = changes.get("starts_on", agreement.starts_on)
    ends = changes.get("ends_on", agreement.ends_on)
    if ends < starts:
        raise field_error("body.ends_on", "must not be before starts_on")
    if data.phases is not None:
        numbers = [p.number for p in data.phases]
        if len(set(numbers)) != len(numbers):
            raise field_error("body.phases", "phase numbers must be unique")
    before = (await agreement_public(session, agreement)).model_dump(mode="json")
    await claim_version(session, agreement, expected_version)
    for key, value in changes.items():
        setattr(agreement, key, value)
    if data.phases is not None:
        await session.execute(delete(Phase).where(col(Phase.agreement_id) == agreement.id))
        for phase in data.phases:
            session.add(Phase(agreement_id=agreement.id, **phase.model_dump()))
    await session.flush()
    after = (await agreement_public(session, agreement)).model_dump(mode="json")
    _record_amendment(
        session,
        actor=actor,
        agreement_id=agreement.id,
        object_type="agreement",
        object_id=agreement.id,
        change="update",
        info=data.amendment,
        before=before,
        after=after,
    )
    return agreement


async def list_amendments(
    session: AsyncSession, *, page: PageParams, object_type: str | None = None, decision_id: int | None = None
) -> tuple[list[Amendment], int]:
    stmt = select(Amendment).order_by(col(Amendment.occurred_at).desc(), col(Amendment.id).desc())
    if object_type is not None:
        stmt = stmt.where(Amendment.object_type == object_type)
    if decision_id is not None:
        stmt = stmt.where(Amendment.decision_id == decision_id)
    return await fetch_objects(session, stmt, page)


async def amendments_by_ids(session: AsyncSession, *, ids: Sequence[int]) -> list[Amendment]:
    """Amendments by id (other domains link to them)."""
    if not ids:
        return []
    return list((await session.scalars(select(Amendment).where(col(Amendment.id).in_(ids)))).all())


def amendment_references(decision_ids: Sequence[int]) -> Any:
    """(decision_id, object_type, object_id, title) of the amendments citing these decisions:
    a branch of the decision register's references (it shows them to partners)."""
    return select(
        col(Amendment.decision_id).label("decision_id"),
        literal_column("'agreement_amendment'", String).label("object_type"),
        col(Amendment.id).label("object_id"),
        (col(Amendment.object_type) + " " + col(Amendment.change)).label("title"),
    ).where(among(col(Amendment.decision_id), decision_ids))


# ---------------------------------------------------------------- goals
def _visible(principal: Principal | None) -> Any:
    return visibility_clause(principal, Goal.visibility, Goal.owner_organisation_id)


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
    stmt = (
        select(Goal)
        .where(col(Goal.deleted_at).is_(None), _visible(principal))
        .order_by(col(Goal.position), col(Goal.code))
    )
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
        lambda principal: and_(col(Goal.deleted_at).is_(None), _visible(principal)),
    )


async def get_goal(session: AsyncSession, *, principal: Principal | None, goal_id: int) -> Goal:
    goal = await session.get(Goal, goal_id)
    if (
        goal is None
        or goal.deleted_at is not None
        or not can_read(principal, goal.visibility, goal.owner_organisation_id)
    ):
        raise NotFound(f"No goal {goal_id}.")
    return goal


async def goal_public(session: AsyncSession, *, principal: Principal | None, goal: Goal) -> GoalPublic:
    stmt = (
        select(Goal)
        .where(Goal.parent_id == goal.id, col(Goal.deleted_at).is_(None), _visible(principal))
        .order_by(col(Goal.position), col(Goal.code))
    )
    return _goal_public(goal, list((await session.scalars(stmt)).all()))


async def get_goal_by_code(session: AsyncSession, *, agreement_id: int, code: str) -> Goal | None:
    stmt = select(Goal).where(Goal.agreement_id == agreement_id, Goal.code == code)
    return (await session.scalars(stmt)).first()


async def _next_position(session: AsyncSession, *, agreement_id: int, parent_id: int | None) -> int:
    stmt = select(func.max(Goal.position)).where(
        Goal.agreement_id == agreement_id, Goal.parent_id == parent_id
    )
    current = await session.scalar(stmt)
    return 0 if current is None else int(current) + 1


async def create_goal(session: AsyncSession, *, actor: Principal, data: GoalCreate) -> Goal:
    agreement = await get_agreement(session)
    assert agreement.id is not None
    await _check_decision(session, data.amendment)
    if await get_goal_by_code(session, agreement_id=agreement.id, code=data.code):
        raise field_error("body.code", f"the code {data.code!r} is taken")
    if data.parent_id is not None:
        parent = await session.get(Goal, data.parent_id)
        if parent is None or parent.deleted_at is not None:
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
    _record_amendment(
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
    await _check_decision(session, data.amendment)
    changes = data.model_dump(exclude_unset=True, exclude={"amendment"})
    reject_nulls(changes, ("code", "title", "position", "visibility"))
    if (
        "code" in changes
        and changes["code"] != goal.code
        and await get_goal_by_code(session, agreement_id=goal.agreement_id, code=changes["code"])
    ):
        raise field_error("body.code", f"the code {changes['code']!r} is taken")
    before = audit.snapshot(goal)
    await claim_version(session, goal, expected_version)
    for key, value in changes.items():
        setattr(goal, key, value)
    await session.flush()
    _record_amendment(
        session,
        actor=actor,
        agreement_id=goal.agreement_id,
        object_type="goal",
        object_id=goal.id,
        change="update",
        info=data.amendment,
        before=before,
        after=audit.snapshot(goal),
    )
    return goal


async def delete_goal(
    session: AsyncSession, *, actor: Principal, goal: Goal, info: AmendmentInfo, expected_version: int
) -> None:
    assert goal.id is not None
    await _check_decision(session, info)
    live_children = await session.scalar(
        select(func.count())
        .select_from(Goal)
        .where(Goal.parent_id == goal.id, col(Goal.deleted_at).is_(None))
    )
    if live_children:
        raise Conflict("Delete or move the goal's sub-objectives first.")
    before = audit.snapshot(goal)
    await claim_version(session, goal, expected_version)
    goal.deleted_at = utcnow()
    await session.flush()
    _record_amendment(
        session,
        actor=actor,
        agreement_id=goal.agreement_id,
        object_type="goal",
        object_id=goal.id,
        change="delete",
        info=info,
        before=before,
        after=audit.snapshot(goal),
    )


async def restore_goal(session: AsyncSession, *, actor: Principal, goal_id: int) -> Goal:
    goal = await session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(f"No goal {goal_id}.")
    if goal.deleted_at is None:
        raise Conflict("The goal is not deleted.")
    if goal.parent_id is not None:
        parent = await session.get(Goal, goal.parent_id)
        if parent is None or parent.deleted_at is not None:
            raise Conflict("Restore the parent goal first.")
    before = audit.snapshot(goal)
    await claim_version(session, goal, goal.version)
    goal.deleted_at = None
    await session.flush()
    assert goal.id is not None
    _record_amendment(
        session,
        actor=actor,
        agreement_id=goal.agreement_id,
        object_type="goal",
        object_id=goal.id,
        change="restore",
        info=AmendmentInfo(),
        before=before,
        after=audit.snapshot(goal),
    )
    return goal


async def goal_ids_by_code(session: AsyncSession) -> dict[str, int]:
    """Codes of goals and sub-objectives to ids: other domains link to goals by code when seeding."""
    rows = await session.execute(select(Goal.code, Goal.id).where(col(Goal.deleted_at).is_(None)))
    return {row.code: row.id for row in rows}
