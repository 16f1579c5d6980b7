"""One way to change a versioned row: check the version, apply, flush, audit — in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    before = audit.snapshot(obj)
    await claim_version(session, obj, expected_version)
    for name, value in (changes or {}).items():
        setattr(obj, name, value)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type=action.split(".")[0],
        object_id=getattr(obj, "id", None),
        organisation_id=organisation_id,
        before=before,
        after=audit.snapshot(obj),
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
    before = audit.snapshot(obj)
    await claim_version(session, obj, expected_version)
    await session.delete(obj)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type=action.split(".")[0],
        object_id=getattr(obj, "id", None),
        organisation_id=organisation_id,
        before=before,
    )
