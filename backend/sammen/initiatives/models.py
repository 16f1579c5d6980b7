"""Initiatives with their goals, indicators and partners; progress updates and good stories;
milestones; action plans with their approved, frozen revisions."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sammen.core.tables import (
    Identified,
    SoftDeletable,
    StrEnumType,
    Timestamped,
    UTCDateTime,
    Versioned,
    Visibility,
    utcnow,
)


class Level(enum.StrEnum):
    individ = "individ"
    boligomraade = "boligomraade"
    kvarter = "kvarter"


class Size(enum.StrEnum):
    small = "small"
    large = "large"


class Horizon(enum.StrEnum):
    short = "short"
    long = "long"


class InitiativeStatus(enum.StrEnum):
    idea = "idea"
    planned = "planned"
    active = "active"
    paused = "paused"
    completed = "completed"
    stopped = "stopped"


class ExpectedDirection(enum.StrEnum):
    up = "up"
    down = "down"


class StatusColour(enum.StrEnum):
    green = "green"
    yellow = "yellow"
    red = "red"


class PlanState(enum.StrEnum):
    draft = "draft"
    approved = "approved"


# What the list's covering indexes hold after their leading column(s): its order (newest first,
# id breaking ties), what visibility reads, and the version its cached entries are checked by.
LIST_PAGE_KEY = ("updated_at", "id", "deleted_at", "visibility", "lead_organisation_id", "version")


class Initiative(Identified, Versioned, Timestamped, SoftDeletable, table=True):
    __tablename__ = "initiatives"
    __table_args__ = (
        UniqueConstraint("lead_organisation_id", "external_id"),
        # The list's default order, and its commonest filter, read from covering indexes: a page
        # of (id, version, updated_at) in the list's order (id breaks ties) without a sort or a
        # table read, and a count that never touches the table (migration 0005).
        Index("ix_initiatives_updated_at", *LIST_PAGE_KEY),
        Index("ix_initiatives_status_updated_at", "status", *LIST_PAGE_KEY),
        Index("ix_initiatives_phase", "phase"),
    )

    title: str = Field(max_length=300)
    summary: str | None = Field(default=None, max_length=2000)
    description: str | None = Field(default=None, sa_type=Text)
    lead_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    responsible_body_id: int | None = Field(default=None, index=True)  # a working group once bodies exist
    levels: str = Field(default="", max_length=60)  # comma-joined Level values, in Level order
    size: Size | None = Field(default=None, sa_type=StrEnumType(Size))
    horizon: Horizon | None = Field(default=None, sa_type=StrEnumType(Horizon))
    phase: int | None = Field(default=None)  # derived from starts_on unless phase_overridden
    phase_overridden: bool = Field(default=False)
    status: InitiativeStatus = Field(default=InitiativeStatus.idea, sa_type=StrEnumType(InitiativeStatus))
    status_reason: str | None = Field(default=None, max_length=2000)
    starts_on: dt.date | None = Field(default=None)
    ends_on: dt.date | None = Field(default=None)
    target_group: str | None = Field(default=None, max_length=500)
    budget_dkk: int | None = Field(default=None, sa_type=BigInteger)
    funding_source: str | None = Field(default=None, max_length=300)
    tags: list[str] = Field(default_factory=list, sa_type=JSON)
    visibility: Visibility = Field(default=Visibility.partners, sa_type=StrEnumType(Visibility))
    external_id: str | None = Field(default=None, max_length=120)
    last_status_colour: StatusColour | None = Field(default=None, sa_type=StrEnumType(StatusColour))
    last_reported_on: dt.date | None = Field(default=None)


class InitiativeCount(SQLModel, table=True):
    """How many live initiatives there are per status, visibility and organisation, as lead or
    (for restricted ones led by another organisation) as a named partner.

    Kept by database triggers (migration 0006), so every write counts, plain SQL included; the
    list reads its total here instead of counting its rows (listing.py).
    """

    __tablename__ = "initiative_counts"

    status: str = Field(max_length=40, primary_key=True)
    visibility: str = Field(max_length=40, primary_key=True)
    organisation_id: int = Field(primary_key=True)
    role: str = Field(max_length=10, primary_key=True)  # lead | partner
    n: int = Field(default=0)


class InitiativeGoal(SQLModel, table=True):
    __tablename__ = "initiative_goals"

    initiative_id: int = Field(foreign_key="initiatives.id", primary_key=True)
    goal_id: int = Field(foreign_key="goals.id", primary_key=True, index=True)


class InitiativePartner(SQLModel, table=True):
    __tablename__ = "initiative_partners"

    initiative_id: int = Field(foreign_key="initiatives.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", primary_key=True, index=True)


class InitiativeIndicator(SQLModel, table=True):
    __tablename__ = "initiative_indicators"

    initiative_id: int = Field(foreign_key="initiatives.id", primary_key=True)
    indicator_id: int = Field(foreign_key="indicators.id", primary_key=True, index=True)
    expected_direction: ExpectedDirection = Field(sa_type=StrEnumType(ExpectedDirection))


class ProgressUpdate(Identified, Versioned, Timestamped, SoftDeletable, table=True):
    """A dated report on an initiative; with `is_story` it is a good story for residents."""

    __tablename__ = "progress_updates"
    __table_args__ = (Index("ix_progress_updates_initiative_date", "initiative_id", "reported_on"),)

    initiative_id: int = Field(foreign_key="initiatives.id")
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    reported_on: dt.date
    status_colour: StatusColour = Field(sa_type=StrEnumType(StatusColour))
    percent_complete: int | None = Field(default=None)
    narrative: str = Field(sa_type=Text)
    observation_ids: list[int] = Field(default_factory=list, sa_type=JSON)
    is_story: bool = Field(default=False, index=True)
    story_title: str | None = Field(default=None, max_length=300)
    story_text: str | None = Field(default=None, sa_type=Text)
    author_name: str = Field(max_length=200)


class Milestone(Identified, Versioned, Timestamped, table=True):
    __tablename__ = "milestones"

    initiative_id: int = Field(foreign_key="initiatives.id", index=True)
    title: str = Field(max_length=300)
    due_on: dt.date | None = Field(default=None)
    done_on: dt.date | None = Field(default=None)


class ActionPlan(Identified, Versioned, Timestamped, SoftDeletable, table=True):
    """The working copy of a plan: a draft until approved; approving freezes it as a revision."""

    __tablename__ = "action_plans"

    title: str = Field(max_length=300)
    period_start: dt.date
    period_end: dt.date
    visibility: Visibility = Field(default=Visibility.public, sa_type=StrEnumType(Visibility))
    state: PlanState = Field(default=PlanState.draft, sa_type=StrEnumType(PlanState))
    latest_revision: int = Field(default=0)  # the number of the last approved revision; 0: none yet


class ActionPlanItem(SQLModel, table=True):
    """An initiative in the draft (working copy) of a plan."""

    __tablename__ = "action_plan_items"

    plan_id: int = Field(foreign_key="action_plans.id", primary_key=True)
    initiative_id: int = Field(foreign_key="initiatives.id", primary_key=True, index=True)
    priority: int = Field(default=0)
    note: str | None = Field(default=None, max_length=2000)


class ActionPlanRevision(Identified, table=True):
    """An approved, numbered, frozen copy of a plan. Never changed after it is written."""

    __tablename__ = "action_plan_revisions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    plan_id: int = Field(foreign_key="action_plans.id", index=True)
    number: int
    title: str = Field(max_length=300)
    period_start: dt.date
    period_end: dt.date
    items: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    decision_id: int | None = Field(default=None, index=True)  # points to decisions once they exist
    note: str | None = Field(default=None, max_length=2000)
    approved_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    approved_by_id: int | None = Field(default=None)
    approved_by: str = Field(max_length=200)
