"""Shapes of bodies, seats, mandates, members and the composition report."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sammen.core.fields import Id, Line, Text
from sammen.core.permissions import BodyPermission, BodyRole
from sammen.governance.bodies.models import BodyKind, BodyStatus, MandateStatus

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$", description="Stable identifier")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SeatIn(Strict):
    code: Slug
    title: Line = Field(min_length=1, max_length=2000)
    organisation_id: Id | None = None
    count: int = Field(default=1, ge=1, le=100)
    role: BodyRole = BodyRole.member


class SeatPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    title: str
    organisation_id: int | None
    count: int
    role: BodyRole


class BodyPublic(BaseModel):
    id: int
    slug: str
    kind: BodyKind
    name: str
    parent_id: int | None
    purpose: str
    description: str | None
    status: BodyStatus
    set_up_on: dt.date | None
    set_up_decision_id: int | None
    dissolved_on: dt.date | None
    dissolution_reason: str | None
    final_summary: str | None
    dissolved_decision_id: int | None
    mandate_in_force_id: int | None = Field(description="The approved mandate version now in force")
    seats: list[SeatPublic]
    version: int


class BodyCreate(Strict):
    slug: Slug
    kind: BodyKind
    name: Line = Field(min_length=1, max_length=300)
    parent_id: Id | None = Field(
        default=None, description="The body that set this one up (a working group's coordination group)"
    )
    purpose: Text = Field(min_length=1, max_length=20_000)
    description: Text | None = Field(default=None, max_length=50_000)
    seats: list[SeatIn] = Field(default_factory=list, max_length=100)


class BodyUpdate(Strict):
    name: Line | None = Field(default=None, min_length=1, max_length=300)
    purpose: Text | None = Field(default=None, min_length=1, max_length=20_000)
    description: Text | None = Field(default=None, max_length=50_000)


class BodyActivate(Strict):
    set_up_on: dt.date
    decision_id: Id | None = Field(default=None, description="The decision that set the body up")


class BodyDissolve(Strict):
    dissolved_on: dt.date
    reason: Text = Field(min_length=1, max_length=4000)
    final_summary: Text = Field(min_length=1, max_length=50_000)
    decision_id: Id | None = Field(default=None, description="The decision that dissolved the body")


class MandateFields(Strict):
    purpose: Text = Field(min_length=1, max_length=20_000)
    tasks: Text | None = Field(default=None, max_length=50_000)
    composition: Text | None = Field(default=None, max_length=20_000)
    meeting_frequency: Line | None = Field(default=None, max_length=300)
    working_form: Text | None = Field(default=None, max_length=20_000)
    duration: Line | None = Field(default=None, max_length=300)
    deliverables: Text | None = Field(default=None, max_length=20_000)


class MandateCreate(MandateFields):
    pass


class MandateUpdate(Strict):
    purpose: Text | None = Field(default=None, min_length=1, max_length=20_000)
    tasks: Text | None = Field(default=None, max_length=50_000)
    composition: Text | None = Field(default=None, max_length=20_000)
    meeting_frequency: Line | None = Field(default=None, max_length=300)
    working_form: Text | None = Field(default=None, max_length=20_000)
    duration: Line | None = Field(default=None, max_length=300)
    deliverables: Text | None = Field(default=None, max_length=20_000)


class MandateApprove(Strict):
    decision_id: Id = Field(description="The partnership's decision (kind approve_mandate) approving it")


class MandatePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    body_id: int
    number: int
    status: MandateStatus
    purpose: str
    tasks: str | None
    composition: str | None
    meeting_frequency: str | None
    working_form: str | None
    duration: str | None
    deliverables: str | None
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    approved_decision_id: int | None
    superseded_by_id: int | None
    version: int


class MemberCreate(Strict):
    user_id: Id | None = Field(default=None, description="A user of the system; or give person_name")
    person_name: Line | None = Field(default=None, min_length=1, max_length=200)
    person_organisation: Line | None = Field(
        default=None, max_length=200, description="An external person's organisation, as text"
    )
    email: Line | None = Field(default=None, max_length=320)
    organisation_id: Id | None = Field(
        default=None, description="The organisation represented (defaults to the seat's)"
    )
    role: BodyRole = BodyRole.member
    seat_code: Line | None = Field(default=None, max_length=80, description="The seat filled, if any")
    from_date: dt.date
    to_date: dt.date | None = None

    @model_validator(mode="after")
    def _who(self) -> MemberCreate:
        if (self.user_id is None) == (self.person_name is None):
            raise ValueError("give exactly one of user_id and person_name")
        if self.to_date is not None and self.to_date < self.from_date:
            raise ValueError("to_date must not be before from_date")
        return self


class MemberUpdate(Strict):
    role: BodyRole | None = None
    seat_code: Line | None = Field(default=None, max_length=80)
    organisation_id: Id | None = None
    person_organisation: Line | None = Field(default=None, max_length=200)
    email: Line | None = Field(default=None, max_length=320)
    from_date: dt.date | None = None
    to_date: dt.date | None = None


class MemberPublic(BaseModel):
    id: int
    body_id: int
    user_id: int | None
    person_name: str
    person_organisation: str | None
    email: str | None
    organisation_id: int | None
    role: BodyRole
    seat_code: str | None
    from_date: dt.date
    to_date: dt.date | None
    current: bool
    version: int


SeatState = Literal["filled", "partly_filled", "empty", "expired", "overfilled"]


class SeatReport(BaseModel):
    seat: SeatPublic
    holders: list[MemberPublic]
    filled: int
    state: SeatState = Field(
        description="expired: no current holder and the last holder's term has ended; empty: never held"
    )


class CompositionReport(BaseModel):
    body_id: int
    on: dt.date
    seats: list[SeatReport]
    empty_seats: list[str]
    partly_filled_seats: list[str]
    overfilled_seats: list[str]
    expired_seats: list[str]
    members_without_seat: list[MemberPublic]
    complete: bool


class MyBodyRoles(BaseModel):
    """The roles the caller holds in one body today, and what they allow (core.permissions' body table)."""

    body_id: int
    roles: list[BodyRole]
    permissions: list[BodyPermission]
