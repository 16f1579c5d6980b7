"""Typed links between objects of different domains, validated through registered resolvers.

An agenda item or a decision points at what it is about (`target_type`, `target_id`): a goal,
an indicator, an initiative, a mandate, an action plan, a body, an agreement amendment or a
yearly status report.
Each domain registers a resolver for its own type, so a link is only stored when the target
exists and the caller may see it; a type whose domain has not registered yet is refused
with a clear message rather than stored unchecked. A registered type may also be searched
by title (for pickers); `column_resolver` gives both from the same columns and rule, and the
column resolvers that one `resolve` needs run as one statement (a page's links of any kinds).
That statement is built once per set of kinds and the callers' visibility (`StatementCache`),
its ids bound at execution: building it (and its cache key) cost more than running it.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, literal_column, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import FieldError, ValidationFailed
from sammen.core.idlist import among
from sammen.core.permissions import Principal, visibility_key
from sammen.core.search import contains_text
from sammen.core.sqljson import StatementCache


class LinkTargetType(enum.StrEnum):
    goal = "goal"
    indicator = "indicator"
    initiative = "initiative"
    mandate = "mandate"
    action_plan = "action_plan"
    body = "body"
    agreement_amendment = "agreement_amendment"
    status_report = "status_report"  # the yearly effect status (reports domain)


@dataclass(frozen=True)
class LinkTarget:
    """What a resolver tells about a target: enough to show the link without another request."""

    type: LinkTargetType
    id: int
    title: str


# (session, principal, ids) -> the targets that exist and the principal may see, by id
Resolver = Callable[[AsyncSession, Principal | None, Sequence[int]], Awaitable[dict[int, LinkTarget]]]
# (session, principal, text, limit) -> visible targets whose title contains the text (all when empty)
Search = Callable[[AsyncSession, Principal | None, str, int], Awaitable[list[LinkTarget]]]
RESOLVERS: dict[LinkTargetType, Resolver] = {}
SEARCHES: dict[LinkTargetType, Search] = {}


class ColumnResolver:
    """The common resolver: rows that `visible` lets the caller see, titled by a column; searchable.

    `key(principal)` names everything `visible` reads from the principal (by default what the
    visibility rule reads): callers with equal keys share `resolve`'s cached statement."""

    def __init__(
        self,
        target_type: LinkTargetType,
        id_column: Any,
        title_column: Any,
        visible: Callable[[Principal | None], ColumnElement[bool]],
        key: Callable[[Principal | None], Hashable] = visibility_key,
    ) -> None:
        self.target_type = target_type
        self.id_column = id_column
        self.title_column = title_column
        self.visible = visible
        self.key = key

    def statement(self, principal: Principal | None, ids: Sequence[int] | str | Select[Any]) -> Select[Any]:
        """(type, id, title) of the visible rows among `ids` (or the ids bound at execution to
        the parameter of that name, or those a select gives): one branch of `resolve`'s union."""
        chosen = self.id_column.in_(ids) if isinstance(ids, Select) else among(self.id_column, ids)
        return sa_select(
            literal_column(f"'{self.target_type.value}'", String).label("type"),
            self.id_column.label("id"),
            self.title_column.label("title"),
        ).where(chosen, self.visible(principal))

    async def __call__(
        self, session: AsyncSession, principal: Principal | None, ids: Sequence[int]
    ) -> dict[int, LinkTarget]:
        stmt = _union(principal, [self])
        rows = await session.execute(stmt, {f"ids_{self.target_type.value}": sorted(set(ids))})
        return {row.id: LinkTarget(self.target_type, row.id, row.title) for row in rows}

    async def search(
        self, session: AsyncSession, principal: Principal | None, text: str, limit: int
    ) -> list[LinkTarget]:
        stmt = sa_select(self.id_column, self.title_column).where(self.visible(principal))
        if text.strip():
            stmt = stmt.where(contains_text(self.title_column, text))
        stmt = stmt.order_by(self.title_column, self.id_column).limit(limit)
        return [LinkTarget(self.target_type, row[0], row[1]) for row in await session.execute(stmt)]


def column_resolver(
    target_type: LinkTargetType,
    id_column: Any,
    title_column: Any,
    visible: Callable[[Principal | None], ColumnElement[bool]],
    key: Callable[[Principal | None], Hashable] = visibility_key,
) -> ColumnResolver:
    """The rows among `ids` that `visible` lets the caller see, titled by a column (and searchable);
    `key`: what `visible` reads from the principal (see ColumnResolver)."""
    return ColumnResolver(target_type, id_column, title_column, visible, key)


def register(
    target_type: LinkTargetType, resolver: Resolver, *, search: Search | None = None, searchable: bool = True
) -> None:
    """A domain declares how its objects are found (call once, at import time); a `column_resolver`
    is searchable by its title column without more (unless not `searchable`)."""
    RESOLVERS[target_type] = resolver
    if search is None and searchable and isinstance(resolver, ColumnResolver):
        search = resolver.search
    if search is not None:
        SEARCHES[target_type] = search


def available() -> list[tuple[LinkTargetType, bool]]:
    """The link kinds that can be stored now (a registered resolver), each with whether it is searchable."""
    return [(t, t in SEARCHES) for t in LinkTargetType if t in RESOLVERS]


async def search(
    session: AsyncSession, principal: Principal | None, target_type: LinkTargetType, text: str, limit: int
) -> list[LinkTarget]:
    """Targets of one kind the caller may see and link to, matching `text` in their title."""
    finder = SEARCHES.get(target_type)
    if finder is None:
        raise ValidationFailed(
            f"{target_type.value} targets cannot be searched",
            errors=[FieldError(field="query.target_type", message=f"{target_type.value} is not searchable")],
        )
    return await finder(session, principal, text, limit)


_UNIONS = StatementCache()


def _union(principal: Principal | None, resolvers: Sequence[ColumnResolver]) -> Any:
    """The column resolvers' branches as one statement, ids bound as `ids_<type>`."""
    key = tuple((r.target_type, r, r.key(principal)) for r in resolvers)

    def build() -> Any:
        branches = [r.statement(principal, f"ids_{r.target_type.value}") for r in resolvers]
        return branches[0] if len(branches) == 1 else union_all(*branches)

    return _UNIONS.get(key, build)


def column_resolvers() -> list[ColumnResolver]:
    """The registered column resolvers, by kind."""
    return [r for t, r in sorted(RESOLVERS.items()) if isinstance(r, ColumnResolver)]


def titles_key(principal: Principal | None) -> Hashable:
    """What `titles_among` builds from: statements that join it are cached under this key."""
    return tuple((r.target_type, r, r.key(principal)) for r in column_resolvers())


def titles_among(principal: Principal | None, pairs: Any) -> Any:
    """(type, id, title) of the visible targets that `pairs` (a CTE or subquery with columns
    `target_type` and `target_id`) names, as a subquery to outer-join `pairs` with: a page's
    links and their titles in one statement. Only kinds with a column resolver are titled
    (`column_resolvers`); `resolve` finds the others. None when there are no such kinds."""
    branches = [
        r.statement(principal, sa_select(pairs.c.target_id).where(pairs.c.target_type == r.target_type.value))
        for r in column_resolvers()
    ]
    if not branches:
        return None
    return (branches[0] if len(branches) == 1 else union_all(*branches)).subquery("titles")


async def resolve(
    session: AsyncSession, principal: Principal | None, links: Sequence[tuple[LinkTargetType, int]]
) -> dict[tuple[LinkTargetType, int], LinkTarget]:
    """The visible targets among `links` (missing or invisible ones are simply absent)."""
    found: dict[tuple[LinkTargetType, int], LinkTarget] = {}
    by_type: dict[LinkTargetType, set[int]] = {}
    for target_type, target_id in links:
        by_type.setdefault(target_type, set()).add(target_id)
    columns: list[ColumnResolver] = []
    for target_type in sorted(by_type):
        resolver = RESOLVERS.get(target_type)
        if isinstance(resolver, ColumnResolver):  # one statement for all of them, below
            columns.append(resolver)
        elif resolver is not None:
            for target_id, target in (
                await resolver(session, principal, sorted(by_type[target_type]))
            ).items():
                found[(target_type, target_id)] = target
    if columns:
        params = {f"ids_{r.target_type.value}": sorted(by_type[r.target_type]) for r in columns}
        for row in await session.execute(_union(principal, columns), params):
            target_type = LinkTargetType(row.type)
            found[(target_type, row.id)] = LinkTarget(target_type, row.id, row.title)
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
