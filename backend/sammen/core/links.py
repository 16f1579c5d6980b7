"""Typed links between objects of different domains, validated through registered resolvers.

An agenda item or a decision points at what it is about (`target_type`, `target_id`): a goal,
an indicator, an initiative, a mandate, an action plan, a body or an agreement amendment.
Each domain registers a resolver for its own type, so a link is only stored when the target
exists and the caller may see it; a type whose domain has not registered yet is refused
with a clear message rather than stored unchecked.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import FieldError, ValidationFailed
from sammen.core.permissions import Principal


class LinkTargetType(enum.StrEnum):
    goal = "goal"
    indicator = "indicator"
    initiative = "initiative"
    mandate = "mandate"
    action_plan = "action_plan"
    body = "body"
    agreement_amendment = "agreement_amendment"


@dataclass(frozen=True)
class LinkTarget:
    """What a resolver tells about a target: enough to show the link without another request."""

    type: LinkTargetType
    id: int
    title: str


# (session, principal, ids) -> the targets that exist and the principal may see, by id
Resolver = Callable[[AsyncSession, Principal | None, Sequence[int]], Awaitable[dict[int, LinkTarget]]]
RESOLVERS: dict[LinkTargetType, Resolver] = {}


def column_resolver(
    target_type: LinkTargetType,
    id_column: Any,
    title_column: Any,
    visible: Callable[[Principal | None], ColumnElement[bool]],
) -> Resolver:
    """The common resolver: the rows among `ids` that `visible` lets the caller see, titled by a column."""

    async def resolve_rows(
        session: AsyncSession, principal: Principal | None, ids: Sequence[int]
    ) -> dict[int, LinkTarget]:
        stmt = sa_select(id_column, title_column).where(id_column.in_(ids), visible(principal))
        return {row[0]: LinkTarget(target_type, row[0], row[1]) for row in await session.execute(stmt)}

    return resolve_rows


def register(target_type: LinkTargetType, resolver: Resolver) -> None:
    """A domain declares how its objects are found (call once, at import time)."""
    RESOLVERS[target_type] = resolver


async def resolve(
    session: AsyncSession, principal: Principal | None, links: Sequence[tuple[LinkTargetType, int]]
) -> dict[tuple[LinkTargetType, int], LinkTarget]:
    """The visible targets among `links` (missing or invisible ones are simply absent)."""
    found: dict[tuple[LinkTargetType, int], LinkTarget] = {}
    by_type: dict[LinkTargetType, list[int]] = {}
    for target_type, target_id in links:
        by_type.setdefault(target_type, []).append(target_id)
    for target_type, ids in by_type.items():
        resolver = RESOLVERS.get(target_type)
        if resolver is None:
            continue
        for target_id, target in (await resolver(session, principal, sorted(set(ids)))).items():
            found[(target_type, target_id)] = target
    return found


async def validate(
    session: AsyncSession,
    principal: Principal | None,
    links: Sequence[tuple[LinkTargetType, int]],
    *,
    field: str = "body.links",
) -> dict[tuple[LinkTargetType, int], LinkTarget]:
    """Every link must name an existing target the caller may see; 422 naming each bad one."""
    found = await resolve(session, principal, links)
    errors: list[FieldError] = []
    seen: set[tuple[LinkTargetType, int]] = set()
    for index, (target_type, target_id) in enumerate(links):
        where = f"{field}.{index}"
        if (target_type, target_id) in seen:
            errors.append(FieldError(field=where, message=f"{target_type.value} {target_id} is linked twice"))
        elif target_type not in RESOLVERS:
            errors.append(
                FieldError(field=where, message=f"links to {target_type.value} are not available yet")
            )
        elif (target_type, target_id) not in found:
            errors.append(FieldError(field=where, message=f"no {target_type.value} {target_id}"))
        seen.add((target_type, target_id))
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    return found
