"""Load-and-authorise dependencies of the reports API: the caller's access, the report by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from sammen.core.deps import SessionDep, SettingsDep
from sammen.core.fields import Id
from sammen.orgs.deps import OptionalPrincipal
from sammen.reports import access, lifecycle, service
from sammen.reports.access import Access
from sammen.reports.content import ReportContent
from sammen.reports.models import Edition, StatusReport

EditionQuery = Annotated[
    Edition, Query(description="partners (any partner) or public (public data only; anyone once frozen)")
]


async def report_access(session: SessionDep, principal: OptionalPrincipal) -> Access:
    return await access.access_of(session, principal)


ReportAccess = Annotated[Access, Depends(report_access)]


async def readable_report(report_id: Id, session: SessionDep, a: ReportAccess) -> StatusReport:
    return await service.get_report(session, a=a, report_id=report_id)


ReadableReport = Annotated[StatusReport, Depends(readable_report)]


@dataclass(frozen=True)
class Document:
    """What a document of the report is made from: the frozen snapshot, or the draft as of its cut-off."""

    report: StatusReport
    edition: Edition
    content: ReportContent
    content_hash: str | None


async def report_document(
    report: ReadableReport,
    session: SessionDep,
    settings: SettingsDep,
    a: ReportAccess,
    edition: EditionQuery = Edition.partners,
) -> Document:
    access.require_edition(a, report, edition)
    content, content_hash = await lifecycle.content_of(
        session, report=report, edition=edition, min_n_default=settings.min_n_default
    )
    return Document(report=report, edition=edition, content=content, content_hash=content_hash)


ReportDocument = Annotated[Document, Depends(report_document)]
