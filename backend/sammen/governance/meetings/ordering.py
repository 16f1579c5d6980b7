"""Reordering a meeting's agenda in one request (the agenda builder's drag and keyboard moves).

The caller sends the order of the items they see. Items hidden from them (restricted items of a
body they are not a member of) keep their places; the visible ones fill the remaining places in
the new order. The list must name exactly the visible items, so an order made against an agenda
that has changed since is refused (409) instead of dropping or misplacing an item.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import audit
from sammen.core.errors import Conflict, field_error
from sammen.core.tables import utcnow
from sammen.governance.meetings.access import BEFORE_HELD, Viewer, require_runner
from sammen.governance.meetings.agenda import item_visible, load_agenda
from sammen.governance.meetings.models import AgendaItem, Meeting


def merged_order(all_items: list[AgendaItem], visible_ids: set[int], wanted: list[int]) -> list[AgendaItem]:
    """The full agenda with the visible items in `wanted` order and hidden items where they were."""
    by_id = {i.id: i for i in all_items}
    queue = iter(wanted)
    return [by_id[next(queue)] if item.id in visible_ids else item for item in all_items]


async def reorder_agenda(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, item_ids: list[int]
) -> list[AgendaItem]:
    """Give the agenda the caller's order; positions become 0..n-1. Returns the visible agenda."""
    assert v.principal is not None
    require_runner(v, meeting.body_id)
    if meeting.status not in BEFORE_HELD:
        raise Conflict(f"The meeting is {meeting.status.value}; its agenda is fixed.")
    if len(set(item_ids)) != len(item_ids):
        raise field_error("body.item_ids", "each agenda item once")
    all_items = await load_agenda(session, meeting_id=meeting.id)
    visible = [i for i in all_items if item_visible(v, meeting, i)]
    visible_ids = {i.id for i in visible if i.id is not None}
    if set(item_ids) != visible_ids:
        unknown = sorted(set(item_ids) - visible_ids)
        if unknown:
            raise field_error("body.item_ids", f"not on this meeting's agenda: {unknown}")
        raise Conflict(
            "The agenda has changed since it was loaded (an item was added); reload and try again."
        )
    before = [i.id for i in visible]
    now = utcnow()
    moved = 0
    for position, item in enumerate(merged_order(all_items, visible_ids, item_ids)):
        if item.position != position:
            item.position = position
            item.version += 1
            item.updated_at = now
            moved += 1
    await session.flush()
    audit.record(
        session, actor=v.principal, action="meeting.reorder_agenda", object_type="meeting", object_id=meeting.id,
        summary={"before": before, "after": item_ids, "items_moved": moved},
    )  # fmt: skip
    return [i for i in await load_agenda(session, meeting_id=meeting.id) if i.id in visible_ids]
