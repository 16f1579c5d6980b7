"""Progress updates (with their status colour), good stories and milestones of an initiative."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.changes import audited_change, audited_create, audited_delete, reject_nulls
from sammen.core.errors import Forbidden, NotFound, field_error
from sammen.core.live import live, unfiltered
from sammen.core.pagination import bounded
from sammen.core.permissions import Permission, Principal
from sammen.core.tables import utcnow
from sammen.indicators.api import Observation
from sammen.initiatives.access import (
    INI,
    ORG,
    PU,
    live_visible_initiatives,
    partner_ids,
    require_edit,
    visible_initiatives,
)
from sammen.initiatives.models import Initiative, Milestone, ProgressUpdate
from sammen.initiatives.schemas import (
    GoodStory,
    MilestoneCreate,
    MilestoneUpdate,
    ProgressCreate,
    ProgressPublic,
)


# ------------------------------------------------------------ progress updates and good stories
def _progress_public(p: ProgressUpdate, org_slug: str) -> ProgressPublic:
    assert p.id is not None
    return ProgressPublic(
        id=p.id,
        initiative_id=p.initiative_id,
        organisation=org_slug,
        reported_on=p.reported_on,
        status_colour=p.status_colour,
        percent_complete=p.percent_complete,
        narrative=p.narrative,
        observation_ids=list(p.observation_ids or []),
        is_story=p.is_story,
        story_title=p.story_title,
        story_text=p.story_text,
        author_name=p.author_name,
        created_at=p.created_at,
        version=p.version,
    )


@unfiltered(ORG, why="a progress update names its organisation, even a deleted one")
async def _org_slugs(session: AsyncSession, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {
        r.id: r.slug
        for r in await session.execute(sa_select(ORG.c.id, ORG.c.slug).where(ORG.c.id.in_(wanted)))
    }


async def list_progress(
    session: AsyncSession, *, initiative: Initiative, limit: int, offset: int
) -> tuple[list[ProgressPublic], int]:
    stmt = (
        select(ProgressUpdate)
        .where(ProgressUpdate.initiative_id == initiative.id, live(ProgressUpdate))
        .order_by(col(ProgressUpdate.reported_on).desc(), col(ProgressUpdate.id).desc())
    )
    items = list((await session.scalars(bounded(stmt, limit, offset))).all())
    total = int(
        await session.scalar(
            sa_select(func.count()).select_from(PU).where(PU.c.initiative_id == initiative.id, live(PU))
        )
        or 0
    )
    slugs = await _org_slugs(session, (p.organisation_id for p in items))
    return [_progress_public(p, slugs.get(p.organisation_id, "?")) for p in items], total


@unfiltered(Initiative, why="the change feed renders progress on initiatives deleted since")
async def progress_by_id(
    session: AsyncSession, *, principal: Principal | None, ids: list[int]
) -> dict[int, ProgressPublic]:
    """The progress updates among `ids` on initiatives `principal` may read, as the list shows them."""
    stmt = (
        select(ProgressUpdate)
        .join(Initiative, col(Initiative.id) == col(ProgressUpdate.initiative_id))
        .where(col(ProgressUpdate.id).in_(ids), live(ProgressUpdate))
        .where(visible_initiatives(principal))
    )
    items = list((await session.scalars(stmt)).all())
    slugs = await _org_slugs(session, (p.organisation_id for p in items))
    return {p.id: _progress_public(p, slugs.get(p.organisation_id, "?")) for p in items if p.id is not None}


async def create_progress(
    session: AsyncSession, *, actor: Principal, initiative: Initiative, data: ProgressCreate
) -> ProgressPublic:
    """Reporters (and editors) of the lead or a partner organisation report progress."""
    assert initiative.id is not None
    involved = [initiative.lead_organisation_id, *await partner_ids(session, initiative.id)]
    slugs = await _org_slugs(session, involved)
    if data.organisation is not None:
        org_id = next((o for o, s in slugs.items() if s == data.organisation), None)
        if org_id is None:
            raise field_error(
                "body.organisation", "not the lead or a partner organisation of this initiative"
            )
        if not actor.can(Permission.report, org_id):
            raise Forbidden(f"You do not report for {data.organisation!r}.")
    else:
        org_id = next((o for o in involved if o in actor.org_ids and actor.can(Permission.report, o)), None)
        if org_id is None and actor.can(Permission.report, initiative.lead_organisation_id):
            org_id = initiative.lead_organisation_id  # admins report on the lead's behalf
        if org_id is None:
            raise Forbidden("Only reporters of the lead or a partner organisation report progress.")
    if data.observation_ids:
        found = set(
            (
                await session.scalars(
                    select(Observation.id).where(col(Observation.id).in_(data.observation_ids))
                )
            ).all()
        )
        missing = sorted(set(data.observation_ids) - found)
        if missing:
            raise field_error("body.observation_ids", f"no observations {missing}")
    reported_on = data.reported_on or utcnow().date()
    update = ProgressUpdate(
        initiative_id=initiative.id,
        organisation_id=org_id,
        reported_on=reported_on,
        status_colour=data.status_colour,
        percent_complete=data.percent_complete,
        narrative=data.narrative,
        observation_ids=sorted(set(data.observation_ids)),
        is_story=data.is_story,
        story_title=data.story_title if data.is_story else None,
        story_text=data.story_text if data.is_story else None,
        author_name=actor.name,
    )
    session.add(update)
    # The list shows the latest colour: a derived column, so the initiative's version is left alone.
    if initiative.last_reported_on is None or reported_on >= initiative.last_reported_on:
        initiative.last_status_colour = data.status_colour
        initiative.last_reported_on = reported_on
    initiative.updated_at = utcnow()
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="progress.create",
        object_type="progress_update",
        object_id=update.id,
        organisation_id=org_id,
        after=audit.snapshot(update),
    )
    return _progress_public(
        update, slugs[org_id] if org_id in slugs else (await _org_slugs(session, [org_id]))[org_id]
    )


@unfiltered(ORG, why="a story names its organisation, even a deleted one")
async def list_good_stories(
    session: AsyncSession, *, principal: Principal | None, limit: int, offset: int
) -> tuple[list[GoodStory], int]:
    """Progress updates published as good stories, from initiatives the caller may read."""
    base = (
        sa_select(
            PU.c.id,
            PU.c.initiative_id,
            INI.c.title.label("initiative_title"),
            ORG.c.slug,
            PU.c.reported_on,
            PU.c.story_title,
            PU.c.story_text,
        )
        .select_from(PU.join(INI, INI.c.id == PU.c.initiative_id).join(ORG, ORG.c.id == PU.c.organisation_id))
        .where(
            PU.c.is_story.is_(True),
            live(PU),
            live_visible_initiatives(principal),
        )
    )
    rows = (
        await session.execute(bounded(base.order_by(PU.c.reported_on.desc(), PU.c.id.desc()), limit, offset))
    ).all()
    total = int(await session.scalar(sa_select(func.count()).select_from(base.subquery())) or 0)
    return [
        GoodStory(
            id=r.id,
            initiative_id=r.initiative_id,
            initiative_title=r.initiative_title,
            organisation=r.slug,
            reported_on=r.reported_on,
            title=r.story_title or "",
            text=r.story_text or "",
        )
        for r in rows
    ], total


# ------------------------------------------------------------ milestones
async def list_milestones(session: AsyncSession, *, initiative: Initiative) -> list[Milestone]:
    stmt = (
        select(Milestone)
        .where(Milestone.initiative_id == initiative.id)
        .order_by(col(Milestone.due_on), col(Milestone.id))
    )
    return list((await session.scalars(stmt)).all())


async def get_milestone(session: AsyncSession, *, initiative: Initiative, milestone_id: int) -> Milestone:
    milestone = await session.get(Milestone, milestone_id)
    if milestone is None or milestone.initiative_id != initiative.id:
        raise NotFound(f"No milestone {milestone_id} on this initiative.")
    return milestone


async def create_milestone(
    session: AsyncSession, *, actor: Principal, initiative: Initiative, data: MilestoneCreate
) -> Milestone:
    require_edit(actor, initiative)
    assert initiative.id is not None
    milestone = Milestone(initiative_id=initiative.id, **data.model_dump())
    await audited_create(
        session,
        milestone,
        actor=actor,
        action="milestone.create",
        organisation_id=initiative.lead_organisation_id,
    )
    return milestone


async def update_milestone(
    session: AsyncSession,
    *,
    actor: Principal,
    initiative: Initiative,
    milestone: Milestone,
    data: MilestoneUpdate,
    expected_version: int,
) -> Milestone:
    require_edit(actor, initiative)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("title",))
    await audited_change(
        session,
        milestone,
        actor=actor,
        expected_version=expected_version,
        action="milestone.update",
        changes=changes,
        organisation_id=initiative.lead_organisation_id,
    )
    return milestone


async def delete_milestone(
    session: AsyncSession,
    *,
    actor: Principal,
    initiative: Initiative,
    milestone: Milestone,
    expected_version: int,
) -> None:
    require_edit(actor, initiative)
    await audited_delete(
        session,
        milestone,
        actor=actor,
        expected_version=expected_version,
        action="milestone.delete",
        organisation_id=initiative.lead_organisation_id,
    )
