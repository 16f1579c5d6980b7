"""Meetings, agenda items, attendance, minutes, decisions, typed links, action items, feed tokens."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint, text
from sqlmodel import Field

from sammen.core.links import LinkTargetType
from sammen.core.tables import (
    Created,
    Identified,
    SoftDeletable,
    StrEnumType,
    Timestamped,
    UTCDateTime,
    Versioned,
    Visibility,
)


class MeetingStatus(enum.StrEnum):
    planned = "planned"
    agenda_published = "agenda_published"
    held = "held"
    minutes_draft = "minutes_draft"
    minutes_approved = "minutes_approved"
    cancelled = "cancelled"


class AgendaItemKind(enum.StrEnum):
    information = "information"
    discussion = "discussion"
    decision = "decision"


class AttendanceStatus(enum.StrEnum):
    present = "present"
    absent = "absent"
    excused = "excused"
    substitute = "substitute"  # absent, represented by someone else (named in substitute_name)


class MinutesStatus(enum.StrEnum):
    draft = "draft"
    approved = "approved"
    superseded = "superseded"


class DecisionKind(enum.StrEnum):
    general = "general"
    approve_mandate = "approve_mandate"
    set_up_working_group = "set_up_working_group"
    dissolve_working_group = "dissolve_working_group"
    approve_action_plan_revision = "approve_action_plan_revision"
    amend_agreement = "amend_agreement"
    approve_status_report = "approve_status_report"  # the partnership approves the yearly effect status


class LinkSource(enum.StrEnum):
    agenda_item = "agenda_item"
    decision = "decision"


class ActionItemStatus(enum.StrEnum):
    open = "open"
    done = "done"
    cancelled = "cancelled"


class Meeting(Identified, Versioned, Timestamped, SoftDeletable, table=True):
    __tablename__ = "meetings"

    body_id: int = Field(foreign_key="bodies.id", index=True)
    title: str = Field(max_length=300)
    starts_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: dt.datetime = Field(sa_type=UTCDateTime)
    place: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=1000)
    status: MeetingStatus = Field(default=MeetingStatus.planned, sa_type=StrEnumType(MeetingStatus))
    visibility: Visibility = Field(default=Visibility.partners, sa_type=StrEnumType(Visibility))
    guests: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    cancelled_reason: str | None = Field(default=None, sa_type=Text)
    minutes_circulated_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    minutes_approved_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    minutes_approved_by: str | None = Field(default=None, max_length=200)


class AgendaItem(Identified, Versioned, Timestamped, SoftDeletable, table=True):
    __tablename__ = "agenda_items"

    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    position: int = Field(default=0)
    title: str = Field(max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    kind: AgendaItemKind = Field(default=AgendaItemKind.information, sa_type=StrEnumType(AgendaItemKind))
    duration_minutes: int | None = None
    presenter: str | None = Field(default=None, max_length=200)
    restricted: bool = Field(default=False, description="Police or personal matters: body members only")


class Attendance(Identified, table=True):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    member_id: int = Field(foreign_key="body_members.id", index=True)
    status: AttendanceStatus = Field(sa_type=StrEnumType(AttendanceStatus))
    substitute_name: str | None = Field(default=None, max_length=200)


class MinutesEntry(Identified, Versioned, Timestamped, table=True):
    """The minutes of one agenda item, one row per revision; approved rows never change."""

    __tablename__ = "minutes"
    __table_args__ = (UniqueConstraint("agenda_item_id", "revision"),)

    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    agenda_item_id: int = Field(foreign_key="agenda_items.id", index=True)
    revision: int = Field(default=1)
    text: str = Field(sa_type=Text)
    restricted: bool = Field(default=False)
    status: MinutesStatus = Field(default=MinutesStatus.draft, sa_type=StrEnumType(MinutesStatus))
    reason: str | None = Field(default=None, sa_type=Text, description="Why an approved text was revised")
    previous_id: int | None = Field(default=None, foreign_key="minutes.id")
    written_by: str = Field(max_length=200)
    approved_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by: str | None = Field(default=None, max_length=200)


class Decision(Identified, Versioned, Timestamped, table=True):
    """A decision of a body, made at a meeting; never changed in place: a correction is a new
    revision with the same number that points to the one it corrects."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("body_id", "number", "revision"),
        Index("ix_decisions_decided_on_id", "decided_on", "id"),  # the register's order: a page stops early
        Index(  # the register's total, counted from the index alone (PostgreSQL)
            "ix_decisions_register_count",
            "meeting_id",
            "body_id",
            "restricted",
            postgresql_where=text("superseded_by_id IS NULL"),
            sqlite_where=text("superseded_by_id IS NULL"),
        ),
    )

    body_id: int = Field(foreign_key="bodies.id", index=True)
    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_items.id", index=True)
    number: str = Field(max_length=40)
    kind: DecisionKind = Field(default=DecisionKind.general, sa_type=StrEnumType(DecisionKind), index=True)
    title: str = Field(max_length=500)
    text: str = Field(sa_type=Text)
    decided_on: dt.date
    restricted: bool = Field(default=False)
    recorded_by: str = Field(max_length=200)
    revision: int = Field(default=1)
    reason: str | None = Field(default=None, sa_type=Text, description="Why a correction was made")
    corrects_id: int | None = Field(default=None, foreign_key="decisions.id")
    superseded_by_id: int | None = Field(default=None, foreign_key="decisions.id", index=True)


class GovernanceLink(Identified, Created, table=True):
    """An agenda item or a decision points at a goal, indicator, initiative, mandate, body, ..."""

    __tablename__ = "governance_links"
    __table_args__ = (
        UniqueConstraint("source_type", "source_id", "target_type", "target_id"),
        Index("ix_governance_links_target", "target_type", "target_id"),
    )

    source_type: LinkSource = Field(sa_type=StrEnumType(LinkSource))
    source_id: int
    target_type: LinkTargetType = Field(sa_type=StrEnumType(LinkTargetType))
    target_id: int


class ActionItem(Identified, Versioned, Timestamped, SoftDeletable, table=True):
    __tablename__ = "action_items"
    # The list's order (due date, undated last, then id): a page reads its rows in order and stops.
    __table_args__ = (Index("ix_action_items_due_order", text("(due_on IS NULL)"), "due_on", "id"),)

    body_id: int = Field(foreign_key="bodies.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meetings.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_items.id")
    decision_id: int | None = Field(default=None, foreign_key="decisions.id", index=True)
    title: str = Field(max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    owner_user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    owner_name: str = Field(max_length=200)
    organisation_id: int | None = Field(default=None, foreign_key="organisations.id", index=True)
    due_on: dt.date | None = Field(default=None, index=True)
    status: ActionItemStatus = Field(default=ActionItemStatus.open, sa_type=StrEnumType(ActionItemStatus))
    completed_on: dt.date | None = None
    completion_note: str | None = Field(default=None, sa_type=Text, description="What was done (or why not)")
    restricted: bool = Field(default=False)


class FeedToken(Identified, Created, table=True):
    """A user's personal calendar-feed token (stored as a digest; rotating it revokes the old URL)."""

    __tablename__ = "feed_tokens"

    user_id: int = Field(foreign_key="users.id", unique=True)
    feed_token_hash: str = Field(max_length=128, unique=True)
