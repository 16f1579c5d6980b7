"""One way to change a versioned row: check the version, apply, flush, audit — in the caller's transaction.

`audited_change` does it all for a plain change. Where a domain records the change its own way (the
agreement's amendments) or snapshots more than the row (an initiative with its links), `versioned`
is the shared part: the snapshot before, the version check, the flush and the snapshot after.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from sammen.core import audit
from sammen.core.concurrency import claim_version
from sammen.core.errors import field_error
from sammen.core.permissions import Principal


def reject_nulls(changes: Mapping[str, Any], fields: Iterable[str]) -> None:
    """PATCH may leave a field out, but may not set a required field to null."""
    for name in fields:
        if name in changes and changes[name] is None:
            raise field_error(f"body.{name}", "may not be null")


Snapshot = Callable[[Any], Awaitable[dict[str, Any] | None]]


async def _row_snapshot(obj: Any) -> dict[str, Any] | None:
    return audit.snapshot(obj)


@dataclass
class Change:
    """The row as it was before a versioned change, and after it (None when not asked for)."""

    before: dict[str, Any] | None
    after: dict[str, Any] | None = None


@asynccontextmanager
async def versioned(
    session: AsyncSession,
    obj: SQLModel,
    expected_version: int,
    *,
    snapshot: Snapshot = _row_snapshot,
    after: bool = True,
) -> AsyncIterator[Change]:
    """Snapshot `obj`, claim `expected_version` (else 412), let the block change it, flush, and
    snapshot it again; the caller records the change (an error in the block changes nothing)."""
    change = Change(before=await snapshot(obj))
    await claim_version(session, obj, expected_version)
    yield change
    await session.flush()
    if after:
        change.after = await snapshot(obj)


async def audited_create(
    session: AsyncSession,
    obj: SQLModel,
    *,
    actor: Principal | None,
    action: str,
    organisation_id: int | None = None,
) -> None:
    """Insert `obj` and audit it (the new row's id and fields as `after`), in the caller's transaction."""
    session.add(obj)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type=action.split(".")[0],
        object_id=getattr(obj, "id", None),
        organisation_id=organisation_id,
        after=audit.snapshot(obj),
    )


async def audited_change(
    session: AsyncSession,
    obj: SQLModel,
    *,
    actor: Principal | None,
    expected_version: int,
    action: str,
    changes: Mapping[str, Any] | None = None,
    organisation_id: int | None = None,
    summary: dict[str, Any] | None = None,
) -> None:
    """Set `changes` on `obj` if it is still at `expected_version` (else 412), and audit before/after."""
    async with versioned(session, obj, expected_version) as change:
        for name, value in (changes or {}).items():
            setattr(obj, name, value)
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type=action.split(".")[0],
        object_id=getattr(obj, "id", None),
        organisation_id=organisation_id,
        before=change.before,
        after=change.after,
        summary=summary,
    )


async def audited_delete(
    session: AsyncSession,
    obj: SQLModel,
    *,
    actor: Principal | None,
    expected_version: int,
    action: str,
    organisation_id: int | None = None,
) -> None:
    """Delete `obj` for good (for rows that are not content: memberships, API clients) and audit it."""
    async with versioned(session, obj, expected_version, after=False) as change:
        await session.delete(obj)
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type=action.split(".")[0],
        object_id=getattr(obj, "id", None),
        organisation_id=organisation_id,
        before=change.before,
    )
