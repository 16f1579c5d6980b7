"""Load-and-authorise dependencies of the reports API: the caller's access, the report by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from sammen.core.deps import SessionDep
from sammen.orgs.deps import OptionalPrincipal
from sammen.reports import service
from sammen.reports.models import StatusReport
from sammen.reports.service import Access


async def report_access(session: SessionDep, principal: OptionalPrincipal) -> Access:
    return await service.access_of(session, principal)


ReportAccess = Annotated[Access, Depends(report_access)]


async def readable_report(report_id: int, session: SessionDep, a: ReportAccess) -> StatusReport:
    return await service.get_report(session, a=a, report_id=report_id)


ReadableReport = Annotated[StatusReport, Depends(readable_report)]
