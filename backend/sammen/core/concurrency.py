"""Optimistic concurrency: ETag "<version>" out, If-Match in (428 without, 412 when stale).

The version check is made twice: once against the loaded object (a clear 412 early),
and once in the UPDATE itself (`WHERE version = :expected`), so two requests that both
read version 3 cannot both win, on SQLite or PostgreSQL.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Header, Response
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from sammen.core.errors import PreconditionFailed, PreconditionRequired, field_error
from sammen.core.tables import utcnow

# "3", or a GET's weak tag W/"3.<digest>" (core.conditional): the version leads either way
_ETAG = re.compile(r'^\s*(?:W/)?"(\d+)(?:\.[0-9a-f]+)?"\s*$')


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def parse_if_match(value: str | None) -> int:
    if value is None or not value.strip():
        raise PreconditionRequired('Send If-Match with the ETag you read (for example If-Match: "3").')
    match = _ETAG.match(value)
    if not match:
        raise field_error("header.If-Match", 'expected an ETag such as "3"')
    return int(match.group(1))


async def if_match(
    if_match: Annotated[
        str | None, Header(alias="If-Match", description='The ETag you read, e.g. "3"; required')
    ] = None,
) -> int:
    """The header itself. Routes take it through orgs.deps.IfMatchDep, which signs the caller in
    first; the OpenAPI document marks it required (main.py) though its absence is our 428."""
    return parse_if_match(if_match)


async def claim_version(session: AsyncSession, obj: SQLModel, expected: int) -> None:
    """Bump the row's version if it is still `expected`; 412 if someone else got there first.

    Call before changing the object; the ORM's later flush writes the same new version.
    """
    current = getattr(obj, "version")  # noqa: B009 - every versioned table has it
    if current != expected:
        raise PreconditionFailed(f"You sent version {expected}; the current version is {current}.")
    table: Any = type(obj)
    pk: Any = getattr(obj, "id")  # noqa: B009
    result: Any = await session.execute(
        update(table)
        .where(table.id == pk, table.version == expected)
        .values(version=expected + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise PreconditionFailed("Someone else saved this resource at the same time; read it again.")
    obj.version = expected + 1
    if hasattr(obj, "updated_at"):
        obj.updated_at = utcnow()
