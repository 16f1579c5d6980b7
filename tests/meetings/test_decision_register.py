"""The decision register's page, built as JSON by the database: the document its response model
writes, what hangs off each decision shown per caller, as the detail shows it."""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import TypeAdapter

from sammen.core.pagination import Page
from sammen.governance.meetings.schemas import DecisionPublic
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, if_match
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    COORDINATION_MEMBER,
    OUTSIDER,
    PARTNERSHIP_CHAIR,
    body_id,
    held_meeting,
    post,
)

PAGE: TypeAdapter[Page[DecisionPublic]] = TypeAdapter(Page[DecisionPublic])
ODD = 'Citat "x" \\ sti\nlinje\ttab æøå ÆØÅ 😀 \u2028 slut '


async def _listed(client: httpx.AsyncClient, headers: dict[str, str], decision_id: int) -> dict[str, Any]:
    page = (await client.get("/api/v1/decisions", params={"limit": 500}, headers=headers)).json()
    return next(d for d in page["items"] if d["id"] == decision_id)


async def test_the_page_is_byte_for_byte_what_its_response_model_writes(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    await post(
        client, chair, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "title": "Skæv \"titel\" \\ 😀",
         "text": ODD, "links": [{"target_type": "goal", "target_id": 1}]},
    )  # fmt: skip
    for params in ({}, {"limit": 1}, {"q": "skæv"}, {"offset": 10_000}):
        body = (await client.get("/api/v1/decisions", params=params, headers=chair)).content
        assert PAGE.dump_json(PAGE.validate_json(body)) == body, params


async def test_a_restricted_action_item_points_at_a_decision_only_for_the_bodys_members(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    meeting, items = await held_meeting(
        client, chair, await body_id(client, "koordinationsgruppe"),
        items=[{"title": "Åbent", "kind": "decision"}, {"title": "Lukket", "kind": "decision", "restricted": True}],
    )  # fmt: skip
    decision = await post(
        client, chair, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "title": "Åben", "text": "Tekst"},
    )  # fmt: skip
    shown = await post(
        client,
        chair,
        "/api/v1/action-items",
        {"title": "Synlig", "decision_id": decision["id"], "owner_name": "Maria Holm"},
    )
    hidden = await post(
        client, chair, "/api/v1/action-items",
        {"title": "Skjult", "decision_id": decision["id"], "agenda_item_id": items[1]["id"], "owner_name": "Maria Holm"},
    )  # fmt: skip
    # restricted, from its restricted agenda item: only the body's members may see it
    for who, expected in ((COORDINATION_MEMBER, [shown, hidden]), (OUTSIDER, [shown]), (ADMIN, [shown])):
        headers = await as_user(who)
        listed = await _listed(client, headers, decision["id"])
        references = [(r["object_type"], r["object_id"], r["title"]) for r in listed["referenced_by"]]
        assert references == [("action_item", i["id"], i["title"]) for i in expected], who
        detail = (await client.get(f"/api/v1/decisions/{decision['id']}", headers=headers)).json()
        assert detail == listed, who


async def test_an_amendments_link_title_is_its_kind_change_and_note(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    """Titled in SQL for the register's one statement, as `f"{type} {change}: {note}".strip()`."""
    board, admin = await as_user(PARTNERSHIP_CHAIR), await as_user(ADMIN)
    meeting, items = await held_meeting(client, board, await body_id(client, "partnerskab"))
    cited = await post(
        client, board, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "title": "Ændring", "text": "Tekst",
         "kind": "amend_agreement"},
    )  # fmt: skip
    for note in ("Ændret  \n", None):
        read = await client.get("/api/v1/agreement")
        response = await client.patch(
            "/api/v1/agreement",
            json={"subtitle": f"Ny {note!r}", "amendment": {"note": note, "decision_id": cited["id"]}},
            headers={**admin, **if_match(read)},
        )
        assert response.status_code == 200, response.text
    amendments = (
        await client.get("/api/v1/agreement/amendments", params={"decision_id": cited["id"]}, headers=admin)
    ).json()["items"]
    meeting, items = await held_meeting(client, board, await body_id(client, "partnerskab"))
    decision = await post(
        client, board, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "title": "Følger op", "text": "Tekst",
         "links": [{"target_type": "agreement_amendment", "target_id": a["id"]} for a in amendments]},
    )  # fmt: skip
    expected = {a["id"]: f"{a['object_type']} {a['change']}: {a['note'] or ''}".strip() for a in amendments}
    listed = await _listed(client, board, decision["id"])
    assert {link["target_id"]: link["title"] for link in listed["links"]} == expected
