"""A meeting's lifecycle: creating and changing it, and its status transitions.

planned -> agenda_published -> held (-> minutes_draft -> minutes_approved, in minutes.py);
planned or agenda_published -> cancelled. Only the body's runners (access.require_runner) act."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.changes import audited_change, audited_create, reject_nulls
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.tables import utcnow
from sammen.governance.bodies import service as bodies
from sammen.governance.meetings.access import BEFORE_HELD, Viewer, require_runner
from sammen.governance.meetings.agenda import load_agenda
from sammen.governance.meetings.models import Meeting, MeetingStatus
from sammen.governance.meetings.schemas import Guest, MeetingCancel, MeetingCreate, MeetingUpdate


def _guests(guests: Iterable[Guest]) -> list[dict[str, Any]]:
    return [g.model_dump(exclude_none=True) for g in guests]


async def create_meeting(session: AsyncSession, *, v: Viewer, data: MeetingCreate) -> Meeting:
    assert v.principal is not None
    try:
        body = await bodies.get_body(session, body_id=data.body_id)
    except NotFound:
        raise field_error("body.body_id", f"no body {data.body_id}") from None
    require_runner(v, data.body_id)
    if body.status == bodies.BodyStatus.dissolved:
        raise Conflict("The body is dissolved; it holds no more meetings.")
    meeting = Meeting(
        body_id=data.body_id,
        title=data.title,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=data.place,
        online_url=str(data.online_url) if data.online_url else None,
        visibility=data.visibility,
        guests=_guests(data.guests),
    )
    await audited_create(session, meeting, actor=v.principal, action="meeting.create")
    return meeting


async def update_meeting(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: MeetingUpdate, expected_version: int
) -> Meeting:
    assert v.principal is not None
    require_runner(v, meeting.body_id)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("title", "starts_at", "ends_at", "visibility", "guests"))
    if meeting.status not in BEFORE_HELD and set(changes) - {"visibility", "guests", "place", "online_url"}:
        raise Conflict(f"The meeting is {meeting.status.value}; its title and times are fixed.")
    starts = changes.get("starts_at", meeting.starts_at)
    ends = changes.get("ends_at", meeting.ends_at)
    for key in ("starts_at", "ends_at"):
        if key in changes and changes[key].tzinfo is None:
            raise field_error(f"body.{key}", "needs an offset (RFC 3339)")
    if ends <= starts:
        raise field_error("body.ends_at", "must be after starts_at")
    if "guests" in changes:
        changes["guests"] = _guests(data.guests or [])
    if changes.get("online_url") is not None:
        changes["online_url"] = str(data.online_url)
    await audited_change(
        session, meeting, actor=v.principal, expected_version=expected_version, action="meeting.update",
        changes=changes,
    )  # fmt: skip
    return meeting


async def transition(
    session: AsyncSession,
    *,
    v: Viewer,
    meeting: Meeting,
    expected_version: int,
    to: MeetingStatus,
    action: str,
    summary: dict[str, Any] | None = None,
    **values: Any,
) -> Meeting:
    assert v.principal is not None
    await audited_change(
        session, meeting, actor=v.principal, expected_version=expected_version, action=f"meeting.{action}",
        changes={"status": to, **values}, summary=summary,
    )  # fmt: skip
    return meeting


async def publish_agenda(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, expected_version: int
) -> Meeting:
    require_runner(v, meeting.body_id)
    if meeting.status != MeetingStatus.planned:
        raise Conflict(
            f"Only a planned meeting's agenda is published; this meeting is {meeting.status.value}."
        )
    if not await load_agenda(session, meeting_id=meeting.id):
        raise Conflict("The agenda is empty; add at least one item before publishing it.")
    return await transition(
        session, v=v, meeting=meeting, expected_version=expected_version,
        to=MeetingStatus.agenda_published, action="publish_agenda",
    )  # fmt: skip


async def hold_meeting(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, expected_version: int
) -> Meeting:
    require_runner(v, meeting.body_id)
    if meeting.status not in BEFORE_HELD:
        raise Conflict(f"Only a planned meeting can be marked held; this meeting is {meeting.status.value}.")
    if meeting.starts_at > utcnow():
        raise Conflict("The meeting has not started yet.")
    return await transition(
        session, v=v, meeting=meeting, expected_version=expected_version, to=MeetingStatus.held, action="hold"
    )


async def cancel_meeting(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: MeetingCancel, expected_version: int
) -> Meeting:
    require_runner(v, meeting.body_id)
    if meeting.status not in BEFORE_HELD:
        raise Conflict(
            f"Only a meeting not yet held can be cancelled; this meeting is {meeting.status.value}."
        )
    return await transition(
        session, v=v, meeting=meeting, expected_version=expected_version,
        to=MeetingStatus.cancelled, action="cancel", cancelled_reason=data.reason,
    )  # fmt: skip
