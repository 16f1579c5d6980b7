"""The API documentation works offline: /docs and /redoc load only the product's own assets."""

from __future__ import annotations

import re

import httpx
import pytest

EXTERNAL = re.compile(r"""(?:src|href|url)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
ASSET = re.compile(r"""(?:src|href)="(/docs/assets/[^"]+)\"""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_the_docs_page_references_no_other_host(client: httpx.AsyncClient, page: str) -> None:
    response = await client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert not EXTERNAL.search(response.text), response.text
    assert "/api/v1/openapi.json" in response.text


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_every_asset_the_docs_page_loads_is_served_by_the_product(
    client: httpx.AsyncClient, page: str
) -> None:
    assets = ASSET.findall((await client.get(page)).text)
    assert assets
    for path in assets:
        response = await client.get(path)
        assert response.status_code == 200, path
        assert len(response.content) > 100, path


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_the_docs_csp_allows_scripts_from_the_product_only(
    client: httpx.AsyncClient, page: str
) -> None:
    csp = (await client.get(page)).headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "http" not in csp
    assert "unsafe-inline" not in directives["script-src"]


async def test_swagger_ui_starts_without_the_validator_badge(client: httpx.AsyncClient) -> None:
    script = (await client.get("/docs/assets/swagger-init.js")).text
    assert "validatorUrl: null" in script


async def test_an_unknown_docs_asset_is_a_404_and_no_file_outside_the_list_is_served(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/docs/assets/core.py")).status_code == 404
    assert (await client.get("/docs/assets/__init__.py")).status_code == 404


async def test_redoc_is_served_without_its_one_address_on_another_host(client: httpx.AsyncClient) -> None:
    bundle = (await client.get("/docs/assets/redoc.standalone.js")).text
    assert "cdn.redoc.ly" not in bundle
    assert "Redoc" in bundle
