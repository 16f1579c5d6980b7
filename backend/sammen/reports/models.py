"""The yearly effect status: the report, its written sections, review comments, frozen snapshots."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sammen.core.tables import SoftDeletable, StrEnumType, Timestamped, UTCDateTime, Versioned, utcnow


class ReportState(enum.StrEnum):
    draft = "draft"
    in_review = "in_review"  # the coordination group comments
    presented = "presented"  # on an agenda item of a partnership meeting
    frozen = "frozen"  # approved by the partnership's decision; never changes again


class Edition(enum.StrEnum):
    partners = "partners"  # everything partners may read
    public = "public"  # public data only, small numbers withheld


class StatusReport(Versioned, Timestamped, SoftDeletable, table=True):
    """One year's effect status ("Effektstatus 2027"), assembled as of its cut-off date."""

    __tablename__ = "status_reports"
    __table_args__ = (Index("ix_status_reports_year", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreements.id", index=True)
    year: int
    title: str = Field(max_length=300)
    cutoff: dt.date = Field(description="Data approved on or before this day (Copenhagen) is in the report")
    state: ReportState = Field(default=ReportState.draft, sa_type=StrEnumType(ReportState))
    based_on_id: int | None = Field(default=None, foreign_key="status_reports.id")
    created_by: str = Field(max_length=200)
    presented_agenda_item_id: int | None = Field(default=None, foreign_key="agenda_items.id")
    presented_meeting_id: int | None = Field(default=None, foreign_key="meetings.id")
    presented_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    frozen_decision_id: int | None = Field(default=None, foreign_key="decisions.id")
    frozen_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    frozen_by: str | None = Field(default=None, max_length=200)


class ReportSection(Versioned, table=True):
    """A written section in Markdown: the introduction, an assessment per goal, recommendations."""

    __tablename__ = "status_report_sections"
    __table_args__ = (UniqueConstraint("report_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="status_reports.id", index=True)
    key: str = Field(max_length=40)  # introduction, goal:<code>, recommendations
    title: str = Field(max_length=300)
    position: int = Field(default=0)
    body: str = Field(default="", sa_type=Text)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: str | None = Field(default=None, max_length=200)


class ReportComment(SQLModel, table=True):
    """A partner editor's review comment on one section, written while the report is in review."""

    __tablename__ = "status_report_comments"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="status_reports.id", index=True)
    section_key: str = Field(max_length=40)
    organisation_id: int = Field(foreign_key="organisations.id")
    author_id: int | None = Field(default=None)
    author_name: str = Field(max_length=200)
    body: str = Field(sa_type=Text)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReportSnapshot(SQLModel, table=True):
    """Every figure and text of a frozen report, per edition, with its SHA-256; written once."""

    __tablename__ = "status_report_snapshots"
    __table_args__ = (UniqueConstraint("report_id", "edition"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="status_reports.id", index=True)
    edition: Edition = Field(sa_type=StrEnumType(Edition))
    content: str = Field(sa_type=Text, description="The content document as canonical JSON")
    content_hash: str = Field(max_length=64, description="SHA-256 of `content`, hex")
    pdf: bytes | None = Field(
        default=None, sa_type=LargeBinary, description="The PDF, typeset once on the first download"
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
