"""Shapes of meetings, agenda items, attendance, minutes, decisions, links and action items."""

from __future__ import annotations

import datetime as dt

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

from sammen.core.fields import Count, Id, Line, Moment, Text
from sammen.core.links import LinkTargetType
from sammen.core.tables import Visibility
from sammen.governance.meetings.models import (
    ActionItemStatus,
    AgendaItemKind,
    AttendanceStatus,
    DecisionKind,
    LinkSource,
    MeetingStatus,
    MinutesStatus,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Guest(Strict):
    name: Line = Field(min_length=1, max_length=200)
    organisation: Line | None = Field(default=None, max_length=200)
    email: Line | None = Field(default=None, max_length=320)


class LinkIn(Strict):
    target_type: LinkTargetType
    target_id: Id


class LinkKindPublic(BaseModel):
    target_type: LinkTargetType
    searchable: bool = Field(description="GET /links/targets finds targets of this kind by title")


class LinkTargetPublic(BaseModel):
    target_type: LinkTargetType
    target_id: int
    title: str


class LinkPublic(BaseModel):
    target_type: LinkTargetType
    target_id: int
    title: str | None = Field(description="The target's title, when the caller may see it")


# ---------------------------------------------------------------- meetings
class MeetingCreate(Strict):
    body_id: Id
    title: Line = Field(min_length=1, max_length=300)
    starts_at: dt.datetime = Field(description="RFC 3339 with offset")
    ends_at: dt.datetime
    place: Line | None = Field(default=None, max_length=300)
    online_url: AnyHttpUrl | None = None
    visibility: Visibility = Visibility.partners
    guests: list[Guest] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _times(self) -> MeetingCreate:
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise ValueError("times need an offset (RFC 3339), e.g. 2025-03-04T14:00:00+01:00")
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class MeetingUpdate(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=300)
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    place: Line | None = Field(default=None, max_length=300)
    online_url: AnyHttpUrl | None = None
    visibility: Visibility | None = None
    guests: list[Guest] | None = Field(default=None, max_length=100)


class MeetingCancel(Strict):
    reason: Text = Field(min_length=1, max_length=4000)


class DecisionFilters(BaseModel):
    """The decision register's filters, taken as query parameters (`Annotated[..., Query()]`)."""

    body_id: Id | None = None
    meeting_id: Id | None = None
    kind: DecisionKind | None = None
    target_type: LinkTargetType | None = Field(default=None, description="Decisions linking to this kind")
    target_id: Id | None = Field(default=None, description="... and this id")
    q: str | None = Field(default=None, max_length=200, description="Text search in number, title, text")
    decided_from: dt.date | None = None
    decided_to: dt.date | None = None
    include_superseded: bool = Field(default=False, description="Also revisions replaced by a correction")


class MeetingFilters(BaseModel):
    """The meeting list's filters, taken as query parameters (`Annotated[..., Query()]`):
    validated as one model, not parameter by parameter."""

    body_id: Id | None = None
    status: MeetingStatus | None = None
    starts_from: Moment | None = None
    starts_before: Moment | None = None


class MeetingPublic(BaseModel):
    id: int
    body_id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str | None
    online_url: str | None
    status: MeetingStatus
    visibility: Visibility
    guests: list[Guest]
    cancelled_reason: str | None
    minutes_circulated_at: dt.datetime | None
    minutes_approved_at: dt.datetime | None
    minutes_approved_by: str | None
    version: int


# ---------------------------------------------------------------- agenda
class AgendaItemCreate(Strict):
    title: Line = Field(min_length=1, max_length=500)
    description: Text | None = Field(default=None, max_length=50_000)
    kind: AgendaItemKind = AgendaItemKind.information
    position: Count | None = Field(default=None, ge=0)
    duration_minutes: int | None = Field(default=None, ge=1, le=1440)
    presenter: Line | None = Field(default=None, max_length=200)
    restricted: bool = False
    links: list[LinkIn] = Field(default_factory=list, max_length=50)


class AgendaItemUpdate(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=500)
    description: Text | None = Field(default=None, max_length=50_000)
    kind: AgendaItemKind | None = None
    position: Count | None = Field(default=None, ge=0)
    duration_minutes: int | None = Field(default=None, ge=1, le=1440)
    presenter: Line | None = Field(default=None, max_length=200)
    restricted: bool | None = None
    links: list[LinkIn] | None = Field(default=None, max_length=50, description="Replaces the item's links")


class AgendaItemPublic(BaseModel):
    id: int
    meeting_id: int
    position: int
    title: str
    description: str | None
    kind: AgendaItemKind
    duration_minutes: int | None
    presenter: str | None
    restricted: bool
    links: list[LinkPublic]
    version: int


class AgendaOrder(Strict):
    item_ids: list[Id] = Field(
        max_length=500, description="Every agenda item the caller sees, in the new order (first to last)"
    )


# ---------------------------------------------------------------- attendance
class AttendanceIn(Strict):
    member_id: Id
    status: AttendanceStatus
    substitute_name: Line | None = Field(
        default=None, min_length=1, max_length=200, description="Who came instead (status substitute only)"
    )

    @model_validator(mode="after")
    def _substitute(self) -> AttendanceIn:
        if self.status == AttendanceStatus.substitute and self.substitute_name is None:
            raise ValueError("name the substitute (substitute_name)")
        if self.status != AttendanceStatus.substitute and self.substitute_name is not None:
            raise ValueError("substitute_name goes with status substitute only")
        return self


class AttendanceBatch(Strict):
    items: list[AttendanceIn] = Field(max_length=200)


class AttendancePublic(BaseModel):
    member_id: int
    person_name: str
    organisation_id: int | None
    status: AttendanceStatus | None = Field(description="null: not recorded yet")
    substitute_name: str | None = Field(default=None, description="Who came instead, for status substitute")


# ---------------------------------------------------------------- minutes
class MinutesCreate(Strict):
    agenda_item_id: Id
    text: Text = Field(min_length=1, max_length=100_000)
    restricted: bool = False


class MinutesUpdate(Strict):
    text: Text | None = Field(default=None, min_length=1, max_length=100_000)
    restricted: bool | None = None


class MinutesRevision(Strict):
    text: Text = Field(min_length=1, max_length=100_000)
    reason: Text = Field(min_length=1, max_length=4000, description="Why the approved text changes")


class MinutesPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    meeting_id: int
    agenda_item_id: int
    revision: int
    text: str
    restricted: bool
    status: MinutesStatus
    reason: str | None
    previous_id: int | None
    written_by: str
    approved_at: dt.datetime | None
    approved_by: str | None
    version: int


# ---------------------------------------------------------------- decisions
class DecisionCreate(Strict):
    meeting_id: Id
    agenda_item_id: Id | None = None
    kind: DecisionKind = DecisionKind.general
    number: Line | None = Field(
        default=None, min_length=1, max_length=40, description="Default: <year>-<running number> per body"
    )
    title: Line = Field(min_length=1, max_length=500)
    text: Text = Field(min_length=1, max_length=50_000)
    decided_on: dt.date | None = Field(default=None, description="Default: the meeting's day")
    links: list[LinkIn] = Field(
        default_factory=list, max_length=50, description="What the decision authorises"
    )


class DecisionCorrection(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=500, description="Default: unchanged")
    text: Text = Field(min_length=1, max_length=50_000)
    reason: Text = Field(min_length=1, max_length=4000, description="Why the decision is corrected")
    links: list[LinkIn] | None = Field(default=None, max_length=50, description="Default: the same links")


class ReferencePublic(BaseModel):
    """An object that points at a decision (the other direction of a link)."""

    object_type: str
    object_id: int
    title: str | None = None


class DecisionPublic(BaseModel):
    id: int
    body_id: int
    meeting_id: int
    agenda_item_id: int | None
    number: str
    kind: DecisionKind
    title: str
    text: str
    decided_on: dt.date
    restricted: bool
    recorded_by: str
    revision: int
    reason: str | None
    corrects_id: int | None
    superseded_by_id: int | None = Field(description="Set when a correction replaced this revision")
    links: list[LinkPublic]
    referenced_by: list[ReferencePublic] = Field(
        default_factory=list, description="Amendments, action items and other objects pointing here"
    )
    version: int


class LinkedFrom(BaseModel):
    """One agenda item or decision that links to the queried target."""

    source_type: LinkSource
    source_id: int
    meeting_id: int
    body_id: int
    title: str
    number: str | None = None
    date: dt.date


# ---------------------------------------------------------------- action items
class ActionItemCreate(Strict):
    title: Line = Field(min_length=1, max_length=500)
    description: Text | None = Field(default=None, max_length=20_000)
    owner_user_id: Id | None = None
    owner_name: Line | None = Field(default=None, min_length=1, max_length=200)
    organisation_id: Id | None = None
    due_on: dt.date | None = None
    meeting_id: Id | None = None
    agenda_item_id: Id | None = None
    decision_id: Id | None = None

    @model_validator(mode="after")
    def _origin(self) -> ActionItemCreate:
        if self.meeting_id is None and self.agenda_item_id is None and self.decision_id is None:
            raise ValueError("name the origin: meeting_id, agenda_item_id or decision_id")
        if self.owner_user_id is None and self.owner_name is None:
            raise ValueError("name the owner: owner_user_id or owner_name")
        return self


class ActionItemUpdate(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=500)
    description: Text | None = Field(default=None, max_length=20_000)
    owner_user_id: Id | None = None
    owner_name: Line | None = Field(default=None, min_length=1, max_length=200)
    organisation_id: Id | None = None
    due_on: dt.date | None = None
    status: ActionItemStatus | None = None
    completion_note: Text | None = Field(
        default=None, max_length=4000, description="What was done, or why it was dropped"
    )


class ActionItemFilters(BaseModel):
    """The action-item list's filters, taken as query parameters (`Annotated[..., Query()]`):
    validated as one model, not parameter by parameter."""

    organisation_id: Id | None = None
    owner_user_id: Id | None = None
    mine: bool = Field(default=False, description="Only the caller's own action items")
    body_id: Id | None = None
    meeting_id: Id | None = None
    decision_id: Id | None = None
    status: ActionItemStatus | None = None
    overdue: bool | None = None


class ActionItemPublic(BaseModel):
    id: int
    body_id: int
    meeting_id: int | None
    agenda_item_id: int | None
    decision_id: int | None
    title: str
    description: str | None
    owner_user_id: int | None
    owner_name: str
    organisation_id: int | None
    due_on: dt.date | None
    status: ActionItemStatus
    completed_on: dt.date | None
    completion_note: str | None = None
    overdue: bool
    version: int


# ---------------------------------------------------------------- calendar
class FeedTokenPublic(BaseModel):
    token: str = Field(description="Shown once; the feed URLs carry it")
    meetings_url: str
    body_url_template: str = Field(description="Replace {body_id}")
