"""Content the public site must never show, each piece carrying a marker string, and a little
public content beside it (so a crawl that shows none of the markers has shown something)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlmodel import select

from sammen.core.db import Database
from sammen.core.tables import Visibility
from sammen.goals.models import Goal
from sammen.indicators.models import Direction, Indicator, IndicatorGoal, Periodicity
from sammen.orgs.models import Organisation
from tests.conftest import AuthHeaders
from tests.factories import demo
from tests.initiatives.helpers import create_initiative
from tests.meetings.helpers import COORDINATION_CHAIR, action, body_id, make_meeting, past, post
from tests.reports.helpers import SECRETARIAT_EDITOR, create

AAB_EDITOR = demo("editor", "aab")
AAB_REPORTER = demo("reporter", "aab")
BATCH = "/api/v1/indicators/{code}/observations"


@dataclass
class Planted:
    markers: list[str] = field(default_factory=list)  # must appear nowhere on the public site
    public: list[str] = field(default_factory=list)  # must appear somewhere (the crawl reached it)
    public_meeting_id: int = 0
    draft_report_id: int = 0  # an annual status report never frozen: neither linked nor readable


async def _put(
    client: httpx.AsyncClient, headers: dict[str, str], code: str, items: list[dict[str, Any]], **params: Any
) -> None:
    response = await client.put(
        BATCH.format(code=code), json={"items": items}, headers=headers, params=params
    )
    assert response.status_code == 200, response.text


async def _partners_indicator(database: Database) -> str:
    """A partners-only indicator on goal 1 (the catalogue has no such one; it comes from the agreement file)."""
    async with database.session(write=True) as session:
        aab = (await session.scalars(select(Organisation).where(Organisation.slug == "aab"))).one()
        goal = (await session.scalars(select(Goal).where(Goal.code == "1"))).one()
        indicator = Indicator(
            code="leakmark-partners-indicator",
            name_da="LEAKMARK-INDICATOR-partners",
            name_en="LEAKMARK-INDICATOR-partners-en",
            definition="LEAKMARK-INDICATOR-definition",
            unit="%",
            decimals=2,
            direction=Direction.up,
            periodicity=Periodicity.year,
            source="LEAKMARK-INDICATOR-source",
            owner_organisation_id=aab.id or 0,
            visibility=Visibility.partners,
        )
        session.add(indicator)
        await session.flush()
        assert indicator.id is not None and goal.id is not None
        session.add(IndicatorGoal(indicator_id=indicator.id, goal_id=goal.id))
    return indicator.code


async def plant(client: httpx.AsyncClient, as_user: AuthHeaders, database: Database) -> Planted:
    planted = Planted()
    editor, reporter = await as_user(AAB_EDITOR), await as_user(AAB_REPORTER)

    # A restricted and a partners-only initiative on goal 2e, the first with a good story.
    hidden = await create_initiative(
        client,
        editor,
        title="LEAKMARK-INI-restricted",
        summary="LEAKMARK-INI-summary",
        visibility="restricted",
    )
    await create_initiative(client, editor, title="LEAKMARK-INI-partners", visibility="partners")
    story = await client.post(
        f"/api/v1/initiatives/{hidden['id']}/progress-updates",
        json={
            "status_colour": "green",
            "narrative": "LEAKMARK-PROGRESS-restricted",
            "is_story": True,
            "story_title": "LEAKMARK-STORY-restricted",
            "story_text": "LEAKMARK-STORY-text",
        },
        headers=editor,
    )
    assert story.status_code == 201, story.text
    planted.markers += ["LEAKMARK-INI", "LEAKMARK-PROGRESS", "LEAKMARK-STORY"]

    # A partners-only indicator with an approved value.
    code = await _partners_indicator(database)
    await _put(
        client, editor, code, [{"area": "hoeje-gladsaxe", "period": "2023", "value": 31.37}], approve=True
    )
    planted.markers += ["LEAKMARK-INDICATOR", "31,37", "31.37"]

    # An unapproved value (a draft) and a withheld small number on a public indicator of goal 1.
    await _put(
        client, reporter, "fraflytning", [{"area": "hoeje-gladsaxe", "period": "2031-Q1", "value": 7654.3}]
    )
    await _put(
        client, editor, "fraflytning",
        [{"area": "hoeje-gladsaxe", "period": "2030-Q4", "value": 8765.4, "n": 3, "status": "final"}], approve=True,
    )  # fmt: skip
    # Values far above any chart coordinate (SVG numbers are below 700 with one decimal), as the
    # tables would print them in Danish and in English.
    planted.markers += ["2031-Q1", "7.654,3", "7,654.3", "8.765,4", "8,765.4"]
    planted.public += ["skjult (under 5)", "2030-Q4"]

    # A public meeting with a public and a restricted agenda item, approved minutes for both, and a
    # decision on each.
    chair = await as_user(COORDINATION_CHAIR)
    meeting = await make_meeting(
        client, chair, await body_id(client, "koordinationsgruppe"), starts=past(3), visibility="public",
        title="Offentligt koordinationsmøde",
    )  # fmt: skip
    base = f"/api/v1/meetings/{meeting['id']}"
    shown = await post(
        client, chair, f"{base}/agenda-items", {"title": "Byfest i parken", "kind": "decision"}
    )
    secret = await post(
        client, chair, f"{base}/agenda-items",
        {"title": "LEAKMARK-AGENDA-restricted", "kind": "decision", "restricted": True},
    )  # fmt: skip
    assert (await action(client, chair, f"{base}/publish-agenda")).status_code == 200
    assert (await action(client, chair, f"{base}/hold")).status_code == 200
    await post(
        client, chair, f"{base}/minutes", {"agenda_item_id": shown["id"], "text": "Festen holdes i juni."}
    )
    await post(
        client,
        chair,
        f"{base}/minutes",
        {"agenda_item_id": secret["id"], "text": "LEAKMARK-MINUTES-restricted"},
    )
    assert (await action(client, chair, f"{base}/minutes/circulate", etag_of=base)).status_code == 200
    assert (await action(client, chair, f"{base}/minutes/approve", etag_of=base)).status_code == 200
    for item, title in ((shown, "Byfesten godkendt"), (secret, "LEAKMARK-DECISION-restricted")):
        await post(
            client, chair, "/api/v1/decisions",
            {"meeting_id": meeting["id"], "agenda_item_id": item["id"], "kind": "general", "title": title, "text": title},
        )  # fmt: skip
    planted.markers += ["LEAKMARK-AGENDA", "LEAKMARK-MINUTES", "LEAKMARK-DECISION"]
    planted.public += ["Festen holdes i juni.", "Byfesten godkendt", "Byfest i parken"]
    planted.public_meeting_id = int(meeting["id"])

    # A draft annual status report (the demo's frozen one of last year is the public counterpart).
    draft = await create(client, await as_user(SECRETARIAT_EDITOR), year=2031, title="LEAKMARK-REPORT-draft")
    planted.markers += ["LEAKMARK-REPORT"]
    planted.draft_report_id = int(draft["id"])
    return planted
