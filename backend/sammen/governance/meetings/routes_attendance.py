"""HTTP handlers for a meeting's attendance (under /meetings)."""

from __future__ import annotations

from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page
from sammen.governance.meetings import access, service
from sammen.governance.meetings.deps import PartnerViewer, SignedInViewer
from sammen.governance.meetings.routes_meetings import meetings_router
from sammen.governance.meetings.schemas import AttendanceBatch, AttendancePublic


@meetings_router.get(
    "/{meeting_id}/attendance",
    response_model=Page[AttendancePublic],
    responses=problem_responses(401, 403, 404),
)
async def list_attendance(meeting_id: Id, session: SessionDep, v: PartnerViewer) -> Page[AttendancePublic]:
    """Every member of the body on the meeting's day, with present / absent / excused (or null)."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    return Page.whole(await service.attendance(session, meeting=meeting))


@meetings_router.put(
    "/{meeting_id}/attendance",
    response_model=list[AttendancePublic],
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def record_attendance(
    meeting_id: Id, data: AttendanceBatch, session: SessionDep, v: SignedInViewer
) -> list[AttendancePublic]:
    """Record attendance, keyed by member (idempotent; no If-Match)."""
    meeting = await access.get_meeting(session, v=v, meeting_id=meeting_id)
    return await service.record_attendance(session, v=v, meeting=meeting, data=data)
