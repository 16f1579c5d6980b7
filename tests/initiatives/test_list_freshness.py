"""No change may leave the initiative list showing old data: an edit, a renamed goal code, a new
progress colour, a deletion and a new initiative show on the next request, whether the API or
plain SQL outside it (a data migration, a DBA's fix) made the change.

Each test reads the list first, changes something the list shows, and reads again.
"""

from __future__ import annotations

from typing import Any, cast

import httpx
import pytest
from sqlalchemy import text

from sammen.core.db import Database
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


async def _plain_sql(database: Database, statement: str, **params: Any) -> None:
    """A write made outside the API: no app code runs, only the database's own rules."""
    async with database.engine.begin() as connection:
        await connection.execute(text(statement), params)


@pytest.mark.parametrize(
    ("statement", "field", "expected"),
    [
        ("UPDATE initiatives SET title = 'Rettet i SQL' WHERE id = :id", "title", "Rettet i SQL"),
        (
            "UPDATE initiatives SET last_status_colour = 'yellow' WHERE id = :id",
            "last_status_colour",
            "yellow",
        ),
        ("UPDATE goals SET code = '2z' WHERE code = '2e'", "goals", ["2z"]),
        ("UPDATE initiatives SET status = 'paused' WHERE id = :id", "status", "paused"),
    ],
)
async def test_the_list_shows_a_change_made_with_plain_sql(
    client: httpx.AsyncClient,
    as_user: AuthHeaders,
    database: Database,
    statement: str,
    field: str,
    expected: Any,
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor, goals=["2e"])
    before = await _entry(client, editor, created["id"])
    assert before[field] != expected
    await _plain_sql(database, statement, id=created["id"])
    assert (await _entry(client, editor, created["id"]))[field] == expected
    detail = await client.get(f"{API}/initiatives/{created['id']}", headers=editor)
    assert detail.json()[field] == expected


async def test_a_deletion_made_with_plain_sql_leaves_the_list_and_its_totals(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor, status="active")
    totals = {}
    for query in cast("list[dict[str, Any]]", [{"limit": 1}, {"limit": 1, "status": "active"}]):
        totals[str(query)] = (await client.get(f"{API}/initiatives", params=query, headers=editor)).json()[
            "total"
        ]
    await _plain_sql(
        database, "UPDATE initiatives SET deleted_at = updated_at WHERE id = :id", id=created["id"]
    )
    for query in cast("list[dict[str, Any]]", [{"limit": 1}, {"limit": 1, "status": "active"}]):
        page = (await client.get(f"{API}/initiatives", params=query, headers=editor)).json()
        assert page["total"] == totals[str(query)] - 1
    ids = [
        i["id"]
        for i in (await client.get(f"{API}/initiatives", params={"limit": 500}, headers=editor)).json()[
            "items"
        ]
    ]
    assert created["id"] not in ids
    assert (await client.get(f"{API}/initiatives/{created['id']}", headers=editor)).status_code == 404


async def test_the_totals_follow_rows_inserted_and_removed_with_plain_sql(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(
        client, editor, status="planned", partners=["kvp"], visibility="restricted"
    )
    kvp = await as_user(demo("viewer", "kvp"))
    query: dict[str, Any] = {"limit": 1, "status": "planned"}
    seen_by_kvp = (await client.get(f"{API}/initiatives", params=query, headers=kvp)).json()["total"]
    # kvp is named on the restricted initiative as a partner: removing the link hides it
    await _plain_sql(database, "DELETE FROM initiative_partners WHERE initiative_id = :id", id=created["id"])
    assert (await client.get(f"{API}/initiatives", params=query, headers=kvp)).json()[
        "total"
    ] == seen_by_kvp - 1
    await _plain_sql(
        database,
        "INSERT INTO initiative_partners (initiative_id, organisation_id) "
        "SELECT :id, id FROM organisations WHERE slug = 'kvp'",
        id=created["id"],
    )
    assert (await client.get(f"{API}/initiatives", params=query, headers=kvp)).json()["total"] == seen_by_kvp
