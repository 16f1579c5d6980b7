"""Demo content for the initiatives domain (demo mode only): a plausible, clearly labelled set of
initiatives for Høje Gladsaxe over the four goals, three phases and all seven parties, with
progress updates (one a good story), milestones, and one action plan with two approved
revisions. Everything is keyed (external_id "demo-...", plan title, revision number), so
seeding twice changes nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.live import unfiltered
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
from sammen.seed import SEED_LOOKUP
from sammen.seed.initiatives_data import (
    DEMO,
    DEMO_NOTE,
    DEMO_TAG,
    MILESTONES,
    PLAN_TITLE,
    PROGRESS,
    REVISIONS,
)
from sammen.seed.loader import SeedReport, upsert


def _date(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def _phase(phases: list[Phase], start: dt.date | None) -> int | None:
    if start is None:
        return None
    return next((p.number for p in phases if p.starts_year <= start.year <= p.ends_year), None)


@unfiltered(Organisation, Goal, Initiative, why=SEED_LOOKUP)
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


@unfiltered(Initiative, why=SEED_LOOKUP)
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
