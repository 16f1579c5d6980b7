"""Demo yearly reports (demo mode only): last year's effect status, presented at the partnership's
spring meeting and frozen by its decision, and this year's draft started from it.

Everything goes through the reports domain's own service and lifecycle, so the frozen demo
report is assembled, hashed and stored exactly as a real one is; only the moments (presented and
frozen at the meeting) are set to the meeting's time.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from sammen.core.config import Settings
from sammen.core.live import unfiltered
from sammen.core.permissions import Principal, Role
from sammen.governance.bodies.models import Body, BodyKind
from sammen.governance.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    MinutesEntry,
    MinutesStatus,
)
from sammen.orgs.models import Organisation, OrganisationKind
from sammen.reports import api as reports_api
from sammen.reports import service
from sammen.reports.models import ReportSection, StatusReport
from sammen.reports.schemas import FreezeIn, PresentIn, ReportCreate
from sammen.seed import SEED_LOOKUP
from sammen.seed.loader import SeedReport

CPH = ZoneInfo("Europe/Copenhagen")
DEMO = "*Demodata: en opdigtet tekst til demonstration.*"
TEXTS = {
    "introduction": (
        "Partnerskabet får hermed den årlige status på effekterne af indsatserne i Høje Gladsaxe, som "
        "aftalen foreskriver. Tallene er de godkendte tal ved årets udgang; hver indikator viser både, "
        "hvor området står, og hvor det er på vej hen.\n\n" + DEMO
    ),
    "goal:1": (
        "Beskæftigelsen stiger, men andelen uden for arbejde og uddannelse ligger **fortsat over grænsen** "
        "for et udsat boligområde, og indkomsten er under grænsen for et forebyggelsesområde.\n\n" + DEMO
    ),
    "goal:2": "Tryghedsmålingen er ikke gentaget siden 2019; partnerskabet mangler nye tal.\n\n" + DEMO,
    "goal:3": "Skoleresultater og trivsel bevæger sig mod kommunens niveau.\n\n" + DEMO,
    "goal:4": "Valgdeltagelsen er faldet; indsatserne for medborgerskab bør styrkes.\n\n" + DEMO,
    "recommendations": (
        "- Prioritér beskæftigelsesindsatserne, så kriterium 1 kommer under grænsen.\n"
        "- Få en ny tryghedsmåling for området.\n"
        "- Sæt mål for udlejning og fraflytning.\n\n" + DEMO
    ),
}


@unfiltered(Organisation, why=SEED_LOOKUP)
async def _secretariat(session: AsyncSession) -> Organisation | None:
    return (
        await session.scalars(select(Organisation).where(Organisation.kind == OrganisationKind.secretariat))
    ).first()


@unfiltered(Meeting, why=SEED_LOOKUP)
async def _spring_meeting(session: AsyncSession, body: Body, year: int) -> Meeting:
    """The partnership's held meeting in the first quarter of `year` (made if the demo has none)."""
    assert body.id is not None
    start = dt.datetime(year, 1, 1, tzinfo=CPH)
    found = (
        await session.scalars(
            select(Meeting)
            .where(
                Meeting.body_id == body.id,
                col(Meeting.starts_at) >= start,
                col(Meeting.starts_at) < dt.datetime(year, 4, 1, tzinfo=CPH),
                col(Meeting.status).in_(
                    [MeetingStatus.held, MeetingStatus.minutes_draft, MeetingStatus.minutes_approved]
                ),
            )
            .order_by(col(Meeting.starts_at))
        )
    ).first()
    if found is not None:
        return found
    starts = dt.datetime(year, 3, 12, 14, tzinfo=CPH)
    meeting = Meeting(
        body_id=body.id,
        title="Partnerskabsmøde, forår",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="Gladsaxe Rådhus",
        status=MeetingStatus.held,
    )
    session.add(meeting)
    await session.flush()
    return meeting


@unfiltered(StatusReport, Body, why=SEED_LOOKUP)
async def seed_demo_reports(session: AsyncSession, report: SeedReport) -> None:
    if (await session.scalar(select(func.count()).select_from(StatusReport))) or 0:
        report.add("demo_reports", "unchanged")
        return
    secretariat = await _secretariat(session)
    partnership = (await session.scalars(select(Body).where(Body.kind == BodyKind.partnership))).first()
    if secretariat is None or secretariat.id is None or partnership is None:
        return  # another agreement file: no demo reports
    actor = Principal(
        kind="user", id=0, name="Sekretariatet", roles={secretariat.id: frozenset({Role.admin})}
    )
    a = reports_api.Access(principal=actor, secretariat_ids=frozenset({secretariat.id}))
    this_year = dt.datetime.now(CPH).year
    last_year = this_year - 1
    min_n = Settings.model_fields["min_n_default"].default

    last = await service.create_report(session, a=a, data=ReportCreate(year=last_year))
    assert last.id is not None
    for section in await service.sections_of(session, report_id=last.id):
        section.body = TEXTS.get(section.key, "")
    await session.flush()
    await reports_api.submit(session, a=a, report=last, expected_version=last.version)

    meeting = await _spring_meeting(session, partnership, last_year)
    assert meeting.id is not None
    item = AgendaItem(
        meeting_id=meeting.id,
        position=90,
        title=f"Effektstatus {last_year}",
        kind=AgendaItemKind.decision,
        duration_minutes=45,
        presenter="Sekretariatet",
    )
    session.add(item)
    await session.flush()
    assert item.id is not None
    if meeting.status in {MeetingStatus.minutes_draft, MeetingStatus.minutes_approved}:
        # the meeting's minutes are written: the item has its entry like every other
        approved = meeting.status == MeetingStatus.minutes_approved
        session.add(
            MinutesEntry(
                meeting_id=meeting.id,
                agenda_item_id=item.id,
                text=f"Sekretariatet fremlagde Effektstatus {last_year}. Partnerskabet godkendte den.",
                status=MinutesStatus.approved if approved else MinutesStatus.draft,
                written_by="Sekretariatet",
                approved_at=meeting.minutes_approved_at if approved else None,
                approved_by=meeting.minutes_approved_by if approved else None,
            )
        )
    when = meeting.starts_at + dt.timedelta(minutes=30)
    await reports_api.present(
        session,
        a=a,
        report=last,
        data=PresentIn(agenda_item_id=item.id),
        expected_version=last.version,
        at=when,
    )
    taken = await session.scalar(
        select(func.count())
        .select_from(Decision)
        .where(Decision.body_id == partnership.id, col(Decision.number).startswith(f"{last_year}-"))
    )
    decision = Decision(
        body_id=meeting.body_id,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        number=f"{last_year}-{(taken or 0) + 1:03d}",
        kind=DecisionKind.approve_status_report,
        title=f"Effektstatus {last_year} godkendt",
        text=f"Partnerskabet godkender Effektstatus {last_year} og sekretariatets anbefalinger til prioriteringen.",
        decided_on=meeting.starts_at.astimezone(CPH).date(),
        recorded_by="Sekretariatet",
    )
    session.add(decision)
    await session.flush()
    assert decision.id is not None
    await reports_api.freeze(
        session,
        a=a,
        report=last,
        data=FreezeIn(decision_id=decision.id),
        expected_version=last.version,
        min_n_default=min_n,
        at=when + dt.timedelta(minutes=20),
    )
    report.add("demo_reports", "created")

    draft = await service.create_report(
        session, a=a, data=ReportCreate(year=this_year, from_report_id=last.id)
    )
    assert draft.id is not None
    intro = (
        await session.scalars(
            select(ReportSection).where(
                ReportSection.report_id == draft.id, ReportSection.key == "introduction"
            )
        )
    ).one()
    intro.body = f"Udkast til Effektstatus {this_year}, startet fra sidste års godkendte rapport.\n\n" + DEMO
    await session.flush()
    report.add("demo_reports", "created")
