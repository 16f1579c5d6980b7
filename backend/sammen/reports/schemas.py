"""Requests and answers of the reports API (the report's content document is in content.py)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sammen.core.fields import Id, Line, Text
from sammen.reports.models import Edition, ReportState


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReportCreate(Strict):
    year: int = Field(ge=2000, le=2100, description="The year the status is given in (Q1), e.g. 2027")
    cutoff: dt.date | None = Field(
        default=None,
        description="Data approved on or before this day is in the report; default 31 December "
        "of the year before",
    )
    title: Line | None = Field(
        default=None, min_length=1, max_length=300, description='Default "Effektstatus <year>"'
    )
    from_report_id: Id | None = Field(
        default=None, description="Start from a frozen report: its written sections are copied"
    )


class ReportUpdate(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=300)
    cutoff: dt.date | None = None


class SectionUpdate(Strict):
    body: Text = Field(max_length=100_000, description="Markdown (a safe subset is rendered)")


class CommentCreate(Strict):
    body: Text = Field(min_length=1, max_length=10_000)


class PresentIn(Strict):
    agenda_item_id: Id = Field(
        description="The agenda item of a partnership meeting the report is presented on"
    )


class FreezeIn(Strict):
    decision_id: Id = Field(
        description="The partnership's decision of kind approve_status_report, made at the meeting the "
        "report was presented at"
    )


class SectionPublic(BaseModel):
    key: str = Field(description="introduction, goal:<code> (an assessment per goal) or recommendations")
    title: str
    body: str = Field(description="Markdown")
    html: str = Field(description="The Markdown rendered (safe subset)")
    updated_at: dt.datetime
    updated_by: str | None
    version: int
    comments: int = Field(description="How many review comments the section has")


class Presentation(BaseModel):
    agenda_item_id: int
    meeting_id: int
    presented_at: dt.datetime


class Freezing(BaseModel):
    decision_id: int
    frozen_at: dt.datetime
    frozen_by: str
    content_hash: str = Field(description="SHA-256 of the partners edition's snapshot")
    public_hash: str = Field(description="SHA-256 of the public edition's snapshot")


class Action(BaseModel):
    """A lifecycle action and whether the caller may take it now, with the reason when not."""

    action: Literal["submit", "reopen", "present", "freeze", "edit", "comment", "delete"]
    allowed: bool
    reason: str | None = Field(description="Why not (Danish), when not allowed")


class ReportPublic(BaseModel):
    id: int
    year: int
    title: str
    cutoff: dt.date
    state: ReportState
    based_on_id: int | None
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    presentation: Presentation | None
    freezing: Freezing | None
    editions: list[Edition] = Field(description="The editions the caller may read")
    actions: list[Action] = Field(description="What the caller may do now (the SPA's buttons and reasons)")
    version: int


class ReportDetail(ReportPublic):
    sections: list[SectionPublic]


class CommentPublic(BaseModel):
    id: int
    section_key: str
    organisation: str = Field(description="Slug of the commenter's organisation")
    author_name: str
    body: str
    created_at: dt.datetime


class FigureChange(BaseModel):
    """A figure that differs today from the report's (a late correction, or a new approval)."""

    indicator: str
    area: str
    period: str
    kind: Literal["corrected", "new", "withdrawn"]
    in_report: float | None = Field(description="The value the report has (null: none or withheld)")
    now: float | None = Field(description="The value today (null: none or withheld)")
    withheld_now: bool
    approved_at: dt.datetime | None = Field(description="When today's value was approved")
    since_freeze: bool = Field(description="Approved after the report was frozen (else after the cut-off)")


class ChangesSinceFreeze(BaseModel):
    report_id: int
    edition: Edition
    cutoff: dt.date
    frozen_at: dt.datetime
    content_hash: str
    items: list[FigureChange]
    total: int
