"""Progress updates, good stories and milestones through the HTTP API."""

from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, field_names, problem
from tests.initiatives.helpers import API, create_initiative, etag_of

AAB_EDITOR = demo("editor", "aab")


async def test_a_partner_reporter_adds_a_progress_update(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR), partners=["kvp"])
    path = f"{API}/initiatives/{created['id']}/progress-updates"
    response = await client.post(
        path,
        json={
            "reported_on": "2025-05-01",
            "status_colour": "yellow",
            "percent_complete": 40,
            "narrative": "Forsinket",
        },
        headers=await as_user(demo("reporter", "kvp")),
    )
    assert response.status_code == 201, response.text
    assert response.json()["organisation"] == "kvp"
    assert response.json()["percent_complete"] == 40
    listed = (await client.get(path, headers=await as_user(demo("viewer", "lejerbo")))).json()
    assert [u["narrative"] for u in listed["items"]] == ["Forsinket"]
    detail = (
        await client.get(f"{API}/initiatives/{created['id']}", headers=await as_user(AAB_EDITOR))
    ).json()
    assert detail["last_status_colour"] == "yellow" and detail["last_reported_on"] == "2025-05-01"
    assert detail["version"] == 1  # progress does not change the initiative's own fields


async def test_the_lead_reporter_adds_progress_too(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR))
    response = await client.post(
        f"{API}/initiatives/{created['id']}/progress-updates",
        json={"status_colour": "green", "narrative": "Godt i gang"},
        headers=await as_user(demo("reporter", "aab")),
    )
    assert response.status_code == 201
    assert response.json()["organisation"] == "aab"


async def test_uninvolved_organisations_and_viewers_cannot_report(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR), partners=["kvp"])
    path = f"{API}/initiatives/{created['id']}/progress-updates"
    body = {"status_colour": "red", "narrative": "Ikke vores"}
    problem(await client.post(path, json=body, headers=await as_user(demo("reporter", "lejerbo"))), 403)
    problem(await client.post(path, json=body, headers=await as_user(demo("viewer", "kvp"))), 403)
    problem(
        await client.post(
            path, json={**body, "organisation": "aab"}, headers=await as_user(demo("reporter", "kvp"))
        ),
        403,
    )


async def test_a_good_story_needs_a_title_and_text(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR))
    response = await client.post(
        f"{API}/initiatives/{created['id']}/progress-updates",
        json={"status_colour": "green", "narrative": "Fint", "is_story": True},
        headers=await as_user(AAB_EDITOR),
    )
    problem(response, 422)


async def test_good_stories_of_public_initiatives_reach_residents(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(AAB_EDITOR)
    public = await create_initiative(client, headers, visibility="public", title="Fællesspisning")
    hidden = await create_initiative(client, headers, visibility="partners", title="Intern")
    for initiative, title in ((public, "Hundrede til fællesspisning"), (hidden, "Intern succes")):
        response = await client.post(
            f"{API}/initiatives/{initiative['id']}/progress-updates",
            json={
                "status_colour": "green",
                "narrative": "Fuldt hus",
                "is_story": True,
                "story_title": title,
                "story_text": "Over hundrede naboer spiste sammen i beboerhuset.",
            },
            headers=headers,
        )
        assert response.status_code == 201
    anonymous = (await client.get(f"{API}/good-stories", params={"limit": 500})).json()
    titles = {s["title"] for s in anonymous["items"]}
    assert "Hundrede til fællesspisning" in titles and "Intern succes" not in titles
    signed_in = (await client.get(f"{API}/good-stories", params={"limit": 500}, headers=headers)).json()
    assert "Intern succes" in {s["title"] for s in signed_in["items"]}


async def test_progress_can_link_observations(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR))
    path = f"{API}/initiatives/{created['id']}/progress-updates"
    bad = await client.post(
        path,
        json={"status_colour": "green", "narrative": "Se tallet", "observation_ids": [987654]},
        headers=await as_user(AAB_EDITOR),
    )
    assert field_names(problem(bad, 422)) == {"body.observation_ids"}
    observations = (
        await client.get(f"{API}/observations", params={"limit": 1}, headers=await as_user(ADMIN))
    ).json()
    obs_id = observations["items"][0]["id"]
    good = await client.post(
        path,
        json={"status_colour": "green", "narrative": "Se tallet", "observation_ids": [obs_id]},
        headers=await as_user(AAB_EDITOR),
    )
    assert good.status_code == 201 and good.json()["observation_ids"] == [obs_id]


async def test_milestones_are_kept_by_the_lead_editors(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(AAB_EDITOR)
    created = await create_initiative(client, headers)
    path = f"{API}/initiatives/{created['id']}/milestones"
    problem(
        await client.post(path, json={"title": "Start"}, headers=await as_user(demo("reporter", "aab"))), 403
    )
    made = await client.post(path, json={"title": "Første workshop", "due_on": "2025-03-01"}, headers=headers)
    assert made.status_code == 201
    milestone = made.json()
    done = await client.patch(
        f"{path}/{milestone['id']}", json={"done_on": "2025-02-27"}, headers={**headers, **etag_of(1)}
    )
    assert done.status_code == 200 and done.json()["done_on"] == "2025-02-27"
    listed = (await client.get(path, headers=headers)).json()
    assert [(m["title"], m["due_on"], m["done_on"]) for m in listed["items"]] == [
        ("Første workshop", "2025-03-01", "2025-02-27")
    ]
    problem(await client.delete(f"{path}/{milestone['id']}", headers={**headers, **etag_of(1)}), 412)
    assert (
        await client.delete(f"{path}/{milestone['id']}", headers={**headers, **etag_of(2)})
    ).status_code == 204
    assert (await client.get(path, headers=headers)).json()["items"] == []
