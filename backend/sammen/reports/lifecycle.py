"""The report's lifecycle: draft -> in_review -> presented -> frozen, and one step back by reopening.

Presenting links the report to an agenda item of a partnership meeting (the agenda item points at
the report). Freezing needs the partnership's decision of kind approve_status_report made at
that meeting; it stores every figure and text of both editions as canonical JSON with its
SHA-256, and from then on the report is read from those snapshots and never changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.changes import audited_change
from sammen.core.errors import Conflict, NotFound, field_error
from sammen.core.links import LinkTargetType
from sammen.core.tables import utcnow
from sammen.governance.bodies import service as bodies_service
from sammen.governance.meetings import service as meetings_service
from sammen.reports import assembly
from sammen.reports.access import Access, ReportFrozen, require_editor
from sammen.reports.content import ReportContent
from sammen.reports.models import Edition, ReportSnapshot, ReportState, StatusReport
from sammen.reports.schemas import FreezeIn, PresentIn


def canonical(content: ReportContent) -> str:
    """The snapshot's text: sorted keys, no spaces, UTF-8 as is; what the hash is taken of."""
    return json.dumps(
        content.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _require_state(report: StatusReport, wanted: ReportState, doing: str) -> None:
    if report.state == ReportState.frozen:
        raise ReportFrozen(f"{report.title} is frozen and never changes; it cannot be {doing}.")
    if report.state != wanted:
        raise Conflict(
            f"Only a report that is {wanted.value} can be {doing}; {report.title} is {report.state.value}."
        )


async def submit(
    session: AsyncSession, *, a: Access, report: StatusReport, expected_version: int
) -> StatusReport:
    """draft -> in_review: the coordination group and the partners' editors comment."""
    require_editor(a)
    _require_state(report, ReportState.draft, "sent for review")
    await audited_change(
        session,
        report,
        actor=a.principal,
        expected_version=expected_version,
        action="report.submit",
        changes={"state": ReportState.in_review},
    )
    return report


async def reopen(
    session: AsyncSession, *, a: Access, report: StatusReport, expected_version: int
) -> StatusReport:
    """One step back: in_review -> draft, presented -> in_review (the presentation is withdrawn)."""
    require_editor(a)
    if report.state == ReportState.frozen:
        raise ReportFrozen(f"{report.title} is frozen and never changes; start a new draft from it instead.")
    back = {ReportState.in_review: ReportState.draft, ReportState.presented: ReportState.in_review}
    if report.state not in back:
        raise Conflict(f"{report.title} is a draft; there is nothing to reopen.")
    changes: dict[str, object] = {"state": back[report.state]}
    if report.state == ReportState.presented:
        changes |= {"presented_agenda_item_id": None, "presented_meeting_id": None, "presented_at": None}
    await audited_change(
        session,
        report,
        actor=a.principal,
        expected_version=expected_version,
        action="report.reopen",
        changes=changes,
    )
    return report


async def present(
    session: AsyncSession,
    *,
    a: Access,
    report: StatusReport,
    data: PresentIn,
    expected_version: int,
    at: dt.datetime | None = None,
) -> StatusReport:
    """in_review -> presented, on an agenda item of a partnership meeting (the item links to the report)."""
    require_editor(a)
    _require_state(report, ReportState.in_review, "presented")
    field = "body.agenda_item_id"
    v = await meetings_service.viewer(session, a.principal)
    try:
        item, meeting = await meetings_service.get_agenda_item(session, v=v, item_id=data.agenda_item_id)
    except NotFound:
        raise field_error(field, f"no agenda item {data.agenda_item_id}") from None
    body = await bodies_service.get_body(session, body_id=meeting.body_id)
    if body.kind != bodies_service.BodyKind.partnership:
        raise field_error(
            field, f"agenda item {item.id} is on a meeting of {body.name}, not of the partnership"
        )
    if meeting.status.value == "cancelled":
        raise field_error(field, f"meeting {meeting.id} is cancelled")
    assert item.id is not None
    assert report.id is not None
    await audited_change(
        session,
        report,
        actor=a.principal,
        expected_version=expected_version,
        action="report.present",
        changes={
            "state": ReportState.presented,
            "presented_agenda_item_id": item.id,
            "presented_meeting_id": meeting.id,
            "presented_at": at or utcnow(),
        },
        summary={"agenda_item_id": item.id, "meeting_id": meeting.id},
    )
    await meetings_service.ensure_link(
        session,
        source_type=meetings_service.LinkSource.agenda_item,
        source_id=item.id,
        target_type=LinkTargetType.status_report,
        target_id=report.id,
    )
    return report


async def freeze(
    session: AsyncSession,
    *,
    a: Access,
    report: StatusReport,
    data: FreezeIn,
    expected_version: int,
    min_n_default: int,
    at: dt.datetime | None = None,
) -> StatusReport:
    """presented -> frozen, by the partnership's decision at the meeting it was presented at (`at`: when;
    the demo seed records a past meeting's freeze)."""
    require_editor(a)
    _require_state(report, ReportState.presented, "frozen")
    assert a.principal is not None
    assert report.id is not None
    field = "body.decision_id"
    decision = await meetings_service.require_decision(
        session,
        decision_id=data.decision_id,
        kinds={meetings_service.DecisionKind.approve_status_report},
        made_by_kind=bodies_service.BodyKind.partnership,
        field=field,
    )
    if decision.meeting_id != report.presented_meeting_id:
        raise field_error(
            field,
            f"decision {decision.id} was made at meeting {decision.meeting_id}; the report was presented at "
            f"meeting {report.presented_meeting_id}",
        )
    if decision.superseded_by_id is not None:
        raise field_error(
            field, f"decision {decision.id} was corrected by decision {decision.superseded_by_id}"
        )
    before = audit.snapshot(report)
    await audited_change(
        session,
        report,
        actor=a.principal,
        expected_version=expected_version,
        action="report.freeze",
        changes={
            "state": ReportState.frozen,
            "frozen_decision_id": decision.id,
            "frozen_at": at or utcnow(),
            "frozen_by": a.principal.name,
        },
    )
    found: dict[str, str] = {}
    for edition in Edition:
        text = canonical(
            await assembly.assemble(session, report=report, edition=edition, min_n_default=min_n_default)
        )
        found[edition.value] = sha256(text)
        session.add(
            ReportSnapshot(
                report_id=report.id, edition=edition, content=text, content_hash=found[edition.value]
            )
        )
    await session.flush()
    assert decision.id is not None
    await meetings_service.ensure_decision_link(
        session, decision_id=decision.id, target_type=LinkTargetType.status_report, target_id=report.id
    )
    audit.record(
        session,
        actor=a.principal,
        action="report.snapshot",
        object_type="report",
        object_id=report.id,
        before=before,
        summary={"decision_id": decision.id, "sha256": found},
    )
    return report


async def snapshot(
    session: AsyncSession, *, report: StatusReport, edition: Edition
) -> tuple[ReportContent, str]:
    """A frozen report's stored content for one edition and its hash (checked against the text)."""
    row = (
        await session.execute(
            select(ReportSnapshot.content, ReportSnapshot.content_hash).where(
                ReportSnapshot.report_id == report.id, ReportSnapshot.edition == edition
            )
        )
    ).first()
    if row is None:
        raise NotFound(f"Report {report.id} has no {edition.value} snapshot.")
    if sha256(row.content) != row.content_hash:
        raise RuntimeError(f"the snapshot of report {report.id} ({edition.value}) does not match its hash")
    return ReportContent.model_validate_json(row.content), row.content_hash


async def stored_pdf(session: AsyncSession, *, report: StatusReport, edition: Edition) -> bytes | None:
    """A frozen report's PDF, if it has been typeset before (it never changes, so it is made once)."""
    found = await session.scalar(
        select(ReportSnapshot.pdf).where(
            ReportSnapshot.report_id == report.id, ReportSnapshot.edition == edition
        )
    )
    return bytes(found) if found is not None else None


async def store_pdf(session: AsyncSession, *, report: StatusReport, edition: Edition, pdf: bytes) -> None:
    """Keep a frozen report's PDF with its snapshot (the first download typesets it; later ones read it)."""
    await session.execute(
        update(ReportSnapshot)
        .where(
            col(ReportSnapshot.report_id) == report.id,
            col(ReportSnapshot.edition) == edition,
            col(ReportSnapshot.pdf).is_(None),
        )
        .values(pdf=pdf)
    )


async def content_of(
    session: AsyncSession, *, report: StatusReport, edition: Edition, min_n_default: int
) -> tuple[ReportContent, str | None]:
    """What the report says: the frozen snapshot, or the draft assembled now as of its cut-off."""
    if report.state == ReportState.frozen:
        return await snapshot(session, report=report, edition=edition)
    return await assembly.assemble(session, report=report, edition=edition, min_n_default=min_n_default), None
