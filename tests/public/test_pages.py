"""The public site's pages: what they show, in both languages, and how they answer caches."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.public import service, texts
from tests.conftest import AuthHeaders
from tests.initiatives.helpers import create_initiative
from tests.public.planting import AAB_EDITOR, plant

ROOT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def configured(app: FastAPI, settings: Settings) -> Settings:
    """The deployment's own settings for the public site."""
    changed = settings.model_copy(
        update={
            "public_max_age": 123,
            "public_base_url": "https://sammen.example.dk/",
            "accessibility_contact_email": "web@gladsaxe.example",
        }
    )
    app.state.settings = changed
    return changed


async def test_pages_are_cacheable_by_anyone_with_a_weak_etag_and_304(
    client: httpx.AsyncClient, configured: Settings
) -> None:
    first = await client.get("/offentlig/maal/1")
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=123"
    assert re.fullmatch(r'W/"[0-9a-f]+"', first.headers["etag"])
    assert "set-cookie" not in first.headers

    again = await client.get("/offentlig/maal/1", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    stale = await client.get("/offentlig/maal/1", headers={"If-None-Match": 'W/"0000"'})
    assert stale.status_code == 200


async def test_the_etag_changes_when_public_content_does_and_not_for_hidden_changes(
    client: httpx.AsyncClient, as_user: AuthHeaders, app: FastAPI, settings: Settings
) -> None:
    app.state.settings = settings.model_copy(update={"public_cache_seconds": 0})  # every request renders
    before = (await client.get("/offentlig/indsatser")).headers["etag"]
    await create_initiative(
        client, await as_user(AAB_EDITOR), title="Skjult for offentligheden", visibility="partners"
    )
    assert (await client.get("/offentlig/indsatser")).headers["etag"] == before
    await create_initiative(
        client, await as_user(AAB_EDITOR), title="Ny offentlig indsats", visibility="public"
    )
    after = await client.get("/offentlig/indsatser")
    assert after.headers["etag"] != before
    assert "Ny offentlig indsats" in after.text


async def test_a_rendered_page_is_kept_for_the_cache_interval_only(
    client: httpx.AsyncClient, as_user: AuthHeaders, app: FastAPI, settings: Settings
) -> None:
    first = await client.get("/offentlig/indsatser")
    await create_initiative(
        client, await as_user(AAB_EDITOR), title="Ny offentlig indsats", visibility="public"
    )
    kept = await client.get("/offentlig/indsatser")
    assert kept.headers["etag"] == first.headers["etag"]  # within PUBLIC_CACHE_SECONDS: the same page
    assert (
        await client.get("/offentlig/indsatser", headers={"If-None-Match": first.headers["etag"]})
    ).status_code == 304
    app.state.settings = settings.model_copy(update={"public_cache_seconds": 0})
    assert "Ny offentlig indsats" in (await client.get("/offentlig/indsatser")).text


async def test_a_forged_host_header_does_not_decide_the_links_others_are_served(
    client: httpx.AsyncClient,
) -> None:
    forged = await client.get("/offentlig/om-aftalen", headers={"Host": "evil.example"})
    assert '<link rel="canonical" href="http://evil.example/offentlig/om-aftalen">' in forged.text
    honest = await client.get("/offentlig/om-aftalen")
    assert "evil.example" not in honest.text


async def test_pages_are_gzipped_for_clients_that_accept_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/offentlig/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert "<h1>" in response.text  # httpx unpacks it


async def test_withheld_values_read_hidden_under_the_minimum_in_both_languages(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    await plant(client, as_user, database)
    danish, english = await client.get("/offentlig/maal/1"), await client.get("/en/public/goals/1")
    assert "skjult (under 5)" in danish.text and "8.765,4" not in danish.text
    assert "hidden (under 5)" in english.text and "8,765.4" not in english.text
    assert re.search(r"<th scope=\"row\">2030-Q4</th>", danish.text)  # the period beside the figure


async def test_a_restricted_initiative_answers_exactly_like_one_that_does_not_exist(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    hidden = await create_initiative(client, await as_user(AAB_EDITOR), visibility="restricted")
    restricted = await client.get(f"/offentlig/indsatser/{hidden['id']}")
    missing = await client.get("/offentlig/indsatser/987654321")
    huge = await client.get("/offentlig/indsatser/99999999999999999999999")
    assert restricted.status_code == missing.status_code == huge.status_code == 404
    assert restricted.text == missing.text
    assert "Siden findes ikke" in restricted.text
    assert (await client.get("/offentlig/maal/9z")).status_code == 404


async def test_canonical_links_alternates_and_open_graph_use_the_configured_address(
    client: httpx.AsyncClient, configured: Settings
) -> None:
    story_id = (await client.get("/api/v1/good-stories")).json()["items"][0]["id"]
    page = (await client.get(f"/en/public/good-stories/{story_id}")).text
    assert (
        f'<link rel="canonical" href="https://sammen.example.dk/en/public/good-stories/{story_id}">' in page
    )
    assert f'hreflang="da" href="https://sammen.example.dk/offentlig/gode-historier/{story_id}"' in page
    assert '<meta property="og:type" content="article">' in page
    assert (
        f'<meta property="og:url" content="https://sammen.example.dk/en/public/good-stories/{story_id}">'
        in page
    )
    assert '<html lang="en">' in page and 'lang="da"' in page  # Danish content is marked as Danish

    initiative_id = (await client.get("/api/v1/initiatives", params={"limit": 1})).json()["items"][0]["id"]
    initiative = (await client.get(f"/offentlig/indsatser/{initiative_id}")).text
    assert (
        '<meta property="og:title"' in initiative
        and '<meta property="og:locale" content="da_DK">' in initiative
    )


async def test_feeds_sitemap_and_robots_are_well_formed(
    client: httpx.AsyncClient, configured: Settings
) -> None:
    stories = await client.get("/offentlig/gode-historier.atom")
    assert stories.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(stories.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    listed = (await client.get("/api/v1/good-stories")).json()["items"]
    assert titles == [s["title"] for s in listed]
    assert ET.fromstring((await client.get("/en/public/decisions.atom")).content).tag == f"{ATOM}feed"

    sitemap = ET.fromstring((await client.get("/sitemap.xml")).content)
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert (
        "https://sammen.example.dk/offentlig/" in locs
        and "https://sammen.example.dk/en/public/goals/4" in locs
    )
    robots = (await client.get("/robots.txt")).text
    assert "Sitemap: https://sammen.example.dk/sitemap.xml" in robots and "Allow: /offentlig/" in robots


async def test_the_accessibility_statement_follows_the_prescribed_structure_with_the_deployments_contact(
    client: httpx.AsyncClient, configured: Settings
) -> None:
    page = (await client.get("/offentlig/tilgaengelighed")).text
    headings = re.findall(r"<h2>([^<]+)</h2>", page)
    assert headings == [
        "Overholdelsesstatus",
        "Ikke-tilgængeligt indhold",
        "Udarbejdelse af erklæringen",
        "Feedback og kontaktoplysninger",
        "Håndhævelsesprocedure",
    ]
    assert "mailto:web@gladsaxe.example" in page and "Digitaliseringsstyrelsen" in page
    english = (await client.get("/en/public/accessibility")).text
    assert "Enforcement procedure" in english and "mailto:web@gladsaxe.example" in english


async def test_the_initiative_list_filters_by_goal_and_organisation(client: httpx.AsyncClient) -> None:
    everything = (await client.get("/api/v1/initiatives", params={"limit": 500})).json()["items"]
    wanted = [i["title"] for i in everything if i["lead"] == "aab" or "aab" in i["partners"]]
    page = (await client.get("/offentlig/indsatser", params={"organisation": "aab"})).text
    assert f"{len(wanted)} indsatser" in page
    assert all(title in page for title in wanted)
    nothing = (await client.get("/offentlig/indsatser", params={"goal": "findes-ikke", "page": "x"})).text
    assert "0 indsatser" in nothing


async def test_goal_status_counts_only_public_indicators(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, settings: Settings
) -> None:
    async with database.session(write=False) as session:
        before = await service.goal_statuses(session, min_n_default=settings.min_n_default)
    await plant(client, as_user, database)  # adds a partners-only indicator to goal 1
    async with database.session(write=False) as session:
        after = await service.goal_statuses(session, min_n_default=settings.min_n_default)
    assert sorted(after) == ["1", "2", "3", "4"]
    assert after["1"].counts == before["1"].counts
    assert sum(after["2"].counts.values()) == 3  # tryghed, tillid-politi, k2-doemte: not the restricted one


async def test_each_goal_shows_the_apis_verdict_with_danish_reasons_on_danish_pages_only(
    client: httpx.AsyncClient,
) -> None:
    rollups = (await client.get("/api/v1/goal-status")).json()["items"]
    front = {
        lang: html.unescape((await client.get(texts.path_of(lang, "front"))).text) for lang in texts.LANGS
    }
    goal = {
        lang: html.unescape((await client.get(texts.path_of(lang, "goal", code="1"))).text)
        for lang in texts.LANGS
    }
    assert {r["goal"] for r in rollups} == {"1", "2", "3", "4"}
    for r in rollups:
        danish, english = texts.GOAL_STATUS["da"][r["status"]], texts.GOAL_STATUS["en"][r["status"]]
        assert r["explanation"].startswith(f"{danish}: ")
        assert f"<strong>{danish}:</strong> {r['explanation'].removeprefix(f'{danish}: ')}" in front["da"]
        assert f"<strong>{english}.</strong>" in front["en"]
        assert r["explanation"].removeprefix(f"{danish}: ") not in front["en"]
    indicators = next(r for r in rollups if r["goal"] == "1")["indicators"]
    assert indicators
    assert all(i["explanation"] in goal["da"] and i["explanation"] not in goal["en"] for i in indicators)


def test_the_stylesheet_is_what_the_build_script_makes_of_the_design_system() -> None:
    if not (ROOT / "frontend" / "node_modules" / "dkfds").exists():
        pytest.skip("frontend/node_modules is not installed (make install)")
    check = subprocess.run([sys.executable, "scripts/public-css.py", "--check"], cwd=ROOT, check=False)
    assert check.returncode == 0, "run `.venv/bin/python scripts/public-css.py` and commit the stylesheet"


@pytest.mark.parametrize(
    "path",
    [
        "/offentlig/",
        "/offentlig/om-aftalen",
        "/offentlig/maal/2",
        "/en/public/about",
        "/offentlig/indsatser",
        "/offentlig/statusrapporter",
    ],
)
async def test_headings_never_skip_a_level(client: httpx.AsyncClient, path: str) -> None:
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", (await client.get(path)).text)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
