"""Shapes of initiatives, progress updates, milestones, action plans, revisions, diffs and coverage."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sammen.core.fields import Count, Id, Line, Moment, Text
from sammen.core.tables import Visibility
from sammen.initiatives.models import (
    ExpectedDirection,
    Horizon,
    InitiativeStatus,
    Level,
    PlanState,
    Size,
    StatusColour,
)

Slug = Annotated[Line, Field(min_length=1, max_length=60)]
Tag = Annotated[Line, Field(min_length=1, max_length=60)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndicatorLink(Strict):
    indicator: Line = Field(min_length=1, max_length=80, description="Indicator code")
    expected_direction: ExpectedDirection = Field(description="Which way the initiative should move it")


class InitiativeFields(Strict):
    summary: Text | None = Field(default=None, max_length=2000)
    description: Text | None = Field(default=None, max_length=50_000, description="Markdown")
    goals: list[Line] | None = Field(default=None, max_length=100, description="Goal / sub-objective codes")
    indicators: list[IndicatorLink] | None = Field(default=None, max_length=100)
    partners: list[Slug] | None = Field(default=None, max_length=50, description="Partner organisation slugs")
    responsible_body_id: Id | None = Field(default=None, description="The working group (once bodies exist)")
    levels: list[Level] | None = Field(default=None, max_length=3)
    size: Size | None = None
    horizon: Horizon | None = None
    phase: int | None = Field(
        default=None, ge=1, le=20, description="Override the phase derived from starts_on; null: derive it"
    )
    status_reason: Text | None = Field(
        default=None, max_length=2000, description="Required when paused/stopped"
    )
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    target_group: Line | None = Field(default=None, max_length=500)
    budget_dkk: int | None = Field(default=None, ge=0, le=10**13)
    funding_source: Line | None = Field(default=None, max_length=300)
    tags: list[Tag] | None = Field(default=None, max_length=30)
    external_id: Line | None = Field(default=None, min_length=1, max_length=120)


class InitiativeCreate(InitiativeFields):
    title: Line = Field(min_length=1, max_length=300)
    lead: Slug = Field(description="Slug of the lead organisation")
    status: InitiativeStatus = InitiativeStatus.idea
    visibility: Visibility = Visibility.partners


class InitiativeUpdate(InitiativeFields):
    title: Line | None = Field(default=None, min_length=1, max_length=300)
    lead: Slug | None = None
    status: InitiativeStatus | None = None
    visibility: Visibility | None = None


class IndicatorLinkPublic(BaseModel):
    indicator: str
    expected_direction: ExpectedDirection


SORT_KEYS = ("title", "updated_at", "starts_on", "ends_on", "phase", "status", "id")


class InitiativeFilters(BaseModel):
    """The initiative list's filters, declared once: the list and the export take them as query
    parameters (`Annotated[InitiativeFilters, Query()]`)."""

    goal: str | None = Field(
        default=None, description="Goal or sub-objective code (a goal includes its sub-objectives)"
    )
    organisation: str | None = Field(default=None, description="Organisation slug: lead or partner")
    status: list[InitiativeStatus] = Field(default_factory=list, description="One or more statuses")
    phase: list[Count] = Field(default_factory=list, description="One or more phase numbers")
    level: list[Level] = Field(default_factory=list, description="One or more levels")
    tag: str | None = Field(default=None, max_length=60)
    q: str | None = Field(default=None, max_length=200, description="Text in title, summary or description")
    updated_since: Moment | None = Field(default=None, description="Changed at or after (RFC 3339)")
    sort: str = Field(
        default="-updated_at",
        description="Comma-separated keys, `-` for descending: " + ", ".join(SORT_KEYS),
    )


class InitiativeSummary(BaseModel):
    """One row of the initiative list."""

    id: int
    title: str
    summary: str | None
    lead: str = Field(description="Slug of the lead organisation")
    partners: list[str]
    goals: list[str] = Field(description="Codes of the goals and sub-objectives it serves")
    levels: list[Level]
    size: Size | None
    horizon: Horizon | None
    phase: int | None
    status: InitiativeStatus
    starts_on: dt.date | None
    ends_on: dt.date | None
    tags: list[str]
    visibility: Visibility
    external_id: str | None
    last_status_colour: StatusColour | None = Field(description="Colour of the latest progress update")
    last_reported_on: dt.date | None
    updated_at: dt.datetime
    version: int


class InitiativePublic(InitiativeSummary):
    description: str | None = Field(description="Markdown as written")
    description_html: str | None = Field(description="The description rendered to safe HTML")
    indicators: list[IndicatorLinkPublic]
    responsible_body_id: int | None
    phase_overridden: bool
    status_reason: str | None
    target_group: str | None
    budget_dkk: int | None
    funding_source: str | None
    created_at: dt.datetime


class ProgressCreate(Strict):
    reported_on: dt.date | None = Field(default=None, description="Default: today")
    organisation: Slug | None = Field(
        default=None, description="Reporting organisation (lead or partner); default: the caller's"
    )
    status_colour: StatusColour
    percent_complete: int | None = Field(default=None, ge=0, le=100)
    narrative: Text = Field(min_length=1, max_length=20_000)
    observation_ids: list[Id] = Field(default_factory=list, max_length=50)
    is_story: bool = Field(default=False, description="Publish as a good story for residents")
    story_title: Line | None = Field(default=None, min_length=1, max_length=300)
    story_text: Text | None = Field(default=None, min_length=1, max_length=20_000)

    @model_validator(mode="after")
    def _story(self) -> ProgressCreate:
        if self.is_story and (not self.story_title or not self.story_text):
            raise ValueError("a good story needs story_title and story_text")
        return self


class ProgressPublic(BaseModel):
    id: int
    initiative_id: int
    organisation: str
    reported_on: dt.date
    status_colour: StatusColour
    percent_complete: int | None
    narrative: str
    observation_ids: list[int]
    is_story: bool
    story_title: str | None
    story_text: str | None
    author_name: str
    created_at: dt.datetime
    version: int


class GoodStory(BaseModel):
    id: int
    initiative_id: int
    initiative_title: str
    organisation: str
    reported_on: dt.date
    title: str
    text: str


class MilestoneCreate(Strict):
    title: Line = Field(min_length=1, max_length=300)
    due_on: dt.date | None = None
    done_on: dt.date | None = None


class MilestoneUpdate(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=300)
    due_on: dt.date | None = None
    done_on: dt.date | None = None


class MilestonePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    initiative_id: int
    title: str
    due_on: dt.date | None
    done_on: dt.date | None
    version: int


class PlanItemIn(Strict):
    initiative_id: Id
    priority: int = Field(default=0, ge=0, le=1000, description="1 is the highest; 0: not prioritised")
    note: Text | None = Field(default=None, max_length=2000)


class PlanItemPublic(BaseModel):
    initiative_id: int
    title: str
    priority: int
    note: str | None


class ActionPlanCreate(Strict):
    title: Line = Field(min_length=1, max_length=300)
    period_start: dt.date
    period_end: dt.date
    visibility: Visibility = Visibility.public
    items: list[PlanItemIn] = Field(default_factory=list, max_length=1000)


class ActionPlanUpdate(Strict):
    """Changes to the draft; the whole `items` list replaces the draft's items when given."""

    title: Line | None = Field(default=None, min_length=1, max_length=300)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    visibility: Visibility | None = None
    items: list[PlanItemIn] | None = Field(default=None, max_length=1000)


class ActionPlanApprove(Strict):
    decision_id: Id | None = Field(default=None, description="The board decision (once decisions exist)")
    note: Text | None = Field(default=None, max_length=2000)


class ActionPlanPublic(BaseModel):
    id: int
    title: str
    period_start: dt.date
    period_end: dt.date
    visibility: Visibility
    state: PlanState = Field(description="draft: changed since the last approval; approved: equals it")
    latest_revision: int = Field(description="Number of the last approved revision (0: none yet)")
    items: list[PlanItemPublic] = Field(description="The working copy, by priority")
    updated_at: dt.datetime
    version: int


class RevisionSummary(BaseModel):
    number: int
    title: str
    period_start: dt.date
    period_end: dt.date
    decision_id: int | None
    note: str | None
    approved_at: dt.datetime
    approved_by: str
    item_count: int


class RevisionPublic(RevisionSummary):
    plan_id: int
    items: list[PlanItemPublic]


class ItemChange(BaseModel):
    initiative_id: int
    title: str
    before: PlanItemPublic
    after: PlanItemPublic
    fields: list[str] = Field(description="Which of priority, note, title changed")


class FieldChange(BaseModel):
    field: str
    before: str | None
    after: str | None


class RevisionDiff(BaseModel):
    plan_id: int
    from_revision: int
    to_revision: int
    plan_changes: list[FieldChange] = Field(description="Changes to title and period")
    added: list[PlanItemPublic]
    removed: list[PlanItemPublic]
    changed: list[ItemChange]


class CoverageGoal(BaseModel):
    id: int
    code: str
    title: str
    parent_code: str | None


class CoverageIndicator(BaseModel):
    code: str
    name_da: str


class CoverageInitiative(BaseModel):
    id: int
    title: str
    lead: str
    status: InitiativeStatus


class Coverage(BaseModel):
    sub_objectives_without_active_initiative: list[CoverageGoal]
    indicators_without_initiative: list[CoverageIndicator]
    initiatives_without_indicator: list[CoverageInitiative]


class ImportRowResult(BaseModel):
    row: int
    external_id: str
    outcome: str = Field(description="created, updated or unchanged")
    id: int | None = None


class ImportSummary(BaseModel):
    dry_run: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    results: list[ImportRowResult]
