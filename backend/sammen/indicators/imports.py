"""Reading observation files: CSV and XLSX in one tidy shape, into rows for the shared writer.

The shape: one row per value with the columns ``indicator, area, period, value`` and the
optional ``n, status, comment, missing_reason`` (other columns are ignored, so an export
can be imported again). CSV may use comma, semicolon or tab, a decimal point or comma, and
UTF-8 or Windows-1252; periods may be Statistics Denmark codes (``2024K1``, ``2024M03``).
The file is read by core.table_files: bounded, in a worker thread, XLSX from the first sheet.

Row numbers in errors are the file's own: the header is row 1.
"""

from __future__ import annotations

from typing import Any

from sammen.core.errors import ValidationFailed
from sammen.core.table_files import Limits, Table, read_table, row_error
from sammen.indicators.validation import RawRow

REQUIRED = ("indicator", "area", "period", "value")
OPTIONAL = ("n", "status", "comment", "missing_reason")
MAX_IMPORT_ROWS = 200_000
LIMITS = Limits(max_rows=MAX_IMPORT_ROWS)


def _columns(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for k, name in enumerate(header):
        if name in REQUIRED + OPTIONAL:
            positions.setdefault(name, k)
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise ValidationFailed(
            "The header row lacks required columns.",
            errors=[row_error(1, c, "import.missing_column", "required column is missing") for c in missing],
        )
    return positions


def _period(value: Any) -> Any:
    """Spreadsheets turn 2024 into the number 2024 (or 2024.0): a period is text."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def rows_of(table: Table) -> list[RawRow]:
    pos = _columns(table.header)
    width = max(pos.values()) + 1
    # Absent optional columns read from one padding cell past the widest column used.
    at = [pos.get(name, width) for name in REQUIRED + OPTIONAL]
    out: list[RawRow] = []
    for number, values in table.rows:
        cells = values[:width] + [None] * (width + 1 - min(len(values), width))
        indicator, area, period, value, n, status, comment, reason = (cells[k] for k in at)
        out.append(
            RawRow(
                number,
                None if indicator is None else str(indicator),
                area,
                _period(period),
                value,
                n,
                status,
                comment,
                reason,
            )
        )
    return out


async def read_file(filename: str | None, content_type: str | None, data: bytes) -> list[RawRow]:
    return rows_of(await read_table(filename, content_type, data, LIMITS))
