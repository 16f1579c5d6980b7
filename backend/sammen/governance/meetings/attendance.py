"""Attendance: every member of the body on the meeting's day, and recording who came (keyed by
member, once the meeting is held)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sammen.core import audit, clock
from sammen.core.errors import Conflict, field_error
from sammen.governance.bodies import service as bodies
from sammen.governance.meetings.access import BEFORE_HELD, Viewer, require_runner
from sammen.governance.meetings.models import Attendance, Meeting, MeetingStatus
from sammen.governance.meetings.schemas import AttendanceBatch, AttendancePublic


async def _members_on(session: AsyncSession, *, meeting: Meeting) -> list[Any]:
    on = clock.local_date(meeting.starts_at)
    return await bodies.members_on(session, body_id=meeting.body_id, on=on)


async def attendance(session: AsyncSession, *, meeting: Meeting) -> list[AttendancePublic]:
    """Every member of the body on the meeting's day, with what was recorded for them."""
    members = await _members_on(session, meeting=meeting)
    recorded = {
        a.member_id: a
        for a in await session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    }
    extra_ids = set(recorded) - {m.id for m in members}
    if extra_ids:
        members += await bodies.members_by_ids(session, ids=sorted(extra_ids))
    return [
        AttendancePublic(
            member_id=m.id,
            person_name=m.person_name,
            organisation_id=m.organisation_id,
            status=row.status if (row := recorded.get(m.id)) else None,
            substitute_name=row.substitute_name if row else None,
        )
        for m in members
    ]


async def member_has_attendance(session: AsyncSession, *, member_id: int) -> bool:
    row = (await session.scalars(select(Attendance.id).where(Attendance.member_id == member_id))).first()
    return row is not None


async def record_attendance(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: AttendanceBatch
) -> list[AttendancePublic]:
    """Keyed by member: recording twice changes nothing (no If-Match needed)."""
    assert v.principal is not None
    assert meeting.id is not None
    require_runner(v, meeting.body_id)
    if meeting.status in BEFORE_HELD or meeting.status == MeetingStatus.cancelled:
        raise Conflict(f"Attendance is recorded once the meeting is held; it is {meeting.status.value}.")
    member_ids = [i.member_id for i in data.items]
    if len(set(member_ids)) != len(member_ids):
        raise field_error("body.items", "each member once")
    known = {
        m.id for m in await bodies.members_by_ids(session, ids=member_ids) if m.body_id == meeting.body_id
    }
    for index, entry in enumerate(data.items):
        if entry.member_id not in known:
            raise field_error(f"body.items.{index}.member_id", f"no member {entry.member_id} in this body")
    existing = {
        a.member_id: a
        for a in await session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    }
    changed = 0
    for entry in data.items:
        row = existing.get(entry.member_id)
        if row is None:
            session.add(
                Attendance(
                    meeting_id=meeting.id, member_id=entry.member_id, status=entry.status,
                    substitute_name=entry.substitute_name,
                )
            )  # fmt: skip
            changed += 1
        elif (row.status, row.substitute_name) != (entry.status, entry.substitute_name):
            row.status = entry.status
            row.substitute_name = entry.substitute_name
            changed += 1
    await session.flush()
    audit.record(
        session, actor=v.principal, action="meeting.attendance", object_type="meeting", object_id=meeting.id,
        summary={"entries": len(data.items), "changed": changed},
    )  # fmt: skip
    return await attendance(session, meeting=meeting)
