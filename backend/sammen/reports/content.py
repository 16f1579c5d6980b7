"""The report's content document: every figure and text, as assembled or as frozen.

One shape serves the API (`GET /reports/{id}/content`), the frozen snapshot (canonical JSON of
this document, hashed with SHA-256), the HTML and PDF (rendered from it) and the XLSX annex, so
they can never disagree. Numbers are plain JSON numbers; the documents format them in Danish.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from sammen.indicators.schemas import AreaStatus, StatusCounts, StatusValue
from sammen.reports.models import Edition, ReportState

FORMAT = "sammen-status-report/1"


class ContentPoint(BaseModel):
    period: str
    value: float | None = Field(description="null when withheld or missing (never 0)")
    withheld: bool = Field(description="n below the minimum: shown as withheld")
    missing_reason: str | None


class ContentSeries(BaseModel):
    area: str
    area_name: str
    points: list[ContentPoint]


class ContentLine(BaseModel):
    """A reference line as the chart draws it (its value for the measured area's latest period)."""

    kind: Literal["baseline", "target", "threshold"]
    value: float | None
    label: str = Field(description="How the document names it, in Danish")
    operator: str | None
    list_kind: str | None
    basis: str
    basis_area: str | None
    source: str | None


class PhaseChange(BaseModel):
    phase: int
    from_period: str
    from_value: float
    to_period: str
    to_value: float
    change: float


class ContentComparison(BaseModel):
    area: str
    area_name: str
    period: str
    value: float
    gap: float


class ContentIndicator(BaseModel):
    code: str
    name: str
    definition: str
    unit: str
    decimals: int
    direction: str
    periodicity: str
    data_source: str
    owner: str = Field(description="Name of the owning organisation")
    goals: list[str]
    area: str = Field(description="The measured area")
    status: AreaStatus = Field(description="The status rule's answer as of the cut-off")
    comparisons: list[ContentComparison]
    phase_change: PhaseChange | None = Field(description="The change over the current phase so far")
    lines: list[ContentLine]
    series: list[ContentSeries] = Field(description="The measured area first, then the comparison areas")


class ContentProgress(BaseModel):
    reported_on: dt.date
    status_colour: str
    percent_complete: int | None
    narrative: str


class ContentInitiative(BaseModel):
    id: int
    title: str
    lead: str = Field(description="Name of the lead organisation")
    status: str
    goals: list[str]
    latest_progress: ContentProgress | None = Field(description="The latest progress on the cut-off date")


class ContentStory(BaseModel):
    title: str
    text: str
    initiative: str
    organisation: str
    reported_on: dt.date


class ContentMilestone(BaseModel):
    title: str
    initiative: str
    done_on: dt.date


class ContentDecision(BaseModel):
    number: str
    title: str
    text: str
    decided_on: dt.date


class ContentSection(BaseModel):
    key: str
    title: str
    markdown: str


class ContentRollup(BaseModel):
    status: StatusValue
    explanation: str
    counts: StatusCounts


class ContentSubObjective(BaseModel):
    code: str
    title: str
    rollup: ContentRollup


class ContentGoal(BaseModel):
    code: str
    title: str
    rollup: ContentRollup
    sub_objectives: list[ContentSubObjective]
    assessment: ContentSection
    indicators: list[ContentIndicator]
    initiatives: list[ContentInitiative]
    stories: list[ContentStory]
    milestones: list[ContentMilestone]


class ContentCriterion(BaseModel):
    indicator: str
    name: str
    period: str | None
    value: float | None
    operator: str
    threshold: float
    crossed: bool | None


class ContentListAssessment(BaseModel):
    list_kind: str
    list_year: int
    criteria: list[ContentCriterion]
    crossed: int
    conditions: list[ContentCriterion]
    meets_list_criteria: bool


class ContentCoverage(BaseModel):
    sub_objectives_without_active_initiative: list[str]
    indicators_without_initiative: list[str]
    initiatives_without_indicator: list[str]


class ContentReport(BaseModel):
    id: int
    year: int
    title: str
    cutoff: dt.date
    edition: Edition
    state: ReportState
    presented_on: dt.date | None
    meeting: str | None = Field(description="The partnership meeting it was presented at")
    decision: str | None = Field(description="The decision that approved it (number and title)")
    frozen_at: dt.datetime | None


class ContentAgreement(BaseModel):
    title: str
    subtitle: str | None
    parties: list[str]
    starts_on: dt.date
    ends_on: dt.date


class ContentPhase(BaseModel):
    number: int
    title: str
    starts_year: int
    ends_year: int


class ReportContent(BaseModel):
    format: Literal["sammen-status-report/1"] = "sammen-status-report/1"
    report: ContentReport
    agreement: ContentAgreement
    phase: ContentPhase | None = Field(description="The phase the agreement is in on the cut-off date")
    as_of: dt.date = Field(description="The cut-off date the figures are read as of")
    area: str
    area_name: str
    introduction: ContentSection
    recommendations: ContentSection
    goals: list[ContentGoal]
    criteria: list[ContentListAssessment] = Field(
        description="The official area criteria in the cut-off year"
    )
    decisions: list[ContentDecision] = Field(description="The partnership's decisions of the year")
    coverage: ContentCoverage
    status_rule: str = Field(description="How status is read, in Danish")
