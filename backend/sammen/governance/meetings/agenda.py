"""A meeting's agenda items: who sees which (restricted items: the body's members only), and
adding, changing and removing them while the meeting is not yet held (reordering: ordering.py)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, links
from sammen.core.changes import audited_change, reject_nulls
from sammen.core.errors import Conflict, NotFound
from sammen.core.live import get_live, is_live, live
from sammen.core.tables import utcnow
from sammen.governance.meetings.access import BEFORE_HELD, Viewer, meeting_visible, require_runner
from sammen.governance.meetings.linking import link_pairs, links_of, set_links
from sammen.governance.meetings.models import AgendaItem, LinkSource, Meeting
from sammen.governance.meetings.schemas import AgendaItemCreate, AgendaItemPublic, AgendaItemUpdate


def item_visible(v: Viewer, meeting: Meeting, item: AgendaItem) -> bool:
    return is_live(item) and (not item.restricted or v.member_of(meeting.body_id))


async def load_agenda(session: AsyncSession, *, meeting_id: int | None) -> list[AgendaItem]:
    stmt = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id, live(AgendaItem))
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    )
    return list((await session.scalars(stmt)).all())


async def agenda_public(
    session: AsyncSession, *, v: Viewer, items: Sequence[AgendaItem]
) -> list[AgendaItemPublic]:
    by_item = await links_of(
        session, v=v, source_type=LinkSource.agenda_item, source_ids=[i.id for i in items if i.id is not None]
    )
    return [
        AgendaItemPublic(
            id=i.id,
            meeting_id=i.meeting_id,
            position=i.position,
            title=i.title,
            description=i.description,
            kind=i.kind,
            duration_minutes=i.duration_minutes,
            presenter=i.presenter,
            restricted=i.restricted,
            links=by_item.get(i.id, []),
            version=i.version,
        )
        for i in items
        if i.id is not None
    ]


async def list_agenda(session: AsyncSession, *, v: Viewer, meeting: Meeting) -> list[AgendaItem]:
    return [i for i in await load_agenda(session, meeting_id=meeting.id) if item_visible(v, meeting, i)]


async def get_agenda_item(session: AsyncSession, *, v: Viewer, item_id: int) -> tuple[AgendaItem, Meeting]:
    item = await get_live(session, AgendaItem, item_id)
    if item is None:
        raise NotFound(f"No agenda item {item_id}.")
    meeting = await get_live(session, Meeting, item.meeting_id)
    if meeting is None or not meeting_visible(v, meeting) or not item_visible(v, meeting, item):
        raise NotFound(f"No agenda item {item_id}.")
    return item, meeting


def _agenda_open(meeting: Meeting) -> None:
    if meeting.status not in BEFORE_HELD:
        raise Conflict(f"The meeting is {meeting.status.value}; its agenda is fixed.")


async def create_agenda_item(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: AgendaItemCreate
) -> AgendaItem:
    assert v.principal is not None
    assert meeting.id is not None
    require_runner(v, meeting.body_id)
    _agenda_open(meeting)
    pairs = link_pairs(data.links)
    await links.validate(session, v.principal, pairs)
    position = data.position
    if position is None:
        current = await session.scalar(
            select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting.id, live(AgendaItem))
        )
        position = 0 if current is None else int(current) + 1
    item = AgendaItem(
        meeting_id=meeting.id, position=position, **data.model_dump(exclude={"links", "position"})
    )
    session.add(item)
    await session.flush()
    assert item.id is not None
    await set_links(session, source_type=LinkSource.agenda_item, source_id=item.id, pairs=pairs)
    audit.record(
        session, actor=v.principal, action="agenda_item.create", object_type="agenda_item", object_id=item.id,
        after=audit.snapshot(item), summary={"links": [f"{t.value}:{i}" for t, i in pairs]},
    )  # fmt: skip
    return item


async def update_agenda_item(
    session: AsyncSession,
    *,
    v: Viewer,
    item: AgendaItem,
    meeting: Meeting,
    data: AgendaItemUpdate,
    expected_version: int,
) -> AgendaItem:
    assert v.principal is not None
    assert item.id is not None
    require_runner(v, meeting.body_id)
    _agenda_open(meeting)
    changes = data.model_dump(exclude_unset=True, exclude={"links"})
    reject_nulls(changes, ("title", "kind", "position", "restricted"))
    pairs = link_pairs(data.links) if data.links is not None else None
    if pairs is not None:
        await links.validate(session, v.principal, pairs)
    await audited_change(
        session, item, actor=v.principal, expected_version=expected_version, action="agenda_item.update",
        changes=changes,
    )  # fmt: skip
    if pairs is not None:
        await set_links(session, source_type=LinkSource.agenda_item, source_id=item.id, pairs=pairs)
    return item


async def delete_agenda_item(
    session: AsyncSession, *, v: Viewer, item: AgendaItem, meeting: Meeting, expected_version: int
) -> None:
    assert v.principal is not None
    require_runner(v, meeting.body_id)
    _agenda_open(meeting)
    await audited_change(
        session, item, actor=v.principal, expected_version=expected_version, action="agenda_item.delete",
        changes={"deleted_at": utcnow()},
    )  # fmt: skip
