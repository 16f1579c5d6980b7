"""Links from agenda items and decisions to goals, initiatives and amendments, and their resolvers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, and_, bindparam, null, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import clock, links
from sammen.core.idlist import among
from sammen.core.links import LinkTarget, LinkTargetType
from sammen.core.live import live
from sammen.core.permissions import Principal
from sammen.core.reads import as_reader
from sammen.core.sqljson import StatementCache
from sammen.goals import service as goals
from sammen.governance.meetings.access import (
    Viewer,
    decisions_stmt,
    meeting_clause,
    restricted_clause,
    viewer_key,
)
from sammen.governance.meetings.models import AgendaItem, Decision, GovernanceLink, LinkSource, Meeting
from sammen.governance.meetings.schemas import LinkedFrom, LinkIn, LinkPublic


# ---------------------------------------------------------------- links
def link_pairs(items: Sequence[LinkIn]) -> list[tuple[LinkTargetType, int]]:
    return [(link.target_type, link.target_id) for link in items]


_LINKS = StatementCache()


def _links_statement(source_type: LinkSource, principal: Principal | None) -> Any:
    """The links of the sources bound as `source_ids`, in link order, each with its target's
    title where a column resolver finds it visible (core.links.titles_among)."""
    table = GovernanceLink.__table__  # type: ignore[attr-defined]
    chosen = (
        sa_select(table.c.id, table.c.source_id, table.c.target_type, table.c.target_id)
        .where(table.c.source_type == source_type.value, among(table.c.source_id, "source_ids"))
        .cte("chosen")
    )
    titles = links.titles_among(principal, chosen)
    # the kind as plain text: validated into LinkTargetType once, with the whole page
    kind = type_coerce(chosen.c.target_type, String)
    if titles is None:
        return sa_select(chosen.c.source_id, kind, chosen.c.target_id, null()).order_by(chosen.c.id)
    joined = chosen.outerjoin(
        titles, and_(titles.c.type == chosen.c.target_type, titles.c.id == chosen.c.target_id)
    )
    return (
        sa_select(chosen.c.source_id, kind, chosen.c.target_id, titles.c.title)
        .select_from(joined)
        .order_by(chosen.c.id)
    )


async def link_documents(
    session: AsyncSession, *, v: Viewer, source_type: LinkSource, source_ids: Sequence[int]
) -> dict[int, list[dict[str, Any]]]:
    """What each source links to, in link order, as LinkPublic's fields (the title only when
    the caller may see the target): for pages validated once as a whole. One statement, and
    one more when links point at kinds without a column resolver (amendments)."""
    if not source_ids:
        return {}
    key = (source_type, links.titles_key(v.principal))
    stmt, titled = _LINKS.get(
        key,
        lambda: (
            _links_statement(source_type, v.principal),
            frozenset(r.target_type.value for r in links.column_resolvers()),
        ),
    )
    rows = await as_reader(session).rows(stmt, {"source_ids": list(source_ids)})
    others = [(LinkTargetType(t), i) for _, t, i, _ in rows if t not in titled]
    found = await links.resolve(session, v.principal, others) if others else {}
    out: dict[int, list[dict[str, Any]]] = {}
    for source_id, target_type, target_id, title in rows:
        if target_type not in titled:
            target = found.get((LinkTargetType(target_type), target_id))
            title = target.title if target else None
        out.setdefault(source_id, []).append(
            {"target_type": target_type, "target_id": target_id, "title": title}
        )
    return out


async def links_of(
    session: AsyncSession, *, v: Viewer, source_type: LinkSource, source_ids: Sequence[int]
) -> dict[int, list[LinkPublic]]:
    """What each source links to, in link order (see `link_documents`)."""
    found = await link_documents(session, v=v, source_type=source_type, source_ids=source_ids)
    return {source: [LinkPublic(**link) for link in items] for source, items in found.items()}


async def set_links(
    session: AsyncSession,
    *,
    source_type: LinkSource,
    source_id: int,
    pairs: Sequence[tuple[LinkTargetType, int]],
) -> None:
    existing = list(
        (
            await session.scalars(
                select(GovernanceLink).where(
                    GovernanceLink.source_type == source_type, GovernanceLink.source_id == source_id
                )
            )
        ).all()
    )
    wanted = set(pairs)
    for row in existing:
        if (row.target_type, row.target_id) not in wanted:
            await session.delete(row)
    have = {(r.target_type, r.target_id) for r in existing}
    for target_type, target_id in pairs:
        if (target_type, target_id) not in have:
            session.add(
                GovernanceLink(
                    source_type=source_type, source_id=source_id, target_type=target_type, target_id=target_id
                )
            )
    await session.flush()


async def ensure_decision_link(
    session: AsyncSession, *, decision_id: int, target_type: LinkTargetType, target_id: int
) -> None:
    """Make sure the decision points at what it authorised (added by the approving action)."""
    await ensure_link(
        session, source_type=LinkSource.decision, source_id=decision_id, target_type=target_type,
        target_id=target_id,
    )  # fmt: skip


async def ensure_link(
    session: AsyncSession,
    *,
    source_type: LinkSource,
    source_id: int,
    target_type: LinkTargetType,
    target_id: int,
) -> None:
    """Make sure an agenda item or a decision points at `target` (added by the action it serves)."""
    exists = (
        await session.scalars(
            select(GovernanceLink).where(
                GovernanceLink.source_type == source_type,
                GovernanceLink.source_id == source_id,
                GovernanceLink.target_type == target_type,
                GovernanceLink.target_id == target_id,
            )
        )
    ).first()
    if exists is None:
        session.add(
            GovernanceLink(
                source_type=source_type, source_id=source_id, target_type=target_type, target_id=target_id
            )
        )
        await session.flush()


_LINKED_FROM = StatementCache()


def _linked_from_statements(v: Viewer) -> tuple[Any, Any]:
    """The agenda items (with their meetings) and the decisions the caller may see that link to
    the target bound as `target_type` and `target_id`."""
    target = and_(
        col(GovernanceLink.target_type) == bindparam("target_type"),
        col(GovernanceLink.target_id) == bindparam("target_id"),
    )
    items = (
        select(AgendaItem, Meeting)
        .join(
            GovernanceLink,
            and_(
                col(GovernanceLink.source_type) == LinkSource.agenda_item,
                col(GovernanceLink.source_id) == col(AgendaItem.id),
            ),
        )
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .where(
            target,
            live(AgendaItem),
            meeting_clause(v),
            restricted_clause(v, col(AgendaItem.restricted), col(Meeting.body_id)),
        )
    )
    decisions = (
        decisions_stmt(v)
        .join(
            GovernanceLink,
            and_(
                col(GovernanceLink.source_type) == LinkSource.decision,
                col(GovernanceLink.source_id) == col(Decision.id),
            ),
        )
        .where(target)
    )
    return items, decisions


async def linked_from(
    session: AsyncSession, *, v: Viewer, target_type: LinkTargetType, target_id: int
) -> list[LinkedFrom]:
    """The agenda items and decisions, visible to the caller, that link to one target."""
    items, decisions = _LINKED_FROM.get(viewer_key(v), lambda: _linked_from_statements(v))
    params = {"target_type": target_type, "target_id": target_id}
    out: list[LinkedFrom] = []
    for item, meeting in await session.execute(items, params):
        out.append(
            LinkedFrom(
                source_type=LinkSource.agenda_item, source_id=item.id, meeting_id=meeting.id,
                body_id=meeting.body_id, title=item.title, date=clock.local_date(meeting.starts_at),
            )
        )  # fmt: skip
    for decision in await session.scalars(decisions, params):
        assert decision.id is not None
        out.append(
            LinkedFrom(
                source_type=LinkSource.decision, source_id=decision.id, meeting_id=decision.meeting_id,
                body_id=decision.body_id, title=decision.title, number=decision.number, date=decision.decided_on,
            )
        )  # fmt: skip
    return sorted(out, key=lambda x: (x.date, x.source_type.value, x.source_id))


# ---------------------------------------------------------------- link resolvers for other domains
async def _search_goals(
    session: AsyncSession, principal: Principal | None, text: str, limit: int
) -> list[LinkTarget]:
    """Goals and sub-objectives by code or title, in the tree's order (the tree is short)."""
    wanted = text.strip().lower()
    found: list[LinkTarget] = []
    for goal in await goals.goal_tree(session, principal=principal):
        nodes = [(goal.id, goal.code, goal.title)] + [(s.id, s.code, s.title) for s in goal.sub_objectives]
        for node_id, code, title in nodes:
            label = f"{code} {title}"
            if not wanted or wanted in label.lower():
                found.append(LinkTarget(LinkTargetType.goal, node_id, label))
    return found[:limit]


links.register(LinkTargetType.goal, goals.goal_link_targets(), search=_search_goals)
# partners only, never searched: a decision cites an amendment by its id
links.register(LinkTargetType.agreement_amendment, goals.amendment_link_targets(), searchable=False)
