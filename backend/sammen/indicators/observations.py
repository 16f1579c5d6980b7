"""Reading observations: one select for JSON pages and every download format, and one
observation with its history.

Who sees what (DESIGN.md): an indicator's visibility decides who may read it at all. The
owning organisation's members see the current entries (drafts included) and real values;
everyone else sees only approved values, and a value whose n is below the indicator's
minimum as withheld (value and n absent, flag set). Both rules are SQL expressions, so
lists and streamed exports apply them without touching rows in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    false,
    func,
    literal,
    null,
    or_,
    true,
    type_coerce,
)
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.errors import FieldError, NotFound, Unauthorized, ValidationFailed
from sammen.core.permissions import Principal
from sammen.indicators.models import Approval, Indicator, Observation, ObservationRevision, ObservationStatus
from sammen.indicators.periods import parse_period
from sammen.indicators.schemas import ObservationDetail, ObservationPublic, RevisionPublic
from sammen.indicators.service import AREA, IND, OBS, is_owner, min_n_of, visible_indicators


# ------------------------------------------------------------------ reading
@dataclass(frozen=True)
class ObservationFilter:
    indicators: list[str] | None = None
    areas: list[str] | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    status: ObservationStatus | None = None
    updated_since: dt.datetime | None = None
    approval: Approval | None = None
    owner_id: int | None = None  # the organisation that owns the indicator


def filter_from_query(
    *,
    indicator: list[str] | None,
    area: list[str] | None,
    period_from: str | None,
    period_to: str | None,
    status: ObservationStatus | None,
    updated_since: dt.datetime | None,
    approval: Approval | None = None,
    owner_id: int | None = None,
) -> ObservationFilter:
    errors: list[FieldError] = []

    def start(raw: str | None, name: str) -> dt.date | None:
        if raw is None:
            return None
        p = parse_period(raw)
        if p is None:
            errors.append(FieldError(field=f"query.{name}", message=f"malformed period {raw!r}"))
            return None
        return p.start

    result = ObservationFilter(
        indicators=_split(indicator),
        areas=_split(area),
        period_from=start(period_from, "period_from"),
        period_to=start(period_to, "period_to"),
        status=status,
        updated_since=updated_since,
        approval=approval,
        owner_id=owner_id,
    )
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    return result


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def observation_select(
    principal: Principal | None, flt: ObservationFilter, *, min_n_default: int, for_export: bool = False
) -> Select[Any]:
    """The observations the caller may see, as plain columns; owner and withholding rules in SQL."""
    org_ids = sorted(principal.org_ids) if principal is not None else []
    owner: ColumnElement[bool] = IND.c.owner_organisation_id.in_(org_ids) if org_ids else false()
    threshold = func.coalesce(IND.c.min_n, literal(min_n_default))
    small = and_(OBS.c.pub_n.is_not(None), OBS.c.pub_n < threshold)
    value = case((owner, OBS.c.value), (small, null()), else_=OBS.c.pub_value)
    n = case((owner, OBS.c.n), (small, null()), else_=OBS.c.pub_n)
    status = case((owner, OBS.c.status), else_=OBS.c.pub_status)
    comment = case((owner, OBS.c.comment), else_=OBS.c.pub_comment)
    reason = case((owner, OBS.c.missing_reason), else_=OBS.c.pub_missing_reason)
    approval = case((owner, OBS.c.approval), else_=literal(Approval.approved.value))
    if for_export:
        withheld: Any = case((owner, literal("false")), (small, literal("true")), else_=literal("false"))
    else:
        withheld = case((owner, false()), (small, true()), else_=false())
    columns: list[Any] = [
        IND.c.code.label("indicator"),
        AREA.c.code.label("area"),
        OBS.c.period,
        value.label("value"),
        n.label("n"),
        type_coerce(status, String).label("status"),
        comment.label("comment"),
        reason.label("missing_reason"),
        withheld.label("withheld"),
        type_coerce(approval, String).label("approval"),
    ]
    if not for_export:
        columns += [
            OBS.c.id,
            OBS.c.self_approved,
            OBS.c.approved_at,
            OBS.c.updated_at,
            OBS.c.version,
        ]
    stmt = (
        sa_select(*columns)
        .select_from(OBS.join(IND, IND.c.id == OBS.c.indicator_id).join(AREA, AREA.c.id == OBS.c.area_id))
        .where(visible_indicators(principal), or_(owner, OBS.c.published == true()))
    )
    if flt.indicators is not None:
        stmt = stmt.where(IND.c.code.in_(flt.indicators))
    if flt.areas is not None:
        stmt = stmt.where(AREA.c.code.in_(flt.areas))
    if flt.period_from is not None:
        stmt = stmt.where(OBS.c.period_start >= flt.period_from)
    if flt.period_to is not None:
        stmt = stmt.where(OBS.c.period_start <= flt.period_to)
    if flt.status is not None:
        stmt = stmt.where(status == flt.status.value)
    if flt.updated_since is not None:
        stmt = stmt.where(OBS.c.updated_at >= flt.updated_since)
    if flt.approval is not None:
        stmt = stmt.where(type_coerce(approval, String) == flt.approval.value)
    if flt.owner_id is not None:
        stmt = stmt.where(IND.c.owner_organisation_id == flt.owner_id)
    return stmt.order_by(OBS.c.id)


def observation_public(row: Any) -> ObservationPublic:
    return ObservationPublic(
        id=row.id,
        indicator=row.indicator,
        area=row.area,
        period=row.period,
        value=row.value,
        missing_reason=row.missing_reason,
        n=row.n,
        status=row.status,
        comment=row.comment,
        withheld=bool(row.withheld),
        approval=row.approval,
        self_approved=bool(row.self_approved) if row.approval == "approved" else False,
        approved_at=row.approved_at if row.approval == "approved" else None,
        updated_at=row.updated_at,
        version=row.version,
    )


async def get_observation(
    session: AsyncSession, *, principal: Principal | None, observation_id: int, min_n_default: int
) -> ObservationDetail:
    stmt = observation_select(principal, ObservationFilter(), min_n_default=min_n_default).where(
        OBS.c.id == observation_id
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        if principal is None and await session.get(Observation, observation_id) is not None:
            raise Unauthorized("Sign in to read this observation.")
        raise NotFound(f"No observation {observation_id}.")
    obs = await session.get(Observation, observation_id)
    assert obs is not None
    indicator = await session.get(Indicator, obs.indicator_id)
    assert indicator is not None
    owner_view = is_owner(principal, indicator)
    history = list(
        (
            await session.scalars(
                select(ObservationRevision)
                .where(ObservationRevision.observation_id == observation_id)
                .order_by(col(ObservationRevision.id))
            )
        ).all()
    )
    threshold = min_n_of(indicator, min_n_default)
    revisions = []
    for h in history:
        hidden = not owner_view and h.n is not None and h.n < threshold
        revisions.append(
            RevisionPublic(
                value=None if hidden else h.value,
                missing_reason=h.missing_reason,
                n=None if hidden else h.n,
                status=h.status,
                comment=h.comment,
                entered_by=h.entered_by if owner_view else None,
                entered_at=h.entered_at,
                approved_by=h.approved_by if owner_view else None,
                approved_at=h.approved_at,
                self_approved=h.self_approved,
            )
        )
    base = observation_public(row)
    return ObservationDetail(
        **base.model_dump(),
        entered_by=obs.entered_by if owner_view else None,
        entered_at=obs.entered_at if owner_view else None,
        approved_by=obs.approved_by if owner_view and obs.published else None,
        history=revisions,
    )
