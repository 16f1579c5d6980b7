"""The initiatives' tables for the domain's queries, who sees an initiative (lead and partner
organisations count as named), who edits it, and the levels' reading shape."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, literal
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import Forbidden, NotFound
from sammen.core.live import get_live, live_visible
from sammen.core.permissions import Permission, Principal, can_read, visibility_clause
from sammen.goals.api import Goal
from sammen.indicators.api import Indicator
from sammen.initiatives.models import (
    Initiative,
    InitiativeGoal,
    InitiativeIndicator,
    InitiativePartner,
    InitiativeStatus,
    Level,
    ProgressUpdate,
)
from sammen.orgs.api import Organisation

INI = Initiative.__table__  # type: ignore[attr-defined]
IG = InitiativeGoal.__table__  # type: ignore[attr-defined]
IP = InitiativePartner.__table__  # type: ignore[attr-defined]
II = InitiativeIndicator.__table__  # type: ignore[attr-defined]
ORG = Organisation.__table__  # type: ignore[attr-defined]
GOAL = Goal.__table__  # type: ignore[attr-defined]
IND = Indicator.__table__  # type: ignore[attr-defined]
PU = ProgressUpdate.__table__  # type: ignore[attr-defined]

REASON_NEEDED = frozenset({InitiativeStatus.paused, InitiativeStatus.stopped})
LEVEL_ORDER = list(Level)
LEAD_AND_PARTNERS = "an initiative names its lead and partners, even deleted organisations"


# ------------------------------------------------------------ visibility
def _named(principal: Principal | None) -> ColumnElement[bool] | None:
    """True where one of the caller's organisations is a partner of the initiative."""
    named = None
    if principal is not None and principal.org_ids:
        # A probe of the (initiative, organisation) key per restricted row, which PostgreSQL
        # cannot turn into a hash of every link of the caller's organisations (as it does an
        # EXISTS): that hash grows with the data, a page's probes do not.
        named = (
            sa_select(literal(1))
            .where(IP.c.initiative_id == INI.c.id, IP.c.organisation_id.in_(sorted(principal.org_ids)))
            .limit(1)
            .scalar_subquery()
            .is_not(None)
        )
    return named


def visible_initiatives(principal: Principal | None) -> ColumnElement[bool]:
    """Public, partners, or restricted where the caller's organisation leads or is a partner
    (deleted ones too: the change feed and approved plan revisions still name them)."""
    return visibility_clause(principal, INI.c.visibility, INI.c.lead_organisation_id, _named(principal))


def live_visible_initiatives(principal: Principal | None) -> ColumnElement[bool]:
    """The live initiatives the caller may see (every list and detail)."""
    return live_visible(INI, principal, owner="lead_organisation_id", named=_named(principal))


async def partner_ids(session: AsyncSession, initiative_id: int) -> list[int]:
    rows = await session.execute(sa_select(IP.c.organisation_id).where(IP.c.initiative_id == initiative_id))
    return [r[0] for r in rows]


async def get_initiative(
    session: AsyncSession, *, principal: Principal | None, initiative_id: int
) -> Initiative:
    """The live initiative, or 404 when it does not exist or the caller may not read it."""
    obj = await get_live(session, Initiative, initiative_id)
    if obj is None:
        raise NotFound(f"No initiative {initiative_id}.")
    if obj.visibility != "public":
        partners = await partner_ids(session, initiative_id) if obj.visibility == "restricted" else []
        if not can_read(principal, obj.visibility, obj.lead_organisation_id, partners):
            raise NotFound(f"No initiative {initiative_id}.")
    return obj


def require_edit(principal: Principal, initiative: Initiative) -> None:
    if not principal.can(Permission.edit, initiative.lead_organisation_id):
        raise Forbidden("Only editors of the lead organisation change this initiative.")


# ------------------------------------------------------------ reading shape
def levels_list(raw: str | None) -> list[str]:
    return [v for v in (raw or "").split(",") if v]


def levels_text(levels: Iterable[Level | str]) -> str:
    wanted = {Level(v) for v in levels}
    return ",".join(v.value for v in LEVEL_ORDER if v in wanted)
