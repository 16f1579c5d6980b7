"""Types of the agreement file: periods, slugs and codes, and the enumerations it uses."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
)

FORMAT = "sammen-agreement/1"
"""The format identifier this module reads."""

# --------------------------------------------------------------------------- types

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
"""A stable identifier: lower-case ASCII letters and digits, words joined by ``-``."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty text; surrounding whitespace is removed."""

Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty Markdown text (paragraphs separated by blank lines)."""

Year = Annotated[int, Field(ge=1900, le=2100)]

_YEAR_RE = re.compile(r"^(\d{4})$")
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SCHOOL_YEAR_RE = re.compile(r"^(\d{4})/(\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def period_kind(period: str) -> Literal["year", "quarter", "month", "school_year", "date"] | None:
    """Classify an observation period, or return None if it is not well formed."""
    if _YEAR_RE.match(period):
        return "year"
    if _QUARTER_RE.match(period):
        return "quarter"
    if _MONTH_RE.match(period):
        return "month"
    school_year = _SCHOOL_YEAR_RE.match(period)
    if school_year:
        first, second = int(school_year.group(1)), int(school_year.group(2))
        return "school_year" if (first + 1) % 100 == second else None
    if _DATE_RE.match(period):
        try:
            date.fromisoformat(period)
        except ValueError:
            return None
        return "date"
    return None


def _coerce_period(value: object) -> object:
    # YAML reads an unquoted 2024 as a number and 2022-11-01 as a date.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _check_period(value: str) -> str:
    if period_kind(value) is None:
        raise ValueError(
            f"malformed period {value!r}: expected 2024, 2024-Q1, 2024-03, 2023/24 or an ISO date 2022-11-01"
        )
    return value


Period = Annotated[str, BeforeValidator(_coerce_period), AfterValidator(_check_period)]
"""An observation period: ``2024``, ``2024-Q1``, ``2024-03``, ``2023/24`` or ``2022-11-01``."""


class OrganisationKind(StrEnum):
    """What sort of organisation it is."""

    KOMMUNE = "kommune"
    BOLIGORGANISATION = "boligorganisation"
    POLITI = "politi"
    SECRETARIAT = "secretariat"
    RESIDENTS_BOARD = "residents_board"
    OTHER = "other"


class Visibility(StrEnum):
    """Who may read a thing: everyone, the partners' staff, or named roles only."""

    PUBLIC = "public"
    PARTNERS = "partners"
    RESTRICTED = "restricted"


class BodyKind(StrEnum):
    """The level of a governance body."""

    PARTNERSHIP = "partnership"
    COORDINATION_GROUP = "coordination_group"
    WORKING_GROUP = "working_group"


class SeatRole(StrEnum):
    """The role a seat holds in its body."""

    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    OBSERVER = "observer"


class AreaKind(StrEnum):
    """Target area of the agreement, one housing estate in it, or a comparison area."""

    TARGET = "target"
    ESTATE = "estate"
    COMPARISON = "comparison"


class Direction(StrEnum):
    """Which way is better: ``up``, ``down``, or ``context`` (no good direction)."""

    UP = "up"
    DOWN = "down"
    CONTEXT = "context"


class Periodicity(StrEnum):
    """How often an indicator is measured; decides the expected period form."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    SCHOOL_YEAR = "school_year"
    ELECTION = "election"


class ReferenceKind(StrEnum):
    """What a reference line marks."""

    BASELINE = "baseline"
    TARGET = "target"
    THRESHOLD = "threshold"


class ListKind(StrEnum):
    """Which official list a legal threshold belongs to (almenboligloven §§ 61 a-61 b)."""

    UDSAT = "udsat"
    FOREBYGGELSE = "forebyggelse"


class LineBasis(StrEnum):
    """Where a reference line's value comes from."""

    FIXED = "fixed"
    OWN_LEVEL = "own_level"
    AREA_LEVEL = "area_level"


class Operator(StrEnum):
    """Comparison of an observed value with a reference line (value OPERATOR line)."""

    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="


class ObservationStatus(StrEnum):
    """How settled an observed figure is."""

    PROVISIONAL = "provisional"
    FINAL = "final"
    SERIES_BREAK = "series_break"


def normalise_operator(value: object) -> object:
    return {"≥": ">=", "≤": "<="}.get(value, value) if isinstance(value, str) else value
