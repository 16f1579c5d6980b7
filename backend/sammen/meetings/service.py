"""Meetings, their agenda and attendance; the domain's entry point for other domains.

The rest of the domain has its own modules: access (the caller and visibility), linking
(links and their resolvers), minutes, decisions and action_items.

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
from typing import Any

from sqlalchemy import bindparam, false, func, literal
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.bodies import service as bodies
from sammen.core import audit, links, sqljson
from sammen.core.changes import audited_change, audited_create, reject_nulls
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.reads import Reader
from sammen.core.tables import utcnow
from sammen.meetings.access import BEFORE_HELD, Viewer, meeting_visible, require_runner, restricted_clause

# re-exported for other domains (bodies, reports, events, the public site): they reach this one only here
from sammen.meetings.access import decisions_stmt as decisions_stmt
from sammen.meetings.access import get_meeting as get_meeting
from sammen.meetings.access import meeting_clause as meeting_clause
from sammen.meetings.access import viewer as viewer
from sammen.meetings.decisions import decisions_public as decisions_public
from sammen.meetings.decisions import list_decisions as list_decisions
from sammen.meetings.decisions import require_decision as require_decision
from sammen.meetings.linking import ensure_decision_link as ensure_decision_link
from sammen.meetings.linking import ensure_link as ensure_link
from sammen.meetings.linking import link_pairs, links_of, set_links
from sammen.meetings.models import AgendaItem, Attendance, Meeting
from sammen.meetings.models import DecisionKind as DecisionKind
from sammen.meetings.models import LinkSource as LinkSource
from sammen.meetings.models import MeetingStatus as MeetingStatus
from sammen.meetings.schemas import (
    AgendaItemCreate,
    AgendaItemPublic,
    AgendaItemUpdate,
    AttendanceBatch,
    AttendancePublic,
    Guest,
    MeetingCancel,
    MeetingCreate,
    MeetingPublic,
    MeetingUpdate,
)


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


class _guests_json(sqljson.array_of_objects):
    """Guests as Guest objects; e-mail addresses only where the condition (argument 0) holds."""

    inherit_cache = True
    keys = ("name", "organisation", "email")
    shown_if = {"email": 0}  # noqa: RUF012


MEETING_COLUMNS = (
    "id", "body_id", "title", "starts_at", "ends_at", "place", "online_url", "status", "visibility",
)  # fmt: skip
MEETING_TAIL = (
    "cancelled_reason",
    "minutes_circulated_at",
    "minutes_approved_at",
    "minutes_approved_by",
    "version",
)


MEETING_FILTERS = {"body_id": "eq", "status": "eq", "starts_from": "ge", "starts_before": "lt"}
_PAGES = sqljson.StatementCache()


def _page_statement(v: Viewer, given: tuple[str, ...]) -> Any:
    table = Meeting.__table__  # type: ignore[attr-defined]
    clauses: list[Any] = [meeting_clause(v)]
    for name in given:
        column = table.c.starts_at if name.startswith("starts") else table.c[name]
        value = bindparam(f"f_{name}", type_=column.type)
        op = MEETING_FILTERS[name]
        clauses.append(column == value if op == "eq" else column >= value if op == "ge" else column < value)
    contacts = literal(v.is_partner) | (table.c.body_id.in_(v.member_bodies) if v.member_bodies else false())
    pairs = [(c, sqljson.value_of(table.c[c])) for c in MEETING_COLUMNS]
    pairs += [("guests", _guests_json(table.c.guests, contacts))]
    pairs += [(c, sqljson.value_of(table.c[c])) for c in MEETING_TAIL]
    order = [(table.c.starts_at, True), (table.c.id, False)]
    return sqljson.page_document(table, clauses, sqljson.json_object(pairs), order)


async def list_page(reader: Reader, *, v: Viewer, page: PageParams, filters: dict[str, Any]) -> bytes:
    """A page of meetings as the JSON of Page[MeetingPublic], built in one statement; guests'
    e-mail addresses only for partners and the body's members (as `meeting_public`).

    `filters`: body_id, status, starts_from, starts_before (None: not filtered)."""
    given = tuple(name for name in MEETING_FILTERS if filters.get(name) is not None)
    key = (reader.dialect, v.is_partner, tuple(v.member_bodies), given)
    stmt = _PAGES.get(key, lambda: _page_statement(v, given))
    params = {"limit": page.limit, "offset": page.offset, **{f"f_{n}": filters[n] for n in given}}
    found = await reader.scalar(stmt, params)
    return str(found).encode()


# what a calendar feed shows of a meeting
FEED_COLUMNS = ("id", "body_id", "title", "starts_at", "ends_at", "place", "online_url", "status",
                "created_at", "updated_at", "version")  # fmt: skip


async def feed_meetings(
    session: AsyncSession, *, v: Viewer, body_id: int | None = None
) -> tuple[list[Any], dict[int, list[str]]]:
    """Every meeting the caller may see (for calendar feeds), oldest first, as Core rows with the
    feed's columns and `body_name`; and their agenda titles the caller may see, in agenda order.
    Two statements however many meetings (the agenda joins the same meeting rule, no id list)."""
    table = Meeting.__table__  # type: ignore[attr-defined]
    items = AgendaItem.__table__  # type: ignore[attr-defined]
    shown = [meeting_clause(v)] + ([table.c.body_id == body_id] if body_id is not None else [])
    meetings = (
        sa_select(
            *(table.c[name] for name in FEED_COLUMNS), bodies.name_of(table.c.body_id).label("body_name")
        )
        .where(*shown)
        .order_by(table.c.starts_at, table.c.id)
    )
    agenda = (
        sa_select(items.c.meeting_id, items.c.title)
        .join(table, table.c.id == items.c.meeting_id)
        .where(
            *shown, items.c.deleted_at.is_(None), restricted_clause(v, items.c.restricted, table.c.body_id)
        )
        .order_by(items.c.meeting_id, items.c.position, items.c.id)
    )
    rows = list((await session.execute(meetings)).all())
    titles: dict[int, list[str]] = {}
    if rows:
        for meeting_id, title in await session.execute(agenda):
            titles.setdefault(meeting_id, []).append(title)
    return rows, titles


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


# ---------------------------------------------------------------- agenda items
def item_visible(v: Viewer, meeting: Meeting, item: AgendaItem) -> bool:
    return item.deleted_at is None and (not item.restricted or v.member_of(meeting.body_id))


async def load_agenda(session: AsyncSession, *, meeting_id: int | None) -> list[AgendaItem]:
    stmt = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id, col(AgendaItem.deleted_at).is_(None))
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
    item = await session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(f"No agenda item {item_id}.")
    meeting = await session.get(Meeting, item.meeting_id)
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


# ---------------------------------------------------------------- attendance
async def _members_on(session: AsyncSession, *, meeting: Meeting) -> list[Any]:
    on = bodies.local_date(meeting.starts_at)
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


# ---------------------------------------------------------------- for the change feed and webhooks
async def current_minutes(session: AsyncSession, *, v: Viewer, meeting: Meeting) -> list[Any]:
    """The meeting's current minutes as `v` may see them (the minutes module builds on this one)."""
    from sammen.meetings.minutes import list_minutes

    return await list_minutes(session, v=v, meeting=meeting)
