"""The initiative list remembers rendered entries and totals; no change may leave it showing old data.

Each test reads the list first (so the entry and the total are remembered), changes something
the list shows through the API, and reads again.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, if_match
from tests.initiatives.helpers import API, create_initiative, etag_of

AAB_EDITOR = demo("editor", "aab")


async def _entry(client: httpx.AsyncClient, headers: dict[str, str], initiative_id: int) -> dict[str, Any]:
    page = await client.get(f"{API}/initiatives", params={"limit": 500}, headers=headers)
    assert page.status_code == 200, page.text
    found: list[dict[str, Any]] = [i for i in page.json()["items"] if i["id"] == initiative_id]
    assert found, f"initiative {initiative_id} is not listed"
    return found[0]


async def test_the_list_shows_an_edit_at_once(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor, title="Før", partners=["kvp"])
    assert (await _entry(client, editor, created["id"]))["title"] == "Før"
    changed = await client.patch(
        f"{API}/initiatives/{created['id']}",
        json={"title": "Efter", "partners": ["kvp", "lejerbo"], "goals": ["3a"]},
        headers={**editor, **etag_of(created["version"])},
    )
    assert changed.status_code == 200, changed.text
    entry = await _entry(client, editor, created["id"])
    assert (entry["title"], entry["partners"], entry["goals"]) == ("Efter", ["kvp", "lejerbo"], ["3a"])
    assert entry["version"] == created["version"] + 1


async def test_the_list_shows_the_latest_progress_colour(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor)
    assert (await _entry(client, editor, created["id"]))["last_status_colour"] is None
    reported = await client.post(
        f"{API}/initiatives/{created['id']}/progress-updates",
        json={"reported_on": "2026-01-15", "status_colour": "red", "narrative": "Stoppet af vejret"},
        headers=await as_user(demo("reporter", "aab")),
    )
    assert reported.status_code == 201, reported.text
    entry = await _entry(client, editor, created["id"])
    assert (entry["last_status_colour"], entry["last_reported_on"]) == ("red", "2026-01-15")


async def test_the_list_shows_a_renamed_goal_code(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor, goals=["2e"])
    assert (await _entry(client, editor, created["id"]))["goals"] == ["2e"]
    tree = (await client.get(f"{API}/goals")).json()["items"]
    goal = next(sub for g in tree for sub in g["sub_objectives"] if sub["code"] == "2e")
    read = await client.get(f"{API}/goals/{goal['id']}")
    renamed = await client.patch(
        f"{API}/goals/{goal['id']}", json={"code": "2x"}, headers={**await as_user(ADMIN), **if_match(read)}
    )
    assert renamed.status_code == 200, renamed.text
    assert (await _entry(client, editor, created["id"]))["goals"] == ["2x"]


async def test_a_deleted_initiative_leaves_the_list_and_its_total(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor)
    # A full first page, so the total is counted (and remembered) rather than read off the page.
    before = (await client.get(f"{API}/initiatives", params={"limit": 1}, headers=editor)).json()["total"]
    deleted = await client.delete(
        f"{API}/initiatives/{created['id']}", headers={**editor, **etag_of(created["version"])}
    )
    assert deleted.status_code == 204, deleted.text
    after = (await client.get(f"{API}/initiatives", params={"limit": 1}, headers=editor)).json()["total"]
    assert after == before - 1
    ids = [
        i["id"]
        for i in (await client.get(f"{API}/initiatives", params={"limit": 500}, headers=editor)).json()[
            "items"
        ]
    ]
    assert created["id"] not in ids


async def test_a_new_initiative_counts_in_the_total_at_once(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    before = (await client.get(f"{API}/initiatives", params={"limit": 1}, headers=editor)).json()["total"]
    await create_initiative(client, editor)
    after = (await client.get(f"{API}/initiatives", params={"limit": 1}, headers=editor)).json()["total"]
    assert after == before + 1
