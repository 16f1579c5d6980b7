"""The leak test: plant what must stay hidden, crawl the whole public site from its front page,
and find none of it (issue #16). Runs on SQLite and on PostgreSQL like every backend test."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import httpx

from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN
from tests.public.planting import plant

HREF = re.compile(r"""(?:href|src)="([^"]+)"|<loc>([^<]+)</loc>""")
SITE = ("/offentlig", "/en/public", "/sitemap.xml", "/robots.txt")
REPORT = re.compile(r'href="/api/v1/reports/(\d+)\.(pdf|html)\?edition=public"')


def _links(base: str, body: str) -> list[str]:
    found = []
    for href, loc in HREF.findall(body):
        url = urljoin(base, (href or loc).replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc in ("", "testserver") and parts.path.startswith(SITE):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


async def crawl(
    client: httpx.AsyncClient, headers: dict[str, str] | None = None
) -> dict[str, httpx.Response]:
    """Every public page, feed and sitemap entry reachable from the front page and the sitemap."""
    queue = ["/offentlig/", "/sitemap.xml", "/robots.txt"]
    seen: dict[str, httpx.Response] = {}
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = await client.get(path, headers=headers or {})
        seen[path] = response
        if response.status_code == 200 and not path.endswith((".css", ".woff2")):
            queue += [p for p in _links(f"http://testserver{path}", response.text) if p not in seen]
    return seen


async def test_nothing_restricted_unapproved_or_withheld_reaches_any_public_page(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    planted = await plant(client, as_user, database)

    pages = await crawl(client)

    types = {re.sub(r"/\d+$|/[0-9a-z]$", "/*", p.split("?")[0]) for p in pages}
    assert {"/offentlig/maal/*", "/en/public/goals/*", "/offentlig/indsatser/*", "/offentlig/referater/*",
            "/offentlig/gode-historier/*", "/offentlig/beslutninger.atom", "/en/public/decisions.atom",
            "/offentlig/statusrapporter", "/en/public/status-reports"} <= types  # fmt: skip
    assert f"/offentlig/referater/{planted.public_meeting_id}" in pages
    broken = {p: r.status_code for p, r in pages.items() if r.status_code >= 500 or r.status_code == 404}
    assert not broken
    everything = "\n".join(r.text for r in pages.values())
    leaked = {m: [p for p, r in pages.items() if m in r.text] for m in planted.markers if m in everything}
    assert not leaked, f"markers on public pages: {leaked}"
    assert all(text in everything for text in planted.public), "the crawl did not reach the public content"
    assert not [p for p, r in pages.items() if "set-cookie" in r.headers]


async def test_only_frozen_status_reports_are_linked_and_a_draft_is_not_readable(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    planted = await plant(client, as_user, database)
    every = (await client.get("/api/v1/reports", headers=await as_user(ADMIN))).json()["items"]
    frozen = {r["id"] for r in every if r["state"] == "frozen"}
    assert frozen and planted.draft_report_id in {r["id"] for r in every} - frozen

    pages = await crawl(client)

    linked = {(int(i), kind) for r in pages.values() for i, kind in REPORT.findall(r.text)}
    assert linked == {(i, kind) for i in frozen for kind in ("pdf", "html")}
    for report_id in frozen:  # the public edition answers anyone (the PDF from the same route's document)
        assert (await client.get(f"/api/v1/reports/{report_id}.html?edition=public")).status_code == 200
    for report_id in {r["id"] for r in every} - frozen:  # the demo's draft and the planted one
        for kind in ("html", "pdf", "json"):
            response = await client.get(f"/api/v1/reports/{report_id}.{kind}?edition=public")
            assert response.status_code == 401, (report_id, kind, response.status_code)


async def test_a_signed_in_partner_gets_the_same_public_pages(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    planted = await plant(client, as_user, database)
    admin = await as_user(ADMIN)

    for path in (
        "/offentlig/",
        "/offentlig/maal/1",
        "/offentlig/maal/2",
        "/offentlig/indsatser",
        "/offentlig/beslutninger",
    ):
        anonymous, signed_in = await client.get(path), await client.get(path, headers=admin)
        assert signed_in.text == anonymous.text
        assert not [m for m in planted.markers if m in signed_in.text]
