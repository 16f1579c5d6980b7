"""Reading observation files: CSV and XLSX in one tidy shape, into rows for the shared writer.

The shape: one row per value with the columns ``indicator, area, period, value`` and the
optional ``n, status, comment, missing_reason`` (other columns are ignored, so an export
can be imported again). CSV may use comma or semicolon, a decimal point or comma, and
UTF-8 with or without a byte-order mark; periods may be Statistics Denmark codes
(``2024K1``, ``2024M03``). XLSX is read from the first sheet in read-only mode (openpyxl
parses its XML with defusedxml when it is installed, which it is).

Row numbers in errors are the file's own: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import load_workbook

from sammen.core.errors import FieldError, ValidationFailed, field_error
from sammen.indicators.writes import RawRow

REQUIRED = ("indicator", "area", "period", "value")
OPTIONAL = ("n", "status", "comment", "missing_reason")
XLSX_MAGIC = b"PK\x03\x04"
MAX_IMPORT_ROWS = 200_000


def sniff_kind(filename: str | None, content_type: str | None, data: bytes) -> str:
    name = (filename or "").lower()
    if data.startswith(XLSX_MAGIC) or name.endswith(".xlsx") or "spreadsheetml" in (content_type or ""):
        return "xlsx"
    return "csv"


def _columns(header: list[Any]) -> dict[str, int]:
    names = [str(h or "").strip().lower().lstrip("\ufeff") for h in header]
    positions = {name: k for k, name in enumerate(names) if name in REQUIRED + OPTIONAL}
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise ValidationFailed(
            "The header row lacks required columns.",
            errors=[FieldError(field=f"row 1.{c}", message="required column is missing") for c in missing],
        )
    return positions


def _rows(header: list[Any], body: Iterable[tuple[int, list[Any]]], *, typed: bool) -> Iterator[RawRow]:
    pos = _columns(header)

    def cell(values: list[Any], name: str) -> Any:
        k = pos.get(name)
        if k is None or k >= len(values):
            return None
        v = values[k]
        if isinstance(v, dt.datetime):
            return v.date().isoformat()
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, float) and name == "period" and v.is_integer():
            return str(int(v))
        if isinstance(v, int) and not isinstance(v, bool) and name == "period":
            return str(v)
        return v

    if not typed:  # CSV: every cell is text; index directly (the hot path of big imports)
        width = max(pos.values()) + 1
        i_ind, i_area, i_period, i_value = (pos[c] for c in REQUIRED)
        i_n, i_status, i_comment, i_reason = (pos.get(c, width) for c in OPTIONAL)
        pad: list[Any] = [None] * (width + 1)
        for number, values in body:
            if len(values) <= width:
                if not any(values):
                    continue  # blank line
                values = values + pad
            yield RawRow(
                number,
                values[i_ind],
                values[i_area],
                values[i_period],
                values[i_value],
                values[i_n] if i_n < width else None,
                values[i_status] if i_status < width else None,
                values[i_comment] if i_comment < width else None,
                values[i_reason] if i_reason < width else None,
            )
        return
    for number, values in body:
        if not any(v not in (None, "") for v in values):
            continue  # blank line
        yield RawRow(
            row=number,
            indicator=None if cell(values, "indicator") is None else str(cell(values, "indicator")),
            area=cell(values, "area"),
            period=cell(values, "period"),
            value=cell(values, "value"),
            n=cell(values, "n"),
            status=cell(values, "status"),
            comment=cell(values, "comment"),
            missing_reason=cell(values, "missing_reason"),
        )


def read_csv(data: bytes) -> list[RawRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise field_error("body.file", f"not UTF-8 text (byte {exc.start})") from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise field_error("body.file", "the file is empty") from None
    rows = list(_rows(header, ((k + 2, values) for k, values in enumerate(reader)), typed=False))
    _check_size(rows)
    return rows


def read_xlsx(data: bytes) -> list[RawRow]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise field_error("body.file", f"not a readable XLSX file ({type(exc).__name__})") from exc
    try:
        sheet = workbook.worksheets[0]
        iterator = sheet.iter_rows(values_only=True)
        try:
            header = list(next(iterator))
        except StopIteration:
            raise field_error("body.file", "the sheet is empty") from None
        body = ((k + 2, list(values)) for k, values in enumerate(iterator))
        rows = []
        for row in _rows(header, body, typed=True):
            rows.append(row)
            if len(rows) > MAX_IMPORT_ROWS:
                break
    finally:
        workbook.close()
    _check_size(rows)
    return rows


def _check_size(rows: list[RawRow]) -> None:
    if len(rows) > MAX_IMPORT_ROWS:
        raise field_error("body.file", f"more than {MAX_IMPORT_ROWS:,} rows; split the file")
    if not rows:
        raise field_error("body.file", "no data rows")


def read_file(filename: str | None, content_type: str | None, data: bytes) -> list[RawRow]:
    if sniff_kind(filename, content_type, data) == "xlsx":
        return read_xlsx(data)
    return read_csv(data)
