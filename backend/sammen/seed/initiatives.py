"""Demo content for the initiatives domain (demo mode only): a plausible, clearly labelled set of
initiatives for Høje Gladsaxe over the four goals, three phases and all seven parties, with
progress updates (one a good story), milestones, and one action plan with two approved
revisions. Everything is keyed (external_id "demo-...", plan title, revision number), so
seeding twice changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.goals.models import Goal, Phase
from sammen.indicators.models import Indicator
from sammen.initiatives.models import (
    ActionPlan,
    ActionPlanItem,
    ActionPlanRevision,
    ExpectedDirection,
    Horizon,
    Initiative,
    InitiativeGoal,
    InitiativeIndicator,
    InitiativePartner,
    InitiativeStatus,
    Milestone,
    PlanState,
    ProgressUpdate,
    Size,
    StatusColour,
)
from sammen.orgs.models import Organisation
from sammen.seed.loader import SeedReport, upsert

DEMO_NOTE = "\n\n*Demodata: et opdigtet eksempel til demonstration, ikke en rigtig indsats.*"
DEMO_TAG = "demodata"
PLAN_TITLE = "Handlingsplan 2025-2026 (demodata)"

# key, title, summary, lead, partners, goals, indicators, levels, size, horizon, status, start, end, budget, tags
DEMO: list[dict[str, Any]] = [
    {
        "key": "lektiecafe",
        "title": "Lektiecafé i Høje Gladsaxe",
        "lead": "gladsaxe-kommune",
        "partners": ["aab", "fsb-gladsaxe"],
        "goals": ["3a"],
        "indicators": {"karakter-9-klasse": "up", "elevtrivsel": "up"},
        "levels": ["individ"],
        "size": "small",
        "horizon": "long",
        "status": "active",
        "start": "2019-09-01",
        "end": None,
        "budget": 350_000,
        "funding": "Landsbyggefonden og Gladsaxe Kommune",
        "tags": ["børn", "skole"],
        "summary": "Frivillige og lærere hjælper børn og unge med lektier tre eftermiddage om ugen.",
        "target": "Skolebørn i 3.-9. klasse",
    },
    {
        "key": "tryghedsvandringer",
        "title": "Tryghedsvandringer med beboere og politi",
        "lead": "kvp",
        "partners": ["gladsaxe-kommune", "ab-gladsaxe", "lejerbo"],
        "goals": ["2e", "2d"],
        "indicators": {"tryghed": "up", "anmeldelser": "down"},
        "levels": ["boligomraade", "kvarter"],
        "size": "small",
        "horizon": "short",
        "status": "active",
        "start": "2021-04-01",
        "end": None,
        "budget": 60_000,
        "funding": "Driftsbudgetter",
        "tags": ["tryghed"],
        "summary": "To gange om året går beboere, politi og boligorganisationer en tur og noterer utrygge steder.",
        "target": "Beboere og erhvervsdrivende",
    },
    {
        "key": "jobindsats",
        "title": "Boligsocial jobindsats",
        "lead": "gladsaxe-kommune",
        "partners": ["3b", "aab"],
        "goals": ["3c"],
        "indicators": {"beskaeftigelse": "up", "k1-uden-beskaeftigelse": "down"},
        "levels": ["individ"],
        "size": "large",
        "horizon": "long",
        "status": "active",
        "start": "2021-01-01",
        "end": "2025-12-31",
        "budget": 4_200_000,
        "funding": "Landsbyggefonden (boligsocial helhedsplan)",
        "tags": ["beskæftigelse"],
        "summary": "Jobkonsulenter i boligområdet hjælper ledige beboere i job og uddannelse.",
        "target": "Ledige beboere 18-64 år",
    },
    {
        "key": "bydelshus",
        "title": "Bydelshus med café, kultur og kommunal service",
        "lead": "gladsaxe-kommune",
        "partners": ["aab", "ab-gladsaxe", "fsb-gladsaxe", "lejerbo", "3b"],
        "goals": ["2a", "4a"],
        "indicators": {},
        "levels": ["kvarter"],
        "size": "large",
        "horizon": "long",
        "status": "planned",
        "start": "2026-03-01",
        "end": "2029-12-31",
        "budget": 38_000_000,
        "funding": "Anlægsbudget og fonde",
        "tags": ["mødesteder", "byrum"],
        "summary": "Et nyt bydelshus samler café, bibliotek, borgerservice og foreningsliv.",
        "target": "Alle i og omkring Høje Gladsaxe",
    },
    {
        "key": "kombineret-udlejning",
        "title": "Udlejningsaftale og kombineret udlejning",
        "lead": "aab",
        "partners": ["ab-gladsaxe", "fsb-gladsaxe", "lejerbo", "3b", "gladsaxe-kommune"],
        "goals": ["1b"],
        "indicators": {"nye-lejere-i-arbejde": "up", "e-ikke-vestlige": "down"},
        "levels": ["boligomraade"],
        "size": "large",
        "horizon": "long",
        "status": "active",
        "start": "2019-01-01",
        "end": "2030-12-31",
        "budget": None,
        "funding": None,
        "tags": ["udlejning"],
        "summary": "Fleksibel og kombineret udlejning giver fortrinsret til boligsøgende i arbejde eller uddannelse.",
        "target": "Boligsøgende",
    },
    {
        "key": "ungeindsats",
        "title": "Ungeindsats: gadeplan og fritidsjob",
        "lead": "gladsaxe-kommune",
        "partners": ["kvp", "fsb-gladsaxe"],
        "goals": ["2b", "2d"],
        "indicators": {"neet": "down", "k2-doemte": "down"},
        "levels": ["individ", "kvarter"],
        "size": "large",
        "horizon": "long",
        "status": "active",
        "start": "2018-08-01",
        "end": None,
        "budget": 1_800_000,
        "funding": "Gladsaxe Kommune",
        "tags": ["unge", "kriminalitetsforebyggelse"],
        "summary": "Gadeplansmedarbejdere og en fritidsjobformidling for unge 13-17 år.",
        "target": "Unge 13-24 år",
    },
    {
        "key": "sundhedsformidlere",
        "title": "Sundhedsformidlere",
        "lead": "lejerbo",
        "partners": ["gladsaxe-kommune"],
        "goals": ["3d"],
        "indicators": {},
        "levels": ["individ"],
        "size": "small",
        "horizon": "short",
        "status": "completed",
        "start": "2019-03-01",
        "end": "2020-12-31",
        "budget": 240_000,
        "funding": "Sundhedsstyrelsens pulje",
        "tags": ["sundhed"],
        "summary": "Beboere uddannet som sundhedsformidlere holdt oplæg for naboer på flere sprog.",
        "target": "Voksne beboere",
    },
    {
        "key": "foraeldreforloeb",
        "title": "Forældreforløb i dagtilbud",
        "lead": "gladsaxe-kommune",
        "partners": ["3b"],
        "goals": ["3b", "4d"],
        "indicators": {"dagtilbud": "up"},
        "levels": ["individ"],
        "size": "small",
        "horizon": "long",
        "status": "active",
        "start": "2022-02-01",
        "end": None,
        "budget": 420_000,
        "funding": "Gladsaxe Kommune",
        "tags": ["forældre", "dagtilbud"],
        "summary": "Tidlig forebyggende støtte til forældre med små børn.",
        "target": "Forældre med børn 0-6 år",
    },
    {
        "key": "faelles-fortaelling",
        "title": "Fælles fortælling om Høje Gladsaxe",
        "lead": "fsb-gladsaxe",
        "partners": ["aab", "ab-gladsaxe", "lejerbo", "3b", "gladsaxe-kommune"],
        "goals": ["1a"],
        "indicators": {"fraflytning": "down"},
        "levels": ["kvarter"],
        "size": "small",
        "horizon": "long",
        "status": "active",
        "start": "2021-06-01",
        "end": None,
        "budget": 150_000,
        "funding": "Boligorganisationerne",
        "tags": ["kommunikation"],
        "summary": "Gode historier, fotoudstillinger og presseindsats om livet i Høje Gladsaxe.",
        "target": "Omverdenen og beboerne",
    },
    {
        "key": "cykelforbindelse",
        "title": "Ny cykelforbindelse til Søborg",
        "lead": "gladsaxe-kommune",
        "partners": [],
        "goals": ["4b"],
        "indicators": {},
        "levels": ["kvarter"],
        "size": "large",
        "horizon": "long",
        "status": "idea",
        "start": "2027-01-01",
        "end": None,
        "budget": None,
        "funding": None,
        "tags": ["infrastruktur"],
        "summary": "Forslag om en sikker cykelsti gennem grønningen til Søborg Hovedgade.",
        "target": "Alle",
    },
    {
        "key": "beboerdemokrati",
        "title": "Styrket beboerdemokrati og valgdeltagelse",
        "lead": "ab-gladsaxe",
        "partners": ["aab", "lejerbo"],
        "goals": ["2c"],
        "indicators": {"valgdeltagelse": "up"},
        "levels": ["boligomraade"],
        "size": "small",
        "horizon": "short",
        "status": "paused",
        "start": "2022-09-01",
        "end": None,
        "budget": 80_000,
        "funding": "Helhedsplanen",
        "tags": ["medborgerskab"],
        "reason": "Sat på pause, mens afdelingsbestyrelserne vælges på ny.",
        "summary": "Kurser for nye bestyrelsesmedlemmer og kampagner før kommunalvalg.",
        "target": "Beboere",
    },
    {
        "key": "naboskabsvagt",
        "title": "Naboskabsvagter om aftenen",
        "lead": "3b",
        "partners": ["kvp"],
        "goals": ["2d", "2e"],
        "indicators": {"tryghed": "up", "tillid-politi": "up"},
        "levels": ["boligomraade"],
        "size": "small",
        "horizon": "short",
        "status": "stopped",
        "start": "2018-05-01",
        "end": "2019-10-31",
        "budget": 200_000,
        "funding": "Boligorganisationen",
        "tags": ["tryghed"],
        "reason": "Erstattet af tryghedsvandringerne.",
        "summary": "Frivillige naboskabsvagter gik runder om aftenen.",
        "target": "Beboere",
    },
]
PROGRESS: list[dict[str, Any]] = [
    {
        "key": "lektiecafe",
        "org": "gladsaxe-kommune",
        "on": "2025-06-15",
        "colour": "green",
        "pct": None,
        "text": "Lektiecaféen har haft 45 faste børn i foråret; frivilligkorpset er vokset til 12.",
        "story": (
            "Amira fik 10 i matematik",
            "Amira kom i lektiecaféen hver tirsdag i to år. I sommer gik hun ud "
            "af 9. klasse med 10 i matematik og skal nu på gymnasiet.",
        ),
    },
    {
        "key": "lektiecafe",
        "org": "aab",
        "on": "2025-11-10",
        "colour": "yellow",
        "pct": None,
        "text": "Lokalet i AAB's afdeling renoveres; caféen flytter midlertidigt til skolen.",
        "story": None,
    },
    {
        "key": "tryghedsvandringer",
        "org": "kvp",
        "on": "2025-05-20",
        "colour": "green",
        "pct": None,
        "text": "Forårets vandring fandt fem mørke stier; tre har fået ny belysning.",
        "story": None,
    },
    {
        "key": "jobindsats",
        "org": "gladsaxe-kommune",
        "on": "2025-09-30",
        "colour": "green",
        "pct": 75,
        "text": "82 beboere er kommet i job eller uddannelse siden 2021.",
        "story": (
            "Fra ledig til buschauffør",
            "Efter tre samtaler med jobkonsulenten i beboerhuset fik Karim "
            "kørekort til bus og fast job hos Movia.",
        ),
    },
    {
        "key": "bydelshus",
        "org": "gladsaxe-kommune",
        "on": "2025-10-01",
        "colour": "yellow",
        "pct": 10,
        "text": "Arkitektkonkurrencen er afgjort; byggeriet er forsinket et halvt år.",
        "story": None,
    },
    {
        "key": "ungeindsats",
        "org": "kvp",
        "on": "2025-08-15",
        "colour": "red",
        "pct": None,
        "text": "Flere episoder med utryghed omkring butikstorvet i sommer; indsatsen skrues op.",
        "story": None,
    },
]
MILESTONES: list[dict[str, Any]] = [
    {"key": "bydelshus", "title": "Byggetilladelse", "due": "2026-02-01", "done": None},
    {"key": "bydelshus", "title": "Indvielse", "due": "2029-09-01", "done": None},
    {"key": "jobindsats", "title": "Midtvejsevaluering", "due": "2023-06-30", "done": "2023-06-20"},
]
# Revision 1 then revision 2 of the demo action plan: initiative key -> (priority, note)
REVISIONS: list[dict[str, tuple[int, str | None]]] = [
    {
        "lektiecafe": (1, "Fortsættes"),
        "tryghedsvandringer": (2, None),
        "jobindsats": (1, "Helhedsplanens største indsats"),
        "kombineret-udlejning": (1, None),
        "ungeindsats": (2, None),
        "beboerdemokrati": (3, None),
    },
    {
        "lektiecafe": (1, "Fortsættes; nyt lokale"),
        "tryghedsvandringer": (1, "Opprioriteret efter sommerens episoder"),
        "jobindsats": (1, "Helhedsplanens største indsats"),
        "kombineret-udlejning": (1, None),
        "ungeindsats": (1, "Opprioriteret"),
        "bydelshus": (2, "Ny i planen"),
        "foraeldreforloeb": (3, None),
    },
]


def _date(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def _phase(phases: list[Phase], start: dt.date | None) -> int | None:
    if start is None:
        return None
    return next((p.number for p in phases if p.starts_year <= start.year <= p.ends_year), None)


async def seed_demo_initiatives(session: AsyncSession, report: SeedReport) -> None:
    orgs = {o.slug: o.id for o in (await session.scalars(select(Organisation))).all()}
    goals = {g.code: g.id for g in (await session.scalars(select(Goal))).all()}
    indicators = {i.code: i.id for i in (await session.scalars(select(Indicator))).all()}
    phases = list((await session.scalars(select(Phase).order_by(col(Phase.number)))).all())
    ids: dict[str, int] = {}
    for d in DEMO:
        if d["lead"] not in orgs:
            continue  # another agreement file without this party
        start = _date(d["start"])
        row = await upsert(
            session,
            Initiative,
            {"lead_organisation_id": orgs[d["lead"]], "external_id": f"demo-{d['key']}"},
            {
                "title": d["title"],
                "summary": d["summary"],
                "description": f"**{d['summary']}**\n\nMålgruppe: {d['target']}.{DEMO_NOTE}",
                "levels": ",".join(d["levels"]),
                "size": Size(d["size"]),
                "horizon": Horizon(d["horizon"]),
                "phase": _phase(phases, start),
                "status": InitiativeStatus(d["status"]),
                "status_reason": d.get("reason"),
                "starts_on": start,
                "ends_on": _date(d["end"]),
                "target_group": d["target"],
                "budget_dkk": d["budget"],
                "funding_source": d["funding"],
                "tags": sorted({*d["tags"], DEMO_TAG}),
                "visibility": "public",
            },
            report=report,
            kind="demo_initiatives",
        )
        assert row.id is not None
        ids[d["key"]] = row.id
        for code in d["goals"]:
            if code in goals:
                await upsert(
                    session,
                    InitiativeGoal,
                    {"initiative_id": row.id, "goal_id": goals[code]},
                    {},
                    report=report,
                    kind="demo_initiative_links",
                )
        for slug in d["partners"]:
            if slug in orgs:
                await upsert(
                    session,
                    InitiativePartner,
                    {"initiative_id": row.id, "organisation_id": orgs[slug]},
                    {},
                    report=report,
                    kind="demo_initiative_links",
                )
        for code, direction in d["indicators"].items():
            if code in indicators:
                await upsert(
                    session,
                    InitiativeIndicator,
                    {"initiative_id": row.id, "indicator_id": indicators[code]},
                    {"expected_direction": ExpectedDirection(direction)},
                    report=report,
                    kind="demo_initiative_links",
                )
    latest: dict[int, tuple[dt.date, StatusColour]] = {}
    for p in PROGRESS:
        if p["key"] not in ids or p["org"] not in orgs:
            continue
        on = dt.date.fromisoformat(p["on"])
        story = p["story"]
        await upsert(
            session,
            ProgressUpdate,
            {"initiative_id": ids[p["key"]], "organisation_id": orgs[p["org"]], "reported_on": on},
            {
                "status_colour": StatusColour(p["colour"]),
                "percent_complete": p["pct"],
                "narrative": p["text"] + " (demodata)",
                "is_story": story is not None,
                "story_title": story[0] if story else None,
                "story_text": f"{story[1]} (Demodata: en opdigtet historie.)" if story else None,
                "author_name": "Demodata",
            },
            report=report,
            kind="demo_progress_updates",
        )
        if ids[p["key"]] not in latest or on >= latest[ids[p["key"]]][0]:
            latest[ids[p["key"]]] = (on, StatusColour(p["colour"]))
    for initiative_id, (on, colour) in latest.items():
        obj = await session.get(Initiative, initiative_id)
        assert obj is not None
        if obj.last_reported_on != on or obj.last_status_colour != colour:
            obj.last_reported_on, obj.last_status_colour = on, colour
    for m in MILESTONES:
        if m["key"] in ids:
            await upsert(
                session,
                Milestone,
                {"initiative_id": ids[m["key"]], "title": m["title"]},
                {"due_on": _date(m["due"]), "done_on": _date(m["done"])},
                report=report,
                kind="demo_milestones",
            )
    await _seed_plan(session, report, ids)


async def _seed_plan(session: AsyncSession, report: SeedReport, ids: dict[str, int]) -> None:
    plan = await upsert(
        session,
        ActionPlan,
        {"title": PLAN_TITLE},
        {
            "period_start": dt.date(2025, 1, 1),
            "period_end": dt.date(2026, 12, 31),
            "visibility": "public",
            "state": PlanState.approved,
            "latest_revision": len(REVISIONS),
        },
        report=report,
        kind="demo_action_plans",
    )
    assert plan.id is not None
    titles = {
        i.id: i.title
        for i in (await session.scalars(select(Initiative).where(col(Initiative.id).in_(ids.values())))).all()
    }
    for number, items in enumerate(REVISIONS, start=1):
        frozen = sorted(
            (
                {"initiative_id": ids[k], "title": titles[ids[k]], "priority": prio, "note": note}
                for k, (prio, note) in items.items()
                if k in ids
            ),
            key=lambda i: (i["priority"], i["title"]),
        )
        await upsert(
            session,
            ActionPlanRevision,
            {"plan_id": plan.id, "number": number},
            {
                "title": PLAN_TITLE,
                "period_start": plan.period_start,
                "period_end": plan.period_end,
                "items": frozen,
                "note": "Godkendt af partnerskabet (demodata)",
                "approved_at": dt.datetime(2024 + number, 3, 1, 10, 0, tzinfo=dt.UTC),
                "approved_by": "Demodata",
            },
            report=report,
            kind="demo_plan_revisions",
        )
    for k, (prio, note) in REVISIONS[-1].items():
        if k in ids:
            await upsert(
                session,
                ActionPlanItem,
                {"plan_id": plan.id, "initiative_id": ids[k]},
                {"priority": prio, "note": note},
                report=report,
                kind="demo_plan_items",
            )
