"""Inserting new observations in bulk: executemany (SQLite) or COPY (PostgreSQL) on the session's
own connection, with values already in the driver's own form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.indicators.service import OBS

INSERT_COLUMNS = (
    "version", "indicator_id", "area_id", "period", "period_kind", "period_start", "value", "missing_reason",
    "n", "status", "comment", "approval", "entered_by_id", "entered_by", "entered_at", "published",
    "pub_value", "pub_missing_reason", "pub_n", "pub_status", "pub_comment", "approved_by_id", "approved_by",
    "approved_at", "self_approved", "created_at", "updated_at", "pub_entered_by", "pub_entered_at",
)  # fmt: skip
NO_PUB = (None, None, None, None, None, None, None, None)
# Built from the constant column list above, never from input.
_SQLITE_INSERT = "INSERT INTO observations ({}) VALUES ({})".format(  # noqa: S608
    ", ".join(INSERT_COLUMNS), ", ".join("?" for _ in INSERT_COLUMNS)
)
_PG_COPY = "COPY observations ({}) FROM STDIN".format(", ".join(INSERT_COLUMNS))


class Native:
    """Values as the driver stores them, so bulk inserts skip SQLAlchemy's per-value processing.

    SQLite: the formats SQLAlchemy itself writes (naive UTC "YYYY-MM-DD HH:MM:SS.ffffff",
    ISO dates, 0/1); PostgreSQL (psycopg adapts Python values): the values themselves.
    """

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.sqlite = dialect == "sqlite"
        self.yes: Any = 1 if self.sqlite else True
        self.no: Any = 0 if self.sqlite else False

    def moment(self, value: dt.datetime) -> Any:
        if self.sqlite:
            return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        return value

    def day(self, value: dt.date) -> Any:
        return value.isoformat() if self.sqlite else value


async def bulk_insert(session: AsyncSession, native: Native, rows: list[tuple[Any, ...]]) -> None:
    """executemany (SQLite) or COPY (PostgreSQL) on the session's own connection and transaction."""
    connection = await session.connection()
    raw: Any = (await connection.get_raw_connection()).driver_connection
    if native.dialect == "sqlite" and raw is not None:
        await raw.executemany(_SQLITE_INSERT, rows)
    elif native.dialect == "postgresql" and raw is not None:
        async with raw.cursor() as cursor, cursor.copy(_PG_COPY) as copy:
            for row in rows:
                await copy.write_row(row)
    else:
        await session.execute(insert(OBS), [dict(zip(INSERT_COLUMNS, row, strict=True)) for row in rows])
