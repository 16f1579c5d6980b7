"""Bodies and mandates as link targets: how decisions and agenda items name them, and find them by name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, and_, cast, or_, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import links
from sammen.core.links import LinkTarget, LinkTargetType
from sammen.core.live import live
from sammen.core.permissions import Principal
from sammen.core.search import contains_text
from sammen.governance.bodies.models import (
    Body,
    Mandate,
    MandateStatus,
)


def _resolve_bodies() -> links.ColumnResolver:
    return links.column_resolver(
        LinkTargetType.body, col(Body.id), col(Body.name), lambda _principal: live(Body)
    )


def _resolve_mandates() -> links.ColumnResolver:
    """Mandates titled "body: kommissorium vN"; drafts and submitted ones only for partners
    (the rule of `_can_read_mandate`, as SQL)."""

    def visible(principal: Principal | None) -> Any:
        readable: list[Any] = [col(Mandate.status).in_([MandateStatus.approved, MandateStatus.superseded])]
        if principal is not None and principal.is_partner:
            readable = [true()]
        return and_(col(Body.id) == col(Mandate.body_id), live(Body), or_(*readable))

    title = col(Body.name) + ": kommissorium v" + cast(col(Mandate.number), String)
    return links.column_resolver(LinkTargetType.mandate, col(Mandate.id), title, visible)


async def _search_bodies(
    session: AsyncSession, principal: Principal | None, text: str, limit: int
) -> list[LinkTarget]:
    stmt = select(Body).where(live(Body)).order_by(col(Body.id)).limit(limit)
    if text.strip():
        stmt = stmt.where(contains_text(Body.name, text))
    return [LinkTarget(LinkTargetType.body, b.id, b.name) for b in await session.scalars(stmt) if b.id]


STATUS_DA = {
    MandateStatus.draft: "udkast",
    MandateStatus.submitted: "indsendt",
    MandateStatus.approved: "godkendt",
    MandateStatus.superseded: "afløst",
}


async def _search_mandates(
    session: AsyncSession, principal: Principal | None, text: str, limit: int
) -> list[LinkTarget]:
    """Mandate versions by their body's name, newest first (drafts only for partners)."""
    stmt = (
        select(Mandate, Body.name)
        .join(Body, col(Body.id) == col(Mandate.body_id))
        .where(live(Body))
        .order_by(col(Body.id), col(Mandate.number).desc())
    )
    if principal is None or not principal.is_partner:
        stmt = stmt.where(col(Mandate.status).in_([MandateStatus.approved, MandateStatus.superseded]))
    if text.strip():
        stmt = stmt.where(contains_text(Body.name, text))
    rows = await session.execute(stmt.limit(limit))
    return [
        LinkTarget(LinkTargetType.mandate, m.id, f"{name}: kommissorium v{m.number} ({STATUS_DA[m.status]})")
        for m, name in rows
        if m.id is not None
    ]


links.register(LinkTargetType.body, _resolve_bodies(), search=_search_bodies)
links.register(LinkTargetType.mandate, _resolve_mandates(), search=_search_mandates)
