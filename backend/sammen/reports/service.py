"""The yearly effect status: reading reports and writing a report's draft (sections, comments).

Who may do what is in access.py, the lifecycle (submit, present, freeze, reopen) in lifecycle.py,
the content in assembly.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import links
from sammen.core.changes import audited_change, audited_create
from sammen.core.concurrency import claim_version
from sammen.core.errors import Conflict, Forbidden, NotFound, Unauthorized, field_error
from sammen.core.links import LinkTargetType
from sammen.core.live import get_live, live
from sammen.core.markdown import render
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Permission, Principal
from sammen.core.tables import utcnow
from sammen.goals import service as goals_service
from sammen.orgs import service as orgs_service
from sammen.reports.access import (
    Access,
    actions,
    editions_for,
    partner_reader,
    require_editable,
    require_editor,
)
from sammen.reports.access import access_of as access_of  # the public site reads as an anonymous caller
from sammen.reports.models import (
    Edition,
    ReportComment,
    ReportSection,
    ReportSnapshot,
    ReportState,
    StatusReport,
)
from sammen.reports.schemas import (
    CommentCreate,
    CommentPublic,
    Freezing,
    Presentation,
    ReportCreate,
    ReportDetail,
    ReportPublic,
    ReportUpdate,
    SectionPublic,
    SectionUpdate,
)

INTRODUCTION, RECOMMENDATIONS = "introduction", "recommendations"


def default_cutoff(year: int) -> dt.date:
    """The status given in Q1 of `year` covers the data known by 31 December of the year before."""
    return dt.date(year - 1, 12, 31)


# ---------------------------------------------------------------- reading
def _visible(a: Access) -> ColumnElement[bool]:
    if a.is_partner:
        return live(StatusReport)
    return and_(live(StatusReport), col(StatusReport.state) == ReportState.frozen)


async def list_reports(
    session: AsyncSession,
    *,
    a: Access,
    page: PageParams,
    year: int | None = None,
    state: ReportState | None = None,
) -> tuple[list[StatusReport], int]:
    stmt = (
        select(StatusReport).where(_visible(a)).order_by(col(StatusReport.year).desc(), col(StatusReport.id))
    )
    if year is not None:
        stmt = stmt.where(StatusReport.year == year)
    if state is not None:
        stmt = stmt.where(StatusReport.state == state)
    return await fetch_objects(session, stmt, page)


def readable_ids(principal: Principal | None) -> Select[Any]:
    """The ids of the reports `principal` may read (the events domain asks before it reports a change)."""
    a = Access(principal=principal, secretariat_ids=frozenset())
    return sa_select(col(StatusReport.id)).where(_visible(a))


async def reports_as_read_by(
    session: AsyncSession, *, principal: Principal | None, report_ids: Sequence[int]
) -> list[ReportPublic]:
    """The reports among `report_ids` as `principal` reads them, without the actions a caller could
    take (a webhook payload describes the report, not what its receiver may do)."""
    a = Access(principal=principal, secretariat_ids=frozenset())
    stmt = select(StatusReport).where(_visible(a), col(StatusReport.id).in_(list(report_ids)))
    reports = list((await session.scalars(stmt)).all())
    found = await hashes(session, report_ids=[r.id for r in reports if r.id is not None])
    return [report_public(a, r, found).model_copy(update={"actions": []}) for r in reports]


async def get_report(session: AsyncSession, *, a: Access, report_id: int) -> StatusReport:
    report = await get_live(session, StatusReport, report_id)
    if report is None:
        raise NotFound(f"No report {report_id}.")
    if not a.is_partner and report.state != ReportState.frozen:
        if a.principal is None:
            raise Unauthorized("Sign in to read a report before it is frozen.")
        raise NotFound(f"No report {report_id}.")
    return report


async def sections_of(session: AsyncSession, *, report_id: int) -> list[ReportSection]:
    stmt = select(ReportSection).where(ReportSection.report_id == report_id)
    return list(
        (await session.scalars(stmt.order_by(col(ReportSection.position), col(ReportSection.id)))).all()
    )


async def get_section(session: AsyncSession, *, report: StatusReport, key: str) -> ReportSection:
    section = (
        await session.scalars(
            select(ReportSection).where(ReportSection.report_id == report.id, ReportSection.key == key)
        )
    ).first()
    if section is None:
        raise NotFound(f"Report {report.id} has no section {key!r}.")
    return section


async def hashes(session: AsyncSession, *, report_ids: Sequence[int]) -> dict[tuple[int, Edition], str]:
    if not report_ids:
        return {}
    rows = await session.execute(
        select(ReportSnapshot.report_id, ReportSnapshot.edition, ReportSnapshot.content_hash).where(
            col(ReportSnapshot.report_id).in_(list(report_ids))
        )
    )
    return {(r.report_id, Edition(r.edition)): r.content_hash for r in rows}


def report_public(a: Access, report: StatusReport, found: dict[tuple[int, Edition], str]) -> ReportPublic:
    assert report.id is not None
    presentation = None
    if report.presented_agenda_item_id and report.presented_meeting_id and report.presented_at:
        presentation = Presentation(
            agenda_item_id=report.presented_agenda_item_id,
            meeting_id=report.presented_meeting_id,
            presented_at=report.presented_at,
        )
    freezing = None
    if report.state == ReportState.frozen and report.frozen_decision_id and report.frozen_at:
        freezing = Freezing(
            decision_id=report.frozen_decision_id,
            frozen_at=report.frozen_at,
            frozen_by=report.frozen_by or "",
            content_hash=found.get((report.id, Edition.partners), ""),
            public_hash=found.get((report.id, Edition.public), ""),
        )
    return ReportPublic(
        id=report.id,
        year=report.year,
        title=report.title,
        cutoff=report.cutoff,
        state=report.state,
        based_on_id=report.based_on_id,
        created_by=report.created_by,
        created_at=report.created_at,
        updated_at=report.updated_at,
        presentation=presentation,
        freezing=freezing,
        editions=editions_for(a, report),
        actions=actions(a, report) if a.principal else [],
        version=report.version,
    )


async def report_detail(session: AsyncSession, *, a: Access, report: StatusReport) -> ReportDetail:
    assert report.id is not None
    base = report_public(a, report, await hashes(session, report_ids=[report.id]))
    sections = await sections_of(session, report_id=report.id)
    counts = dict(
        (
            await session.execute(
                select(ReportComment.section_key, func.count())
                .where(ReportComment.report_id == report.id)
                .group_by(col(ReportComment.section_key))
            )
        ).all()
    )
    return ReportDetail(
        **base.model_dump(),
        sections=[section_public(s, int(counts.get(s.key, 0))) for s in sections] if a.is_partner else [],
    )


def section_public(section: ReportSection, comments: int = 0) -> SectionPublic:
    return SectionPublic(
        key=section.key,
        title=section.title,
        body=section.body,
        html=render(section.body) or "",
        updated_at=section.updated_at,
        updated_by=section.updated_by,
        version=section.version,
        comments=comments,
    )


# ---------------------------------------------------------------- writing the draft
async def _section_plan(session: AsyncSession) -> list[tuple[str, str]]:
    goals = await goals_service.goal_tree(session, principal=partner_reader())
    return [
        (INTRODUCTION, "Indledning"),
        *((f"goal:{g.code}", f"Vurdering: mål {g.code}") for g in goals),
        (RECOMMENDATIONS, "Anbefalinger til næste års strategiske prioritering"),
    ]


async def create_report(session: AsyncSession, *, a: Access, data: ReportCreate) -> StatusReport:
    require_editor(a)
    assert a.principal is not None
    taken = (
        await session.scalars(select(StatusReport).where(StatusReport.year == data.year, live(StatusReport)))
    ).first()
    if taken is not None:
        raise Conflict(
            f"There is already a status report for {data.year} (report {taken.id}, {taken.state.value})."
        )
    copied: dict[str, str] = {}
    if data.from_report_id is not None:
        origin = await get_live(session, StatusReport, data.from_report_id)
        if origin is None or origin.state != ReportState.frozen:
            raise field_error("body.from_report_id", "a new draft starts from a frozen report")
        copied = {s.key: s.body for s in await sections_of(session, report_id=data.from_report_id)}
    agreement = await goals_service.get_agreement(session)
    assert agreement.id is not None
    report = StatusReport(
        agreement_id=agreement.id,
        year=data.year,
        title=data.title or f"Effektstatus {data.year}",
        cutoff=data.cutoff or default_cutoff(data.year),
        based_on_id=data.from_report_id,
        created_by=a.principal.name,
    )
    await audited_create(session, report, actor=a.principal, action="report.create")
    assert report.id is not None
    for position, (key, title) in enumerate(await _section_plan(session)):
        session.add(
            ReportSection(
                report_id=report.id,
                key=key,
                title=title,
                position=position,
                body=copied.get(key, ""),
                updated_by=a.principal.name,
            )
        )
    await session.flush()
    return report


async def update_report(
    session: AsyncSession, *, a: Access, report: StatusReport, data: ReportUpdate, expected_version: int
) -> StatusReport:
    require_editor(a)
    require_editable(report)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    await audited_change(
        session,
        report,
        actor=a.principal,
        expected_version=expected_version,
        action="report.update",
        changes=changes,
    )
    return report


async def delete_report(
    session: AsyncSession, *, a: Access, report: StatusReport, expected_version: int
) -> None:
    require_editor(a)
    require_editable(report)
    if report.state != ReportState.draft:
        raise Conflict(f"{report.title} is {report.state.value}; only a draft is deleted.")
    await audited_change(
        session,
        report,
        actor=a.principal,
        expected_version=expected_version,
        action="report.delete",
        changes={"deleted_at": utcnow()},
    )


async def update_section(
    session: AsyncSession,
    *,
    a: Access,
    report: StatusReport,
    section: ReportSection,
    data: SectionUpdate,
    expected_version: int,
) -> ReportSection:
    require_editor(a)
    require_editable(report)
    assert a.principal is not None
    await audited_change(
        session,
        section,
        actor=a.principal,
        expected_version=expected_version,
        action="report.section",
        changes={"body": data.body, "updated_at": utcnow(), "updated_by": a.principal.name},
        summary={"report_id": report.id, "key": section.key},
    )
    await claim_version(session, report, report.version)  # the report changed: its ETag moves on
    return section


async def add_comment(
    session: AsyncSession, *, a: Access, report: StatusReport, section: ReportSection, data: CommentCreate
) -> ReportComment:
    if a.principal is None:
        raise Unauthorized()
    if not a.can_comment:
        raise Forbidden("Editors of the partner organisations comment on the report.")
    if report.state != ReportState.in_review:
        if report.state == ReportState.frozen:
            require_editable(report)
        raise Conflict(f"Comments are written while the report is in review; it is {report.state.value}.")
    org = next(o for o in sorted(a.principal.org_ids) if Permission.edit in a.principal.permissions_in(o))
    comment = ReportComment(
        report_id=report.id or 0,
        section_key=section.key,
        organisation_id=org,
        author_id=a.principal.id if a.principal.kind == "user" else None,
        author_name=a.principal.name,
        body=data.body,
    )
    await audited_create(session, comment, actor=a.principal, action="report.comment", organisation_id=org)
    return comment


async def list_comments(
    session: AsyncSession, *, report: StatusReport, section_key: str | None = None
) -> list[CommentPublic]:
    stmt = select(ReportComment).where(ReportComment.report_id == report.id)
    if section_key is not None:
        stmt = stmt.where(ReportComment.section_key == section_key)
    comments = list((await session.scalars(stmt.order_by(col(ReportComment.id)))).all())
    slugs = await orgs_service.organisation_slugs(session, ids=sorted({c.organisation_id for c in comments}))
    return [
        CommentPublic(
            id=c.id or 0,
            section_key=c.section_key,
            organisation=slugs.get(c.organisation_id, "?"),
            author_name=c.author_name,
            body=c.body,
            created_at=c.created_at,
        )
        for c in comments
    ]


# ---------------------------------------------------------------- links from governance
def _readable_reports(principal: Principal | None) -> ColumnElement[bool]:
    """Agenda items and decisions link to reports: partners see every report, others the frozen ones."""
    if principal is not None and principal.is_partner:
        return live(StatusReport)
    return and_(live(StatusReport), col(StatusReport.state) == ReportState.frozen)


links.register(
    LinkTargetType.status_report,
    links.column_resolver(
        LinkTargetType.status_report, col(StatusReport.id), col(StatusReport.title), _readable_reports
    ),
    searchable=False,
)
