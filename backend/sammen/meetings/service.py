"""Meetings, agenda, attendance, minutes, decisions, links and action items: every rule lives here.

Who may see what:
- a meeting follows its `visibility` (public / partners / restricted); restricted meetings,
  and restricted agenda items, minutes, decisions and action items, are visible only to the
  body's current members (admins too only when they are members);
- draft minutes are visible to the body's members and to those who run its meetings; approved
  minutes to everyone who sees the meeting.
Who may change what (core.permissions.BODY_ROLE_PERMISSIONS): a body's chair and secretary
run its meetings, agenda, attendance, draft minutes, decisions and action items; admins
(bodies:manage) may too; only the chair or the secretary approve minutes and revise approved ones.
Lifecycle: planned -> agenda_published -> held -> minutes_draft -> minutes_approved; planned
or agenda_published -> cancelled. Approved minutes change only as a new revision with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false, func, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.bodies import service as bodies
from sammen.core import audit, links
from sammen.core.changes import audited_change, reject_nulls
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, Forbidden, NotFound, field_error
from sammen.core.links import LinkTarget, LinkTargetType
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import BodyPermission, BodyRole, Permission, Principal, body_permissions
from sammen.core.search import contains_text
from sammen.core.tables import Visibility, utcnow
from sammen.goals import service as goals
from sammen.meetings.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    Attendance,
    Decision,
    GovernanceLink,
    LinkSource,
    Meeting,
    MeetingStatus,
    MinutesEntry,
    MinutesStatus,
)
from sammen.meetings.models import DecisionKind as DecisionKind
from sammen.meetings.schemas import (
    ActionItemCreate,
    ActionItemPublic,
    ActionItemUpdate,
    AgendaItemCreate,
    AgendaItemPublic,
    AgendaItemUpdate,
    AttendanceBatch,
    AttendancePublic,
    DecisionCorrection,
    DecisionCreate,
    DecisionPublic,
    Guest,
    LinkedFrom,
    LinkIn,
    LinkPublic,
    MeetingCancel,
    MeetingCreate,
    MeetingPublic,
    MeetingUpdate,
    MinutesCreate,
    MinutesRevision,
    MinutesUpdate,
    ReferencePublic,
)


# ---------------------------------------------------------------- the caller, in body terms
@dataclass(frozen=True)
class Viewer:
    principal: Principal | None
    roles: dict[int, frozenset[BodyRole]] = field(default_factory=dict)

    @property
    def member_bodies(self) -> list[int]:
        return sorted(self.roles)

    def member_of(self, body_id: int) -> bool:
        return body_id in self.roles

    def can(self, body_id: int, permission: BodyPermission) -> bool:
        return permission in body_permissions(self.roles.get(body_id, ()))

    @property
    def manages_bodies(self) -> bool:
        return self.principal is not None and self.principal.can(Permission.manage_bodies)

    def runs(self, body_id: int) -> bool:
        return self.manages_bodies or self.can(body_id, BodyPermission.run_meetings)

    @property
    def is_partner(self) -> bool:
        return self.principal is not None and self.principal.is_partner


async def viewer(session: AsyncSession, principal: Principal | None) -> Viewer:
    return Viewer(principal=principal, roles=await bodies.body_roles(session, principal))


def _meeting_visible(v: Viewer, meeting: Meeting) -> bool:
    if meeting.deleted_at is not None:
        return False
    if v.member_of(meeting.body_id) or meeting.visibility == Visibility.public:
        return True
    return meeting.visibility == Visibility.partners and v.is_partner


def meeting_clause(v: Viewer) -> Any:
    """The meeting visibility rule as SQL (mirrors `_meeting_visible`)."""
    clauses: list[Any] = [col(Meeting.visibility) == Visibility.public]
    if v.is_partner:
        clauses.append(col(Meeting.visibility) == Visibility.partners)
    if v.member_bodies:
        clauses.append(col(Meeting.body_id).in_(v.member_bodies))
    return and_(col(Meeting.deleted_at).is_(None), or_(*clauses))


def _restricted_clause(v: Viewer, restricted_col: Any, body_col: Any) -> Any:
    """Restricted rows only for members of their body."""
    if v.member_bodies:
        return or_(restricted_col == false(), body_col.in_(v.member_bodies))
    return restricted_col == false()


def _require_runner(v: Viewer, body_id: int) -> None:
    if v.principal is None:
        from sammen.core.errors import Unauthorized

        raise Unauthorized()
    if not v.runs(body_id):
        raise Forbidden("Only the body's chair or secretary (or an admin) runs its meetings.")


# ---------------------------------------------------------------- meetings
def meeting_public(meeting: Meeting, v: Viewer) -> MeetingPublic:
    """Guests' e-mail addresses are for partners and the body's members only."""
    assert meeting.id is not None
    contacts = v.is_partner or v.member_of(meeting.body_id)
    return MeetingPublic(
        id=meeting.id,
        body_id=meeting.body_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        online_url=meeting.online_url,
        status=meeting.status,
        visibility=meeting.visibility,
        guests=[
            Guest(**(g if contacts else {k: x for k, x in g.items() if k != "email"})) for g in meeting.guests
        ],
        cancelled_reason=meeting.cancelled_reason,
        minutes_circulated_at=meeting.minutes_circulated_at,
        minutes_approved_at=meeting.minutes_approved_at,
        minutes_approved_by=meeting.minutes_approved_by,
        version=meeting.version,
    )


async def get_meeting(session: AsyncSession, *, v: Viewer, meeting_id: int) -> Meeting:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None or not _meeting_visible(v, meeting):
        raise NotFound(f"No meeting {meeting_id}.")
    return meeting


async def list_meetings(
    session: AsyncSession,
    *,
    v: Viewer,
    page: PageParams,
    body_id: int | None = None,
    status: MeetingStatus | None = None,
    starts_from: dt.datetime | None = None,
    starts_before: dt.datetime | None = None,
) -> tuple[list[Meeting], int]:
    stmt = select(Meeting).where(meeting_clause(v)).order_by(col(Meeting.starts_at).desc(), col(Meeting.id))
    if body_id is not None:
        stmt = stmt.where(Meeting.body_id == body_id)
    if status is not None:
        stmt = stmt.where(Meeting.status == status)
    if starts_from is not None:
        stmt = stmt.where(col(Meeting.starts_at) >= starts_from)
    if starts_before is not None:
        stmt = stmt.where(col(Meeting.starts_at) < starts_before)
    return await fetch_objects(session, stmt, page)


async def visible_meetings(session: AsyncSession, *, v: Viewer, body_id: int | None = None) -> list[Meeting]:
    """Every meeting the caller may see (for calendar feeds), oldest first."""
    stmt = select(Meeting).where(meeting_clause(v)).order_by(col(Meeting.starts_at), col(Meeting.id))
    if body_id is not None:
        stmt = stmt.where(Meeting.body_id == body_id)
    return list((await session.scalars(stmt)).all())


def _guests(guests: Iterable[Guest]) -> list[dict[str, Any]]:
    return [g.model_dump(exclude_none=True) for g in guests]


async def create_meeting(session: AsyncSession, *, v: Viewer, data: MeetingCreate) -> Meeting:
    assert v.principal is not None
    try:
        body = await bodies.get_body(session, body_id=data.body_id)
    except NotFound:
        raise field_error("body.body_id", f"no body {data.body_id}") from None
    _require_runner(v, data.body_id)
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
    session.add(meeting)
    await session.flush()
    audit.record(
        session, actor=v.principal, action="meeting.create", object_type="meeting", object_id=meeting.id,
        after=audit.snapshot(meeting),
    )  # fmt: skip
    return meeting


_BEFORE_HELD = {MeetingStatus.planned, MeetingStatus.agenda_published}


async def update_meeting(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: MeetingUpdate, expected_version: int
) -> Meeting:
    assert v.principal is not None
    _require_runner(v, meeting.body_id)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("title", "starts_at", "ends_at", "visibility", "guests"))
    if meeting.status not in _BEFORE_HELD and set(changes) - {"visibility", "guests", "place", "online_url"}:
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


async def _transition(
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
    _require_runner(v, meeting.body_id)
    if meeting.status != MeetingStatus.planned:
        raise Conflict(
            f"Only a planned meeting's agenda is published; this meeting is {meeting.status.value}."
        )
    if not await _agenda(session, meeting_id=meeting.id):
        raise Conflict("The agenda is empty; add at least one item before publishing it.")
    return await _transition(
        session, v=v, meeting=meeting, expected_version=expected_version,
        to=MeetingStatus.agenda_published, action="publish_agenda",
    )  # fmt: skip


async def hold_meeting(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, expected_version: int
) -> Meeting:
    _require_runner(v, meeting.body_id)
    if meeting.status not in _BEFORE_HELD:
        raise Conflict(f"Only a planned meeting can be marked held; this meeting is {meeting.status.value}.")
    if meeting.starts_at > utcnow():
        raise Conflict("The meeting has not started yet.")
    return await _transition(
        session, v=v, meeting=meeting, expected_version=expected_version, to=MeetingStatus.held, action="hold"
    )


async def cancel_meeting(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: MeetingCancel, expected_version: int
) -> Meeting:
    _require_runner(v, meeting.body_id)
    if meeting.status not in _BEFORE_HELD:
        raise Conflict(
            f"Only a meeting not yet held can be cancelled; this meeting is {meeting.status.value}."
        )
    return await _transition(
        session, v=v, meeting=meeting, expected_version=expected_version,
        to=MeetingStatus.cancelled, action="cancel", cancelled_reason=data.reason,
    )  # fmt: skip


# ---------------------------------------------------------------- links
def _pairs(items: Sequence[LinkIn]) -> list[tuple[LinkTargetType, int]]:
    return [(link.target_type, link.target_id) for link in items]


async def _links_of(
    session: AsyncSession, *, v: Viewer, source_type: LinkSource, source_ids: Sequence[int]
) -> dict[int, list[LinkPublic]]:
    if not source_ids:
        return {}
    rows = list(
        (
            await session.scalars(
                select(GovernanceLink)
                .where(
                    GovernanceLink.source_type == source_type, col(GovernanceLink.source_id).in_(source_ids)
                )
                .order_by(col(GovernanceLink.id))
            )
        ).all()
    )
    found = await links.resolve(session, v.principal, [(r.target_type, r.target_id) for r in rows])
    out: dict[int, list[LinkPublic]] = {}
    for r in rows:
        target = found.get((r.target_type, r.target_id))
        out.setdefault(r.source_id, []).append(
            LinkPublic(
                target_type=r.target_type, target_id=r.target_id, title=target.title if target else None
            )
        )
    return out


async def _set_links(
    session: AsyncSession,
    *,
    source_type: LinkSource,
    source_id: int,
    pairs: Sequence[tuple[LinkTargetType, int]],
) -> None:
    existing = list(
        (
            await session.scalars(
                select(GovernanceLink).where(
                    GovernanceLink.source_type == source_type, GovernanceLink.source_id == source_id
                )
            )
        ).all()
    )
    wanted = set(pairs)
    for row in existing:
        if (row.target_type, row.target_id) not in wanted:
            await session.delete(row)
    have = {(r.target_type, r.target_id) for r in existing}
    for target_type, target_id in pairs:
        if (target_type, target_id) not in have:
            session.add(
                GovernanceLink(
                    source_type=source_type, source_id=source_id, target_type=target_type, target_id=target_id
                )
            )
    await session.flush()


async def ensure_decision_link(
    session: AsyncSession, *, decision_id: int, target_type: LinkTargetType, target_id: int
) -> None:
    """Make sure the decision points at what it authorised (added by the approving action)."""
    exists = (
        await session.scalars(
            select(GovernanceLink).where(
                GovernanceLink.source_type == LinkSource.decision,
                GovernanceLink.source_id == decision_id,
                GovernanceLink.target_type == target_type,
                GovernanceLink.target_id == target_id,
            )
        )
    ).first()
    if exists is None:
        session.add(
            GovernanceLink(
                source_type=LinkSource.decision,
                source_id=decision_id,
                target_type=target_type,
                target_id=target_id,
            )
        )
        await session.flush()


async def linked_from(
    session: AsyncSession, *, v: Viewer, target_type: LinkTargetType, target_id: int
) -> list[LinkedFrom]:
    """The agenda items and decisions, visible to the caller, that link to one target."""
    out: list[LinkedFrom] = []
    item_rows = await session.execute(
        select(AgendaItem, Meeting)
        .join(
            GovernanceLink,
            and_(
                col(GovernanceLink.source_type) == LinkSource.agenda_item,
                col(GovernanceLink.source_id) == col(AgendaItem.id),
            ),
        )
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .where(
            GovernanceLink.target_type == target_type,
            GovernanceLink.target_id == target_id,
            col(AgendaItem.deleted_at).is_(None),
            meeting_clause(v),
            _restricted_clause(v, col(AgendaItem.restricted), col(Meeting.body_id)),
        )
    )
    for item, meeting in item_rows:
        out.append(
            LinkedFrom(
                source_type=LinkSource.agenda_item, source_id=item.id, meeting_id=meeting.id,
                body_id=meeting.body_id, title=item.title, date=bodies.local_date(meeting.starts_at),
            )
        )  # fmt: skip
    decision_rows = await session.scalars(
        _decisions_stmt(v)
        .join(
            GovernanceLink,
            and_(
                col(GovernanceLink.source_type) == LinkSource.decision,
                col(GovernanceLink.source_id) == col(Decision.id),
            ),
        )
        .where(GovernanceLink.target_type == target_type, GovernanceLink.target_id == target_id)
    )
    for decision in decision_rows:
        assert decision.id is not None
        out.append(
            LinkedFrom(
                source_type=LinkSource.decision, source_id=decision.id, meeting_id=decision.meeting_id,
                body_id=decision.body_id, title=decision.title, number=decision.number, date=decision.decided_on,
            )
        )  # fmt: skip
    return sorted(out, key=lambda x: (x.date, x.source_type.value, x.source_id))


# ---------------------------------------------------------------- agenda items
def _item_visible(v: Viewer, meeting: Meeting, item: AgendaItem) -> bool:
    return item.deleted_at is None and (not item.restricted or v.member_of(meeting.body_id))


async def _agenda(session: AsyncSession, *, meeting_id: int | None) -> list[AgendaItem]:
    stmt = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id, col(AgendaItem.deleted_at).is_(None))
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    )
    return list((await session.scalars(stmt)).all())


async def agenda_public(
    session: AsyncSession, *, v: Viewer, items: Sequence[AgendaItem]
) -> list[AgendaItemPublic]:
    by_item = await _links_of(
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


async def agenda_titles(
    session: AsyncSession, *, v: Viewer, meetings: Sequence[Meeting]
) -> dict[int, list[str]]:
    """The visible agenda titles of many meetings in one query (for calendar feeds)."""
    by_id = {m.id: m for m in meetings if m.id is not None}
    if not by_id:
        return {}
    rows = await session.execute(
        select(AgendaItem.meeting_id, AgendaItem.title, AgendaItem.restricted)
        .where(col(AgendaItem.meeting_id).in_(list(by_id)), col(AgendaItem.deleted_at).is_(None))
        .order_by(col(AgendaItem.meeting_id), col(AgendaItem.position), col(AgendaItem.id))
    )
    titles: dict[int, list[str]] = {}
    for meeting_id, title, restricted in rows:
        if not restricted or v.member_of(by_id[meeting_id].body_id):
            titles.setdefault(meeting_id, []).append(title)
    return titles


async def list_agenda(session: AsyncSession, *, v: Viewer, meeting: Meeting) -> list[AgendaItem]:
    return [i for i in await _agenda(session, meeting_id=meeting.id) if _item_visible(v, meeting, i)]


async def get_agenda_item(session: AsyncSession, *, v: Viewer, item_id: int) -> tuple[AgendaItem, Meeting]:
    item = await session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(f"No agenda item {item_id}.")
    meeting = await session.get(Meeting, item.meeting_id)
    if meeting is None or not _meeting_visible(v, meeting) or not _item_visible(v, meeting, item):
        raise NotFound(f"No agenda item {item_id}.")
    return item, meeting


def _agenda_open(meeting: Meeting) -> None:
    if meeting.status not in _BEFORE_HELD:
        raise Conflict(f"The meeting is {meeting.status.value}; its agenda is fixed.")


async def create_agenda_item(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: AgendaItemCreate
) -> AgendaItem:
    assert v.principal is not None
    assert meeting.id is not None
    _require_runner(v, meeting.body_id)
    _agenda_open(meeting)
    pairs = _pairs(data.links)
    await links.validate(session, v.principal, pairs)
    position = data.position
    if position is None:
        current = await session.scalar(
            select(func.max(AgendaItem.position)).where(
                AgendaItem.meeting_id == meeting.id, col(AgendaItem.deleted_at).is_(None)
            )
        )
        position = 0 if current is None else int(current) + 1
    item = AgendaItem(
        meeting_id=meeting.id, position=position, **data.model_dump(exclude={"links", "position"})
    )
    session.add(item)
    await session.flush()
    assert item.id is not None
    await _set_links(session, source_type=LinkSource.agenda_item, source_id=item.id, pairs=pairs)
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
    _require_runner(v, meeting.body_id)
    _agenda_open(meeting)
    changes = data.model_dump(exclude_unset=True, exclude={"links"})
    reject_nulls(changes, ("title", "kind", "position", "restricted"))
    pairs = _pairs(data.links) if data.links is not None else None
    if pairs is not None:
        await links.validate(session, v.principal, pairs)
    before = audit.snapshot(item)
    await claim_version(session, item, expected_version)
    for key, value in changes.items():
        setattr(item, key, value)
    if pairs is not None:
        await _set_links(session, source_type=LinkSource.agenda_item, source_id=item.id, pairs=pairs)
    await session.flush()
    audit.record(
        session, actor=v.principal, action="agenda_item.update", object_type="agenda_item", object_id=item.id,
        before=before, after=audit.snapshot(item),
    )  # fmt: skip
    return item


async def delete_agenda_item(
    session: AsyncSession, *, v: Viewer, item: AgendaItem, meeting: Meeting, expected_version: int
) -> None:
    assert v.principal is not None
    _require_runner(v, meeting.body_id)
    _agenda_open(meeting)
    await audited_change(
        session, item, actor=v.principal, expected_version=expected_version, action="agenda_item.delete",
        changes={"deleted_at": utcnow()},
    )  # fmt: skip


# ---------------------------------------------------------------- attendance
async def _members_on(session: AsyncSession, *, meeting: Meeting) -> list[Any]:
    on = bodies.local_date(meeting.starts_at)
    return await bodies.members_on(session, body_id=meeting.body_id, on=on)


async def attendance(session: AsyncSession, *, meeting: Meeting) -> list[AttendancePublic]:
    """Every member of the body on the meeting's day, with what was recorded for them."""
    members = await _members_on(session, meeting=meeting)
    recorded = {
        a.member_id: a.status
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
            status=recorded.get(m.id),
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
    _require_runner(v, meeting.body_id)
    if meeting.status in _BEFORE_HELD or meeting.status == MeetingStatus.cancelled:
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
            session.add(Attendance(meeting_id=meeting.id, member_id=entry.member_id, status=entry.status))
            changed += 1
        elif row.status != entry.status:
            row.status = entry.status
            changed += 1
    await session.flush()
    audit.record(
        session, actor=v.principal, action="meeting.attendance", object_type="meeting", object_id=meeting.id,
        summary={"entries": len(data.items), "changed": changed},
    )  # fmt: skip
    return await attendance(session, meeting=meeting)


# ---------------------------------------------------------------- minutes
def _minutes_visible(v: Viewer, meeting: Meeting, item: AgendaItem | None, entry: MinutesEntry) -> bool:
    if (entry.restricted or (item is not None and item.restricted)) and not v.member_of(meeting.body_id):
        return False
    if entry.status == MinutesStatus.draft:
        return v.member_of(meeting.body_id) or v.runs(meeting.body_id)
    return True


async def list_minutes(session: AsyncSession, *, v: Viewer, meeting: Meeting) -> list[MinutesEntry]:
    """The current text per agenda item (superseded revisions left out) the caller may see."""
    items = {i.id: i for i in await _agenda(session, meeting_id=meeting.id)}
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
    meeting = await session.get(Meeting, entry.meeting_id)
    item = await session.get(AgendaItem, entry.agenda_item_id)
    if (
        meeting is None
        or item is None
        or not _meeting_visible(v, meeting)
        or item.deleted_at is not None
        or not _minutes_visible(v, meeting, item, entry)
    ):
        raise NotFound(f"No minutes {minutes_id}.")
    return entry, meeting, item


async def create_minutes(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, data: MinutesCreate
) -> MinutesEntry:
    assert v.principal is not None
    assert meeting.id is not None
    _require_runner(v, meeting.body_id)
    if meeting.status not in {MeetingStatus.held, MeetingStatus.minutes_draft}:
        raise Conflict(
            f"Minutes are written once the meeting is held and until they are approved; it is {meeting.status.value}."
        )
    item = await session.get(AgendaItem, data.agenda_item_id)
    if item is None or item.meeting_id != meeting.id or item.deleted_at is not None:
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
    _require_runner(v, meeting.body_id)
    if entry.status != MinutesStatus.draft:
        raise Conflict(
            "Approved minutes are never changed in place: post a new revision with a reason "
            f"(POST /api/v1/minutes/{entry.id}/revisions)."
        )
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("text", "restricted"))
    before = audit.snapshot(entry)
    await claim_version(session, entry, expected_version)
    for key, value in changes.items():
        setattr(entry, key, value)
    if meeting.minutes_circulated_at is not None:
        meeting.minutes_circulated_at = None  # a changed draft is circulated again before approval
        meeting.version += 1
        meeting.updated_at = utcnow()
    await session.flush()
    audit.record(
        session, actor=v.principal, action="minutes.update", object_type="minutes", object_id=entry.id,
        before=before, after=audit.snapshot(entry),
    )  # fmt: skip
    return entry


async def circulate_minutes(
    session: AsyncSession, *, v: Viewer, meeting: Meeting, expected_version: int
) -> tuple[Meeting, list[str]]:
    """Mark the draft as sent to the attendees for comments; returns who it went to."""
    _require_runner(v, meeting.body_id)
    if meeting.status != MeetingStatus.minutes_draft:
        raise Conflict(f"Only draft minutes are circulated; the meeting is {meeting.status.value}.")
    present = [a.person_name for a in await attendance(session, meeting=meeting) if a.status == "present"]
    meeting = await _transition(
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
    return await _transition(
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


# ---------------------------------------------------------------- decisions
def _decisions_stmt(v: Viewer) -> Any:
    return (
        select(Decision)
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .where(meeting_clause(v), _restricted_clause(v, col(Decision.restricted), col(Decision.body_id)))
    )


async def get_decision(session: AsyncSession, *, v: Viewer, decision_id: int) -> Decision:
    decision = (await session.scalars(_decisions_stmt(v).where(Decision.id == decision_id))).first()
    if decision is None:
        raise NotFound(f"No decision {decision_id}.")
    assert isinstance(decision, Decision)
    return decision


async def require_decision(
    session: AsyncSession,
    *,
    decision_id: int,
    kinds: set[DecisionKind] | None,
    field: str,
    made_by_body_id: int | None = None,
    made_by_kind: bodies.BodyKind | None = None,
) -> Decision:
    """A reference to a decision must name one that exists, of the right kind, by the right body."""
    decision = await session.get(Decision, decision_id)
    if decision is None:
        raise field_error(field, f"no decision {decision_id}")
    if kinds is not None and decision.kind not in kinds:
        wanted = " or ".join(sorted(k.value for k in kinds))
        raise field_error(
            field, f"decision {decision_id} is of kind {decision.kind.value}; it must be {wanted}"
        )
    if made_by_body_id is not None and decision.body_id != made_by_body_id:
        raise field_error(field, f"decision {decision_id} was not made by body {made_by_body_id}")
    if made_by_kind is not None:
        body = await bodies.get_body(session, body_id=decision.body_id)
        if body.kind != made_by_kind:
            raise field_error(field, f"decision {decision_id} was not made by the {made_by_kind.value}")
    return decision


async def _next_number(session: AsyncSession, *, body_id: int, year: int) -> str:
    prefix = f"{year}-"
    numbers = await session.scalars(
        select(Decision.number).where(Decision.body_id == body_id, col(Decision.number).startswith(prefix))
    )
    running = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{(max(running) if running else 0) + 1:03d}"


async def create_decision(session: AsyncSession, *, v: Viewer, data: DecisionCreate) -> Decision:
    assert v.principal is not None
    try:
        meeting = await get_meeting(session, v=v, meeting_id=data.meeting_id)
    except NotFound:
        raise field_error("body.meeting_id", f"no meeting {data.meeting_id}") from None
    _require_runner(v, meeting.body_id)
    if meeting.status in _BEFORE_HELD or meeting.status == MeetingStatus.cancelled:
        raise Conflict(f"Decisions are made at a held meeting; this meeting is {meeting.status.value}.")
    restricted = meeting.visibility == Visibility.restricted
    if data.agenda_item_id is not None:
        item = await session.get(AgendaItem, data.agenda_item_id)
        if item is None or item.meeting_id != meeting.id or item.deleted_at is not None:
            raise field_error("body.agenda_item_id", f"no agenda item {data.agenda_item_id} in this meeting")
        restricted = restricted or item.restricted
    pairs = _pairs(data.links)
    await links.validate(session, v.principal, pairs)
    decided_on = data.decided_on or bodies.local_date(meeting.starts_at)
    number = data.number or await _next_number(session, body_id=meeting.body_id, year=decided_on.year)
    taken = (
        await session.scalars(
            select(Decision).where(Decision.body_id == meeting.body_id, Decision.number == number)
        )
    ).first()
    if taken is not None:
        raise field_error("body.number", f"the body already has decision {number}")
    decision = Decision(
        body_id=meeting.body_id,
        meeting_id=data.meeting_id,
        agenda_item_id=data.agenda_item_id,
        number=number,
        kind=data.kind,
        title=data.title,
        text=data.text,
        decided_on=decided_on,
        restricted=restricted,
        recorded_by=v.principal.name,
    )
    session.add(decision)
    await session.flush()
    assert decision.id is not None
    await _set_links(session, source_type=LinkSource.decision, source_id=decision.id, pairs=pairs)
    audit.record(
        session, actor=v.principal, action="decision.create", object_type="decision", object_id=decision.id,
        after=audit.snapshot(decision), summary={"links": [f"{t.value}:{i}" for t, i in pairs]},
    )  # fmt: skip
    return decision


async def correct_decision(
    session: AsyncSession, *, v: Viewer, decision: Decision, data: DecisionCorrection, expected_version: int
) -> Decision:
    """A correction: a new revision with the same number, pointing to the one it replaces."""
    assert v.principal is not None
    assert decision.id is not None
    _require_runner(v, decision.body_id)
    if decision.superseded_by_id is not None:
        raise Conflict(
            f"Revision {decision.revision} is already corrected by decision {decision.superseded_by_id}."
        )
    if data.links is not None:
        pairs = _pairs(data.links)
        await links.validate(session, v.principal, pairs)
    else:
        rows = await session.scalars(
            select(GovernanceLink)
            .where(GovernanceLink.source_type == LinkSource.decision, GovernanceLink.source_id == decision.id)
            .order_by(col(GovernanceLink.id))
        )
        pairs = [(r.target_type, r.target_id) for r in rows]
    before = audit.snapshot(decision)
    await claim_version(session, decision, expected_version)
    correction = Decision(
        body_id=decision.body_id,
        meeting_id=decision.meeting_id,
        agenda_item_id=decision.agenda_item_id,
        number=decision.number,
        kind=decision.kind,
        title=data.title or decision.title,
        text=data.text,
        decided_on=decision.decided_on,
        restricted=decision.restricted,
        recorded_by=v.principal.name,
        revision=decision.revision + 1,
        reason=data.reason,
        corrects_id=decision.id,
    )
    session.add(correction)
    await session.flush()
    assert correction.id is not None
    decision.superseded_by_id = correction.id
    await _set_links(session, source_type=LinkSource.decision, source_id=correction.id, pairs=pairs)
    await session.flush()
    audit.record(
        session, actor=v.principal, action="decision.correct", object_type="decision", object_id=correction.id,
        before=before, after=audit.snapshot(correction), summary={"reason": data.reason, "corrects_id": decision.id},
    )  # fmt: skip
    return correction


async def list_decisions(
    session: AsyncSession,
    *,
    v: Viewer,
    page: PageParams,
    body_id: int | None = None,
    meeting_id: int | None = None,
    kind: DecisionKind | None = None,
    target_type: LinkTargetType | None = None,
    target_id: int | None = None,
    q: str | None = None,
    decided_from: dt.date | None = None,
    decided_to: dt.date | None = None,
    include_superseded: bool = False,
) -> tuple[list[Decision], int]:
    stmt = _decisions_stmt(v).order_by(col(Decision.decided_on).desc(), col(Decision.id).desc())
    if not include_superseded:
        stmt = stmt.where(col(Decision.superseded_by_id).is_(None))
    if body_id is not None:
        stmt = stmt.where(Decision.body_id == body_id)
    if meeting_id is not None:
        stmt = stmt.where(Decision.meeting_id == meeting_id)
    if kind is not None:
        stmt = stmt.where(Decision.kind == kind)
    if decided_from is not None:
        stmt = stmt.where(col(Decision.decided_on) >= decided_from)
    if decided_to is not None:
        stmt = stmt.where(col(Decision.decided_on) <= decided_to)
    if q and q.strip():
        stmt = stmt.where(
            or_(
                contains_text(Decision.title, q),
                contains_text(Decision.text, q),
                contains_text(Decision.number, q),
            )
        )
    if target_type is not None:
        linked = select(GovernanceLink.source_id).where(
            GovernanceLink.source_type == LinkSource.decision, GovernanceLink.target_type == target_type
        )
        if target_id is not None:
            linked = linked.where(GovernanceLink.target_id == target_id)
        stmt = stmt.where(col(Decision.id).in_(linked))
    return await fetch_objects(session, stmt, page)


async def _references(
    session: AsyncSession, *, v: Viewer, ids: Sequence[int]
) -> dict[int, list[ReferencePublic]]:
    """What points at each decision: amendments, bodies, mandates, action items (a few queries per page)."""
    refs: dict[int, list[ReferencePublic]] = {}
    if not ids:
        return refs
    if v.is_partner:
        for a in await goals.amendments_by_decisions(session, decision_ids=ids):
            if a.id is not None and a.decision_id is not None:
                refs.setdefault(a.decision_id, []).append(
                    ReferencePublic(
                        object_type="agreement_amendment", object_id=a.id, title=f"{a.object_type} {a.change}"
                    )
                )
    for decision_id, found in (await bodies.referencing_decisions(session, decision_ids=ids)).items():
        refs.setdefault(decision_id, []).extend(found)
    if v.is_partner:
        actions = await session.scalars(
            select(ActionItem)
            .where(
                col(ActionItem.decision_id).in_(ids),
                col(ActionItem.deleted_at).is_(None),
                _restricted_clause(v, col(ActionItem.restricted), col(ActionItem.body_id)),
            )
            .order_by(col(ActionItem.id))
        )
        for item in actions:
            if item.decision_id is not None and item.id is not None:
                refs.setdefault(item.decision_id, []).append(
                    ReferencePublic(object_type="action_item", object_id=item.id, title=item.title)
                )
    return refs


async def decisions_public(
    session: AsyncSession, *, v: Viewer, decisions: Sequence[Decision]
) -> list[DecisionPublic]:
    """Decisions with both directions: what each links to, and what points at it."""
    ids = [d.id for d in decisions if d.id is not None]
    by_decision = await _links_of(session, v=v, source_type=LinkSource.decision, source_ids=ids)
    references = await _references(session, v=v, ids=ids)
    out = []
    for d in decisions:
        assert d.id is not None
        out.append(
            DecisionPublic(
                id=d.id, body_id=d.body_id, meeting_id=d.meeting_id, agenda_item_id=d.agenda_item_id,
                number=d.number, kind=d.kind, title=d.title, text=d.text, decided_on=d.decided_on,
                restricted=d.restricted, recorded_by=d.recorded_by, revision=d.revision, reason=d.reason,
                corrects_id=d.corrects_id, superseded_by_id=d.superseded_by_id, links=by_decision.get(d.id, []),
                referenced_by=references.get(d.id, []),
                version=d.version,
            )
        )  # fmt: skip
    return out


async def check_amendment_decision(session: AsyncSession, decision_id: int) -> None:
    """Hook for the goals domain: an amendment's decision must exist and be of kind amend_agreement."""
    await require_decision(
        session,
        decision_id=decision_id,
        kinds={DecisionKind.amend_agreement},
        field="body.amendment.decision_id",
    )


# ---------------------------------------------------------------- action items
def action_public(item: ActionItem, on: dt.date | None = None) -> ActionItemPublic:
    assert item.id is not None
    on = on or bodies.today()
    return ActionItemPublic(
        id=item.id, body_id=item.body_id, meeting_id=item.meeting_id, agenda_item_id=item.agenda_item_id,
        decision_id=item.decision_id, title=item.title, description=item.description,
        owner_user_id=item.owner_user_id, owner_name=item.owner_name, organisation_id=item.organisation_id,
        due_on=item.due_on, status=item.status, completed_on=item.completed_on,
        overdue=item.status == ActionItemStatus.open and item.due_on is not None and item.due_on < on,
        version=item.version,
    )  # fmt: skip


def _actions_stmt(v: Viewer) -> Any:
    meeting_ok = or_(col(ActionItem.meeting_id).is_(None), col(ActionItem.meeting_id).in_(
        select(Meeting.id).where(meeting_clause(v))
    ))  # fmt: skip
    return select(ActionItem).where(
        col(ActionItem.deleted_at).is_(None),
        meeting_ok,
        _restricted_clause(v, col(ActionItem.restricted), col(ActionItem.body_id)),
    )


async def get_action_item(session: AsyncSession, *, v: Viewer, action_id: int) -> ActionItem:
    item = (await session.scalars(_actions_stmt(v).where(ActionItem.id == action_id))).first()
    if item is None:
        raise NotFound(f"No action item {action_id}.")
    assert isinstance(item, ActionItem)
    return item


async def list_action_items(
    session: AsyncSession,
    *,
    v: Viewer,
    page: PageParams,
    organisation_id: int | None = None,
    owner_user_id: int | None = None,
    body_id: int | None = None,
    meeting_id: int | None = None,
    decision_id: int | None = None,
    status: ActionItemStatus | None = None,
    overdue: bool | None = None,
) -> tuple[list[ActionItem], int]:
    stmt = _actions_stmt(v).order_by(
        col(ActionItem.due_on).is_(None), col(ActionItem.due_on), col(ActionItem.id)
    )
    for column, value in (
        (ActionItem.organisation_id, organisation_id),
        (ActionItem.owner_user_id, owner_user_id),
        (ActionItem.body_id, body_id),
        (ActionItem.meeting_id, meeting_id),
        (ActionItem.decision_id, decision_id),
        (ActionItem.status, status),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    today = bodies.today()
    is_overdue = and_(
        col(ActionItem.status) == ActionItemStatus.open,
        col(ActionItem.due_on).is_not(None),
        col(ActionItem.due_on) < today,
    )
    if overdue is True:
        stmt = stmt.where(is_overdue)
    elif overdue is False:
        stmt = stmt.where(~is_overdue)
    return await fetch_objects(session, stmt, page)


async def create_action_item(session: AsyncSession, *, v: Viewer, data: ActionItemCreate) -> ActionItem:
    from sammen.orgs import service as orgs

    assert v.principal is not None
    decision = agenda_item = None
    meeting_id = data.meeting_id
    restricted = False
    if data.decision_id is not None:
        try:
            decision = await get_decision(session, v=v, decision_id=data.decision_id)
        except NotFound:
            raise field_error("body.decision_id", f"no decision {data.decision_id}") from None
        meeting_id = meeting_id or decision.meeting_id
        restricted = decision.restricted
        if meeting_id != decision.meeting_id:
            raise field_error("body.decision_id", "the decision was made at another meeting")
    if data.agenda_item_id is not None:
        try:
            agenda_item, _ = await get_agenda_item(session, v=v, item_id=data.agenda_item_id)
        except NotFound:
            raise field_error("body.agenda_item_id", f"no agenda item {data.agenda_item_id}") from None
        meeting_id = meeting_id or agenda_item.meeting_id
        restricted = restricted or agenda_item.restricted
        if meeting_id != agenda_item.meeting_id:
            raise field_error("body.agenda_item_id", "the agenda item belongs to another meeting")
    assert meeting_id is not None
    try:
        meeting = await get_meeting(session, v=v, meeting_id=meeting_id)
    except NotFound:
        raise field_error("body.meeting_id", f"no meeting {meeting_id}") from None
    _require_runner(v, meeting.body_id)
    restricted = restricted or meeting.visibility == Visibility.restricted
    owner_name = data.owner_name
    if data.owner_user_id is not None:
        try:
            owner_name = owner_name or (await orgs.get_user(session, user_id=data.owner_user_id)).name
        except NotFound:
            raise field_error("body.owner_user_id", f"no user {data.owner_user_id}") from None
    if data.organisation_id is not None:
        try:
            await orgs.get_organisation(session, organisation_id=data.organisation_id)
        except NotFound:
            raise field_error("body.organisation_id", f"no organisation {data.organisation_id}") from None
    assert owner_name is not None
    item = ActionItem(
        body_id=meeting.body_id,
        meeting_id=meeting.id,
        agenda_item_id=data.agenda_item_id,
        decision_id=data.decision_id,
        title=data.title,
        description=data.description,
        owner_user_id=data.owner_user_id,
        owner_name=owner_name,
        organisation_id=data.organisation_id,
        due_on=data.due_on,
        restricted=restricted,
    )
    session.add(item)
    await session.flush()
    audit.record(
        session, actor=v.principal, action="action_item.create", object_type="action_item", object_id=item.id,
        organisation_id=item.organisation_id, after=audit.snapshot(item),
    )  # fmt: skip
    return item


async def update_action_item(
    session: AsyncSession, *, v: Viewer, item: ActionItem, data: ActionItemUpdate, expected_version: int
) -> ActionItem:
    """The body's chair/secretary (or an admin) change anything; the owner reports status and notes."""
    assert v.principal is not None
    changes = data.model_dump(exclude_unset=True)
    is_owner = v.principal.kind == "user" and item.owner_user_id == v.principal.id
    if not v.runs(item.body_id):
        if not is_owner:
            raise Forbidden("Only the owner, or the body's chair or secretary, changes an action item.")
        if set(changes) - {"status", "description"}:
            raise Forbidden("The owner may change only the status and the description.")
    reject_nulls(changes, ("title", "owner_name", "status"))
    if "status" in changes:
        changes["completed_on"] = bodies.today() if changes["status"] == ActionItemStatus.done else None
    await audited_change(
        session, item, actor=v.principal, expected_version=expected_version, action="action_item.update",
        changes=changes, organisation_id=changes.get("organisation_id", item.organisation_id),
    )  # fmt: skip
    return item


# ---------------------------------------------------------------- link resolvers for other domains
async def _resolve_goals(
    session: AsyncSession, principal: Principal | None, ids: Sequence[int]
) -> dict[int, LinkTarget]:
    return {
        goal.id: LinkTarget(LinkTargetType.goal, goal.id, f"{goal.code} {goal.title}")
        for goal in await goals.visible_goals_by_ids(session, principal=principal, ids=ids)
        if goal.id is not None
    }


async def _resolve_amendments(
    session: AsyncSession, principal: Principal | None, ids: Sequence[int]
) -> dict[int, LinkTarget]:
    if principal is None or not principal.is_partner:
        return {}
    return {
        a.id: LinkTarget(
            LinkTargetType.agreement_amendment, a.id, f"{a.object_type} {a.change}: {a.note or ''}".strip()
        )
        for a in await goals.amendments_by_ids(session, ids=ids)
        if a.id is not None
    }


links.register(LinkTargetType.goal, _resolve_goals)
links.register(LinkTargetType.agreement_amendment, _resolve_amendments)
goals.decision_checks.append(check_amendment_decision)
