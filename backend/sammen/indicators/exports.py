"""Streamed observation downloads: CSV, XLSX and JSON-stat 2.0.

Each download opens its own read session from the app's database inside the generator
(the request's session has closed by the time the body is sent), reads the rows in
partitions from a Core select that already applied visibility, drafts and withholding,
and writes them out as they come: memory stays flat however many rows there are. XLSX
is written by openpyxl's write-only workbook, in a worker thread, into a temporary file (the
zip format needs its directory at the end), then streamed from that file. Every cell goes
through core.export_cells, which keeps text from turning into formulas.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterator, Sequence
from typing import Any, Literal

import anyio
import orjson
from sqlalchemy import Select
from sqlalchemy import select as sa_select

from sammen.core.db import Database
from sammen.core.errors import field_error
from sammen.core.export_cells import XlsxSheet, csv_lines
from sammen.indicators.models import Area, Indicator
from sammen.indicators.periods import parse_period

ExportFormat = Literal["json", "csv", "xlsx", "json-stat"]
EXPORT_COLUMNS = (
    "indicator",
    "area",
    "period",
    "value",
    "n",
    "status",
    "comment",
    "missing_reason",
    "withheld",
    "approval",
)
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json-stat": "application/json",
}
# Rows per fetch: each partition is decoded (psycopg) and written (csv) on the event loop's
# thread, so it stays small enough to keep every other request moving (tests/core/test_event_loop.py).
PARTITION = 2_000
XLSX_MAX_ROWS = 1_048_575


def choose_format(format: str | None, accept: str | None) -> ExportFormat:
    """`format=` wins; otherwise the Accept header; JSON pages by default."""
    if format:
        wanted = format.lower().replace("jsonstat", "json-stat")
        if wanted not in ("json", "csv", "xlsx", "json-stat"):
            raise field_error("query.format", "expected json, csv, xlsx or json-stat")
        return wanted  # type: ignore[return-value]
    accept = (accept or "").lower()
    if "text/csv" in accept:
        return "csv"
    if "spreadsheetml" in accept:
        return "xlsx"
    if "json-stat" in accept or "jsonstat" in accept:
        return "json-stat"
    return "json"


def filename(fmt: str) -> str:
    return {"csv": "observations.csv", "xlsx": "observations.xlsx", "json-stat": "observations.json"}[fmt]


async def _partitions(database: Database, stmt: Select[Any]) -> AsyncIterator[Sequence[Sequence[Any]]]:
    """The rows of `stmt` in partitions, as plain tuples straight from the driver.

    The export columns need no type conversion (codes, text, numbers), so the rows skip
    SQLAlchemy's result machinery: the statement is compiled once and run on the
    session's own driver connection (aiosqlite, or a psycopg server-side cursor).
    """
    async with database.session(write=False, snapshot=True) as session:
        connection = await session.connection()
        dialect = connection.dialect
        compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        raw = (await connection.get_raw_connection()).driver_connection
        sql = str(compiled)
        if dialect.name == "sqlite" and raw is not None:  # named parameters (core.db.make_engine)
            cursor = await raw.execute(sql, compiled.params)
            try:
                async for rows in _prefetched(cursor):
                    yield rows
            finally:
                await cursor.close()
        elif dialect.name == "postgresql" and raw is not None:
            async with raw.cursor(name="sammen_export") as cursor:
                await cursor.execute(sql, compiled.params)
                async for rows in _prefetched(cursor):
                    yield rows
        else:  # any other driver: SQLAlchemy's own streaming
            result = await session.stream(stmt)
            async for part in result.partitions(PARTITION):
                yield part


async def _prefetched(cursor: Any) -> AsyncIterator[Sequence[Any]]:
    """Partitions from a driver cursor, fetching the next one while the caller writes this one
    (the driver works in its own thread or socket, so the two overlap)."""
    pending = asyncio.ensure_future(cursor.fetchmany(PARTITION))
    try:
        while rows := await pending:
            pending = asyncio.ensure_future(cursor.fetchmany(PARTITION))
            yield rows
    finally:
        if not pending.done():
            with contextlib.suppress(Exception):
                await pending


async def csv_stream(database: Database, stmt: Select[Any]) -> AsyncIterator[bytes]:
    yield csv_lines([EXPORT_COLUMNS]).encode()
    async for part in _partitions(database, stmt):
        # formatting a partition is CPU work (every cell is checked for formulas): off the loop
        yield await anyio.to_thread.run_sync(_csv_bytes, part)


def _csv_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    return csv_lines(rows).encode()


async def xlsx_stream(database: Database, stmt: Select[Any]) -> AsyncIterator[bytes]:
    """The sheet is built in a worker thread, a partition at a time (openpyxl is CPU work)."""
    sheet = XlsxSheet("observations", EXPORT_COLUMNS)
    with tempfile.TemporaryFile() as handle:
        async for part in _partitions(database, stmt):
            # the handler refused sets larger than a sheet before streaming
            await anyio.to_thread.run_sync(sheet.extend, part)
        await anyio.to_thread.run_sync(sheet.save, handle)
        handle.seek(0)
        while chunk := handle.read(1 << 16):
            yield chunk


async def jsonstat_stream(database: Database, stmt: Select[Any]) -> AsyncIterator[bytes]:
    """A JSON-stat 2.0 dataset with dimensions indicator × area × period and a sparse value object."""
    sub = stmt.order_by(None).subquery()
    async with database.session(write=False) as session:
        indicator_codes = sorted(
            r[0] for r in (await session.execute(sa_select(sub.c.indicator).distinct())).all()
        )
        area_codes = sorted(r[0] for r in (await session.execute(sa_select(sub.c.area).distinct())).all())
        periods = [r[0] for r in (await session.execute(sa_select(sub.c.period).distinct())).all()]
        ind = Indicator.__table__  # type: ignore[attr-defined]
        area = Area.__table__  # type: ignore[attr-defined]
        indicators = {
            r.code: r
            for r in (
                await session.execute(
                    sa_select(ind.c.code, ind.c.name_da, ind.c.unit, ind.c.decimals).where(
                        ind.c.code.in_(indicator_codes)
                    )
                )
            ).all()
        }
        areas = {
            r.code: r
            for r in (
                await session.execute(sa_select(area.c.code, area.c.name).where(area.c.code.in_(area_codes)))
            ).all()
        }
    periods.sort(key=lambda p: (parsed.start if (parsed := parse_period(p)) else None, p))
    ind_index = {c: k for k, c in enumerate(indicator_codes)}
    area_index = {c: k for k, c in enumerate(area_codes)}
    period_index = {c: k for k, c in enumerate(periods)}
    n_area, n_period = len(area_codes), len(periods)
    head = {
        "version": "2.0",
        "class": "dataset",
        "label": "Sammen observations",
        "source": "Sammen",
        "id": ["indicator", "area", "period"],
        "size": [len(indicator_codes), n_area, n_period],
        "role": {"time": ["period"], "geo": ["area"], "metric": ["indicator"]},
        "dimension": {
            "indicator": {
                "label": "indicator",
                "category": {
                    "index": ind_index,
                    "label": {c: indicators[c].name_da if c in indicators else c for c in indicator_codes},
                    "unit": {
                        c: {"label": indicators[c].unit, "decimals": indicators[c].decimals}
                        for c in indicator_codes
                        if c in indicators
                    },
                },
            },
            "area": {
                "label": "area",
                "category": {
                    "index": area_index,
                    "label": {c: areas[c].name if c in areas else c for c in area_codes},
                },
            },
            "period": {"label": "period", "category": {"index": period_index}},
        },
    }
    prefix = orjson.dumps(head)[:-1]  # reopen the object to append value and status
    yield prefix + b',"value":{'
    status: dict[str, str] = {}
    first = True
    async for part in _partitions(database, stmt):
        pieces = []
        for row in part:
            idx = (ind_index[row[0]] * n_area + area_index[row[1]]) * n_period + period_index[row[2]]
            value = row[3]
            if row[8] == "true":
                status[str(idx)] = "withheld"
            elif value is None:
                status[str(idx)] = "missing"
            pieces.append(f'"{idx}":{"null" if value is None else orjson.dumps(value).decode()}')
        if pieces:
            chunk = ",".join(pieces)
            yield ((b"" if first else b",") + chunk.encode())
            first = False
    yield b'},"status":' + orjson.dumps(status) + b"}"
