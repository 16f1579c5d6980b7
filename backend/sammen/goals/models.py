"""The agreement, its phases, the goal tree (goals and sub-objectives) and its amendments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sammen.core.tables import (
    SoftDeletable,
    StrEnumType,
    Timestamped,
    UTCDateTime,
    Versioned,
    Visibility,
    utcnow,
)


class Agreement(Versioned, Timestamped, table=True):
    __tablename__ = "agreements"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    title: str = Field(max_length=300)
    subtitle: str | None = Field(default=None, max_length=300)
    description: str | None = Field(default=None, sa_type=Text)
    starts_on: dt.date
    ends_on: dt.date
    vision: str = Field(sa_type=Text)
    future_pictures: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    rules_of_play: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    effect: str | None = Field(default=None, sa_type=Text)
    prioritisation: str | None = Field(default=None, sa_type=Text)
    governance: str | None = Field(default=None, sa_type=Text)


class Phase(SQLModel, table=True):
    __tablename__ = "phases"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreements.id", index=True)
    number: int
    title: str = Field(max_length=300)
    starts_year: int
    ends_year: int
    description: str | None = Field(default=None, sa_type=Text)


class Goal(Versioned, Timestamped, SoftDeletable, table=True):
    """A goal (parent_id is null) or one of its sub-objectives."""

    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("agreement_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreements.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="goals.id", index=True)
    code: str = Field(max_length=20)
    title: str = Field(sa_type=Text)
    description: str | None = Field(default=None, sa_type=Text)
    position: int = Field(default=0)
    visibility: Visibility = Field(default=Visibility.public, sa_type=StrEnumType(Visibility))
    owner_organisation_id: int | None = Field(default=None, foreign_key="organisations.id")


class Amendment(SQLModel, table=True):
    """A change to the agreement or its goals, with the decision that approved it (once decisions exist)."""

    __tablename__ = "amendments"

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreements.id", index=True)
    occurred_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    object_type: str = Field(max_length=40)  # agreement, goal
    object_id: int
    change: str = Field(max_length=40)  # update, create, delete, restore
    note: str | None = Field(default=None, sa_type=Text)
    decision_id: int | None = Field(default=None, index=True)  # points to decisions once they exist
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    made_by_id: int | None = Field(default=None)
    made_by_name: str = Field(max_length=200)
