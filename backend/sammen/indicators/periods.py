"""Observation periods: parse, normalise, order and fit them to an indicator's periodicity.

Canonical forms (DESIGN.md): ``2024`` (year), ``2024-Q1`` (quarter), ``2024-03`` (month),
``2023/24`` (school year) and ISO dates ``2022-11-01`` (a point in time, e.g. an
election day). Statistics Denmark's codes ``2024K1`` and ``2024M03`` are accepted and
normalised. Every period has a start date, the sortable key for from/to filters and
for "the previous period".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[QK]([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})(?:-|M)(0[1-9]|1[0-2])$", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"^(\d{4})/(\d{2}|\d{4})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Which period forms fit which periodicity; a date fits every periodicity (a reference day).
FITS: dict[str, frozenset[str]] = {
    "year": frozenset({"year", "date"}),
    "quarter": frozenset({"quarter", "date"}),
    "month": frozenset({"month", "date"}),
    "school_year": frozenset({"school_year", "date"}),
    "election": frozenset({"date", "year"}),
}
EXAMPLES = {
    "year": "2024",
    "quarter": "2024-Q1",
    "month": "2024-03",
    "school_year": "2023/24",
    "election": "2022-11-01",
}


@dataclass(frozen=True)
class Period:
    code: str  # canonical form
    kind: str  # year, quarter, month, school_year, date
    start: dt.date


# Observations describe the agreement's world: years outside this range are typing errors (0000).
FIRST_YEAR, LAST_YEAR = 1900, 2199


@lru_cache(maxsize=4096)
def parse_period(raw: str) -> Period | None:
    """The canonical period for `raw`, or None when it is not a period we know."""
    text = raw.strip()
    if text[:4].isdigit() and not FIRST_YEAR <= int(text[:4]) <= LAST_YEAR:
        return None
    if m := _YEAR.match(text):
        year = int(m.group(1))
        return Period(text, "year", dt.date(year, 1, 1))
    if m := _QUARTER.match(text):
        year, quarter = int(m.group(1)), int(m.group(2))
        return Period(f"{year}-Q{quarter}", "quarter", dt.date(year, 3 * quarter - 2, 1))
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        return Period(f"{year}-{month:02d}", "month", dt.date(year, month, 1))
    if m := _SCHOOL_YEAR.match(text):
        first, second = int(m.group(1)), m.group(2)
        expected = first + 1
        if int(second) not in (expected, expected % 100):
            return None
        return Period(f"{first}/{expected % 100:02d}", "school_year", dt.date(first, 8, 1))
    if _DATE.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None
        return Period(text, "date", day)
    return None


def fits(period: Period, periodicity: str) -> bool:
    return period.kind in FITS.get(periodicity, frozenset())


def period_error(raw: str, periodicity: str) -> str | None:
    """Why `raw` is not a valid period for this periodicity, or None."""
    period = parse_period(raw)
    if period is None:
        return f"malformed period {raw!r}: expected e.g. 2024, 2024-Q1 (2024K1), 2024-03 (2024M03), 2023/24 or 2022-11-01, in the years {FIRST_YEAR}-{LAST_YEAR}"
    if not fits(period, periodicity):
        return f"period {raw!r} does not fit the periodicity {periodicity!r} (expected e.g. {EXAMPLES[periodicity]})"
    return None


# How old the latest value may be (from its period start) before the status is "no recent data".
# Register figures lag: in Q1 of year Y they describe Y-2 (INDICATORS.md), so a yearly figure
# starting more than three years back is stale.
MAX_AGE_DAYS = {
    "year": 3 * 366 + 365,
    "school_year": 3 * 366 + 365,
    "quarter": 550,
    "month": 200,
    "election": 5 * 366,
}


def is_stale(start: dt.date, periodicity: str, as_of: dt.date) -> bool:
    return (as_of - start).days > MAX_AGE_DAYS.get(periodicity, 4 * 366)
