"""The partners' calendar: date-only facts (terms, due dates, completions) are Copenhagen dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def today() -> dt.date:
    """Today where the partners are, whatever the server's own time zone."""
    return dt.datetime.now(COPENHAGEN).date()


def local_date(moment: dt.datetime) -> dt.date:
    """The Copenhagen calendar day of a UTC moment."""
    return moment.astimezone(COPENHAGEN).date()
