"""The read path's promises for initiatives: restricted rows stay with their organisations in every
way of reading (list, detail, export, search, conditional GET), search folds case and Danish
letters the same on both databases, and revalidation answers 304 until the response changes."""

from __future__ import annotations

import csv
import io

import httpx

from tests.conftest import AuthHeaders
from tests.factories import demo
from tests.initiatives.helpers import API, create_initiative, etag_of

AAB_EDITOR = demo("editor", "aab")
LEJERBO = demo("editor", "lejerbo")


async def _ids(client: httpx.AsyncClient, headers: dict[str, str], **params: str) -> list[int]:
    page = await client.get(f"{API}/initiatives", params={"limit": "500", **params}, headers=headers)
    assert page.status_code == 200, page.text
    return [i["id"] for i in page.json()["items"]]


async def test_search_finds_danish_text_whatever_the_case(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    school = await create_initiative(client, editor, title="Lektiecafé på Højvangsskolen")
    other = await create_initiative(client, editor, title="Hojvang uden ø", summary="ingen ø i titlen")
    for query in ("højvang", "HØJVANG", "Højvangsskolen", "øjv", "Hø"):
        found = await _ids(client, editor, q=query)
        assert school["id"] in found, query
        assert other["id"] not in found, f"{query!r} must not match 'o' for 'ø'"
    assert school["id"] in await _ids(client, editor, q="LEKTIECAFÉ")
    assert await _ids(client, editor, q="100%_sikkert") == []  # LIKE's wildcards are plain text


async def test_search_reads_title_summary_and_description(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    made = await create_initiative(
        client, editor, summary="Fodbold om aftenen", description="Med *Ærøboldklubben*"
    )
    assert made["id"] in await _ids(client, editor, q="fodbold")
    assert made["id"] in await _ids(client, editor, q="ærøBOLD")


async def test_restricted_initiatives_stay_with_their_organisations_in_every_read(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor, outsider = await as_user(AAB_EDITOR), await as_user(LEJERBO)
    secret = await create_initiative(
        client, editor, title="Fortroligt Højvang-projekt", visibility="restricted", partners=["kvp"]
    )
    # the lead and a named partner see it
    assert secret["id"] in await _ids(client, editor, q="højvang")
    assert secret["id"] in await _ids(client, await as_user(demo("viewer", "kvp")), q="fortroligt")
    # another organisation: not in the list, the search, the detail or the export
    assert secret["id"] not in await _ids(client, outsider)
    assert secret["id"] not in await _ids(client, outsider, q="fortroligt")
    assert (await client.get(f"{API}/initiatives/{secret['id']}", headers=outsider)).status_code == 404
    exported = await client.get(f"{API}/initiatives/export", params={"q": "fortroligt"}, headers=outsider)
    assert exported.status_code == 200
    assert "Fortroligt" not in exported.text
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert all(r["title"] != secret["title"] for r in rows)
    # anonymous callers see public ones only
    assert secret["id"] not in await _ids(client, {})


async def test_revalidation_answers_304_until_the_response_changes(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    made = await create_initiative(client, editor)
    for path in (f"{API}/initiatives?limit=5", f"{API}/initiatives/{made['id']}"):
        first = await client.get(path, headers=editor)
        tag = first.headers["etag"]
        assert tag.startswith('W/"')
        assert first.headers["cache-control"] == "private, no-cache"
        again = await client.get(path, headers={**editor, "If-None-Match": tag})
        assert again.status_code == 304
        assert again.content == b"" and again.headers["etag"] == tag
    changed = await client.patch(
        f"{API}/initiatives/{made['id']}",
        json={"title": "Nyt"},
        headers={**editor, **etag_of(made["version"])},
    )
    assert changed.status_code == 200
    stale = await client.get(f"{API}/initiatives/{made['id']}", headers={**editor, "If-None-Match": tag})
    assert stale.status_code == 200 and stale.json()["title"] == "Nyt"


async def test_a_restricted_change_leaves_an_outsiders_tag_as_it_was(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor, outsider = await as_user(AAB_EDITOR), await as_user(LEJERBO)
    secret = await create_initiative(client, editor, visibility="restricted", partners=[])
    path = f"{API}/initiatives?limit=500"
    outsiders_tag = (await client.get(path, headers=outsider)).headers["etag"]
    editors_tag = (await client.get(path, headers=editor)).headers["etag"]
    assert outsiders_tag != editors_tag  # different visibility, different tags
    changed = await client.patch(
        f"{API}/initiatives/{secret['id']}",
        json={"title": "Ændret i det skjulte"},
        headers={**editor, **etag_of(secret["version"])},
    )
    assert changed.status_code == 200
    revalidated = await client.get(path, headers={**outsider, "If-None-Match": outsiders_tag})
    assert revalidated.status_code == 304, "a change the caller cannot see must not change their tag"
    assert (await client.get(path, headers={**editor, "If-None-Match": editors_tag})).status_code == 200


async def test_the_weak_tag_still_serves_as_if_match(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    editor = await as_user(AAB_EDITOR)
    made = await create_initiative(client, editor)
    tag = (await client.get(f"{API}/initiatives/{made['id']}", headers=editor)).headers["etag"]
    changed = await client.patch(
        f"{API}/initiatives/{made['id']}", json={"title": "Via svag tag"}, headers={**editor, "If-Match": tag}
    )
    assert changed.status_code == 200, changed.text


async def test_the_calendar_feed_is_tagged_and_keeps_its_own_caching(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    feed = await client.get(f"{API}/calendar/meetings.ics")
    assert feed.status_code == 200
    assert feed.headers.get_list("cache-control") == ["private, max-age=300"]
    again = await client.get(f"{API}/calendar/meetings.ics", headers={"If-None-Match": feed.headers["etag"]})
    assert again.status_code == 304
