"""Seed steps for governance: the standing bodies and their seats from the agreement file, and
demo content (members, two working groups, past meetings with approved minutes, decisions and
open action items). Both are idempotent: loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from sammen.core.links import LinkTargetType
from sammen.core.live import unfiltered
from sammen.core.permissions import BodyRole
from sammen.core.tables import Visibility
from sammen.governance.bodies.models import (
    Body,
    BodyKind,
    BodyMember,
    BodyStatus,
    Mandate,
    MandateStatus,
    Seat,
)
from sammen.governance.meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionKind,
    GovernanceLink,
    LinkSource,
    Meeting,
    MeetingStatus,
    MinutesEntry,
    MinutesStatus,
)
from sammen.orgs.models import Organisation, User
from sammen.seed import SEED_LOOKUP
from sammen.seed.loader import SeedContext, SeedReport, upsert
from sammen.seed.schema import AgreementFile

CPH = ZoneInfo("Europe/Copenhagen")


async def seed_bodies(session: AsyncSession, file: AgreementFile, ctx: SeedContext) -> None:
    """The standing bodies and their seats; parents before children."""
    ids = ctx.extra.setdefault("bodies", {})
    pending = list(file.bodies)
    while pending:
        ready = [b for b in pending if b.parent is None or b.parent in ids]
        if not ready:  # the file's validation rules out cycles; never loop forever
            break
        for body in ready:
            row = await upsert(
                session,
                Body,
                {"slug": body.slug},
                {
                    "kind": BodyKind(body.kind.value),
                    "name": body.name,
                    "purpose": body.purpose,
                    "description": body.description,
                    "parent_id": ids[body.parent] if body.parent else None,
                },
                report=ctx.report,
                kind="bodies",
            )
            assert row.id is not None
            if row.status == BodyStatus.proposed and row.set_up_on is None:
                row.status = BodyStatus.active  # the agreement itself set the standing bodies up
                row.set_up_on = file.agreement.starts_on
            ids[body.slug] = row.id
            for position, seat in enumerate(body.seats):
                await upsert(
                    session,
                    Seat,
                    {"body_id": row.id, "code": seat.code},
                    {
                        "title": seat.title,
                        "organisation_id": ctx.organisations[seat.organisation]
                        if seat.organisation
                        else None,
                        "count": seat.count,
                        "role": BodyRole(seat.role.value) if seat.role else BodyRole.member,
                        "position": position,
                    },
                    report=ctx.report,
                    kind="body_seats",
                )
        pending = [b for b in pending if b not in ready]
    await session.flush()


# ---------------------------------------------------------------- demo content
def _at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    y, m, d = (int(p) for p in day.split("-"))
    return dt.datetime(y, m, d, hour, minute, tzinfo=CPH).astimezone(dt.UTC)


async def _users(session: AsyncSession) -> dict[str, User]:
    return {u.email: u for u in await session.scalars(select(User))}


@unfiltered(Organisation, why=SEED_LOOKUP)
async def _orgs(session: AsyncSession) -> dict[str, int]:
    return {o.slug: o.id for o in await session.scalars(select(Organisation)) if o.id is not None}


@unfiltered(Body, why=SEED_LOOKUP)
async def _body(session: AsyncSession, slug: str) -> Body | None:
    return (await session.scalars(select(Body).where(Body.slug == slug))).first()


async def seed_demo_governance(session: AsyncSession, report: SeedReport) -> None:
    partnership = await _body(session, "partnerskab")
    coordination = await _body(session, "koordinationsgruppe")
    if partnership is None or coordination is None or partnership.id is None or coordination.id is None:
        return  # another agreement file: no demo governance
    existing = await session.scalar(select(func.count()).select_from(BodyMember))
    if existing:
        report.add("demo_governance", "unchanged")
        return
    users = await _users(session)
    orgs = await _orgs(session)
    seats = {(s.body_id, s.code): s for s in await session.scalars(select(Seat)) if s.id is not None}
    start = dt.date(2024, 1, 1)

    def member(
        body: Body, email: str | None, role: BodyRole, seat: str | None, *, name: str | None = None,
        org: str | None = None, person_org: str | None = None, from_date: dt.date = start,
        to_date: dt.date | None = None,
    ) -> BodyMember:  # fmt: skip
        assert body.id is not None
        user = users.get(email) if email else None
        seat_row = seats.get((body.id, seat)) if seat else None
        row = BodyMember(
            body_id=body.id,
            user_id=user.id if user else None,
            person_name=user.name if user else (name or "?"),
            person_organisation=person_org,
            email=user.email if user else None,
            organisation_id=orgs.get(org) if org else (seat_row.organisation_id if seat_row else None),
            role=role,
            seat_id=seat_row.id if seat_row else None,
            from_date=from_date,
            to_date=to_date,
        )
        session.add(row)
        report.add("demo_body_members", "created")
        return row

    # The partnership: every seat filled but one municipal leader (the composition report shows it).
    member(partnership, "editor@gladsaxe-kommune.demo", BodyRole.chair, "kommunale-ledere")
    member(partnership, None, BodyRole.member, "kommunale-ledere", name="Kommunaldirektør Jens Holm")
    member(
        partnership, None, BodyRole.member, "kommunale-ledere", name="Børne- og kulturdirektør Anne Lund",
        to_date=dt.date(2024, 12, 31),
    )  # fmt: skip
    member(
        partnership, None, BodyRole.member, "kommunale-ledere", name="Social- og sundhedsdirektør Ida Berg"
    )
    for slug in ("aab", "ab-gladsaxe", "fsb-gladsaxe", "lejerbo", "3b"):
        member(partnership, f"editor@{slug}.demo", BodyRole.member, f"forretningsfoerer-{slug}")
        member(
            partnership, f"editor@afdelingsbestyrelse-{slug}.demo", BodyRole.member,
            f"formand-afdelingsbestyrelse-{slug}",
        )  # fmt: skip
    member(partnership, "editor@vores-hg.demo", BodyRole.member, "ledelsen-vores-hg")
    member(partnership, "editor@kvp.demo", BodyRole.member, "politidirektoer")
    member(partnership, "editor@sekretariat.demo", BodyRole.secretary, None, org="sekretariat")

    member(coordination, "editor@vores-hg.demo", BodyRole.chair, None, org="vores-hg")
    member(coordination, "reporter@sekretariat.demo", BodyRole.secretary, None, org="sekretariat")
    member(coordination, "reporter@gladsaxe-kommune.demo", BodyRole.member, "noegleaktoerer-kommune")
    member(
        coordination, "reporter@aab.demo", BodyRole.member, "noegleaktoerer-boligorganisationer", org="aab"
    )
    member(coordination, "reporter@3b.demo", BodyRole.member, "noegleaktoerer-boligorganisationer", org="3b")
    member(coordination, "reporter@kvp.demo", BodyRole.member, "noegleaktoer-politi")

    # Two working groups set up by the coordination group; one has done its job and is dissolved.
    safety = Body(
        slug="arbejdsgruppe-tryghed", kind=BodyKind.working_group, name="Arbejdsgruppe for tryghed i området",
        parent_id=coordination.id, status=BodyStatus.active, set_up_on=dt.date(2025, 2, 5),
        purpose="Kortlægge utrygge steder i Høje Gladsaxe og foreslå fælles indsatser med beboerne.",
    )  # fmt: skip
    summer = Body(
        slug="arbejdsgruppe-sommerfest", kind=BodyKind.working_group, name="Arbejdsgruppe for sommerfesten 2025",
        parent_id=coordination.id, status=BodyStatus.dissolved, set_up_on=dt.date(2025, 2, 5),
        purpose="Planlægge en fælles sommerfest for hele området med beboere, skole, kirke og foreninger.",
        dissolved_on=dt.date(2025, 10, 1), dissolution_reason="Opgaven er løst: sommerfesten blev holdt.",
        final_summary=(
            "Sommerfesten blev holdt 21. juni 2025 med omkring 800 deltagere. Kirken, skolen og fire "
            "foreninger bidrog. Erfaringerne er samlet i en drejebog til næste år."
        ),
    )  # fmt: skip
    session.add_all([safety, summer])
    await session.flush()
    report.add("demo_bodies", "created")
    report.add("demo_bodies", "created")
    member(safety, "reporter@kvp.demo", BodyRole.chair, None, org="kvp", from_date=dt.date(2025, 2, 5))
    member(safety, "reporter@aab.demo", BodyRole.member, None, org="aab", from_date=dt.date(2025, 2, 5))
    member(
        safety, None, BodyRole.member, None, name="Maria Holm", person_org="Høje Gladsaxe Kirke",
        from_date=dt.date(2025, 2, 5),
    )  # fmt: skip
    member(
        summer, "reporter@3b.demo", BodyRole.chair, None, org="3b", from_date=dt.date(2025, 2, 5),
        to_date=dt.date(2025, 10, 1),
    )  # fmt: skip
    member(
        summer, None, BodyRole.member, None, name="Ole Friis", person_org="Gladsaxe Skole",
        from_date=dt.date(2025, 2, 5), to_date=dt.date(2025, 10, 1),
    )  # fmt: skip
    await session.flush()

    async def meeting(
        body: Body, title: str, day: str, hour: int, *, place: str, status: MeetingStatus,
        items: list[tuple[str, AgendaItemKind, str | None, bool]],
    ) -> tuple[Meeting, list[AgendaItem]]:  # fmt: skip
        assert body.id is not None
        starts = _at(day, hour)
        row = Meeting(
            body_id=body.id, title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), place=place,
            status=status, visibility=Visibility.partners,
        )  # fmt: skip
        if status == MeetingStatus.minutes_approved:
            row.minutes_circulated_at = starts + dt.timedelta(days=3)
            row.minutes_approved_at = starts + dt.timedelta(days=10)
            row.minutes_approved_by = "Demo"
        session.add(row)
        await session.flush()
        assert row.id is not None
        agenda = []
        for position, (item_title, kind, minutes, restricted) in enumerate(items):
            item = AgendaItem(
                meeting_id=row.id, position=position, title=item_title, kind=kind, restricted=restricted,
                duration_minutes=20,
            )  # fmt: skip
            session.add(item)
            await session.flush()
            assert item.id is not None
            agenda.append(item)
            if minutes:
                session.add(
                    MinutesEntry(
                        meeting_id=row.id, agenda_item_id=item.id, text=minutes, restricted=restricted,
                        status=MinutesStatus.approved if status == MeetingStatus.minutes_approved
                        else MinutesStatus.draft,
                        written_by="Sekretariatet", approved_at=row.minutes_approved_at,
                        approved_by=row.minutes_approved_by,
                    )
                )  # fmt: skip
        present = await session.scalars(
            select(BodyMember).where(BodyMember.body_id == body.id, col(BodyMember.user_id).is_not(None))
        )
        if status not in {MeetingStatus.planned, MeetingStatus.agenda_published}:
            for n, m in enumerate(present):
                assert m.id is not None
                session.add(
                    Attendance(
                        meeting_id=row.id, member_id=m.id,
                        status=AttendanceStatus.excused if n % 5 == 4 else AttendanceStatus.present,
                    )
                )  # fmt: skip
        report.add("demo_meetings", "created")
        return row, agenda

    async def decision(
        m: Meeting, item: AgendaItem, number: str, kind: DecisionKind, title: str, text: str,
        targets: list[tuple[LinkTargetType, int]],
    ) -> Decision:  # fmt: skip
        assert m.id is not None
        assert item.id is not None
        row = Decision(
            body_id=m.body_id, meeting_id=m.id, agenda_item_id=item.id, number=number, kind=kind, title=title,
            text=text, decided_on=m.starts_at.astimezone(CPH).date(), restricted=item.restricted,
            recorded_by="Sekretariatet",
        )  # fmt: skip
        session.add(row)
        await session.flush()
        assert row.id is not None
        for target_type, target_id in targets:
            session.add(
                GovernanceLink(
                    source_type=LinkSource.decision,
                    source_id=row.id,
                    target_type=target_type,
                    target_id=target_id,
                )
            )
        report.add("demo_decisions", "created")
        return row

    # The coordination group sets the working groups up ...
    kg1, kg1_items = await meeting(
        coordination, "Koordinationsgruppemøde", "2025-02-05", 13, place="Høje Gladsaxe Medborgerhus",
        status=MeetingStatus.minutes_approved,
        items=[
            ("Status på handlingsplanen", AgendaItemKind.information,
             "Sekretariatet gennemgik status. Tre indsatser er forsinket.", False),
            ("Nedsættelse af arbejdsgrupper", AgendaItemKind.decision,
             "Gruppen nedsatte en arbejdsgruppe for tryghed og en for sommerfesten.", False),
        ],
    )  # fmt: skip
    assert safety.id is not None
    assert summer.id is not None
    d_setup = await decision(
        kg1, kg1_items[1], "2025-001", DecisionKind.set_up_working_group, "Arbejdsgrupper nedsættes",
        "Koordinationsgruppen nedsætter en arbejdsgruppe for tryghed og en for sommerfesten 2025.",
        [(LinkTargetType.body, safety.id), (LinkTargetType.body, summer.id)],
    )  # fmt: skip
    safety.set_up_decision_id = summer.set_up_decision_id = d_setup.id

    # ... the partnership approves the mandates ...
    p1, p1_items = await meeting(
        partnership, "Partnerskabsmøde, forår", "2025-03-12", 14, place="Gladsaxe Rådhus",
        status=MeetingStatus.minutes_approved,
        items=[
            ("Kommissorier for partnerskab og koordinationsgruppe", AgendaItemKind.decision,
             "Kommissorierne blev godkendt uden ændringer.", False),
            ("Tryghed: politiets orientering", AgendaItemKind.information,
             "Politiet orienterede om en konkret sag. Referatet er fortroligt.", True),
            ("Justering af aftalen", AgendaItemKind.decision,
             "Partnerskabet besluttede at justere aftalen, så den følger den nye fasedeling.", False),
        ],
    )  # fmt: skip
    mandates = []
    for body, text in (
        (partnership, "Partnerskabet sætter retningen og beslutter prioriteringen af målsætningerne."),
        (coordination, "Koordinationsgruppen sikrer sammenhæng mellem indsatser og aktører."),
    ):
        assert body.id is not None
        row = Mandate(
            body_id=body.id, number=1, status=MandateStatus.approved, purpose=text,
            meeting_frequency="4 gange om året", duration="Aftalens løbetid (til 2030)",
            submitted_at=_at("2025-02-20", 10), approved_at=p1.starts_at,
        )  # fmt: skip
        session.add(row)
        await session.flush()
        assert row.id is not None
        mandates.append(row)
    d_mandates = await decision(
        p1, p1_items[0], "2025-001", DecisionKind.approve_mandate, "Kommissorier godkendt",
        "Partnerskabet godkender kommissorierne for partnerskabet og koordinationsgruppen.",
        [(LinkTargetType.mandate, m.id) for m in mandates if m.id is not None],
    )  # fmt: skip
    for row in mandates:
        row.approved_decision_id = d_mandates.id
    await decision(
        p1, p1_items[2], "2025-002", DecisionKind.amend_agreement, "Aftalen justeres",
        "Partnerskabet godkender, at aftalen justeres; sekretariatet indarbejder ændringen.", [],
    )  # fmt: skip

    # ... and the coordination group dissolves the finished one.
    kg2, kg2_items = await meeting(
        coordination, "Koordinationsgruppemøde", "2025-10-01", 13, place="Høje Gladsaxe Medborgerhus",
        status=MeetingStatus.minutes_approved,
        items=[
            ("Afrapportering fra sommerfestgruppen", AgendaItemKind.decision,
             "Gruppen har løst sin opgave og nedlægges.", False),
            ("Utryghed ved p-kælderen", AgendaItemKind.discussion,
             "Politiet og boligorganisationerne aftalte fælles tiltag.", True),
        ],
    )  # fmt: skip
    d_dissolve = await decision(
        kg2, kg2_items[0], "2025-002", DecisionKind.dissolve_working_group, "Sommerfestgruppen nedlægges",
        "Koordinationsgruppen nedlægger arbejdsgruppen for sommerfesten; drejebogen overgår til sekretariatet.",
        [(LinkTargetType.body, summer.id)],
    )  # fmt: skip
    summer.dissolved_decision_id = d_dissolve.id

    # A coming meeting with a published agenda.
    soon = (dt.datetime.now(CPH) + dt.timedelta(days=21)).date().isoformat()
    await meeting(
        partnership, "Partnerskabsmøde", soon, 14, place="Gladsaxe Rådhus", status=MeetingStatus.agenda_published,
        items=[("Årsstatus (Q1)", AgendaItemKind.discussion, None, False)],
    )  # fmt: skip

    # Open follow-up actions, one of them overdue.
    today = dt.datetime.now(CPH).date()
    for title, email, org, due, origin_meeting, origin_decision in (
        ("Udsende drejebog for sommerfesten", "reporter@sekretariat.demo", "sekretariat", dt.date(2025, 11, 1),
         kg2, d_dissolve),
        ("Kortlægge belysning ved stierne", "reporter@kvp.demo", "kvp", today + dt.timedelta(days=45), kg1, d_setup),
        ("Invitere beboere til tryghedsvandring", "reporter@aab.demo", "aab", today + dt.timedelta(days=20), kg1,
         None),
    ):  # fmt: skip
        user = users.get(email)
        assert origin_meeting.id is not None
        session.add(
            ActionItem(
                body_id=origin_meeting.body_id, meeting_id=origin_meeting.id,
                decision_id=origin_decision.id if origin_decision else None, title=title,
                owner_user_id=user.id if user else None, owner_name=user.name if user else email,
                organisation_id=orgs.get(org), due_on=due,
            )
        )  # fmt: skip
        report.add("demo_action_items", "created")
    await session.flush()
