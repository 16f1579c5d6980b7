"""Shared table machinery: constraint naming, UTC timestamps, version and soft-delete columns."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Integer, String, Table, TypeDecorator, event
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

# Stable constraint names, so migrations name what they create and drop the same way everywhere.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Ids are 64-bit: bigint on PostgreSQL (int4 runs out, and /initiatives/2147483648 must be a 404, not
# an overflow); SQLite's INTEGER is 64-bit already and must stay INTEGER to be the rowid.
BIG_ID = BigInteger().with_variant(Integer(), "sqlite")


def is_id_column(name: str) -> bool:
    return name == "id" or name.endswith("_id")


@event.listens_for(Column, "after_parent_attach")
def _ids_are_64_bit(column: Column[Any], table: Any) -> None:
    """Every integer id column of our tables (`id`, `*_id`) becomes BIG_ID, whoever declares it."""
    if (
        isinstance(table, Table)
        and table.metadata is SQLModel.metadata
        and is_id_column(column.name)
        and isinstance(column.type, Integer)
        and not isinstance(column.type, BigInteger)
    ):
        column.type = BIG_ID


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps are stored in UTC and always come back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use timezone-aware UTC")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class StrEnumType(TypeDecorator[Any]):
    """Enums stored as their plain string value (readable in SQL, no native enum migrations)."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_class: type[enum.Enum], length: int = 40) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return str(self.enum_class(value).value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.enum_class(value)


class Visibility(enum.StrEnum):
    """Who may read a piece of content (DESIGN.md: public / partners / restricted)."""

    public = "public"
    partners = "partners"
    restricted = "restricted"


class Versioned(SQLModel):
    """Optimistic concurrency: every change bumps `version`; clients send it back as If-Match."""

    version: int = Field(default=1, nullable=False)


class Identified(SQLModel):
    """A surrogate key: the id the database gives a new row."""

    id: int | None = Field(default=None, primary_key=True)


class Created(SQLModel):
    """When the row was written (rows that are never changed in place: links, revisions, tokens)."""

    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Timestamped(Created):
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class SoftDeletable(SQLModel):
    deleted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
