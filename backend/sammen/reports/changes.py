"""What in the data has changed since a report was frozen: late corrections and new approvals.

The report's figures are compared with today's approved figures of the same indicators and areas,
as the same edition reads them (visibility and withheld small numbers alike). A difference is
`corrected` (the value changed), `new` (a figure the report did not have) or `withdrawn`; each
says when today's value was approved and whether that was after the report was frozen (else it
was after the cut-off, before the freeze: known at the meeting, but not in the report).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.indicators import service as indicators_service
from sammen.indicators.api import history
from sammen.reports.access import reader_for
from sammen.reports.content import ReportContent
from sammen.reports.models import Edition, StatusReport
from sammen.reports.schemas import ChangesSinceFreeze, FigureChange


async def changes_since_freeze(
    session: AsyncSession,
    *,
    report: StatusReport,
    edition: Edition,
    content: ReportContent,
    content_hash: str,
    min_n_default: int,
) -> ChangesSinceFreeze:
    assert report.frozen_at is not None
    assert report.id is not None
    in_report: dict[tuple[str, str, str], tuple[float | None, bool]] = {}
    for goal in content.goals:
        for ind in goal.indicators:
            for s in ind.series:
                for p in s.points:
                    in_report[(ind.code, s.area, p.period)] = (p.value, p.withheld)
    codes = {key[0] for key in in_report}
    reported_areas = {key[1] for key in in_report}
    indicators = [
        i
        for i in await indicators_service.list_indicators(session, principal=reader_for(edition))
        if i.code in codes
    ]
    by_id = {i.id: i.code for i in indicators if i.id is not None}
    area_codes = {v: k for k, v in (await indicators_service.area_ids_by_code(session)).items()}
    now = await history.figures_at(session, indicator_ids=list(by_id), at=None, min_n_default=min_n_default)
    items: list[FigureChange] = []
    seen: set[tuple[str, str, str]] = set()
    for f in now:
        key = (by_id[f.indicator_id], area_codes.get(f.area_id, "?"), f.period)
        if key[1] not in reported_areas:
            continue
        seen.add(key)
        before = in_report.get(key)
        if before is not None and before == (f.value, f.withheld):
            continue
        items.append(
            FigureChange(
                indicator=key[0],
                area=key[1],
                period=key[2],
                kind="new" if before is None else "corrected",
                in_report=before[0] if before else None,
                now=f.value,
                withheld_now=f.withheld,
                approved_at=f.approved_at,
                since_freeze=f.approved_at > report.frozen_at,
            )
        )
    for key, (value, _withheld) in in_report.items():
        if key not in seen:
            items.append(
                FigureChange(
                    indicator=key[0],
                    area=key[1],
                    period=key[2],
                    kind="withdrawn",
                    in_report=value,
                    now=None,
                    withheld_now=False,
                    approved_at=None,
                    since_freeze=True,
                )
            )
    items.sort(key=lambda c: (c.indicator, c.area, c.period))
    return ChangesSinceFreeze(
        report_id=report.id,
        edition=edition,
        cutoff=report.cutoff,
        frozen_at=report.frozen_at,
        content_hash=content_hash,
        items=items,
        total=len(items),
    )
