"""Initiatives through the HTTP API: create, read, change, delete, visibility and permissions."""

from __future__ import annotations

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, field_names, problem
from tests.initiatives.helpers import API, create_initiative, etag_of

AAB_EDITOR = demo("editor", "aab")
LEJERBO_EDITOR = demo("editor", "lejerbo")


async def test_an_editor_creates_an_initiative_for_their_organisation(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    created = await create_initiative(
        client,
        await as_user(AAB_EDITOR),
        budget_dkk=125000,
        funding_source="Landsbyggefonden",
        tags=["tryghed"],
    )
    response = await client.get(f"{API}/initiatives/{created['id']}", headers=await as_user(AAB_EDITOR))
    assert response.status_code == 200
    assert response.headers["etag"].startswith('W/"1.')
    body = response.json()
    assert body["lead"] == "aab"
    assert body["partners"] == ["kvp"]
    assert body["goals"] == ["2e"]
    assert body["indicators"] == [{"indicator": "tryghed", "expected_direction": "up"}]
    assert body["phase"] == 2 and body["phase_overridden"] is False  # 2022 lies in phase 2 (2021-2025)
    assert body["budget_dkk"] == 125000 and body["tags"] == ["tryghed"]


async def test_an_editor_cannot_create_an_initiative_for_another_organisation(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.post(
        f"{API}/initiatives",
        json={"title": "Ikke min", "lead": "lejerbo"},
        headers=await as_user(AAB_EDITOR),
    )
    problem(response, 403)


async def test_a_reporter_cannot_create_an_initiative(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.post(
        f"{API}/initiatives",
        json={"title": "X", "lead": "aab"},
        headers=await as_user(demo("reporter", "aab")),
    )
    problem(response, 403)


async def test_unknown_codes_and_slugs_are_named_in_the_error(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.post(
        f"{API}/initiatives",
        json={
            "title": "X",
            "lead": "aab",
            "goals": ["9z"],
            "partners": ["nobody"],
            "indicators": [{"indicator": "nope", "expected_direction": "up"}],
        },
        headers=await as_user(AAB_EDITOR),
    )
    body = problem(response, 422)
    assert field_names(body) == {"body.goals", "body.partners", "body.indicators"}


async def test_an_editor_of_another_organisation_cannot_change_the_initiative(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR))
    response = await client.patch(
        f"{API}/initiatives/{created['id']}",
        json={"title": "Overtaget"},
        headers={**await as_user(LEJERBO_EDITOR), **etag_of(created["version"])},
    )
    problem(response, 403)


async def test_a_partner_organisation_editor_cannot_change_it_either(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR), partners=["lejerbo"])
    response = await client.patch(
        f"{API}/initiatives/{created['id']}",
        json={"title": "Overtaget"},
        headers={**await as_user(LEJERBO_EDITOR), **etag_of(created["version"])},
    )
    problem(response, 403)


async def test_the_lead_editor_changes_the_initiative_with_if_match(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(AAB_EDITOR)
    created = await create_initiative(client, headers)
    path = f"{API}/initiatives/{created['id']}"
    problem(await client.patch(path, json={"title": "Nyt navn"}, headers=headers), 428)
    response = await client.patch(
        path,
        json={"title": "Nyt navn", "goals": ["2d", "2e"], "partners": []},
        headers={**headers, **etag_of(1)},
    )
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Nyt navn"
    assert response.json()["goals"] == ["2d", "2e"]
    assert response.json()["partners"] == []
    assert response.headers["etag"] == '"2"'
    problem(await client.patch(path, json={"title": "Gammel"}, headers={**headers, **etag_of(1)}), 412)


async def test_a_restricted_initiative_is_invisible_to_other_organisations(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    created = await create_initiative(
        client,
        await as_user(AAB_EDITOR),
        visibility="restricted",
        partners=["kvp"],
        title="Fortroligt samarbejde",
    )
    path = f"{API}/initiatives/{created['id']}"
    problem(await client.get(path, headers=await as_user(LEJERBO_EDITOR)), 404)
    problem(
        await client.patch(
            path,
            json={"title": "x"},
            headers={**await as_user(LEJERBO_EDITOR), **etag_of(created["version"])},
        ),
        404,
    )
    problem(await client.get(f"{path}/progress-updates", headers=await as_user(LEJERBO_EDITOR)), 404)
    listed = await client.get(
        f"{API}/initiatives", params={"q": "Fortroligt"}, headers=await as_user(LEJERBO_EDITOR)
    )
    assert listed.json()["total"] == 0
    # admins see restricted content only where named
    problem(await client.get(path, headers=await as_user(ADMIN)), 404)
    # the partner organisation named on it sees it
    assert (await client.get(path, headers=await as_user(demo("viewer", "kvp")))).status_code == 200
    listed = await client.get(
        f"{API}/initiatives", params={"q": "Fortroligt"}, headers=await as_user(demo("viewer", "kvp"))
    )
    assert listed.json()["total"] == 1


async def test_anonymous_callers_see_public_initiatives_only(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(AAB_EDITOR)
    public = await create_initiative(client, headers, visibility="public", title="Åben indsats")
    partners = await create_initiative(client, headers, visibility="partners", title="Åben for partnere")
    listed = (await client.get(f"{API}/initiatives", params={"q": "åben"})).json()
    assert [i["id"] for i in listed["items"]] == [public["id"]]
    assert (await client.get(f"{API}/initiatives/{public['id']}")).status_code == 200
    problem(await client.get(f"{API}/initiatives/{partners['id']}"), 401)


async def test_the_phase_is_derived_from_the_start_date_unless_overridden(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(AAB_EDITOR)
    created = await create_initiative(client, headers, starts_on="2019-05-01")
    assert created["phase"] == 1
    path = f"{API}/initiatives/{created['id']}"
    moved = await client.patch(path, json={"starts_on": "2027-01-01"}, headers={**headers, **etag_of(1)})
    assert moved.json()["phase"] == 3
    overridden = await client.patch(path, json={"phase": 2}, headers={**headers, **etag_of(2)})
    assert overridden.json()["phase"] == 2 and overridden.json()["phase_overridden"] is True
    derived = await client.patch(path, json={"phase": None}, headers={**headers, **etag_of(3)})
    assert derived.json()["phase"] == 3 and derived.json()["phase_overridden"] is False
    bad = await client.patch(path, json={"phase": 7}, headers={**headers, **etag_of(4)})
    assert field_names(problem(bad, 422)) == {"body.phase"}


async def test_paused_and_stopped_need_a_reason(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    headers = await as_user(AAB_EDITOR)
    created = await create_initiative(client, headers)
    path = f"{API}/initiatives/{created['id']}"
    response = await client.patch(path, json={"status": "paused"}, headers={**headers, **etag_of(1)})
    assert field_names(problem(response, 422)) == {"body.status_reason"}
    response = await client.patch(
        path,
        json={"status": "stopped", "status_reason": "Midlerne slap op"},
        headers={**headers, **etag_of(1)},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "stopped"


async def test_end_before_start_is_refused(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    response = await client.post(
        f"{API}/initiatives",
        json={"title": "X", "lead": "aab", "starts_on": "2024-01-01", "ends_on": "2023-01-01"},
        headers=await as_user(AAB_EDITOR),
    )
    assert field_names(problem(response, 422)) == {"body.ends_on"}


async def test_external_id_is_unique_per_lead_organisation(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    await create_initiative(client, await as_user(AAB_EDITOR), external_id="X-1")
    again = await client.post(
        f"{API}/initiatives",
        json={"title": "Igen", "lead": "aab", "external_id": "X-1"},
        headers=await as_user(AAB_EDITOR),
    )
    problem(again, 409)
    other_org = await client.post(
        f"{API}/initiatives",
        json={"title": "Lejerbos", "lead": "lejerbo", "external_id": "X-1"},
        headers=await as_user(LEJERBO_EDITOR),
    )
    assert other_org.status_code == 201


async def test_the_description_is_rendered_safely(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    created = await create_initiative(
        client,
        await as_user(AAB_EDITOR),
        description=(
            "# Formål\n\n**Tryghed** for alle <script>alert(1)</script>\n\n"
            "- [læs mere](https://example.org/a)\n- [klik](javascript:alert(1))\n"
            '<img src=x onerror="alert(1)">'
        ),
    )
    html = created["description_html"]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>Tryghed</strong>" in html
    assert '<a href="https://example.org/a" rel="noopener nofollow">læs mere</a>' in html
    assert 'href="javascript' not in html
    assert "<li>" in html and "<h3>Formål</h3>" in html


async def test_the_lead_editor_soft_deletes_an_initiative(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(AAB_EDITOR)
    created = await create_initiative(client, headers, title="Slettes snart")
    path = f"{API}/initiatives/{created['id']}"
    problem(await client.delete(path, headers={**await as_user(LEJERBO_EDITOR), **etag_of(1)}), 403)
    assert (await client.delete(path, headers={**headers, **etag_of(1)})).status_code == 204
    problem(await client.get(path, headers=headers), 404)
    listed = await client.get(f"{API}/initiatives", params={"q": "Slettes snart"}, headers=headers)
    assert listed.json()["total"] == 0


async def test_admins_change_any_partner_initiative(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR))
    response = await client.patch(
        f"{API}/initiatives/{created['id']}",
        json={"status": "completed"},
        headers={**await as_user(ADMIN), **etag_of(1)},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "completed"


async def test_changes_write_audit_events(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    created = await create_initiative(client, await as_user(AAB_EDITOR))
    await client.patch(
        f"{API}/initiatives/{created['id']}",
        json={"title": "Revideret"},
        headers={**await as_user(AAB_EDITOR), **etag_of(1)},
    )
    events = await client.get(
        f"{API}/audit-events",
        params={"object_type": "initiative", "object_id": str(created["id"])},
        headers=await as_user(ADMIN),
    )
    assert events.status_code == 200, events.text
    actions = {e["action"] for e in events.json()["items"]}
    assert {"initiative.create", "initiative.update"} <= actions
