"""The agreement and its goal tree: public reading, visibility, and every change as an amendment."""

from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, field_names, if_match, problem


async def test_anyone_reads_the_agreement_with_its_phases(client: httpx.AsyncClient) -> None:
    agreement = (await client.get("/api/v1/agreement")).json()
    assert agreement["title"] == "Sammen om Høje Gladsaxe"
    assert [(p["number"], p["starts_year"], p["ends_year"]) for p in agreement["phases"]] == [
        (1, 2018, 2020),
        (2, 2021, 2025),
        (3, 2026, 2030),
    ]
    assert len(agreement["rules_of_play"]["principles"]) == 4


async def test_the_goal_tree_has_four_goals_with_their_sub_objectives(client: httpx.AsyncClient) -> None:
    goals = (await client.get("/api/v1/goals")).json()["items"]
    assert [g["code"] for g in goals] == ["1", "2", "3", "4"]
    assert [len(g["sub_objectives"]) for g in goals] == [3, 5, 4, 4]


async def test_a_restricted_goal_is_invisible_to_the_public_and_other_organisations(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    created = await client.post(
        "/api/v1/goals", json={"code": "7", "title": "Internt", "visibility": "restricted"}, headers=admin
    )
    path = f"/api/v1/goals/{created.json()['id']}"
    problem(await client.get(path), 404)
    problem(await client.get(path, headers=await as_user(demo("editor", "kvp"))), 404)
    assert (await client.get(path, headers=await as_user(demo("viewer", "sekretariat")))).status_code == 200
    assert "7" not in [g["code"] for g in (await client.get("/api/v1/goals")).json()["items"]]


async def test_a_partners_only_goal_is_hidden_from_the_public(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    created = await client.post(
        "/api/v1/goals",
        json={"code": "8", "title": "Partnere", "visibility": "partners"},
        headers=await as_user(ADMIN),
    )
    path = f"/api/v1/goals/{created.json()['id']}"
    problem(await client.get(path), 404)
    assert (await client.get(path, headers=await as_user(demo("viewer", "lejerbo")))).status_code == 200


async def test_changing_the_agreement_records_an_amendment_with_its_decision(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    # The demo partnership's decision to amend the agreement (an amendment may cite only that kind).
    register = await client.get("/api/v1/decisions", params={"kind": "amend_agreement"}, headers=admin)
    decision_id = register.json()["items"][0]["id"]
    read = await client.get("/api/v1/agreement")
    response = await client.patch(
        "/api/v1/agreement",
        headers={**admin, **if_match(read)},
        json={
            "ends_on": "2032-12-31",
            "amendment": {"note": "Forlænget af partnerskabet", "decision_id": decision_id},
        },
    )
    assert response.json()["ends_on"] == "2032-12-31"
    amendment = (await client.get("/api/v1/agreement/amendments", headers=admin)).json()["items"][0]
    assert amendment["note"] == "Forlænget af partnerskabet"
    assert amendment["decision_id"] == decision_id
    assert amendment["before"]["ends_on"] == "2030-12-31"
    assert amendment["after"]["ends_on"] == "2032-12-31"


async def test_an_agreement_ending_before_it_starts_is_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    read = await client.get("/api/v1/agreement")
    response = await client.patch(
        "/api/v1/agreement",
        json={"ends_on": "2010-01-01"},
        headers={**await as_user(ADMIN), **if_match(read)},
    )
    assert field_names(problem(response, 422)) == {"body.ends_on"}


async def test_a_sub_objective_is_added_under_its_goal(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    goal = (await client.get("/api/v1/goals")).json()["items"][3]
    created = await client.post(
        "/api/v1/goals",
        headers=await as_user(ADMIN),
        json={"code": "4e", "title": "Et nyt delmål", "parent_id": goal["id"]},
    )
    assert created.status_code == 201
    tree = (await client.get(f"/api/v1/goals/{goal['id']}")).json()
    assert tree["sub_objectives"][-1]["code"] == "4e"


async def test_sub_objectives_cannot_have_their_own_sub_objectives(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    sub = (await client.get("/api/v1/goals")).json()["items"][0]["sub_objectives"][0]
    response = await client.post(
        "/api/v1/goals",
        headers=await as_user(ADMIN),
        json={"code": "1a1", "title": "For dybt", "parent_id": sub["id"]},
    )
    assert field_names(problem(response, 422)) == {"body.parent_id"}


async def test_a_goal_with_live_sub_objectives_cannot_be_deleted(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    goal = (await client.get("/api/v1/goals")).json()["items"][0]
    read = await client.get(f"/api/v1/goals/{goal['id']}")
    problem(
        await client.delete(
            f"/api/v1/goals/{goal['id']}", headers={**await as_user(ADMIN), **if_match(read)}
        ),
        409,
    )


async def test_a_deleted_goal_is_gone_from_lists_and_restorable(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    created = (
        await client.post("/api/v1/goals", json={"code": "6", "title": "Kortvarigt"}, headers=admin)
    ).json()
    path = f"/api/v1/goals/{created['id']}"
    await client.delete(path, headers={**admin, "If-Match": f'"{created["version"]}"'})
    assert "6" not in [g["code"] for g in (await client.get("/api/v1/goals")).json()["items"]]
    assert (await client.post(f"{path}/restore", headers=admin)).json()["code"] == "6"
    changes = [
        a["change"] for a in (await client.get("/api/v1/agreement/amendments", headers=admin)).json()["items"]
    ]
    assert changes[:3] == ["restore", "delete", "create"]
