"""Reading one cell of an incoming observation row: numbers, counts, free text and status words.

Each parser takes what JSON or a file cell holds and raises ValueError with a catalogue text
(never Python's own) when the cell cannot be read.
"""

from __future__ import annotations

import math
from typing import Any

from sammen.core.fields import MAX_INT, control_character_problem
from sammen.indicators.models import ObservationStatus

STATUS_WORDS = {
    "provisional": ObservationStatus.provisional,
    "foreløbig": ObservationStatus.provisional,
    "final": ObservationStatus.final,
    "endelig": ObservationStatus.final,
    "series_break": ObservationStatus.series_break,
    "series break": ObservationStatus.series_break,
    "databrud": ObservationStatus.series_break,
}


def parse_number(raw: Any) -> float | None:
    """A number from JSON or text: decimal point or decimal comma; empty is None."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("expected a number")
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str) and "," not in raw and "_" not in raw:
        if not raw or raw.isspace():
            return None
        value = float(raw)
    else:
        text = str(raw).strip()
        if not text:
            return None
        if "," in text:
            if "." in text:  # 1.234,5 (Danish thousands) or 1,234.5
                text = (
                    text.replace(".", "").replace(",", ".")
                    if text.rfind(",") > text.rfind(".")
                    else text.replace(",", "")
                )
            else:
                text = text.replace(",", ".")
        value = float(text)
    if math.isnan(value) or math.isinf(value):
        raise ValueError("expected a finite number")
    return value


def parse_count(raw: Any) -> int | None:
    """A count from JSON or text; the ValueError's text is one of the catalogue's (never Python's own)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("expected a whole number")
    if isinstance(raw, int):
        n = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit():
        n = int(raw) if len(raw) <= 12 else MAX_INT + 1
    else:
        try:
            number = parse_number(raw)
        except ValueError:  # not a number at all, or not a finite one
            raise ValueError("expected a whole number") from None
        if number is None:
            return None
        if number != int(number):
            raise ValueError("expected a whole number")
        n = int(number)
    if n < 0:
        raise ValueError("must not be negative")
    if n > MAX_INT:
        raise ValueError(f"larger than {MAX_INT:,}")
    return n


def parse_text(raw: Any, limit: int, *, multiline: bool) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if len(text) > limit:
        raise ValueError(f"longer than {limit} characters")
    problem = control_character_problem(text, multiline=multiline)
    if problem is not None:
        raise ValueError(problem)
    return text or None
