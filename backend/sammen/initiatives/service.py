"""Initiatives: reads scoped by visibility (lead and partner organisations count as named) and
changes by the lead's editors; the domain's entry point.

The rest of the domain has its own modules: listing (the filtered list and the detail in the
reading shape of DESIGN.md), progress (progress updates, good stories and milestones),
coverage, plans, transfer (export/import) and markdown.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import links
from sammen.core.links import LinkTargetType
from sammen.core.permissions import Principal
from sammen.core.reads import Reader

# the domain's shared parts, re-exported where callers use them
from sammen.initiatives.access import GOAL as GOAL
from sammen.initiatives.access import IG as IG
from sammen.initiatives.access import II as II
from sammen.initiatives.access import IND as IND
from sammen.initiatives.access import INI as INI
from sammen.initiatives.access import IP as IP
from sammen.initiatives.access import LEVEL_ORDER as LEVEL_ORDER
from sammen.initiatives.access import ORG as ORG
from sammen.initiatives.access import PU as PU
from sammen.initiatives.access import REASON_NEEDED as REASON_NEEDED
from sammen.initiatives.access import get_initiative as get_initiative
from sammen.initiatives.access import levels_list as levels_list
from sammen.initiatives.access import levels_text as levels_text
from sammen.initiatives.access import live_visible_initiatives as live_visible_initiatives
from sammen.initiatives.access import partner_ids as partner_ids
from sammen.initiatives.access import require_edit as require_edit
from sammen.initiatives.access import visible_initiatives as visible_initiatives
from sammen.initiatives.models import (
    Initiative,
)
from sammen.initiatives.resolve import Lookups as Lookups
from sammen.initiatives.resolve import Resolved as Resolved
from sammen.initiatives.resolve import check_state as check_state
from sammen.initiatives.resolve import derive_phase as derive_phase
from sammen.initiatives.resolve import external_id_taken as external_id_taken
from sammen.initiatives.resolve import lookups as lookups
from sammen.initiatives.resolve import replace_links as replace_links
from sammen.initiatives.resolve import resolve as resolve
from sammen.initiatives.resolve import stored_links as stored_links
from sammen.initiatives.schemas import (
    GoodStory,
    InitiativeFilters,
    ProgressPublic,
)
from sammen.initiatives.writes import apply_update as apply_update
from sammen.initiatives.writes import create_initiative as create_initiative
from sammen.initiatives.writes import delete_initiative as delete_initiative
from sammen.initiatives.writes import snapshot as snapshot
from sammen.initiatives.writes import update_initiative as update_initiative

# ---------------------------------------------------------------- links from governance
links.register(
    LinkTargetType.initiative,
    links.column_resolver(
        LinkTargetType.initiative,
        INI.c.id,
        INI.c.title,
        live_visible_initiatives,
    ),
)


# ---------------------------------------------------------------- for the change feed and webhooks
async def initiative_json(session: AsyncSession, *, principal: Principal | None, initiative_id: int) -> Any:
    """The initiative as its GET shows it to `principal`, as JSON-ready data (the public site's
    initiative page); NotFound otherwise."""
    import orjson

    from sammen.initiatives import listing  # listing builds on this module

    detail: Any = await listing.initiative_detail(session, principal=principal, initiative_id=initiative_id)
    return orjson.loads(detail) if isinstance(detail, bytes) else detail


async def initiatives_json_text(
    session: AsyncSession, *, principal: Principal | None, ids: list[int]
) -> dict[int, bytes]:
    """Those of `ids` that `principal` may read, each as its GET shows it (JSON text), in one statement."""
    from sammen.initiatives import listing  # listing builds on this module

    return await listing.initiative_details(session, principal=principal, ids=ids)


async def progress_by_id(
    session: AsyncSession, *, principal: Principal | None, ids: list[int]
) -> dict[int, Any]:
    from sammen.initiatives import progress  # progress builds on this module

    return await progress.progress_by_id(session, principal=principal, ids=ids)


# ---------------------------------------------------------------- for the public site
async def initiative_list_json(
    reader: Reader, *, principal: Principal | None, flt: InitiativeFilters, limit: int, offset: int
) -> Any:
    """A page of the list as GET /initiatives gives it to `principal`, as JSON-ready data."""
    import orjson

    from sammen.initiatives import listing  # listing builds on this module

    return orjson.loads(
        await listing.list_page(reader, principal=principal, flt=flt, limit=limit, offset=offset)
    )


async def list_good_stories(
    session: AsyncSession, *, principal: Principal | None, limit: int, offset: int
) -> tuple[list[GoodStory], int]:
    """The good stories of the initiatives `principal` may read, newest first."""
    from sammen.initiatives import progress  # progress builds on this module

    return await progress.list_good_stories(session, principal=principal, limit=limit, offset=offset)


async def list_progress(
    session: AsyncSession, *, initiative: Initiative, limit: int, offset: int
) -> tuple[list[ProgressPublic], int]:
    """An initiative's progress updates, newest first (read `initiative` with get_initiative first)."""
    from sammen.initiatives import progress  # progress builds on this module

    return await progress.list_progress(session, initiative=initiative, limit=limit, offset=offset)
