"""HTTP handlers for the yearly effect status: reports, sections, comments, lifecycle, documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import DatabaseDep, SessionDep, SettingsDep
from sammen.core.errors import Conflict, problem_responses
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.core.workers import off_loop
from sammen.orgs.deps import IfMatchDep
from sammen.reports import access, changes, lifecycle, service
from sammen.reports.content import ReportContent
from sammen.reports.deps import EditionQuery, ReadableReport, ReportAccess, ReportDocument
from sammen.reports.documents import html, pdf, xlsx
from sammen.reports.models import Edition, ReportState, StatusReport
from sammen.reports.schemas import (
    ChangesSinceFreeze,
    CommentCreate,
    CommentPublic,
    FreezeIn,
    PresentIn,
    ReportCreate,
    ReportDetail,
    ReportPublic,
    ReportUpdate,
    SectionPublic,
    SectionUpdate,
)

reports_router = DomainRouter(prefix="/reports", tags=["reports"])

READ = problem_responses(401, 404)
CHANGE = problem_responses(401, 403, 404, 409, 412, 422, 428)
HTML_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
)


def _filename(report: StatusReport, edition: Edition, suffix: str) -> str:
    word = "partnere" if edition == Edition.partners else "offentlig"
    return f"effektstatus-{report.year}-{word}.{suffix}"


def _download(body: bytes, media_type: str, name: str, content_hash: str | None) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if content_hash:
        headers["X-Content-SHA256"] = content_hash
    return Response(content=body, media_type=media_type, headers=headers)


async def _detail(
    session: SessionDep, a: ReportAccess, report: StatusReport, response: Response
) -> ReportDetail:
    set_etag(response, report.version)
    return await service.report_detail(session, a=a, report=report)


# ---------------------------------------------------------------- reports
@reports_router.get("", response_model=Page[ReportPublic])
async def list_reports(
    session: SessionDep,
    page: PageDep,
    a: ReportAccess,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="Only the report for this year")] = None,
    state: ReportState | None = None,
) -> Page[ReportPublic]:
    """The status reports by year, newest first: partners see every report, others the frozen ones."""
    items, total = await service.list_reports(session, a=a, page=page, year=year, state=state)
    found = await service.hashes(session, report_ids=[r.id for r in items if r.id is not None])
    return Page.of([service.report_public(a, r, found) for r in items], total, page)


@reports_router.post(
    "",
    response_model=ReportDetail,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 409, 422),
)
async def create_report(
    data: ReportCreate, response: Response, session: SessionDep, a: ReportAccess
) -> ReportDetail:
    """Start the draft for a year (secretariat editors and admins), optionally from a frozen report's texts."""
    report = await service.create_report(session, a=a, data=data)
    return await _detail(session, a, report, response)


# The document routes come before /{report_id}, whose id would not take "7.html".
@reports_router.get(
    "/{report_id}.html",
    response_class=Response,
    responses={
        **READ,
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The report"},
    },
)
async def read_report_html(doc: ReportDocument) -> Response:
    """The report as one accessible HTML page (the PDF is made from the same HTML and CSS)."""
    page = await off_loop(html.render_html, doc.content, content_hash=doc.content_hash)
    return Response(
        page, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": HTML_CSP}
    )


@reports_router.get(
    "/{report_id}.pdf",
    response_class=Response,
    responses={
        **READ,
        200: {
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "description": "A4, tagged, PDF/A-3a",
        },
    },
)
async def read_report_pdf(doc: ReportDocument, session: SessionDep, database: DatabaseDep) -> Response:
    """The report as PDF (typeset by WeasyPrint in a worker process, never on the event loop; a frozen
    report's PDF is typeset once and kept with its snapshot)."""
    report, edition = doc.report, doc.edition
    frozen = report.state == ReportState.frozen
    body = await lifecycle.stored_pdf(session, report=report, edition=edition) if frozen else None
    if body is None:
        page = await off_loop(html.render_html, doc.content, content_hash=doc.content_hash)
        body = await pdf.render_pdf(page)
        if frozen:  # a GET reads in a read-only session: the kept copy is written in a session of its own
            async with database.session(write=True) as writer:
                await lifecycle.store_pdf(writer, report=report, edition=edition, pdf=body)
    return _download(body, "application/pdf", _filename(report, edition, "pdf"), doc.content_hash)


@reports_router.get(
    "/{report_id}.xlsx",
    response_class=Response,
    responses={
        **READ,
        200: {
            "content": {xlsx.MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            "description": "Every figure, one sheet per goal",
        },
    },
)
async def read_report_xlsx(doc: ReportDocument) -> Response:
    """The XLSX annex: every figure in the report, one sheet per goal."""
    body = await off_loop(xlsx.to_xlsx, doc.content, content_hash=doc.content_hash)
    return _download(body, xlsx.MEDIA_TYPE, _filename(doc.report, doc.edition, "xlsx"), doc.content_hash)


@reports_router.get(
    "/{report_id}.json",
    response_class=Response,
    responses={
        **READ,
        200: {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportContent"}}},
            "description": "The content document; for a frozen report its snapshot, byte for byte",
        },
    },
)
async def read_report_json(doc: ReportDocument) -> Response:
    """The content document as a download: for a frozen report the stored snapshot, whose SHA-256 is in
    X-Content-SHA256 and on the report; for a draft the figures assembled now."""
    text = lifecycle.canonical(doc.content)
    return _download(
        text.encode("utf-8"), "application/json", _filename(doc.report, doc.edition, "json"), doc.content_hash
    )


@reports_router.get("/{report_id}", response_model=ReportDetail, responses=READ)
async def read_report(
    report: ReadableReport, response: Response, session: SessionDep, a: ReportAccess
) -> ReportDetail:
    """The report with its sections (partners), its state, and what the caller may do now and why not."""
    return await _detail(session, a, report, response)


@reports_router.patch("/{report_id}", response_model=ReportDetail, responses=CHANGE)
async def update_report(
    report: ReadableReport,
    data: ReportUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    a: ReportAccess,
) -> ReportDetail:
    """Change the title or the cut-off (draft and in review only; a frozen report refuses with 409)."""
    report = await service.update_report(session, a=a, report=report, data=data, expected_version=version)
    return await _detail(session, a, report, response)


@reports_router.delete("/{report_id}", status_code=status.HTTP_204_NO_CONTENT, responses=CHANGE)
async def delete_report(
    report: ReadableReport, version: IfMatchDep, session: SessionDep, a: ReportAccess
) -> Response:
    """Delete a draft (soft; restorable by an admin in the database)."""
    await service.delete_report(session, a=a, report=report, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@reports_router.get("/{report_id}/content", response_model=ReportContent, responses=READ)
async def read_report_content(doc: ReportDocument) -> ReportContent:
    """Every figure and text of the report: assembled as of the cut-off, or the frozen snapshot."""
    return doc.content


# ---------------------------------------------------------------- sections and comments
@reports_router.get("/{report_id}/sections/{key}", response_model=SectionPublic, responses=READ)
async def read_section(
    report: ReadableReport, key: str, response: Response, session: SessionDep, a: ReportAccess
) -> SectionPublic:
    """One written section (partners), with its ETag for editing."""
    access.require_edition(a, report, Edition.partners)
    section = await service.get_section(session, report=report, key=key)
    set_etag(response, section.version)
    return service.section_public(section)


@reports_router.put("/{report_id}/sections/{key}", response_model=SectionPublic, responses=CHANGE)
async def update_section(
    report: ReadableReport,
    key: str,
    data: SectionUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    a: ReportAccess,
) -> SectionPublic:
    """Write a section in Markdown (secretariat editors; If-Match of the section)."""
    section = await service.get_section(session, report=report, key=key)
    section = await service.update_section(
        session, a=a, report=report, section=section, data=data, expected_version=version
    )
    set_etag(response, section.version)
    return service.section_public(section)


@reports_router.get("/{report_id}/comments", response_model=Page[CommentPublic], responses=READ)
async def list_comments(
    report: ReadableReport, session: SessionDep, a: ReportAccess, section: str | None = None
) -> Page[CommentPublic]:
    """The review comments, per section (partners)."""
    access.require_edition(a, report, Edition.partners)
    return Page.whole(await service.list_comments(session, report=report, section_key=section))


@reports_router.post(
    "/{report_id}/sections/{key}/comments",
    response_model=CommentPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def create_comment(
    report: ReadableReport, key: str, data: CommentCreate, session: SessionDep, a: ReportAccess
) -> CommentPublic:
    """Comment on a section while the report is in review (editors of any partner organisation)."""
    section = await service.get_section(session, report=report, key=key)
    comment = await service.add_comment(session, a=a, report=report, section=section, data=data)
    [created] = [
        c for c in await service.list_comments(session, report=report, section_key=key) if c.id == comment.id
    ]
    return created


# ---------------------------------------------------------------- lifecycle
@reports_router.post("/{report_id}/submit", response_model=ReportDetail, responses=CHANGE)
async def submit_report(
    report: ReadableReport, version: IfMatchDep, response: Response, session: SessionDep, a: ReportAccess
) -> ReportDetail:
    """draft -> in_review: the coordination group and the partners' editors comment."""
    report = await lifecycle.submit(session, a=a, report=report, expected_version=version)
    return await _detail(session, a, report, response)


@reports_router.post("/{report_id}/reopen", response_model=ReportDetail, responses=CHANGE)
async def reopen_report(
    report: ReadableReport, version: IfMatchDep, response: Response, session: SessionDep, a: ReportAccess
) -> ReportDetail:
    """One step back: in_review -> draft, presented -> in_review (never out of frozen)."""
    report = await lifecycle.reopen(session, a=a, report=report, expected_version=version)
    return await _detail(session, a, report, response)


@reports_router.post("/{report_id}/present", response_model=ReportDetail, responses=CHANGE)
async def present_report(
    report: ReadableReport,
    data: PresentIn,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    a: ReportAccess,
) -> ReportDetail:
    """in_review -> presented, on an agenda item of a partnership meeting (the item then links to it)."""
    report = await lifecycle.present(session, a=a, report=report, data=data, expected_version=version)
    return await _detail(session, a, report, response)


@reports_router.post("/{report_id}/freeze", response_model=ReportDetail, responses=CHANGE)
async def freeze_report(
    report: ReadableReport,
    data: FreezeIn,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    a: ReportAccess,
) -> ReportDetail:
    """presented -> frozen, by the partnership's decision (kind approve_status_report) at the meeting it
    was presented at: both editions are stored with their SHA-256 and never change again."""
    report = await lifecycle.freeze(
        session, a=a, report=report, data=data, expected_version=version, min_n_default=settings.min_n_default
    )
    return await _detail(session, a, report, response)


@reports_router.get(
    "/{report_id}/changes-since-freeze",
    response_model=ChangesSinceFreeze,
    responses=problem_responses(401, 404, 409),
)
async def read_changes_since_freeze(
    report: ReadableReport,
    session: SessionDep,
    settings: SettingsDep,
    a: ReportAccess,
    edition: EditionQuery = Edition.partners,
) -> ChangesSinceFreeze:
    """What in the data differs today from the frozen report's figures: late corrections, new approvals."""
    if report.state != ReportState.frozen:
        raise Conflict(f"{report.title} is not frozen yet; it shows today's figures as of its cut-off.")
    access.require_edition(a, report, edition)
    content, content_hash = await lifecycle.snapshot(session, report=report, edition=edition)
    return await changes.changes_since_freeze(
        session,
        report=report,
        edition=edition,
        content=content,
        content_hash=content_hash,
        min_n_default=settings.min_n_default,
    )
