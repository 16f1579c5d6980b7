"""The kinds of resource events are about: where a change's id, version and link come from, who
may read the resource, and how it is shown in a webhook payload.

Visibility is asked of the owning domain (its own SQL rule, the one its API uses), every time:
when the change feed is read, when an event is fanned out to endpoints and again before each
attempt. A payload shows the resource as the domain's GET shows it to the subscribing
organisation (withholding of small numbers included).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, String, case, cast, exists, false, literal
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.live import unfiltered
from sammen.core.permissions import Principal, Role
from sammen.governance.meetings import service as meetings
from sammen.governance.meetings.schemas import MinutesPublic
from sammen.governance.meetings.service import Decision, Meeting
from sammen.indicators import service as indicators
from sammen.initiatives import service as initiatives
from sammen.reports import service as reports
from sammen.reports.api import StatusReport

API = "/api/v1"


@dataclass
class Audience:
    """Whom a resource is checked and shown for: a caller of the feed, or an endpoint's organisation."""

    principal: Principal | None
    min_n_default: int
    _viewer: Any = field(default=None, repr=False)

    async def prepare(self, session: AsyncSession) -> None:
        """Load what the rules need besides the principal: the caller's body roles (once)."""
        if self._viewer is None:
            self._viewer = await meetings.viewer(session, self.principal)

    @property
    def key(self) -> tuple[Any, ...]:
        """Everything the rules read from the audience: equal keys, equal SQL (for cached statements)."""
        p = self.principal
        return (
            None if p is None else frozenset(p.org_ids),
            p is not None and p.is_partner,
            tuple(self.viewer.member_bodies),
            self.min_n_default,
        )

    @property
    def viewer(self) -> Any:
        assert self._viewer is not None, "Audience.prepare() first"
        return self._viewer

    async def meetings_viewer(self, session: AsyncSession) -> Any:
        await self.prepare(session)
        return self.viewer


def organisation_principal(organisation_id: int) -> Principal:
    """What an endpoint's organisation may read: its members' reading rights (partner content and
    its own restricted content), never a person's body roles."""
    return Principal(
        kind="client", id=0, name="webhook endpoint", roles={organisation_id: frozenset({Role.viewer})}
    )


Render = Callable[[AsyncSession, Audience, list[int]], Awaitable[dict[int, Any]]]


@dataclass(frozen=True)
class ResourceKind:
    name: str
    id_column: Any  # the resource's id; its version and link are read from the same row
    version_column: Any
    link: ColumnElement[str]  # the resource's API path, as SQL over that row
    readable: Callable[[Audience], Select[Any]]  # the ids the audience may read: the domain's own rule
    render: Render

    async def visible(self, session: AsyncSession, audience: Audience, ids: Sequence[int]) -> set[int]:
        """Which of `ids` the audience may read."""
        await audience.prepare(session)
        stmt = self.readable(audience).where(self.id_column.in_(list(ids)))
        return {row[0] for row in await session.execute(stmt)}

    def readable_where(self, audience: Audience, resource_id: Any) -> ColumnElement[bool]:
        """SQL: the audience may read the resource whose id is `resource_id` (another query's column)."""
        return exists(self.readable(audience).where(self.id_column == resource_id))


def path(*parts: str | Any) -> ColumnElement[str]:
    """An API path as SQL: literal text and integer columns joined (|| on both databases)."""
    out: ColumnElement[str] = literal(API)
    for part in parts:
        out = out + (literal(part) if isinstance(part, str) else cast(part, String))
    return out


def as_json(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


# ---------------------------------------------------------------- initiatives
INI, PU = initiatives.INI, initiatives.PU


@unfiltered(INI, why='deleted ones count: "initiative.deleted" is for those who could read it')
def _initiatives_readable(a: Audience) -> Select[Any]:
    # deleted ones count: "initiative.deleted" is for those who could read it
    return sa_select(INI.c.id).where(initiatives.visible_initiatives(a.principal))


async def _initiatives_render(session: AsyncSession, a: Audience, ids: list[int]) -> dict[int, Any]:
    # One statement for the batch; the JSON text goes into the payload as it is (no parse and re-encode).
    # Deleted since, or not readable: absent (the event says what happened, without the object).
    found = await initiatives.initiatives_json_text(session, principal=a.principal, ids=ids)
    return {k: orjson.Fragment(v) for k, v in found.items()}


@unfiltered(INI, PU, why="events of deleted updates and initiatives are for those who could read them")
def _progress_readable(a: Audience) -> Select[Any]:
    return (
        sa_select(PU.c.id)
        .select_from(PU.join(INI, INI.c.id == PU.c.initiative_id))
        .where(initiatives.visible_initiatives(a.principal))
    )


async def _progress_render(session: AsyncSession, a: Audience, ids: list[int]) -> dict[int, Any]:
    found = await initiatives.progress_by_id(session, principal=a.principal, ids=ids)
    return {k: as_json(v) for k, v in found.items()}


# ---------------------------------------------------------------- observations
OBS = indicators.OBS


async def _observations_render(session: AsyncSession, a: Audience, ids: list[int]) -> dict[int, Any]:
    found = await indicators.observations_by_id(
        session, principal=a.principal, ids=ids, min_n_default=a.min_n_default
    )
    return {k: as_json(v) for k, v in found.items()}


def _observations_readable(a: Audience) -> Select[Any]:
    stmt: Select[Any] = indicators.readable_observations(a.principal, min_n_default=a.min_n_default)
    return stmt


# ---------------------------------------------------------------- meetings, minutes and decisions
async def _meetings(session: AsyncSession, a: Audience, ids: list[int]) -> list[Meeting]:
    v = await a.meetings_viewer(session)
    stmt = select(Meeting).where(col(Meeting.id).in_(ids), meetings.meeting_clause(v))
    return list((await session.scalars(stmt)).all())


def _meetings_readable(a: Audience) -> Select[Any]:
    return sa_select(col(Meeting.id)).where(meetings.meeting_clause(a.viewer))


async def _meetings_render(session: AsyncSession, a: Audience, ids: list[int]) -> dict[int, Any]:
    v = await a.meetings_viewer(session)
    return {m.id: as_json(meetings.meeting_public(m, v)) for m in await _meetings(session, a, ids) if m.id}


async def _minutes_render(session: AsyncSession, a: Audience, ids: list[int]) -> dict[int, Any]:
    v = await a.meetings_viewer(session)
    out: dict[int, Any] = {}
    for meeting in await _meetings(session, a, ids):
        entries = await meetings.current_minutes(session, v=v, meeting=meeting)
        assert meeting.id is not None
        out[meeting.id] = [MinutesPublic.model_validate(e).model_dump(mode="json") for e in entries]
    return out


async def _decisions(session: AsyncSession, a: Audience, ids: list[int]) -> list[Decision]:
    v = await a.meetings_viewer(session)
    stmt = meetings.decisions_stmt(v).where(col(Decision.id).in_(ids))
    return list((await session.scalars(stmt)).all())


def _decisions_readable(a: Audience) -> Select[Any]:
    stmt: Select[Any] = meetings.decisions_stmt(a.viewer)
    return stmt.with_only_columns(col(Decision.id))


async def _decisions_render(session: AsyncSession, a: Audience, ids: list[int]) -> dict[int, Any]:
    v = await a.meetings_viewer(session)
    shown = await meetings.decisions_public(session, v=v, decisions=await _decisions(session, a, ids))
    return {d.id: as_json(d) for d in shown}


# ---------------------------------------------------------------- the yearly status reports
def _reports_readable(a: Audience) -> Select[Any]:
    return reports.readable_ids(a.principal)


async def _reports_render(session: AsyncSession, a: Audience, ids: list[int]) -> dict[int, Any]:
    shown = await reports.reports_as_read_by(session, principal=a.principal, report_ids=ids)
    return {r.id: as_json(r) for r in shown}


# ---------------------------------------------------------------- the kinds
KINDS: Mapping[str, ResourceKind] = {
    kind.name: kind
    for kind in (
        ResourceKind("initiative", INI.c.id, INI.c.version, path("/initiatives/", INI.c.id), _initiatives_readable, _initiatives_render),
        ResourceKind("progress_update", PU.c.id, PU.c.version, path("/initiatives/", PU.c.initiative_id, "/progress-updates"), _progress_readable, _progress_render),
        ResourceKind("observation", OBS.c.id, OBS.c.version, path("/observations/", OBS.c.id), _observations_readable, _observations_render),
        ResourceKind("meeting", col(Meeting.id), col(Meeting.version), path("/meetings/", col(Meeting.id)), _meetings_readable, _meetings_render),
        ResourceKind("minutes", col(Meeting.id), col(Meeting.version), path("/meetings/", col(Meeting.id), "/minutes"), _meetings_readable, _minutes_render),
        ResourceKind("decision", col(Decision.id), col(Decision.version), path("/decisions/", col(Decision.id)), _decisions_readable, _decisions_render),
        ResourceKind("status_report", col(StatusReport.id), col(StatusReport.version), path("/reports/", col(StatusReport.id)), _reports_readable, _reports_render),
    )
}  # fmt: skip


async def visible_ids(
    session: AsyncSession, audience: Audience, wanted: Mapping[str, Sequence[int]]
) -> set[tuple[str, int]]:
    """(kind, id) pairs among `wanted` that the audience may read, one query per kind."""
    out: set[tuple[str, int]] = set()
    for kind_name, ids in wanted.items():
        kind = KINDS.get(kind_name)
        if kind is None or not ids:
            continue  # an unknown kind is never shown
        out |= {(kind_name, i) for i in await kind.visible(session, audience, sorted(set(ids)))}
    return out


def readable_clause(audience: Audience, resource_type: Any, resource_id: Any) -> ColumnElement[bool]:
    """SQL over another query's (resource type, id) columns: the audience may read that resource.
    Unknown kinds are never readable. `await audience.prepare(session)` first."""
    whens = [
        (resource_type == kind.name, kind.readable_where(audience, resource_id)) for kind in KINDS.values()
    ]
    return case(*whens, else_=false())
