"""Reading uploaded tables (CSV and XLSX), bounded, off the event loop: what every import shares.

An upload is untrusted work. Whatever a file declares, reading it is bounded:
- XLSX: the sheet's declared dimensions are ignored (a 1.5 KB file can declare 16,384 columns
  by 1,048,576 rows); the unpacked size of the archive is checked before anything is parsed;
  rows are read only as wide as the header (at most `max_columns`).
- Rows are counted as the file holds them, blank ones included, and reading stops at the limit.
- Reading stops after `seconds` of work.
- The work runs in a worker thread (at most two at a time), never on the event loop.

CSV may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
Windows-1252 (what Danish Excel writes as "CSV (semikolonsepareret)"); the delimiter is the
most frequent of `;`, `,` and tab in the header line. A text cell that starts with an
apostrophe before `= + - @`, tab or carriage return had that apostrophe added by our export
(core.export_cells), so it is taken away again: an export imports unchanged.

Every problem is a 422 whose `errors` entries carry a stable `code` and `params` beside the
English message; row numbers are the file's own (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from sammen.core.errors import FieldError, ParamValue, ValidationFailed, field_error
from sammen.core.workers import WorkerPool

XLSX_MAGIC = b"PK\x03\x04"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PARSERS = WorkerPool(2)  # parsing is CPU and memory: two at a time, the rest wait


@dataclass(frozen=True)
class Limits:
    max_rows: int  # data rows, blank ones included
    max_columns: int = 64
    seconds: float = 60.0
    max_unpacked_bytes: int = 256 * 1024 * 1024  # an XLSX archive's members, unpacked


@dataclass
class Table:
    header: list[str]  # lower-cased, stripped
    rows: list[tuple[int, list[Any]]]  # (row number in the file, cells); blank rows left out
    kind: str  # csv or xlsx


def file_error(code: str, message: str, **params: ParamValue) -> ValidationFailed:
    """A problem with the file as a whole (field `body.file`). `code` is the message's code in
    core/messages/ (tests/core/test_messages.py checks that the text fits it)."""
    return field_error("body.file", message, code=code, **params)


def row_error(row: int, column: str, code: str, message: str, **params: Any) -> FieldError:
    """A problem in one cell: `row 7.period`, with the row and column in `params` too. `code` is
    the message's code in core/messages/, or "" where the text varies (the catalogue recognises it)."""
    return FieldError(
        field=f"row {row}.{column}",
        message=message,
        code=code,
        params={"row": row, "column": column, **params},
    )


def upload_name(filename: str | None) -> str:
    """The uploaded file's name as we record it: its last path part, without control
    characters, at most 80 characters (what the audit trail's object id holds)."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if len(name) > 80:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 79 - len(suffix)] + dot + suffix) if dot and len(suffix) <= 8 else name[:80]
    return name or "upload"


def is_xlsx(filename: str | None, content_type: str | None, data: bytes) -> bool:
    name = (filename or "").lower()
    return data.startswith(XLSX_MAGIC) or name.endswith(".xlsx") or "spreadsheetml" in (content_type or "")


async def read_table(filename: str | None, content_type: str | None, data: bytes, limits: Limits) -> Table:
    """The upload as a table, read in a worker thread."""
    return await PARSERS.run(read_table_now, filename, content_type, data, limits)


def read_table_now(filename: str | None, content_type: str | None, data: bytes, limits: Limits) -> Table:
    """The same, on the calling thread (for workers and the CLI; never call it on the event loop)."""
    deadline = time.monotonic() + limits.seconds
    if is_xlsx(filename, content_type, data):
        return _collect(_xlsx_rows(data, limits), limits, deadline, "xlsx")
    return _collect(_csv_rows(data), limits, deadline, "csv")


def _collect(source: Iterator[list[Any]], limits: Limits, deadline: float, kind: str) -> Table:
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    number = 0
    for number, values in enumerate(source, start=1):
        if number > limits.max_rows + 1:
            raise file_error(
                "import.too_many_rows",
                f"more than {limits.max_rows:,} rows (blank rows count too); split the file",
                max_rows=limits.max_rows,
            )
        if number % 256 == 0 and time.monotonic() > deadline:
            raise file_error(
                "import.too_slow",
                f"reading the file took longer than {limits.seconds:g} seconds; split it",
                seconds=limits.seconds,
            )
        cells = [_unescape(v) for v in values[: limits.max_columns]]
        if header is None:
            header = [str(v or "").strip().lower().lstrip("\ufeff") for v in cells]
            while header and not header[-1]:
                header.pop()
            if not header:
                raise file_error("import.header_empty", "the header row (row 1) is empty")
            continue
        if any(v not in (None, "") for v in cells):
            rows.append((number, cells))
    if header is None:
        raise file_error("import.empty", "the file is empty")
    if not rows:
        raise file_error("import.no_rows", "no data rows")
    return Table(header=header, rows=rows, kind=kind)


def _unescape(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- CSV
def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise file_error("import.utf16_unreadable", "not readable UTF-16 text", byte=exc.start) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise file_error(
            "import.encoding", f"neither UTF-8 nor Windows-1252 text (byte {exc.start})", byte=exc.start
        ) from exc


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over the csv module's limit, a NUL byte, a stray quote
            row = reader.line_num
            raise field_error(
                f"row {row}", f"unreadable CSV: {exc}", code="import.csv_unreadable", row=row, reason=str(exc)
            ) from exc
        yield values


# ---------------------------------------------------------------- XLSX
def _xlsx_rows(data: bytes, limits: Limits) -> Iterator[list[Any]]:
    _check_archive(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise file_error(
            "import.unreadable_xlsx", f"not a readable XLSX file ({type(exc).__name__})"
        ) from exc
    try:
        if not workbook.worksheets:
            raise file_error("import.no_sheet", "the workbook has no sheet")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust the declared size: it is what a bomb lies about
        try:
            header = next(sheet.iter_rows(max_row=1, max_col=limits.max_columns, values_only=True), ())
            yield list(header)
            # No column right of the header's last name is read: rows (and the blank rows the
            # reader fills gaps with) are exactly that wide.
            width = max((k + 1 for k, v in enumerate(header) if v not in (None, "")), default=1)
            for values in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
                yield list(values)
        except ValidationFailed:
            raise
        except Exception as exc:  # a malformed sheet discovered while reading
            raise file_error(
                "import.unreadable_sheet", f"not a readable XLSX sheet ({type(exc).__name__})"
            ) from exc
    finally:
        workbook.close()


def _check_archive(data: bytes, limits: Limits) -> None:
    """Refuse archives that unpack to more than the limit (zip bombs) before parsing any XML.
    The sizes are the archive's own claims; Python's zip reader never unpacks past them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise file_error("import.not_zip", "not a readable XLSX file (not a zip archive)") from exc
    if unpacked > limits.max_unpacked_bytes:
        raise file_error(
            "import.too_large_unpacked",
            f"the workbook unpacks to {unpacked:,} bytes, more than {limits.max_unpacked_bytes:,}",
            unpacked=unpacked,
            limit=limits.max_unpacked_bytes,
        )
