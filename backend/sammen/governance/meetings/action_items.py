"""Action items: what a body asked someone to do, by when, and how it is going."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, bindparam, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import clock, sqljson
from sammen.core.changes import audited_change, audited_create, reject_nulls
from sammen.core.errors import Forbidden, NotFound, field_error
from sammen.core.live import live
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.reads import Reader
from sammen.core.tables import Visibility
from sammen.governance.meetings.access import (
    AnyViewer,
    Viewer,
    get_meeting,
    meeting_clause,
    require_runner,
    restricted_clause,
    viewer_key,
)
from sammen.governance.meetings.agenda import get_agenda_item
from sammen.governance.meetings.decisions import get_decision
from sammen.governance.meetings.models import ActionItem, ActionItemStatus, Meeting
from sammen.governance.meetings.schemas import ActionItemCreate, ActionItemPublic, ActionItemUpdate


# ---------------------------------------------------------------- action items
def action_public(item: ActionItem, on: dt.date | None = None) -> ActionItemPublic:
    assert item.id is not None
    on = on or clock.today()
    return ActionItemPublic(
        id=item.id, body_id=item.body_id, meeting_id=item.meeting_id, agenda_item_id=item.agenda_item_id,
        decision_id=item.decision_id, title=item.title, description=item.description,
        owner_user_id=item.owner_user_id, owner_name=item.owner_name, organisation_id=item.organisation_id,
        due_on=item.due_on, status=item.status, completed_on=item.completed_on,
        completion_note=item.completion_note,
        overdue=item.status == ActionItemStatus.open and item.due_on is not None and item.due_on < on,
        version=item.version,
    )  # fmt: skip


def _actions_stmt(v: Viewer) -> Any:
    meeting_ok = or_(col(ActionItem.meeting_id).is_(None), col(ActionItem.meeting_id).in_(
        select(Meeting.id).where(meeting_clause(v))
    ))  # fmt: skip
    return select(ActionItem).where(
        live(ActionItem),
        meeting_ok,
        restricted_clause(v, col(ActionItem.restricted), col(ActionItem.body_id)),
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
    today = clock.today()
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


ACTION_COLUMNS = (
    "id", "body_id", "meeting_id", "agenda_item_id", "decision_id", "title", "description", "owner_user_id",
    "owner_name", "organisation_id", "due_on", "status", "completed_on", "completion_note",
)  # fmt: skip


ACTION_FILTERS = ("organisation_id", "owner_user_id", "body_id", "meeting_id", "decision_id", "status")
_PAGES = sqljson.StatementCache()


def _page_statement(v: AnyViewer, given: tuple[str, ...], overdue: bool | None) -> Any:
    table = ActionItem.__table__  # type: ignore[attr-defined]
    meeting_ok = or_(
        table.c.meeting_id.is_(None), table.c.meeting_id.in_(select(Meeting.id).where(meeting_clause(v)))
    )
    clauses: list[Any] = [
        live(table),
        meeting_ok,
        restricted_clause(v, table.c.restricted, table.c.body_id),
        *(table.c[name] == bindparam(f"f_{name}", type_=table.c[name].type) for name in given),
    ]
    today = bindparam("today", type_=table.c.due_on.type)
    is_overdue = and_(
        table.c.status == ActionItemStatus.open.value, table.c.due_on.is_not(None), table.c.due_on < today
    )
    if overdue is True:
        clauses.append(is_overdue)
    elif overdue is False:
        clauses.append(~is_overdue)
    doc = sqljson.object_of(
        [table.c[c] for c in ACTION_COLUMNS], overdue=sqljson.boolean(is_overdue), version=table.c.version
    )
    order = [(table.c.due_on.is_(None), False), (table.c.due_on, False), (table.c.id, False)]
    return sqljson.page_document(table, clauses, doc, order)


async def list_page(
    reader: Reader, *, v: AnyViewer, page: PageParams, filters: dict[str, Any], overdue: bool | None = None
) -> bytes:
    """A page of action items as the JSON of Page[ActionItemPublic], built in one statement (with
    a SqlViewer, the caller's bodies read in it too).

    `filters`: column name -> value (None: not filtered)."""
    given = tuple(name for name in ACTION_FILTERS if filters.get(name) is not None)
    key = (reader.dialect, viewer_key(v), given, overdue)
    stmt = _PAGES.get(key, lambda: _page_statement(v, given, overdue))
    params = {"limit": page.limit, "offset": page.offset, "today": clock.today(), **v.bound}
    params.update({f"f_{name}": filters[name] for name in given})
    found = await reader.scalar(stmt, params)
    return str(found).encode()


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
    require_runner(v, meeting.body_id)
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
    await audited_create(
        session, item, actor=v.principal, action="action_item.create", organisation_id=item.organisation_id
    )
    return item


async def update_action_item(
    session: AsyncSession, *, v: Viewer, item: ActionItem, data: ActionItemUpdate, expected_version: int
) -> ActionItem:
    """The body's chair/secretary (or an admin) change anything; the owner reports status and notes.

    Reopening an item clears its completion note with its completion date."""
    assert v.principal is not None
    changes = data.model_dump(exclude_unset=True)
    is_owner = v.principal.kind == "user" and item.owner_user_id == v.principal.id
    if not v.runs(item.body_id):
        if not is_owner:
            raise Forbidden("Only the owner, or the body's chair or secretary, changes an action item.")
        if set(changes) - {"status", "description", "completion_note"}:
            raise Forbidden("The owner may change only the status, the description and the completion note.")
    reject_nulls(changes, ("title", "owner_name", "status"))
    if "status" in changes:
        changes["completed_on"] = clock.today() if changes["status"] == ActionItemStatus.done else None
        if changes["status"] == ActionItemStatus.open:
            changes.setdefault("completion_note", None)
    await audited_change(
        session, item, actor=v.principal, expected_version=expected_version, action="action_item.update",
        changes=changes, organisation_id=changes.get("organisation_id", item.organisation_id),
    )  # fmt: skip
    return item
