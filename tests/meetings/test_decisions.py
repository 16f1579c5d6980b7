"""Decisions: the register, links in both directions, and amendments that cite them."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, field_names, if_match, problem
from tests.initiatives.helpers import create_initiative
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    COORDINATION_MEMBER,
    OUTSIDER,
    PARTNERSHIP_CHAIR,
    PARTNERSHIP_MEMBER,
    body_id,
    held_meeting,
    make_meeting,
    post,
)


async def _decide(
    client: httpx.AsyncClient, headers: dict[str, str], slug: str, **fields: Any
) -> dict[str, Any]:
    meeting, items = await held_meeting(
        client, headers, await body_id(client, slug),
        items=[{"title": "Beslutningspunkt", "kind": "decision", "restricted": bool(fields.pop("restricted", False))}],
    )  # fmt: skip
    return await post(
        client, headers, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "title": "Beslutning", "text": "Tekst",
         **fields},
    )  # fmt: skip


async def _amend(client: httpx.AsyncClient, admin: dict[str, str], decision_id: int) -> httpx.Response:
    """Amend the agreement (its subtitle), citing `decision_id`."""
    read = await client.get("/api/v1/agreement")
    return await client.patch(
        "/api/v1/agreement",
        json={"subtitle": "Ny", "amendment": {"note": "Ændret", "decision_id": decision_id}},
        headers={**admin, **if_match(read)},
    )


async def test_decision_links_are_visible_from_both_sides(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    goal = (await client.get("/api/v1/goals")).json()["items"][1]
    safety = await body_id(client, "arbejdsgruppe-tryghed")
    decision = await _decide(
        client, chair, "koordinationsgruppe",
        links=[{"target_type": "goal", "target_id": goal["id"]}, {"target_type": "body", "target_id": safety}],
    )  # fmt: skip
    # From the decision: what it authorises, with titles.
    read = (await client.get(f"/api/v1/decisions/{decision['id']}", headers=chair)).json()
    assert {(link["target_type"], link["target_id"]) for link in read["links"]} == {
        ("goal", goal["id"]),
        ("body", safety),
    }
    assert all(link["title"] for link in read["links"])
    # From the goal: the register filtered by target, and the links endpoint.
    register = await client.get(
        "/api/v1/decisions", params={"target_type": "goal", "target_id": goal["id"]}, headers=chair
    )
    assert [d["id"] for d in register.json()["items"]] == [decision["id"]]
    linked = (
        await client.get(
            "/api/v1/links", params={"target_type": "goal", "target_id": goal["id"]}, headers=chair
        )
    ).json()["items"]
    assert [(x["source_type"], x["source_id"]) for x in linked] == [("decision", decision["id"])]
    by_body = (
        await client.get("/api/v1/links", params={"target_type": "body", "target_id": safety}, headers=chair)
    ).json()["items"]
    assert decision["id"] in {x["source_id"] for x in by_body if x["source_type"] == "decision"}


async def test_the_register_filters_and_searches_text_with_danish_letters(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    wanted = await _decide(
        client, chair, "koordinationsgruppe", title="Grønne områder ÆBLETRÆER", kind="general"
    )
    await _decide(client, chair, "koordinationsgruppe", title="Budget", kind="general")
    found = (await client.get("/api/v1/decisions", params={"q": "æbletræer"}, headers=chair)).json()
    assert [d["id"] for d in found["items"]] == [wanted["id"]]
    coordination = await body_id(client, "koordinationsgruppe")
    kinds = (
        await client.get(
            "/api/v1/decisions",
            params={"body_id": coordination, "kind": "dissolve_working_group"},
            headers=chair,
        )
    ).json()
    assert [d["number"] for d in kinds["items"]] == ["2025-002"]  # the demo's dissolution
    assert re.fullmatch(r"\d{4}-\d{3}", wanted["number"])  # <year>-<running number> per body


async def test_decisions_need_a_held_meeting_and_a_unique_number(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    planned = await make_meeting(client, chair, await body_id(client, "koordinationsgruppe"))
    response = await client.post(
        "/api/v1/decisions", json={"meeting_id": planned["id"], "title": "x", "text": "y"}, headers=chair
    )
    assert "held meeting" in problem(response, 409)["detail"]
    first = await _decide(client, chair, "koordinationsgruppe", number="K-1")
    again = await client.post(
        "/api/v1/decisions", json={"meeting_id": first["meeting_id"], "title": "x", "text": "y", "number": "K-1"},
        headers=chair,
    )  # fmt: skip
    assert field_names(problem(again, 422)) == {"body.number"}
    member = await client.post(
        "/api/v1/decisions", json={"meeting_id": first["meeting_id"], "title": "x", "text": "y"},
        headers=await as_user(COORDINATION_MEMBER),
    )  # fmt: skip
    problem(member, 403)


async def test_a_restricted_decision_is_only_for_the_bodys_members(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    decision = await _decide(client, chair, "koordinationsgruppe", restricted=True)
    assert decision["restricted"] is True
    member = await as_user(COORDINATION_MEMBER)
    assert (await client.get(f"/api/v1/decisions/{decision['id']}", headers=member)).status_code == 200
    for who in (OUTSIDER, ADMIN):
        headers = await as_user(who)
        problem(await client.get(f"/api/v1/decisions/{decision['id']}", headers=headers), 404)
        listed = (await client.get("/api/v1/decisions", params={"limit": 500}, headers=headers)).json()
        assert decision["id"] not in {d["id"] for d in listed["items"]}


async def test_an_amendment_must_cite_an_amend_agreement_decision(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    board = await as_user(PARTNERSHIP_CHAIR)
    admin = await as_user(ADMIN)
    general = await _decide(client, board, "partnerskab", kind="general")
    amend = await _decide(client, board, "partnerskab", kind="amend_agreement")
    for decision_id, message in ((general["id"], "amend_agreement"), (999_999, "no decision")):
        body = problem(await _amend(client, admin, decision_id), 422)
        assert field_names(body) == {"body.amendment.decision_id"}
        assert message in body["errors"][0]["message"]
    response = await _amend(client, admin, amend["id"])
    assert response.status_code == 200, response.text
    decision = (await client.get(f"/api/v1/decisions/{amend['id']}", headers=admin)).json()
    assert [r["object_type"] for r in decision["referenced_by"]] == ["agreement_amendment"]
    register = (
        await client.get("/api/v1/decisions", params={"kind": "amend_agreement"}, headers=admin)
    ).json()
    listed = next(d for d in register["items"] if d["id"] == amend["id"])
    assert [r["object_type"] for r in listed["referenced_by"]] == ["agreement_amendment"]  # the register too
    amendments = (
        await client.get("/api/v1/agreement/amendments", params={"decision_id": amend["id"]}, headers=admin)
    ).json()
    assert amendments["total"] == 1


async def test_a_decision_is_corrected_only_as_a_new_revision_with_a_reason(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    goal = (await client.get("/api/v1/goals")).json()["items"][0]
    original = await _decide(
        client, chair, "koordinationsgruppe", links=[{"target_type": "goal", "target_id": goal["id"]}]
    )
    path = f"/api/v1/decisions/{original['id']}"
    read = await client.get(path, headers=chair)
    no_reason = await client.post(
        f"{path}/corrections", json={"text": "Ny"}, headers={**chair, **if_match(read)}
    )
    assert field_names(problem(no_reason, 422)) == {"body.reason"}
    member = await client.post(
        f"{path}/corrections", json={"text": "Ny", "reason": "Fejl"},
        headers={**await as_user(COORDINATION_MEMBER), **if_match(read)},
    )  # fmt: skip
    problem(member, 403)
    corrected = await client.post(
        f"{path}/corrections",
        json={"text": "Rettet tekst", "reason": "Forkert beløb"},
        headers={**chair, **if_match(read)},
    )
    assert corrected.status_code == 201, corrected.text
    correction = corrected.json()
    assert (correction["number"], correction["revision"], correction["corrects_id"]) == (
        original["number"], 2, original["id"],
    )  # fmt: skip
    assert [link["target_id"] for link in correction["links"]] == [goal["id"]]  # links carried over
    old = (await client.get(path, headers=chair)).json()
    assert (old["text"], old["superseded_by_id"]) == ("Tekst", correction["id"])
    register = (await client.get("/api/v1/decisions", params={"q": original["number"]}, headers=chair)).json()
    ids = {d["id"] for d in register["items"]}
    assert correction["id"] in ids and original["id"] not in ids
    everything = await client.get(
        "/api/v1/decisions", params={"q": original["number"], "include_superseded": True}, headers=chair
    )
    assert {original["id"], correction["id"]} <= {d["id"] for d in everything.json()["items"]}
    again = await client.post(
        f"{path}/corrections",
        json={"text": "x", "reason": "y"},
        headers={**chair, "If-Match": f'"{old["version"]}"'},
    )
    assert "already corrected" in problem(again, 409)["detail"]


async def test_link_titles_follow_each_callers_visibility_whoever_asked_before(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    """The register's statements are built once per visibility and reused: a caller who may see
    a restricted target never leaves its title to one who may not, nor the other way round."""
    board = await as_user(PARTNERSHIP_CHAIR)
    hidden = await create_initiative(
        client, board, lead="gladsaxe-kommune", partners=[], visibility="restricted"
    )
    goal = (await client.get("/api/v1/goals")).json()["items"][0]
    decision = await _decide(
        client, board, "partnerskab",
        links=[{"target_type": "initiative", "target_id": hidden["id"]}, {"target_type": "goal", "target_id": goal["id"]}],
    )  # fmt: skip
    outsider, member = await as_user(OUTSIDER), await as_user(PARTNERSHIP_MEMBER)

    async def titles(headers: dict[str, str]) -> dict[str, str | None]:
        page = (await client.get("/api/v1/decisions", params={"limit": 500}, headers=headers)).json()
        shown = next(d for d in page["items"] if d["id"] == decision["id"])
        return {link["target_type"]: link["title"] for link in shown["links"]}

    for _ in range(2):  # in both orders
        assert (await titles(board))["initiative"] == hidden["title"]
        assert await titles(outsider) == {"initiative": None, "goal": f"{goal['code']} {goal['title']}"}
        assert (await titles(member))["initiative"] is None


async def test_the_registers_total_counts_every_match_on_any_page_also_past_the_end(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    chair = await as_user(COORDINATION_CHAIR)
    for _ in range(3):
        await _decide(client, chair, "koordinationsgruppe", title="Totalprøve")
    for limit, offset, shown in ((2, 0, 2), (2, 2, 1), (2, 5, 0), (5, 0, 3)):
        page = await client.get(
            "/api/v1/decisions", params={"q": "TOTALPRØVE", "limit": limit, "offset": offset}, headers=chair
        )
        assert (len(page.json()["items"]), page.json()["total"]) == (shown, 3), (limit, offset)


async def test_links_to_amendments_are_titled_for_partners_only_in_the_register_and_the_detail(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    """Amendments are titled for partners only, in the register's one statement as in the detail."""
    board, admin = await as_user(PARTNERSHIP_CHAIR), await as_user(ADMIN)
    amend = await _decide(client, board, "partnerskab", kind="amend_agreement")
    response = await _amend(client, admin, amend["id"])
    assert response.status_code == 200, response.text
    amendment = (
        await client.get("/api/v1/agreement/amendments", params={"decision_id": amend["id"]}, headers=admin)
    ).json()["items"][0]
    goal = (await client.get("/api/v1/goals")).json()["items"][0]
    meeting, items = await held_meeting(
        client, board, await body_id(client, "partnerskab"), items=[{"title": "Punkt", "kind": "decision"}],
        visibility="public",
    )  # fmt: skip
    decision = await post(
        client, board, "/api/v1/decisions",
        {"meeting_id": meeting["id"], "agenda_item_id": items[0]["id"], "title": "Følger op", "text": "Tekst",
         "links": [{"target_type": "agreement_amendment", "target_id": amendment["id"]},
                   {"target_type": "goal", "target_id": goal["id"]}]},
    )  # fmt: skip

    async def titles(headers: dict[str, str]) -> list[tuple[str, str | None]]:
        page = (await client.get("/api/v1/decisions", params={"limit": 500}, headers=headers)).json()
        listed = next(d for d in page["items"] if d["id"] == decision["id"])
        detail = (await client.get(f"/api/v1/decisions/{decision['id']}", headers=headers)).json()
        assert detail["links"] == listed["links"]
        return [(link["target_type"], link["title"]) for link in listed["links"]]

    partner = await titles(board)
    assert [kind for kind, _ in partner] == ["agreement_amendment", "goal"]
    assert all(title for _, title in partner)
    assert await titles({}) == [("agreement_amendment", None), ("goal", partner[1][1])]
