"""Action plans: drafts, approval into frozen numbered revisions, new drafts, and diffs."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, if_match, problem
from tests.initiatives.helpers import API, create_initiative


async def _three(client: httpx.AsyncClient, as_user: AuthHeaders) -> list[dict[str, Any]]:
    headers = await as_user(demo("editor", "aab"))
    return [await create_initiative(client, headers, title=f"Indsats {k}") for k in "ABC"]


async def test_approving_freezes_a_revision_and_later_changes_make_a_new_draft(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    a, b, c = await _three(client, as_user)
    admin = await as_user(ADMIN)
    made = await client.post(
        f"{API}/action-plans",
        json={
            "title": "Handlingsplan 2027",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "items": [{"initiative_id": a["id"], "priority": 1}, {"initiative_id": b["id"], "priority": 2}],
        },
        headers=admin,
    )
    assert made.status_code == 201, made.text
    plan = made.json()
    assert plan["state"] == "draft" and plan["latest_revision"] == 0
    path = f"{API}/action-plans/{plan['id']}"

    approved = await client.post(
        f"{path}/approve",
        json={"decision_id": 17, "note": "Partnerskabet 1. marts"},
        headers={**admin, **if_match(made)},
    )
    assert approved.status_code == 201, approved.text
    assert approved.json()["number"] == 1 and approved.json()["decision_id"] == 17
    read = await client.get(path, headers=admin)
    assert read.json()["state"] == "approved"
    problem(await client.post(f"{path}/approve", headers={**admin, **if_match(read)}), 409)

    changed = await client.patch(
        path,
        json={
            "items": [
                {"initiative_id": a["id"], "priority": 2, "note": "Nedprioriteret"},
                {"initiative_id": c["id"], "priority": 1},
            ]
        },
        headers={**admin, **if_match(read)},
    )
    assert changed.status_code == 200
    assert changed.json()["state"] == "draft"
    revision_1 = (await client.get(f"{path}/revisions/1", headers=admin)).json()
    assert [(i["initiative_id"], i["priority"]) for i in revision_1["items"]] == [(a["id"], 1), (b["id"], 2)]

    second = await client.post(f"{path}/approve", headers={**admin, **if_match(changed)})
    assert second.json()["number"] == 2
    revisions = (await client.get(f"{path}/revisions", headers=admin)).json()
    assert [r["number"] for r in revisions["items"]] == [1, 2]

    diff = (await client.get(f"{path}/revisions/1/diff/2", headers=admin)).json()
    assert [i["initiative_id"] for i in diff["added"]] == [c["id"]]
    assert [i["initiative_id"] for i in diff["removed"]] == [b["id"]]
    assert len(diff["changed"]) == 1
    change = diff["changed"][0]
    assert change["initiative_id"] == a["id"]
    assert change["fields"] == ["priority", "note"]
    assert (change["before"]["priority"], change["after"]["priority"]) == (1, 2)
    back = (await client.get(f"{path}/revisions/2/diff/1", headers=admin)).json()
    assert [i["initiative_id"] for i in back["added"]] == [b["id"]]


async def test_an_approved_revision_cannot_be_edited(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    a, _, _ = await _three(client, as_user)
    admin = await as_user(ADMIN)
    made = await client.post(
        f"{API}/action-plans",
        json={
            "title": "P",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "items": [{"initiative_id": a["id"], "priority": 1}],
        },
        headers=admin,
    )
    path = f"{API}/action-plans/{made.json()['id']}"
    await client.post(f"{path}/approve", headers={**admin, **if_match(made)})
    for method in ("PATCH", "PUT", "DELETE"):
        response = await client.request(method, f"{path}/revisions/1", json={"title": "x"}, headers=admin)
        assert response.status_code == 405, (method, response.status_code)
    # renaming the initiative later does not rewrite what was approved
    await client.patch(
        f"{API}/initiatives/{a['id']}",
        json={"title": "Omdøbt"},
        headers={**await as_user(demo("editor", "aab")), "If-Match": '"1"'},
    )
    revision = (await client.get(f"{path}/revisions/1", headers=admin)).json()
    assert revision["items"][0]["title"] == "Indsats A"
    problem(await client.get(f"{path}/revisions/9", headers=admin), 404)


async def test_only_admins_keep_action_plans(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    response = await client.post(
        f"{API}/action-plans",
        json={"title": "P", "period_start": "2027-01-01", "period_end": "2027-12-31"},
        headers=await as_user(demo("editor", "gladsaxe-kommune")),
    )
    problem(response, 403)


async def test_the_seeded_demo_plan_has_two_revisions_and_a_diff(client: httpx.AsyncClient) -> None:
    plans = (await client.get(f"{API}/action-plans")).json()["items"]
    demo_plan = next(p for p in plans if "demodata" in p["title"])
    assert demo_plan["latest_revision"] == 2 and demo_plan["state"] == "approved"
    diff = (await client.get(f"{API}/action-plans/{demo_plan['id']}/revisions/1/diff/2")).json()
    assert diff["added"] and diff["removed"] and diff["changed"]


async def test_a_plan_cannot_list_an_initiative_the_caller_cannot_see(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    hidden = await create_initiative(
        client, await as_user(demo("editor", "aab")), visibility="restricted", partners=[]
    )
    response = await client.post(
        f"{API}/action-plans",
        json={
            "title": "P",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "items": [{"initiative_id": hidden["id"]}],
        },
        headers=await as_user(ADMIN),
    )
    problem(response, 422)
