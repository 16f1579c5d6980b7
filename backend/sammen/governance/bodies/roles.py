"""The roles a caller holds in bodies today (chair, secretary, member): what meetings are gated on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Date, bindparam, or_
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.clock import today
from sammen.core.permissions import BodyRole, Principal, body_permissions
from sammen.governance.bodies.models import (
    BodyMember,
)
from sammen.governance.bodies.schemas import (
    MyBodyRoles,
)

MEMBERS = BodyMember.__table__  # type: ignore[attr-defined]


def current_on(on: dt.date | ColumnElement[dt.date]) -> Any:
    """Memberships held on the day `on` (a date, or a parameter that brings it)."""
    return (MEMBERS.c.from_date <= on) & or_(MEMBERS.c.to_date.is_(None), MEMBERS.c.to_date >= on)


# built once (every governance request asks), of the table's columns (Core rows, no ORM
# loading); the user and the day are bound at execution
_ROLES_HELD = sa_select(MEMBERS.c.body_id, MEMBERS.c.role).where(
    MEMBERS.c.user_id == bindparam("user_id"), current_on(bindparam("on", type_=Date))
)


def bodies_held(user_id: Any, on: Any) -> Any:
    """The bodies a user holds a role in on the day `on`, as a subquery (values or parameters):
    the keys of `body_roles`, for a statement that reads the caller's bodies itself."""
    return sa_select(MEMBERS.c.body_id).where(MEMBERS.c.user_id == user_id, current_on(on))


async def body_roles(session: AsyncSession, principal: Principal | None) -> dict[int, frozenset[BodyRole]]:
    """body id -> the roles the calling user holds there today (API clients hold none)."""
    if principal is None or principal.kind != "user":
        return {}
    rows = await session.execute(_ROLES_HELD, {"user_id": principal.id, "on": today()})
    roles: dict[int, set[BodyRole]] = {}
    for body_id, role in rows:
        roles.setdefault(body_id, set()).add(BodyRole(role))
    return {body_id: frozenset(r) for body_id, r in roles.items()}


async def my_body_roles(session: AsyncSession, principal: Principal) -> list[MyBodyRoles]:
    """The caller's body roles with their permissions, body by body (for permission-aware screens)."""
    return [
        MyBodyRoles(
            body_id=body_id,
            roles=sorted(roles),
            permissions=sorted(body_permissions(roles)),
        )
        for body_id, roles in sorted((await body_roles(session, principal)).items())
    ]
