"""Action plans: a working copy edited as a draft; approving freezes it as a numbered revision
that is never changed again; any later change makes the working copy a draft once more.
Diffs compare two revisions' frozen items (added, removed, changed priority/note/title)."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, links
from sammen.core.changes import versioned
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.links import LinkTargetType
from sammen.core.live import live, live_visible, unfiltered
from sammen.core.permissions import Principal
from sammen.core.tables import Visibility, utcnow
from sammen.initiatives.access import INI, live_visible_initiatives, visible_initiatives
from sammen.initiatives.models import ActionPlan, ActionPlanItem, ActionPlanRevision, PlanState
from sammen.initiatives.schemas import (
    ActionPlanApprove,
    ActionPlanCreate,
    ActionPlanPublic,
    ActionPlanUpdate,
    FieldChange,
    ItemChange,
    PlanItemIn,
    PlanItemPublic,
    RevisionDiff,
    RevisionPublic,
    RevisionSummary,
)

AP = ActionPlan.__table__  # type: ignore[attr-defined]
API_ITEM = ActionPlanItem.__table__  # type: ignore[attr-defined]


def _live_visible(principal: Principal | None) -> Any:
    return live_visible(AP, principal)


async def list_plans(session: AsyncSession, *, principal: Principal | None) -> list[ActionPlan]:
    stmt = (
        select(ActionPlan)
        .where(_live_visible(principal))
        .order_by(col(ActionPlan.period_start).desc(), col(ActionPlan.id).desc())
    )
    return list((await session.scalars(stmt)).all())


async def get_plan(session: AsyncSession, *, principal: Principal | None, plan_id: int) -> ActionPlan:
    stmt = select(ActionPlan).where(ActionPlan.id == plan_id, _live_visible(principal))
    plan = (await session.scalars(stmt)).first()
    if plan is None:
        raise NotFound(f"No action plan {plan_id}.")
    return plan


async def _visible_ids(session: AsyncSession, principal: Principal | None, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    stmt = sa_select(INI.c.id).where(INI.c.id.in_(ids), live_visible_initiatives(principal))
    return {r[0] for r in await session.execute(stmt)}


def _sorted_items(items: list[PlanItemPublic]) -> list[PlanItemPublic]:
    return sorted(items, key=lambda i: (i.priority == 0, i.priority, i.title, i.initiative_id))


async def working_items(
    session: AsyncSession, *, principal: Principal | None, plan: ActionPlan
) -> list[PlanItemPublic]:
    rows = (
        await session.execute(
            sa_select(API_ITEM.c.initiative_id, INI.c.title, API_ITEM.c.priority, API_ITEM.c.note)
            .select_from(API_ITEM.join(INI, INI.c.id == API_ITEM.c.initiative_id))
            .where(API_ITEM.c.plan_id == plan.id, live_visible_initiatives(principal))
        )
    ).all()
    return _sorted_items(
        [
            PlanItemPublic(initiative_id=r.initiative_id, title=r.title, priority=r.priority, note=r.note)
            for r in rows
        ]
    )


async def plan_public(
    session: AsyncSession, *, principal: Principal | None, plan: ActionPlan
) -> ActionPlanPublic:
    assert plan.id is not None
    return ActionPlanPublic(
        id=plan.id,
        title=plan.title,
        period_start=plan.period_start,
        period_end=plan.period_end,
        visibility=plan.visibility,
        state=plan.state,
        latest_revision=plan.latest_revision,
        items=await working_items(session, principal=principal, plan=plan),
        updated_at=plan.updated_at,
        version=plan.version,
    )


def _check_visibility(visibility: Visibility | None) -> None:
    if visibility == Visibility.restricted:
        raise field_error("body.visibility", "action plans are public or for partners")


async def _set_items(
    session: AsyncSession, *, actor: Principal, plan_id: int, items: list[PlanItemIn]
) -> None:
    ids = [i.initiative_id for i in items]
    if len(set(ids)) != len(ids):
        raise field_error("body.items", "an initiative appears twice")
    missing = sorted(set(ids) - await _visible_ids(session, actor, ids))
    if missing:
        raise field_error("body.items", f"no initiatives {missing}")
    await session.execute(delete(API_ITEM).where(API_ITEM.c.plan_id == plan_id))
    if items:
        await session.execute(
            insert(API_ITEM),
            [
                {"plan_id": plan_id, "initiative_id": i.initiative_id, "priority": i.priority, "note": i.note}
                for i in items
            ],
        )


async def _plan_snapshot(session: AsyncSession, plan: ActionPlan) -> dict[str, Any]:
    data = audit.snapshot(plan) or {}
    rows = await session.execute(
        sa_select(API_ITEM.c.initiative_id, API_ITEM.c.priority, API_ITEM.c.note).where(
            API_ITEM.c.plan_id == plan.id
        )
    )
    data["items"] = sorted([list(r) for r in rows])
    return data


async def create_plan(session: AsyncSession, *, actor: Principal, data: ActionPlanCreate) -> ActionPlan:
    _check_visibility(data.visibility)
    if data.period_end < data.period_start:
        raise field_error("body.period_end", "must not be before period_start")
    plan = ActionPlan(
        title=data.title,
        period_start=data.period_start,
        period_end=data.period_end,
        visibility=data.visibility,
    )
    session.add(plan)
    await session.flush()
    assert plan.id is not None
    await _set_items(session, actor=actor, plan_id=plan.id, items=data.items)
    audit.record(
        session,
        actor=actor,
        action="action_plan.create",
        object_type="action_plan",
        object_id=plan.id,
        after=await _plan_snapshot(session, plan),
    )
    return plan


async def update_plan(
    session: AsyncSession,
    *,
    actor: Principal,
    plan: ActionPlan,
    data: ActionPlanUpdate,
    expected_version: int,
) -> ActionPlan:
    """Change the working copy; an approved plan becomes a draft again (its revisions stay as they are)."""
    assert plan.id is not None
    changes = data.model_dump(exclude_unset=True, exclude={"items"})
    for key in ("title", "period_start", "period_end", "visibility"):
        if key in changes and changes[key] is None:
            raise field_error(f"body.{key}", "may not be null")
    _check_visibility(changes.get("visibility"))
    start = changes.get("period_start", plan.period_start)
    end = changes.get("period_end", plan.period_end)
    if end < start:
        raise field_error("body.period_end", "must not be before period_start")
    async with versioned(
        session, plan, expected_version, snapshot=functools.partial(_plan_snapshot, session)
    ) as change:
        for key, value in changes.items():
            setattr(plan, key, value)
        if data.items is not None:
            await _set_items(session, actor=actor, plan_id=plan.id, items=data.items)
        plan.state = PlanState.draft
    audit.record(
        session,
        actor=actor,
        action="action_plan.update",
        object_type="action_plan",
        object_id=plan.id,
        before=change.before,
        after=change.after,
    )
    return plan


async def approve_plan(
    session: AsyncSession,
    *,
    actor: Principal,
    plan: ActionPlan,
    data: ActionPlanApprove,
    expected_version: int,
) -> ActionPlanRevision:
    """Freeze the working copy as the next numbered revision."""
    assert plan.id is not None
    if plan.state == PlanState.approved:
        raise Conflict(
            f"Nothing changed since revision {plan.latest_revision}; edit the plan to make a new draft."
        )
    await claim_version(session, plan, expected_version)
    rows = (
        await session.execute(
            sa_select(API_ITEM.c.initiative_id, INI.c.title, API_ITEM.c.priority, API_ITEM.c.note)
            .select_from(API_ITEM.join(INI, INI.c.id == API_ITEM.c.initiative_id))
            .where(API_ITEM.c.plan_id == plan.id, live(INI))
        )
    ).all()
    items = _sorted_items(
        [
            PlanItemPublic(initiative_id=r.initiative_id, title=r.title, priority=r.priority, note=r.note)
            for r in rows
        ]
    )
    revision = ActionPlanRevision(
        plan_id=plan.id,
        number=plan.latest_revision + 1,
        title=plan.title,
        period_start=plan.period_start,
        period_end=plan.period_end,
        items=[i.model_dump() for i in items],
        decision_id=data.decision_id,
        note=data.note,
        approved_by_id=actor.id if actor.kind == "user" else None,
        approved_by=actor.name,
    )
    session.add(revision)
    plan.latest_revision = revision.number
    plan.state = PlanState.approved
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="action_plan.approve",
        object_type="action_plan",
        object_id=plan.id,
        summary={"revision": revision.number, "items": len(items), "decision_id": data.decision_id},
    )
    return revision


async def _revision(session: AsyncSession, *, plan: ActionPlan, number: int) -> ActionPlanRevision:
    stmt = select(ActionPlanRevision).where(
        ActionPlanRevision.plan_id == plan.id, ActionPlanRevision.number == number
    )
    revision = (await session.scalars(stmt)).first()
    if revision is None:
        raise NotFound(f"Action plan {plan.id} has no revision {number}.")
    return revision


@unfiltered(INI, why="a deleted initiative stays in the revisions it was approved in")
async def _revision_items(
    session: AsyncSession, *, principal: Principal | None, revision: ActionPlanRevision
) -> list[PlanItemPublic]:
    """The frozen items, without initiatives the reader may not see (restricted ones)."""
    items = [PlanItemPublic(**i) for i in revision.items]
    ids = [i.initiative_id for i in items]
    visible = await _visible_ids(session, principal, ids)
    # A deleted initiative stays in the revisions it was approved in: check visibility including deleted rows.
    deleted_ok = {
        r[0]
        for r in await session.execute(
            sa_select(INI.c.id).where(
                INI.c.id.in_(ids), INI.c.deleted_at.is_not(None), visible_initiatives(principal)
            )
        )
    }
    return [i for i in items if i.initiative_id in visible | deleted_ok]


def _summary(revision: ActionPlanRevision) -> RevisionSummary:
    return RevisionSummary(
        number=revision.number,
        title=revision.title,
        period_start=revision.period_start,
        period_end=revision.period_end,
        decision_id=revision.decision_id,
        note=revision.note,
        approved_at=revision.approved_at,
        approved_by=revision.approved_by,
        item_count=len(revision.items),
    )


async def list_revisions(session: AsyncSession, *, plan: ActionPlan) -> list[RevisionSummary]:
    stmt = (
        select(ActionPlanRevision)
        .where(ActionPlanRevision.plan_id == plan.id)
        .order_by(col(ActionPlanRevision.number))
    )
    return [_summary(r) for r in (await session.scalars(stmt)).all()]


async def revision_public(
    session: AsyncSession, *, principal: Principal | None, plan: ActionPlan, number: int
) -> RevisionPublic:
    revision = await _revision(session, plan=plan, number=number)
    items = await _revision_items(session, principal=principal, revision=revision)
    assert plan.id is not None
    return RevisionPublic(
        **{**_summary(revision).model_dump(), "item_count": len(items)}, plan_id=plan.id, items=items
    )


async def diff(
    session: AsyncSession, *, principal: Principal | None, plan: ActionPlan, a: int, b: int
) -> RevisionDiff:
    old = await _revision(session, plan=plan, number=a)
    new = await _revision(session, plan=plan, number=b)
    before = {i.initiative_id: i for i in await _revision_items(session, principal=principal, revision=old)}
    after = {i.initiative_id: i for i in await _revision_items(session, principal=principal, revision=new)}
    changed = []
    for key in sorted(set(before) & set(after)):
        fields = [
            f for f in ("priority", "note", "title") if getattr(before[key], f) != getattr(after[key], f)
        ]
        if fields:
            changed.append(
                ItemChange(
                    initiative_id=key,
                    title=after[key].title,
                    before=before[key],
                    after=after[key],
                    fields=fields,
                )
            )
    plan_changes = [
        FieldChange(field=f, before=str(getattr(old, f)), after=str(getattr(new, f)))
        for f in ("title", "period_start", "period_end")
        if getattr(old, f) != getattr(new, f)
    ]
    assert plan.id is not None
    return RevisionDiff(
        plan_id=plan.id,
        from_revision=a,
        to_revision=b,
        plan_changes=plan_changes,
        added=_sorted_items([after[k] for k in set(after) - set(before)]),
        removed=_sorted_items([before[k] for k in set(before) - set(after)]),
        changed=changed,
    )


async def delete_plan(
    session: AsyncSession, *, actor: Principal, plan: ActionPlan, expected_version: int
) -> None:
    """Soft delete the plan; its approved revisions stay stored (restorable by admins)."""
    snapshot = functools.partial(_plan_snapshot, session)
    async with versioned(session, plan, expected_version, snapshot=snapshot, after=False) as change:
        plan.deleted_at = utcnow()
    audit.record(
        session,
        actor=actor,
        action="action_plan.delete",
        object_type="action_plan",
        object_id=plan.id,
        before=change.before,
    )


# ---------------------------------------------------------------- links from governance
links.register(
    LinkTargetType.action_plan,
    links.column_resolver(
        LinkTargetType.action_plan,
        AP.c.id,
        AP.c.title,
        _live_visible,
    ),
)
