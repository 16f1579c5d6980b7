"""Shared helpers for the indicators tests: files in the tidy shape, parsing downloads, clearing series."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
from openpyxl import Workbook, load_workbook
from sqlalchemy import delete, func
from sqlmodel import col, select

from sammen.core.db import Database
from sammen.indicators import series
from sammen.indicators.models import Indicator, Observation

OBSERVATIONS = "/api/v1/observations"
IMPORTS = "/api/v1/observations/imports"
TIDY = ("indicator", "area", "period", "value", "n", "status", "comment")


def csv_file(
    rows: list[tuple[Any, ...]], *, sep: str = ";", bom: bool = False, header: tuple[str, ...] = TIDY
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def xlsx_file(rows: list[tuple[Any, ...]], header: tuple[str, ...] = TIDY) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(name: str, data: bytes) -> dict[str, Any]:
    kind = (
        "text/csv"
        if name.endswith(".csv")
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return {"file": (name, data, kind)}


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def parse_xlsx(data: bytes) -> list[dict[str, Any]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


async def export(
    client: httpx.AsyncClient, fmt: str, headers: dict[str, str] | None = None, **params: Any
) -> httpx.Response:
    response = await client.get(OBSERVATIONS, params={"format": fmt, **params}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response


async def count_observations(database: Database, code: str) -> int:
    async with database.session(write=False) as session:
        ind = (await session.scalars(select(Indicator).where(Indicator.code == code))).one()
        return int(
            await session.scalar(
                select(func.count()).select_from(Observation).where(Observation.indicator_id == ind.id)
            )
            or 0
        )


async def clear_series(database: Database, code: str) -> None:
    """Remove an indicator's (demo) observations, so a test can build a series by hand."""
    async with database.session(write=True) as session:
        ind = (await session.scalars(select(Indicator).where(Indicator.code == code))).one()
        await session.execute(delete(Observation).where(col(Observation.indicator_id) == ind.id))
        assert ind.id is not None
        await series.refresh(session, indicator_ids=[ind.id])  # as every write path does
