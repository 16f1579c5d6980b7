"""Which initiatives a list or an export reads, and in what order: the filters, the sorts, the
columns of an entry and of the detail, and the full-text index."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    bindparam,
    cast,
    exists,
    or_,
)
from sqlalchemy import select as sa_select

from sammen.core import search
from sammen.core.errors import field_error
from sammen.core.live import unfiltered
from sammen.core.permissions import Principal
from sammen.initiatives.access import (
    GOAL,
    IG,
    INI,
    IP,
    LEAD_AND_PARTNERS,
    ORG,
    live_visible_initiatives,
)
from sammen.initiatives.models import InitiativeCount
from sammen.initiatives.schemas import InitiativeFilters

SORTS = {
    "title": INI.c.title,
    "updated_at": INI.c.updated_at,
    "starts_on": INI.c.starts_on,
    "ends_on": INI.c.ends_on,
    "phase": INI.c.phase,
    "status": INI.c.status,
    "id": INI.c.id,
}
COUNTS = InitiativeCount.__table__  # type: ignore[attr-defined]
SEARCH = search.SearchIndex(INI, ("title", "summary", "description"), "initiatives_search")

# The list entry's own columns (InitiativeSummary), in its order; goal codes and partner slugs
# are added from their link tables.
ENTRY_COLUMNS = (
    INI.c.id,
    INI.c.title,
    INI.c.summary,
    INI.c.levels,
    INI.c.size,
    INI.c.horizon,
    INI.c.phase,
    INI.c.status,
    INI.c.starts_on,
    INI.c.ends_on,
    INI.c.tags,
    INI.c.visibility,
    INI.c.external_id,
    INI.c.last_status_colour,
    INI.c.last_reported_on,
    INI.c.updated_at,
    INI.c.version,
)
DETAIL_ONLY = (
    INI.c.description,
    INI.c.responsible_body_id,
    INI.c.phase_overridden,
    INI.c.status_reason,
    INI.c.target_group,
    INI.c.budget_dkk,
    INI.c.funding_source,
    INI.c.created_at,
)
# The columns of an export row (transfer.py): the entry's, the detail's, and the lead's slug.
DETAIL_COLUMNS = (*ENTRY_COLUMNS, ORG.c.slug.label("lead"), *DETAIL_ONLY)


@functools.lru_cache(maxsize=256)
def parse_sort(sort: str) -> tuple[tuple[str, bool], ...]:
    """The sort keys of a `sort` parameter as (key, descending); `id` descending breaks ties."""
    keys: list[tuple[str, bool]] = []
    for part in [p.strip() for p in sort.split(",") if p.strip()]:
        name = part.lstrip("-+")
        if name not in SORTS:
            raise field_error("query.sort", f"unknown sort key {name!r}; use one of {', '.join(SORTS)}")
        keys.append((name, part.startswith("-")))
    keys.append(("id", True))
    return tuple(keys)


def ordered(column: Any, descending: bool) -> Any:
    return column.desc() if descending else column.asc()


# ------------------------------------------------------------ filters
def shape(flt: InitiativeFilters) -> tuple[Any, ...]:
    """Which filters are given (and how the text search runs): what a statement depends on."""
    q = (flt.q or "").strip()
    return (
        bool(flt.goal),
        bool(flt.organisation),
        bool(flt.status),
        bool(flt.phase),
        bool(flt.level),
        bool(flt.tag),
        (search.is_indexed(q),) if q else None,
        flt.updated_since is not None,
        parse_sort(flt.sort),
    )


def filter_params(flt: InitiativeFilters) -> dict[str, Any]:
    """The values the filter binds (names as `filter_clauses` uses them)."""
    return {
        "goal": flt.goal,
        "organisation": flt.organisation,
        "statuses": [s.value for s in flt.status],
        "phases": list(flt.phase),
        # tags are a JSON list: match the quoted element as JSON writes it (non-ASCII escaped)
        "tag": json.dumps(flt.tag.strip()) if flt.tag else None,
        "q": (flt.q or "").strip(),
        "updated_since": flt.updated_since,
        **{f"level_{n}": level.value for n, level in enumerate(flt.level)},
    }


@unfiltered(GOAL, ORG, why="filtering by a goal's code or an organisation's slug finds what names them")
def filter_clauses(
    principal: Principal | None, flt: InitiativeFilters, dialect: str
) -> list[ColumnElement[bool]]:
    """The live initiatives the caller may see that match the filter, with values as bind
    parameters (filled by `filter_params`)."""
    clauses: list[ColumnElement[bool]] = [live_visible_initiatives(principal)]
    if flt.goal:
        goal = bindparam("goal", type_=String)
        goal_ids = sa_select(GOAL.c.id).where(
            or_(GOAL.c.code == goal, GOAL.c.parent_id.in_(sa_select(GOAL.c.id).where(GOAL.c.code == goal)))
        )
        clauses.append(exists().where(IG.c.initiative_id == INI.c.id, IG.c.goal_id.in_(goal_ids)))
    if flt.organisation:
        org_id = sa_select(ORG.c.id).where(ORG.c.slug == bindparam("organisation", type_=String))
        clauses.append(
            or_(
                INI.c.lead_organisation_id.in_(org_id),
                exists().where(IP.c.initiative_id == INI.c.id, IP.c.organisation_id.in_(org_id)),
            )
        )
    if flt.status:
        clauses.append(INI.c.status.in_(bindparam("statuses", expanding=True)))
    if flt.phase:
        clauses.append(INI.c.phase.in_(bindparam("phases", expanding=True)))
    if flt.level:
        clauses.append(
            or_(
                *(INI.c.levels.contains(bindparam(f"level_{n}", type_=String)) for n in range(len(flt.level)))
            )
        )
    if flt.tag:
        clauses.append(search.contains_param(cast(INI.c.tags, String), bindparam("tag", type_=String)))
    q = (flt.q or "").strip()
    if q:
        param = bindparam("q", type_=String)
        clauses.append(search.contains(SEARCH, param, dialect=dialect, indexed=search.is_indexed(q)))
    if flt.updated_since is not None:
        clauses.append(INI.c.updated_at >= bindparam("updated_since", type_=INI.c.updated_at.type))
    return clauses


@unfiltered(ORG, why=LEAD_AND_PARTNERS)
def initiative_select(
    principal: Principal | None, flt: InitiativeFilters, columns: Sequence[Any], *, dialect: str
) -> Select[Any]:
    """The visible live initiatives matching the filter as a select of `columns` (the lead
    organisation joined), sorted, with the filter's values bound (exports, coverage)."""
    stmt = (
        sa_select(*columns)
        .select_from(INI.join(ORG, ORG.c.id == INI.c.lead_organisation_id))
        .where(*filter_clauses(principal, flt, dialect))
        .order_by(*(ordered(SORTS[k], d) for k, d in parse_sort(flt.sort)))
    )
    return stmt.params(filter_params(flt))
