"""Shapes of the agreement, phases, goals and amendments."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sammen.core.fields import Count, Id, Line, Text
from sammen.core.tables import Visibility

Code = Annotated[
    str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$", description="Short stable code, e.g. 2 or 2e")
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FuturePicture(Strict):
    title: Line = Field(min_length=1, max_length=300)
    text: Text = Field(min_length=1, max_length=20_000)


class RulesOfPlay(Strict):
    intro: Text = Field(default="", max_length=20_000)
    principles: list[Text] = Field(default_factory=list, max_length=50)


class PhasePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    title: str
    starts_year: int
    ends_year: int
    description: str | None = None


class PhaseIn(Strict):
    number: int = Field(ge=1, le=20)
    title: Line = Field(min_length=1, max_length=300)
    starts_year: int = Field(ge=1990, le=2100)
    ends_year: int = Field(ge=1990, le=2100)
    description: Text | None = Field(default=None, max_length=20_000)

    @model_validator(mode="after")
    def _ordered(self) -> PhaseIn:
        if self.ends_year < self.starts_year:
            raise ValueError("ends_year must not be before starts_year")
        return self


class AgreementPublic(BaseModel):
    id: int
    slug: str
    title: str
    subtitle: str | None
    description: str | None
    starts_on: dt.date
    ends_on: dt.date
    vision: str
    future_pictures: list[FuturePicture]
    rules_of_play: RulesOfPlay
    effect: str | None
    prioritisation: str | None
    governance: str | None
    phases: list[PhasePublic]
    version: int


class AmendmentInfo(Strict):
    """Why the agreement changed: a note, and the board decision that approved it once decisions exist."""

    note: Text | None = Field(default=None, max_length=4000)
    decision_id: Id | None = None


class AgreementUpdate(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=300)
    subtitle: Line | None = Field(default=None, max_length=300)
    description: Text | None = Field(default=None, max_length=50_000)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    vision: Text | None = Field(default=None, min_length=1, max_length=20_000)
    future_pictures: list[FuturePicture] | None = Field(default=None, max_length=50)
    rules_of_play: RulesOfPlay | None = None
    effect: Text | None = Field(default=None, max_length=20_000)
    prioritisation: Text | None = Field(default=None, max_length=20_000)
    governance: Text | None = Field(default=None, max_length=50_000)
    phases: list[PhaseIn] | None = Field(default=None, max_length=20)
    amendment: AmendmentInfo = Field(default_factory=AmendmentInfo)


class SubObjectivePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    title: str
    description: str | None
    position: int
    visibility: Visibility
    version: int


class GoalPublic(BaseModel):
    id: int
    parent_id: int | None
    code: str
    title: str
    description: str | None
    position: int
    visibility: Visibility
    version: int
    sub_objectives: list[SubObjectivePublic] = Field(default_factory=list)


class GoalCreate(Strict):
    code: Code
    title: Line = Field(min_length=1, max_length=2000)
    description: Text | None = Field(default=None, max_length=20_000)
    parent_id: Id | None = Field(default=None, description="Set to make this a sub-objective of that goal")
    position: Count | None = Field(default=None, ge=0)
    visibility: Visibility = Visibility.public
    amendment: AmendmentInfo = Field(default_factory=AmendmentInfo)


class GoalUpdate(Strict):
    code: Code | None = None
    title: Line | None = Field(default=None, min_length=1, max_length=2000)
    description: Text | None = Field(default=None, max_length=20_000)
    position: Count | None = Field(default=None, ge=0)
    visibility: Visibility | None = None
    amendment: AmendmentInfo = Field(default_factory=AmendmentInfo)


class GoalDelete(Strict):
    amendment: AmendmentInfo = Field(default_factory=AmendmentInfo)


class AmendmentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: dt.datetime
    object_type: str
    object_id: int
    change: str
    note: str | None
    decision_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    made_by_name: str
