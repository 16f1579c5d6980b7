"""Request and response shapes for areas, indicators, observations, imports and status."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from sammen.core.errors import FieldError
from sammen.core.fields import Count, Id, Line, Text
from sammen.core.tables import Visibility
from sammen.indicators.assessment import Position, Trend, Verdict
from sammen.indicators.models import (
    Approval,
    AreaKind,
    Direction,
    LineBasis,
    ListKind,
    ObservationStatus,
    Periodicity,
    ReferenceKind,
)


class AreaPublic(BaseModel):
    code: str
    name: str
    kind: AreaKind
    dst_code: str | None = Field(description="Statistics Denmark area code (OMRÅDE), if it has one")
    parent: str | None = Field(description="Code of the area that contains this one")


class ReferenceLinePublic(BaseModel):
    kind: ReferenceKind
    value: float | None = Field(
        description="The line's value; null when it follows the data (see `basis`): the status gives "
        "its value for the latest period"
    )
    operator: str | None = Field(description="How a value meets the line: >, >=, < or <=")
    area: str | None = Field(description="Area code; null: all areas")
    list_kind: ListKind | None
    from_year: int | None = Field(description="First year it applies to; for an own_level baseline its year")
    to_year: int | None
    note: str | None
    basis: LineBasis = Field(
        description="fixed: `value`; own_level: the area's own level in `from_year`; area_level: the "
        "level of `basis_area` in the same period"
    )
    basis_area: str | None = Field(description="Area code an area_level line follows")
    offset: float = Field(description="Added to the followed value (0 for a fixed line)")
    source: str | None = Field(description="Where the line comes from (law, agreement text, decision)")


class IndicatorPublic(BaseModel):
    id: int = Field(description="Stable numeric id (links from agenda items and decisions use it)")
    code: str
    name_da: str
    name_en: str
    definition: str
    unit: str
    decimals: int
    direction: Direction
    periodicity: Periodicity
    source: str
    owner: str = Field(description="Slug of the owning organisation")
    visibility: Visibility
    min_n: int = Field(description="Smallest n a value is shown for to anyone but the owner")
    trend_tolerance: float | None = Field(
        description="A change over the last three periods within ± this is stable; null: the rule's "
        "default (1 point for shares, else 5 % of the level)"
    )
    goals: list[str] = Field(description="Codes of the goals and sub-objectives it follows")
    reference_lines: list[ReferenceLinePublic]
    version: int


class ObservationIn(BaseModel):
    """One value in a batch, keyed by area and period."""

    model_config = ConfigDict(extra="forbid")

    area: Line = Field(description="Area code")
    period: Line = Field(description="2024, 2024-Q1 (or 2024K1), 2024-03 (or 2024M03), 2023/24, 2022-11-01")
    value: float | None = Field(default=None, allow_inf_nan=False)
    missing_reason: Line | None = Field(default=None, max_length=500, description="Why there is no value")
    n: Count | None = Field(default=None, ge=0, description="The base the value is computed on")
    status: ObservationStatus = ObservationStatus.provisional
    comment: Text | None = Field(default=None, max_length=2000)


class ObservationBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[ObservationIn] = Field(max_length=10_000)


class ObservationPublic(BaseModel):
    id: int
    indicator: str
    area: str
    period: str
    value: float | None = Field(description="Absent (null) when withheld or missing; never 0 for withheld")
    missing_reason: str | None
    n: int | None
    status: ObservationStatus
    comment: str | None
    withheld: bool = Field(
        description="True when n is below the indicator's minimum and you are not the owner"
    )
    approval: Approval = Field(description="draft (only the owner sees drafts) or approved")
    self_approved: bool = Field(description="Approved by the person who entered it")
    approved_at: dt.datetime | None
    updated_at: dt.datetime
    version: int


class RevisionPublic(BaseModel):
    value: float | None
    missing_reason: str | None
    n: int | None
    status: ObservationStatus
    comment: str | None
    entered_by: str | None = Field(description="Owner only")
    entered_at: dt.datetime
    approved_by: str | None = Field(description="Owner only")
    approved_at: dt.datetime
    self_approved: bool


class ObservationDetail(ObservationPublic):
    entered_by: str | None = Field(description="Who stored the current entry (owner only)")
    entered_at: dt.datetime | None
    approved_by: str | None = Field(description="Who approved the current value (owner only)")
    history: list[RevisionPublic] = Field(description="Earlier approved values, oldest first")


class WriteSummary(BaseModel):
    """What a batch or import did (or, for a dry run, would do)."""

    dry_run: bool
    valid: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    approved: int = 0
    errors: list[FieldError] = Field(
        default_factory=list, description="Every problem: field is `row <n>.<column>`"
    )


class ApproveSelection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[Id] | None = Field(
        default=None, description="Observation ids; with areas/periods: all must match"
    )
    areas: list[Line] | None = None
    periods: list[Line] | None = None


class ApproveResult(BaseModel):
    approved: int
    self_approved: int


class ApproveQueue(BaseModel):
    """Drafts of any indicators, as one queue (an organisation's editors approve across its indicators)."""

    model_config = ConfigDict(extra="forbid")

    ids: list[Id] = Field(min_length=1, max_length=5000, description="Observation ids (drafts)")


class IndicatorDuty(BaseModel):
    """What an organisation owes for one indicator it owns (the measured area's periods)."""

    indicator: str
    name_da: str
    name_en: str
    periodicity: Periodicity
    latest_period: str | None = Field(description="The newest period with an entry (draft or approved)")
    latest_approved_period: str | None
    drafts: int = Field(description="Values waiting for approval, in every area")
    due_periods: list[str] = Field(
        description="Periods that have ended and are expected by now, with no entry"
    )
    missing_periods: list[str] = Field(description="Gaps between the first and the latest entry")


class Comparison(BaseModel):
    area: str
    period: str
    value: float
    gap: float = Field(description="Value minus the comparison area's value, same period")


class ThresholdDistance(BaseModel):
    list_kind: ListKind | None
    list_year: int
    operator: str
    threshold: float
    crossed: bool
    distance: float = Field(description="Threshold minus value (negative: above the line)")


# The rule's vocabulary (indicators/assessment.py is the one place it is defined).
StatusValue = Verdict
PositionValue = Position
TrendValue = Trend


class AreaStatus(BaseModel):
    """Where one area stands (position) and where it is heading (trend), and the verdict.

    The rule (indicators/assessment.py, written out in Danish in `explanation`): a crossed legal
    threshold is always off_track; without a target the status is no_target, never on_track;
    otherwise position and trend over the last three periods decide together."""

    area: str
    period: str | None = Field(description="Period of the latest approved value")
    value: float | None
    observation_status: ObservationStatus | None
    previous_period: str | None
    change_since_previous: float | None
    baseline: float | None
    baseline_period: str | None = Field(description="When the baseline was measured (e.g. 2018)")
    baseline_source: str | None
    change_since_baseline: float | None
    target: float | None = Field(description="The target's value for the latest period")
    target_basis: LineBasis | None = Field(description="fixed, or area_level: another area's level")
    target_area: str | None = Field(description="The area whose level the target follows")
    target_period: str | None = Field(description="The followed area's period the target value is from")
    target_source: str | None
    gap_to_target: float | None
    comparisons: list[Comparison]
    thresholds: list[ThresholdDistance]
    position: PositionValue = Field(description="Where the area stands against threshold, target, baseline")
    trend: TrendValue = Field(description="The change over the last three values, against the tolerance")
    trend_periods: list[str] = Field(description="The (up to three) periods the trend is read from")
    trend_change: float | None = Field(description="Last minus first of the three")
    trend_tolerance: float | None = Field(description="Changes within ± this are stable")
    stale: bool = Field(description="The latest value is older than the periodicity allows")
    status: StatusValue
    rule: str = Field(description="The rule that decided the status, e.g. toward-target-improving")
    explanation: str = Field(description="The verdict and its reasons, in Danish")


class IndicatorStatus(BaseModel):
    indicator: str
    name_da: str
    name_en: str
    unit: str
    direction: Direction
    periodicity: Periodicity
    as_of: dt.date
    areas: list[AreaStatus]


class CriterionValue(BaseModel):
    indicator: str
    period: str | None
    value: float | None
    operator: str
    threshold: float
    crossed: bool | None = Field(description="null when there is no value")
    distance: float | None


class ListAssessment(BaseModel):
    list_year: int
    list_kind: ListKind
    criteria: list[CriterionValue] = Field(description="The counting criteria (K1-K4)")
    crossed: int
    required: int = 2
    conditions: list[CriterionValue] = Field(
        description="Share criteria that qualify the list (E): context indicators with thresholds"
    )
    meets_list_criteria: bool


class AreaCriteria(BaseModel):
    area: str
    assessments: list[ListAssessment]


class StatusCounts(BaseModel):
    """How many of a goal's indicators have each status."""

    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    no_target: int = 0
    no_recent_data: int = 0
    context: int = 0


class RollupIndicator(BaseModel):
    indicator: str
    name_da: str
    status: StatusValue
    position: PositionValue
    trend: TrendValue
    period: str | None
    explanation: str


class GoalRollup(BaseModel):
    """A goal's (or sub-objective's) status from its indicators, for the measured area.

    Rule (Danish in `explanation`): off_track if any indicator is on the wrong side of a legal
    threshold or at least half of the assessed ones are off_track; on_track when all assessed are;
    otherwise at_risk. Assessed: on_track, at_risk or off_track. With none assessed: no_target (if
    any lacks a target) or no_recent_data."""

    goal: str = Field(description="Goal or sub-objective code")
    title: str
    parent: str | None = Field(description="The goal's code, for a sub-objective")
    area: str = Field(description="The measured area the statuses are for")
    as_of: dt.date
    status: StatusValue
    explanation: str = Field(description="The verdict and the counts, in Danish")
    counts: StatusCounts
    indicators: list[RollupIndicator] = Field(description="The goal's indicators (sub-objectives' included)")
    sub_objectives: list[GoalRollup] = Field(description="Each sub-objective's own roll-up")
