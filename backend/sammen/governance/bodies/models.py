"""Bodies, their seats, mandates (kommissorier) and members.

Decision references (`*_decision_id`) are plain integers: decisions live in the meetings
domain and are checked by its service when a reference is set.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sammen.core.permissions import BodyRole
from sammen.core.tables import SoftDeletable, StrEnumType, Timestamped, UTCDateTime, Versioned


class BodyKind(enum.StrEnum):
    partnership = "partnership"
    coordination_group = "coordination_group"
    working_group = "working_group"


class BodyStatus(enum.StrEnum):
    proposed = "proposed"
    active = "active"
    dissolved = "dissolved"


class MandateStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    superseded = "superseded"


class Body(Versioned, Timestamped, SoftDeletable, table=True):
    __tablename__ = "bodies"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    kind: BodyKind = Field(sa_type=StrEnumType(BodyKind), index=True)
    name: str = Field(max_length=300)
    parent_id: int | None = Field(default=None, foreign_key="bodies.id", index=True)
    purpose: str = Field(sa_type=Text)
    description: str | None = Field(default=None, sa_type=Text)
    status: BodyStatus = Field(default=BodyStatus.proposed, sa_type=StrEnumType(BodyStatus), index=True)
    set_up_on: dt.date | None = None
    set_up_decision_id: int | None = Field(default=None, index=True)
    dissolved_on: dt.date | None = None
    dissolution_reason: str | None = Field(default=None, sa_type=Text)
    final_summary: str | None = Field(default=None, sa_type=Text)
    dissolved_decision_id: int | None = Field(default=None, index=True)


class Seat(SQLModel, table=True):
    """A seat in a body: a function, held by `count` people (from the agreement file)."""

    __tablename__ = "body_seats"
    __table_args__ = (UniqueConstraint("body_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = Field(foreign_key="bodies.id", index=True)
    code: str = Field(max_length=80)
    title: str = Field(sa_type=Text)
    organisation_id: int | None = Field(default=None, foreign_key="organisations.id")
    count: int = Field(default=1)
    role: BodyRole = Field(default=BodyRole.member, sa_type=StrEnumType(BodyRole))
    position: int = Field(default=0)


class Mandate(Versioned, Timestamped, table=True):
    """One version of a body's mandate; only one approved version is in force at a time."""

    __tablename__ = "mandates"
    __table_args__ = (UniqueConstraint("body_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = Field(foreign_key="bodies.id", index=True)
    number: int
    status: MandateStatus = Field(default=MandateStatus.draft, sa_type=StrEnumType(MandateStatus))
    purpose: str = Field(sa_type=Text)
    tasks: str | None = Field(default=None, sa_type=Text)
    composition: str | None = Field(default=None, sa_type=Text)
    meeting_frequency: str | None = Field(default=None, max_length=300)
    working_form: str | None = Field(default=None, sa_type=Text)
    duration: str | None = Field(default=None, max_length=300)
    deliverables: str | None = Field(default=None, sa_type=Text)
    submitted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_decision_id: int | None = Field(default=None, index=True)
    superseded_by_id: int | None = Field(default=None, foreign_key="mandates.id")


class BodyMember(Versioned, Timestamped, table=True):
    """A person's place in a body: a user, or a named external person with their organisation."""

    __tablename__ = "body_members"

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = Field(foreign_key="bodies.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    person_name: str = Field(max_length=200)
    person_organisation: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    organisation_id: int | None = Field(default=None, foreign_key="organisations.id", index=True)
    role: BodyRole = Field(default=BodyRole.member, sa_type=StrEnumType(BodyRole))
    seat_id: int | None = Field(default=None, foreign_key="body_seats.id", index=True)
    from_date: dt.date
    to_date: dt.date | None = None
