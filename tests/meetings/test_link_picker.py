"""What a link picker reads: the kinds that can be linked now, and targets of a kind by title."""

from __future__ import annotations

import httpx

from sammen.core import links
from sammen.core.links import LinkTargetType
from tests.conftest import AuthHeaders
from tests.factories import demo, field_names, problem


async def test_the_link_kinds_are_the_registered_ones_each_saying_if_it_is_searchable(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/v1/links/target-types")
    assert response.status_code == 200, response.text
    kinds = {k["target_type"]: k["searchable"] for k in response.json()["items"]}
    assert set(kinds) == {t.value for t in LinkTargetType if t in links.RESOLVERS}
    for kind in ("goal", "initiative", "indicator", "mandate", "action_plan", "body"):
        assert kinds[kind] is True, kind
    assert kinds["agreement_amendment"] is False


async def test_targets_are_found_by_title_ignoring_case_and_danish_letters(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    viewer = await as_user(demo("viewer", "aab"))
    goals = await client.get(
        "/api/v1/links/targets", params={"target_type": "goal", "q": "TRYGT"}, headers=viewer
    )
    titles = [t["title"] for t in goals.json()["items"]]
    assert titles and all("tryg" in t.lower() for t in titles)
    bodies = await client.get("/api/v1/links/targets", params={"target_type": "body", "q": "koordination"})
    assert [t["title"] for t in bodies.json()["items"]] == ["Koordinationsgruppe"]
    danish = await client.get("/api/v1/links/targets", params={"target_type": "body", "q": "OMRÅDET"})
    assert [t["title"] for t in danish.json()["items"]] == ["Arbejdsgruppe for tryghed i området"]
    indicator = await client.get(
        "/api/v1/links/targets",
        params={"target_type": "indicator", "q": "tryghed", "limit": 3},
        headers=viewer,
    )
    assert 1 <= len(indicator.json()["items"]) <= 3
    assert all(t["target_type"] == "indicator" for t in indicator.json()["items"])


async def test_draft_mandates_are_offered_to_partners_only(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user("admin@sammen.demo")
    bodies = (await client.get("/api/v1/bodies", params={"limit": 50})).json()["items"]
    group = next(b for b in bodies if b["slug"] == "arbejdsgruppe-tryghed")
    draft = await client.post(
        f"/api/v1/bodies/{group['id']}/mandates", json={"purpose": "Tryghed"}, headers=admin
    )
    assert draft.status_code == 201, draft.text
    query = {"target_type": "mandate", "q": "tryghed"}
    seen = await client.get(
        "/api/v1/links/targets", params=query, headers=await as_user(demo("viewer", "3b"))
    )
    assert [t["target_id"] for t in seen.json()["items"]] == [draft.json()["id"]]
    assert "(udkast)" in seen.json()["items"][0]["title"]
    anonymous = await client.get("/api/v1/links/targets", params=query)
    assert anonymous.json()["items"] == []


async def test_a_kind_that_cannot_be_searched_is_a_field_error(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/links/targets", params={"target_type": "agreement_amendment"})
    assert "query.target_type" in field_names(problem(response, 422))
    unknown = await client.get("/api/v1/links/targets", params={"target_type": "nonsense"})
    problem(unknown, 422)
