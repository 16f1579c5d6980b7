"""Danish number, unit and date formats for texts the server writes (status rules, documents).

1.234,5 · 15 % · −2,3 procentpoint · 31. december 2025. The SPA formats with Intl in the
reader's language; texts and documents the server writes are Danish, like the content.
"""

from __future__ import annotations

import datetime as dt

MINUS = "\u2212"  # the typographic minus for signed changes
NBSP = "\u00a0"  # between a number and its unit, so "15 %" never breaks across lines

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def number(value: float, decimals: int = 1) -> str:
    """1234.5 -> "1.234,5"; exactly `decimals` digits after the comma; never "-0,0"."""
    places = max(0, decimals)
    rounded = round(value, places) or 0.0  # -0.0 becomes 0.0
    return f"{rounded:,.{places}f}".translate(_SWAP)


_SWAP = str.maketrans(",.", ".,")


def figure(value: float | None, unit: str, decimals: int = 1) -> str:
    """A value with its unit: "58,9 %", "1,6 ×", "12,0 pr. 1.000 beboere"; "–" for none."""
    if value is None:
        return "–"
    shown = number(value, decimals)
    return f"{shown}{NBSP}{unit}" if unit else shown


def signed(value: float, decimals: int = 1) -> str:
    """A change with its sign: "+2,4", "−1,0", "0,0"."""
    rounded = round(value, max(0, decimals))
    text = number(abs(rounded), decimals)
    if rounded == 0:
        return text
    return f"+{text}" if rounded > 0 else f"{MINUS}{text}"


def change_unit(unit: str) -> str:
    """The unit of a difference: shares change by percentage points, not per cent."""
    return "procentpoint" if unit == "%" else unit


def change(value: float, unit: str, decimals: int = 1) -> str:
    """A signed change with its unit: "+2,3 procentpoint"."""
    word = change_unit(unit)
    return f"{signed(value, decimals)}{NBSP}{word}" if word else signed(value, decimals)


def date(day: dt.date) -> str:
    """2025-12-31 -> "31. december 2025"."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def span(first: str, last: str) -> str:
    """Two periods as a range with an en dash: "2022–2024"."""
    return first if first == last else f"{first}\u2013{last}"


def period(code: str) -> str:
    """A period code as Danish text: "2026-Q3" -> "3. kvartal 2026", "2025-03" -> "marts 2025",
    "2025-11-18" -> "18. november 2025"; years and school years ("2025/26") stay as they are."""
    if len(code) == 7 and code[4:6] == "-Q" and code[:4].isdigit():
        return f"{code[6]}. kvartal {code[:4]}"
    if len(code) == 7 and code[4] == "-" and code[:4].isdigit() and code[5:].isdigit():
        return f"{MONTHS[int(code[5:]) - 1]} {code[:4]}"
    if len(code) == 10 and code[4] == "-" and code[7] == "-":
        try:
            return date(dt.date.fromisoformat(code))
        except ValueError:
            return code
    return code


def when(code: str) -> str:
    """ "i 2025", "i 3. kvartal 2026", but "den 18. november 2025" for a day."""
    text = period(code)
    return f"den {text}" if len(code) == 10 and text != code else f"i {text}"
