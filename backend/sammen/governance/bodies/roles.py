"""The roles a caller holds in bodies today (chair, secretary, member): what meetings are gated on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.clock import today
from sammen.core.permissions import BodyRole, Principal, body_permissions
from sammen.governance.bodies.models import (
    BodyMember,
)
from sammen.governance.bodies.schemas import (
    MyBodyRoles,
)


def current_on(on: dt.date) -> Any:
    return (col(BodyMember.from_date) <= on) & or_(
        col(BodyMember.to_date).is_(None), col(BodyMember.to_date) >= on
    )


async def body_roles(session: AsyncSession, principal: Principal | None) -> dict[int, frozenset[BodyRole]]:
    """body id -> the roles the calling user holds there today (API clients hold none)."""
    if principal is None or principal.kind != "user":
        return {}
    rows = await session.execute(
        select(BodyMember.body_id, BodyMember.role).where(
            BodyMember.user_id == principal.id, current_on(today())
        )
    )
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
