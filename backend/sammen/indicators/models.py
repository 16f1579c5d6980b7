"""Areas, the indicator catalogue with its reference lines, and observations with their history."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, Float, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sammen.core.tables import (
    Created,
    Identified,
    StrEnumType,
    Timestamped,
    UTCDateTime,
    Versioned,
    Visibility,
    utcnow,
)


class AreaKind(enum.StrEnum):
    target = "target"
    estate = "estate"
    comparison = "comparison"


class Direction(enum.StrEnum):
    up = "up"
    down = "down"
    context = "context"


class Periodicity(enum.StrEnum):
    year = "year"
    quarter = "quarter"
    month = "month"
    school_year = "school_year"
    election = "election"


class ReferenceKind(enum.StrEnum):
    baseline = "baseline"
    target = "target"
    threshold = "threshold"


class LineBasis(enum.StrEnum):
    """Where a reference line's value comes from."""

    fixed = "fixed"  # the value itself
    own_level = "own_level"  # the area's own level in `from_year` (the mean of that year's values)
    area_level = "area_level"  # another area's value in the same period (`basis_area_id`)


class ListKind(enum.StrEnum):
    udsat = "udsat"
    forebyggelse = "forebyggelse"


class ObservationStatus(enum.StrEnum):
    provisional = "provisional"
    final = "final"
    series_break = "series_break"


class Approval(enum.StrEnum):
    draft = "draft"
    approved = "approved"


class Area(Identified, Versioned, Timestamped, table=True):
    __tablename__ = "areas"

    code: str = Field(max_length=80, unique=True)
    name: str = Field(max_length=200)
    kind: AreaKind = Field(sa_type=StrEnumType(AreaKind))
    dst_code: str | None = Field(default=None, max_length=10)
    parent_id: int | None = Field(default=None, foreign_key="areas.id")
    position: int = Field(default=0)


class Indicator(Identified, Versioned, Timestamped, table=True):
    __tablename__ = "indicators"

    code: str = Field(max_length=80, unique=True)
    name_da: str = Field(max_length=300)
    name_en: str = Field(max_length=300)
    definition: str = Field(sa_type=Text)
    unit: str = Field(max_length=60)
    decimals: int = Field(default=1)
    direction: Direction = Field(sa_type=StrEnumType(Direction))
    periodicity: Periodicity = Field(sa_type=StrEnumType(Periodicity))
    source: str = Field(max_length=300)
    owner_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    visibility: Visibility = Field(default=Visibility.public, sa_type=StrEnumType(Visibility))
    min_n: int | None = Field(default=None)
    trend_tolerance: float | None = Field(
        default=None, sa_type=Float, description="A change within ± this is stable; null: the rule's default"
    )
    position: int = Field(default=0)


class IndicatorGoal(SQLModel, table=True):
    """An indicator follows goals and sub-objectives (many)."""

    __tablename__ = "indicator_goals"

    indicator_id: int = Field(foreign_key="indicators.id", primary_key=True)
    goal_id: int = Field(foreign_key="goals.id", primary_key=True, index=True)


class ReferenceLine(Identified, table=True):
    """A baseline, target or legal threshold, for the list years / years it applies to.

    `value` is the line for a fixed basis; for a line that follows the data (`basis`) it is an
    offset added to the followed value (normally 0). `source` says where the line comes from.
    """

    __tablename__ = "reference_lines"

    indicator_id: int = Field(foreign_key="indicators.id", index=True)
    kind: ReferenceKind = Field(sa_type=StrEnumType(ReferenceKind))
    value: float = Field(sa_type=Float)
    operator: str | None = Field(default=None, max_length=2)  # >, >=, <, <=
    area_id: int | None = Field(default=None, foreign_key="areas.id")
    list_kind: ListKind | None = Field(default=None, sa_type=StrEnumType(ListKind))
    from_year: int | None = Field(default=None)
    to_year: int | None = Field(default=None)
    note: str | None = Field(default=None, sa_type=Text)
    basis: LineBasis = Field(default=LineBasis.fixed, sa_type=StrEnumType(LineBasis))
    basis_area_id: int | None = Field(default=None, foreign_key="areas.id")
    source: str | None = Field(default=None, sa_type=Text)
    position: int = Field(default=0)


class Observation(Identified, Versioned, Created, table=True):
    """One figure for (indicator, area, period).

    The plain columns hold the current entry (a draft until approved). The `pub_*` columns
    hold the approved value everyone else sees, so a correction in progress never hides or
    leaks: others keep seeing the approved value until the correction is approved.
    """

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint("indicator_id", "area_id", "period"),
        Index("ix_observations_indicator_start", "indicator_id", "period_start"),
        Index("ix_observations_updated_at", "updated_at"),
    )

    indicator_id: int = Field(foreign_key="indicators.id")
    area_id: int = Field(foreign_key="areas.id", index=True)
    period: str = Field(max_length=12)
    period_kind: str = Field(max_length=12)
    period_start: dt.date

    value: float | None = Field(default=None, sa_type=Float)
    missing_reason: str | None = Field(default=None, max_length=500)
    n: int | None = Field(default=None)
    status: ObservationStatus = Field(
        default=ObservationStatus.provisional, sa_type=StrEnumType(ObservationStatus)
    )
    comment: str | None = Field(default=None, max_length=2000)
    approval: Approval = Field(default=Approval.draft, sa_type=StrEnumType(Approval))
    entered_by_id: int | None = Field(default=None)
    entered_by: str = Field(max_length=200)
    entered_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    published: bool = Field(default=False)
    pub_value: float | None = Field(default=None, sa_type=Float)
    pub_missing_reason: str | None = Field(default=None, max_length=500)
    pub_n: int | None = Field(default=None)
    pub_status: ObservationStatus | None = Field(default=None, sa_type=StrEnumType(ObservationStatus))
    pub_comment: str | None = Field(default=None, max_length=2000)
    pub_entered_by: str | None = Field(default=None, max_length=200)
    pub_entered_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by_id: int | None = Field(default=None)
    approved_by: str | None = Field(default=None, max_length=200)
    approved_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    self_approved: bool = Field(default=False)

    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ObservationRevision(Identified, table=True):
    """Every approved value of an observation, oldest first: corrections keep what they replaced."""

    __tablename__ = "observation_revisions"

    observation_id: int = Field(foreign_key="observations.id", index=True)
    value: float | None = Field(default=None, sa_type=Float)
    missing_reason: str | None = Field(default=None, max_length=500)
    n: int | None = Field(default=None)
    status: ObservationStatus = Field(sa_type=StrEnumType(ObservationStatus))
    comment: str | None = Field(default=None, max_length=2000)
    entered_by: str = Field(max_length=200)
    entered_at: dt.datetime = Field(sa_type=UTCDateTime)
    approved_by: str = Field(max_length=200)
    approved_at: dt.datetime = Field(sa_type=UTCDateTime)
    self_approved: bool = Field(default=False)


class IndicatorSeries(SQLModel, table=True):
    """What the status rule reads of one indicator in one area, kept with the observations.

    Every write path that changes approved values (batch and import with approve, approval,
    corrections) rewrites the touched series in the same transaction (indicators/series.py):
    the most recent approved points, the starts of every series break, and whether older points
    exist. Reading a status then costs one row per series, however long the history.
    """

    __tablename__ = "indicator_series"

    indicator_id: int = Field(foreign_key="indicators.id", primary_key=True)
    area_id: int = Field(foreign_key="areas.id", primary_key=True)
    # [[period, period_start (ISO), value, n, status], ...] oldest first
    recent: list[list[object]] = Field(default_factory=list, sa_type=JSON)
    breaks: list[str] = Field(default_factory=list, sa_type=JSON)  # period starts (ISO) of series breaks
    older: bool = Field(default=False)  # approved points before `recent`
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
