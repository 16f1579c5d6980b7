"""An organisation's data duties: for each indicator it owns, which periods are due, which are
missing inside the series, and how many values wait for approval.

The measured area (kind `target`, Høje Gladsaxe) is what a duty is about; comparison areas
are extra. A period is *due* once it has ended and the usual publication lag has passed
(registers publish a year's figures during the next year; quarters and months sooner), and
nothing is entered for it yet. A period is *missing* when it lies between the first and the
latest entry and has none. Drafts count in every area: they all wait in the same queue.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import String, func, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import Forbidden
from sammen.core.permissions import Permission, Principal
from sammen.indicators.models import Approval, AreaKind
from sammen.indicators.periods import parse_period
from sammen.indicators.schemas import IndicatorDuty
from sammen.indicators.service import AREA, OBS, list_indicators

MAX_LISTED = 8  # periods listed per indicator and kind; older gaps are history, not duties
# Days after a period's end until its figure is expected (register publication lags).
LAG_DAYS = {"year": 365, "school_year": 365, "quarter": 92, "month": 61}


def next_period(code: str) -> str | None:
    """The period after `code`, of the same kind (None for dates: elections are not periodic)."""
    period = parse_period(code)
    if period is None:
        return None
    start = period.start
    if period.kind == "year":
        return str(start.year + 1)
    if period.kind == "quarter":
        quarter = (start.month - 1) // 3 + 1
        return f"{start.year + 1}-Q1" if quarter == 4 else f"{start.year}-Q{quarter + 1}"
    if period.kind == "month":
        return f"{start.year + 1}-01" if start.month == 12 else f"{start.year}-{start.month + 1:02d}"
    if period.kind == "school_year":
        return f"{start.year + 1}/{(start.year + 2) % 100:02d}"
    return None


def period_end(code: str) -> dt.date | None:
    following = next_period(code)
    parsed = parse_period(following) if following else None
    return parsed.start - dt.timedelta(days=1) if parsed else None


def _expected_by(code: str, kind: str, as_of: dt.date) -> bool:
    end = period_end(code)
    return end is not None and end + dt.timedelta(days=LAG_DAYS.get(kind, 365)) <= as_of


def _start(code: str) -> dt.date:
    parsed = parse_period(code)
    return parsed.start if parsed else dt.date.min


def duties_of(entered: list[str], *, kind: str, as_of: dt.date) -> tuple[list[str], list[str]]:
    """(due, missing) for one indicator from the periods entered for the measured area, sorted."""
    if not entered:
        return [], []
    entered_set = set(entered)
    ordered = sorted(entered, key=_start)
    last = _start(ordered[-1])
    missing: list[str] = []
    code: str | None = ordered[0]
    while code is not None and _start(code) < last and len(missing) < 1000:
        if code not in entered_set:
            missing.append(code)
        code = next_period(code)
    due: list[str] = []
    code = next_period(ordered[-1])
    while code is not None and _expected_by(code, kind, as_of) and len(due) < 200:
        due.append(code)
        code = next_period(code)
    return due[-MAX_LISTED:], missing[-MAX_LISTED:]


async def organisation_duties(
    session: AsyncSession, *, principal: Principal, organisation_id: int, as_of: dt.date
) -> list[IndicatorDuty]:
    """The duties of one organisation; its own members (or admins, who act for any) only."""
    if organisation_id not in principal.org_ids and not principal.can(Permission.act_for_any_org):
        raise Forbidden("Only the organisation's own members see its data duties.")
    indicators = [
        i
        for i in await list_indicators(session, principal=principal)
        if i.owner_organisation_id == organisation_id
    ]
    ids = [i.id for i in indicators if i.id is not None]
    if not ids:
        return []
    target = sa_select(AREA.c.id).where(AREA.c.kind == AreaKind.target.value).scalar_subquery()
    entered: dict[int, list[str]] = defaultdict(list)
    latest_approved: dict[int, str] = {}
    for row in await session.execute(
        sa_select(OBS.c.indicator_id, OBS.c.period, OBS.c.published, OBS.c.period_start)
        .where(OBS.c.indicator_id.in_(ids), OBS.c.area_id.in_(target))
        .order_by(OBS.c.indicator_id, OBS.c.period_start)
    ):
        entered[row.indicator_id].append(row.period)
        if row.published:
            latest_approved[row.indicator_id] = row.period
    drafts: dict[int, int] = dict(
        (
            await session.execute(
                sa_select(OBS.c.indicator_id, func.count())
                .where(
                    OBS.c.indicator_id.in_(ids),
                    type_coerce(OBS.c.approval, String) == Approval.draft.value,
                )
                .group_by(OBS.c.indicator_id)
            )
        ).all()
    )
    out = []
    for indicator in indicators:
        assert indicator.id is not None
        periods = entered.get(indicator.id, [])
        due, missing = duties_of(periods, kind=indicator.periodicity.value, as_of=as_of)
        out.append(
            IndicatorDuty(
                indicator=indicator.code,
                name_da=indicator.name_da,
                name_en=indicator.name_en,
                periodicity=indicator.periodicity,
                latest_period=periods[-1] if periods else None,
                latest_approved_period=latest_approved.get(indicator.id),
                drafts=int(drafts.get(indicator.id, 0)),
                due_periods=due,
                missing_periods=missing,
            )
        )
    return out
