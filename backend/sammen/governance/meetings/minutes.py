"""Minutes: drafts per agenda item, circulation, approval and revisions of approved minutes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.changes import audited_change, reject_nulls
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, Forbidden, NotFound, field_error
from sammen.core.live import get_live
from sammen.core.permissions import BodyPermission
from sammen.core.tables import utcnow
from sammen.governance.meetings.access import Viewer, meeting_visible, require_runner
from sammen.governance.meetings.agenda import load_agenda
from sammen.governance.meetings.attendance import attendance
from sammen.governance.meetings.lifecycle import transition
from sammen.governance.meetings.models import AgendaItem, Meeting, MeetingStatus, MinutesEntry, MinutesStatus
from sammen.governance.meetings.schemas import MinutesCreate, MinutesRevision, MinutesUpdate


# ---------------------------------------------------------------- minutes
def _minutes_visible(v: Viewer, meeting: Meeting, item: AgendaItem | None, entry: MinutesEntry) -> bool:
    if (entry.restricted or (item is not None and item.restricted)) and not v.member_of(meeting.body_id):
        return False
    if entry.status == MinutesStatus.draft:
        return v.member_of(meeting.body_id) or v.runs(meeting.body_id)
    return True


async def list_minutes(session: AsyncSession, *, v: Viewer, meeting: Meeting) -> list[MinutesEntry]:
    """The current text per agenda item (superseded revisions left out) the caller may see."""
    items = {i.id: i for i in await load_agenda(session, meeting_id=meeting.id)}
    stmt = (
        select(MinutesEntry)
        .where(MinutesEntry.meeting_id == meeting.id, MinutesEntry.status != MinutesStatus.superseded)
        .order_by(col(MinutesEntry.id))
    )
    entries = [e for e in await session.scalars(stmt) if e.agenda_item_id in items]
    entries = [e for e in entries if _minutes_visible(v, meeting, items[e.agenda_item_id], e)]
    order = {item_id: n for n, item_id in enumerate(items)}
    return sorted(entries, key=lambda e: order[e.agenda_item_id])


async def get_minutes(
    session: AsyncSession, *, v: Viewer, minutes_id: int
) -> tuple[MinutesEntry, Meeting, AgendaItem]:
    entry = await session.get(MinutesEntry, minutes_id)
    if entry is None:
        raise NotFound(f"No minutes {minutes_id}.")
    meeting = await get_live(session, Meeting, entry.meeting_id)
    item = await get_live(session, AgendaItem, entry.agenda_item_id)
    if (
        meeting is None
        or item is None
        or not meeting_visible(v, meeting)
        or not _minutes_visible(v, meeting, item, entry)
    ):
        raise NotFound(f"No minutes {minutes_id}.")
    return entry, meeting, item


async def create_minutes(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: MinutesCreate
) -> MinutesEntry:
    assert v.principal is not None
    assert meeting.id is not None
    require_runner(v, meeting.body_id)
    if meeting.status not in {MeetingStatus.held, MeetingStatus.minutes_draft}:
        raise Conflict(
            f"Minutes are written once the meeting is held and until they are approved; it is {meeting.status.value}."
        )
    item = await get_live(session, AgendaItem, data.agenda_item_id)
    if item is None or item.meeting_id != meeting.id:
        raise field_error("body.agenda_item_id", f"no agenda item {data.agenda_item_id} in this meeting")
    if item.restricted and not v.member_of(meeting.body_id):
        raise field_error("body.agenda_item_id", f"no agenda item {data.agenda_item_id} in this meeting")
    exists = (
        await session.scalars(select(MinutesEntry).where(MinutesEntry.agenda_item_id == item.id))
    ).first()
    if exists is not None:
        raise Conflict(f"The item already has minutes ({exists.id}); change those instead.")
    entry = MinutesEntry(
        meeting_id=meeting.id,
        agenda_item_id=data.agenda_item_id,
        text=data.text,
        restricted=data.restricted or item.restricted,
        written_by=v.principal.name,
    )
    session.add(entry)
    if meeting.status == MeetingStatus.held or meeting.minutes_circulated_at is not None:
        meeting.status = MeetingStatus.minutes_draft
        meeting.minutes_circulated_at = None  # a new item's minutes: circulate again before approval
        meeting.version += 1
        meeting.updated_at = utcnow()
    await session.flush()
    audit.record(
        session, actor=v.principal, action="minutes.create", object_type="minutes", object_id=entry.id,
        after=audit.snapshot(entry),
    )  # fmt: skip
    return entry


async def update_minutes(
    session: AsyncSession,
    *,
    v: Viewer,
    entry: MinutesEntry,
    meeting: Meeting,
    data: MinutesUpdate,
    expected_version: int,
) -> MinutesEntry:
    assert v.principal is not None
    require_runner(v, meeting.body_id)
    if entry.status != MinutesStatus.draft:
        raise Conflict(
            "Approved minutes are never changed in place: post a new revision with a reason "
            f"(POST /api/v1/minutes/{entry.id}/revisions)."
        )
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("text", "restricted"))
    if meeting.minutes_circulated_at is not None:
        meeting.minutes_circulated_at = None  # a changed draft is circulated again before approval
        meeting.version += 1
        meeting.updated_at = utcnow()
    await audited_change(
        session, entry, actor=v.principal, expected_version=expected_version, action="minutes.update",
        changes=changes,
    )  # fmt: skip
    return entry


async def circulate_minutes(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, expected_version: int
) -> tuple[Meeting, list[str]]:
    """Mark the draft as sent to the attendees for comments; returns who it went to."""
    require_runner(v, meeting.body_id)
    if meeting.status != MeetingStatus.minutes_draft:
        raise Conflict(f"Only draft minutes are circulated; the meeting is {meeting.status.value}.")
    present = [a.person_name for a in await attendance(session, meeting=meeting) if a.status == "present"]
    meeting = await transition(
        session, v=v, meeting=meeting, expected_version=expected_version,
        to=MeetingStatus.minutes_draft, action="circulate_minutes", minutes_circulated_at=utcnow(),
        summary={"circulated_to": present},
    )  # fmt: skip
    return meeting, present


async def approve_minutes(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, expected_version: int
) -> Meeting:
    assert v.principal is not None
    if v.principal is None or not v.can(meeting.body_id, BodyPermission.approve_minutes):
        raise Forbidden("Only the body's chair or secretary approves minutes.")
    if meeting.status != MeetingStatus.minutes_draft:
        raise Conflict(f"There are no draft minutes to approve; the meeting is {meeting.status.value}.")
    if meeting.minutes_circulated_at is None:
        raise Conflict("Circulate the draft to the attendees before approving it.")
    now = utcnow()
    drafts = await session.scalars(
        select(MinutesEntry).where(
            MinutesEntry.meeting_id == meeting.id, MinutesEntry.status == MinutesStatus.draft
        )
    )
    for entry in drafts:
        entry.status = MinutesStatus.approved
        entry.approved_at = now
        entry.approved_by = v.principal.name
        entry.version += 1
    return await transition(
        session, v=v, meeting=meeting, expected_version=expected_version, to=MeetingStatus.minutes_approved,
        action="approve_minutes", minutes_approved_at=now, minutes_approved_by=v.principal.name,
    )  # fmt: skip


async def revise_minutes(
    session: AsyncSession,
    *,
    v: Viewer,
    entry: MinutesEntry,
    meeting: Meeting,
    data: MinutesRevision,
    expected_version: int,
) -> MinutesEntry:
    """A correction of approved minutes: a new approved revision pointing to the old one."""
    assert v.principal is not None
    if not v.can(meeting.body_id, BodyPermission.approve_minutes):
        raise Forbidden("Only the body's chair or secretary revises approved minutes.")
    if entry.status != MinutesStatus.approved:
        raise Conflict(
            f"Only the current approved text is revised; this one is {entry.status.value}"
            + (" (edit the draft instead)." if entry.status == MinutesStatus.draft else ".")
        )
    before = audit.snapshot(entry)
    await claim_version(session, entry, expected_version)
    entry.status = MinutesStatus.superseded
    await session.flush()
    revision = MinutesEntry(
        meeting_id=entry.meeting_id,
        agenda_item_id=entry.agenda_item_id,
        revision=entry.revision + 1,
        text=data.text,
        restricted=entry.restricted,
        status=MinutesStatus.approved,
        reason=data.reason,
        previous_id=entry.id,
        written_by=v.principal.name,
        approved_at=utcnow(),
        approved_by=v.principal.name,
    )
    session.add(revision)
    await session.flush()
    audit.record(
        session, actor=v.principal, action="minutes.revise", object_type="minutes", object_id=revision.id,
        before=before, after=audit.snapshot(revision), summary={"reason": data.reason, "previous_id": entry.id},
    )  # fmt: skip
    return revision


async def minutes_history(session: AsyncSession, *, entry: MinutesEntry) -> list[MinutesEntry]:
    stmt = (
        select(MinutesEntry)
        .where(MinutesEntry.agenda_item_id == entry.agenda_item_id)
        .order_by(col(MinutesEntry.revision))
    )
    return list((await session.scalars(stmt)).all())
