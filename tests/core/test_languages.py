"""The API answers people in Danish or English by Accept-Language (Danish by default), and every
field error carries a stable code and the values it names."""

from __future__ import annotations

import httpx
import pytest

from sammen.core.i18n import negotiate
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, problem
from tests.indicators.helpers import IMPORTS, csv_file, upload
from tests.meetings.helpers import COORDINATION_SECRETARY, body_id, held_meeting

NO_LANGUAGE = {"Accept-Language": ""}  # the test client asks for English unless told otherwise
DANISH = {"Accept-Language": "da-DK,da;q=0.9,en;q=0.5"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "da"),
        ("", "da"),
        ("da", "da"),
        ("en", "en"),
        ("en-US", "en"),
        ("da-DK, en;q=0.9", "da"),
        ("en;q=0.8, da;q=0.9", "da"),
        ("fr-FR, en;q=0.5", "en"),
        ("fr, de", "da"),
        ("*", "da"),
        ("en;q=0, da", "da"),
        ("en;q=abc", "da"),
    ],
)
def test_the_language_is_negotiated_from_accept_language(header: str | None, language: str) -> None:
    assert negotiate(header) == language


async def test_without_accept_language_the_problem_is_in_danish(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/organisations/999999", headers=NO_LANGUAGE)
    body = problem(response, 404)
    assert body["title"] == "Findes ikke"
    assert body["detail"] == "Organisationen 999999 findes ikke."
    assert response.headers["content-language"] == "da"
    assert "Accept-Language" in response.headers["vary"]


async def test_danish_accept_language_gets_danish_detail_and_english_gets_english(
    client: httpx.AsyncClient,
) -> None:
    danish = problem(await client.get("/api/v1/organisations/999999", headers=DANISH), 404)
    english = problem(await client.get("/api/v1/organisations/999999", headers=ENGLISH), 404)
    assert danish["detail"] == "Organisationen 999999 findes ikke."
    assert english["detail"] == "No organisation 999999."
    assert english["title"] == "Not found"
    assert danish["type"] == english["type"]  # the machine-readable part does not change


async def test_field_errors_carry_stable_codes_and_messages_in_the_callers_language(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    body = {"slug": "Not A Slug", "name": "x" * 201, "kind": "bank"}
    headers = await as_user(ADMIN)
    danish = problem(
        await client.post("/api/v1/organisations", json=body, headers={**headers, **DANISH}), 422
    )
    english = problem(
        await client.post("/api/v1/organisations", json=body, headers={**headers, **ENGLISH}), 422
    )
    by_field = {e["field"]: e for e in danish["errors"]}
    assert {f: e["code"] for f, e in by_field.items()} == {
        "body.slug": "field.pattern",
        "body.name": "field.too_long",
        "body.kind": "field.choice",
    }
    assert by_field["body.name"]["message"] == "Må højst have 200 tegn"
    assert by_field["body.name"]["params"] == {"max_length": "200"}
    assert "eller" in by_field["body.kind"]["message"]
    assert [e["code"] for e in english["errors"]] == [e["code"] for e in danish["errors"]]
    assert {e["field"]: e["message"] for e in english["errors"]}["body.name"] == (
        "String should have at most 200 characters"
    )
    assert danish["title"] == "Forespørgslen er ikke gyldig"
    assert "body.name: Må højst have 200 tegn" in danish["detail"]


async def test_a_services_field_error_is_danish_with_its_code(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.post(
        "/api/v1/organisations",
        json={"slug": "aab", "name": "Endnu en AAB", "kind": "boligorganisation"},
        headers={**await as_user(ADMIN), **DANISH},
    )
    [error] = problem(response, 422)["errors"]
    assert error == {
        "field": "body.slug",
        "code": "orgs.slug_taken",
        "params": {"slug": "aab"},
        "message": 'slug\'en "aab" er optaget',
    }


async def test_import_errors_are_danish_sentences_naming_row_and_column(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file(
        [
            ("fraflytning", "danmark", "2023K1", "abc", "", "final", ""),
            ("fraflytning", "atlantis", "2023K2", "3", "", "final", ""),
        ]
    )
    response = await client.post(
        IMPORTS,
        params={"dry_run": "true"},
        files=upload("bad.csv", data),
        headers={**await as_user(demo("reporter", "aab")), **NO_LANGUAGE},
    )
    assert response.status_code == 200, response.text
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert errors["row 2.value"]["message"] == "Række 2, kolonne value: 'abc' er ikke et tal"
    assert errors["row 2.value"]["code"] == "observations.not_a_number"
    assert errors["row 2.value"]["params"] == {"row": 2, "column": "value", "value": "abc"}  # as given
    assert errors["row 3.area"]["message"] == "Række 3, kolonne area: området 'atlantis' findes ikke"
    assert errors["row 3.area"]["code"] == "observations.unknown_area"
    assert errors["row 3.area"]["params"] == {"row": 3, "column": "area", "value": "atlantis"}


async def test_a_file_in_neither_utf8_nor_windows_1252_is_refused_in_danish_naming_the_file(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    # 0x81 is no character in Windows-1252, and a lone continuation byte in UTF-8
    data = b"indicator;area;period;value\nfraflytning;danmark;2023K1;4\x81\n"
    response = await client.post(
        IMPORTS,
        files=upload("binary.csv", data),
        headers={**await as_user(demo("reporter", "aab")), **NO_LANGUAGE},
    )
    [error] = problem(response, 422)["errors"]
    assert error["field"] == "body.file"
    assert error["code"] == "import.encoding"
    byte = data.index(b"\x81")
    assert error["params"] == {"byte": byte}
    assert error["message"] == f"filen er hverken tekst i UTF-8 eller i Windows-1252 (byte {byte})"


async def test_an_unreadable_csv_line_is_refused_in_danish_naming_the_row(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file([("fraflytning", "danmark", "2023K1", "x" * 200_000)])
    response = await client.post(
        IMPORTS, files=upload("lang.csv", data), headers={**await as_user(demo("reporter", "aab")), **DANISH}
    )
    [error] = problem(response, 422)["errors"]
    assert (error["field"], error["code"]) == ("row 2", "import.csv_unreadable")
    assert error["message"] == "Række 2: CSV-filen kan ikke læses: et felt er længere end 131072 tegn"
    assert error["params"] == {"row": 2, "reason": "field larger than field limit (131072)"}


async def test_a_problem_from_the_middleware_is_in_the_callers_language(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    big = {"code": "8", "title": "x" * 1_100_000}
    danish = problem(
        await client.post("/api/v1/goals", json=big, headers={**await as_user(ADMIN), **DANISH}), 413
    )
    assert danish["title"] == "Forespørgslen er for stor"
    assert danish["detail"].startswith("Forespørgslen er større end 1.000.000 byte")


async def test_the_openapi_document_lists_every_field_error_code(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/api/v1/openapi.json")).json()["components"]["schemas"]
    codes = set(schema["ErrorCode"]["enum"])
    assert {
        "field.required",
        "orgs.slug_taken",
        "observations.not_a_number",
        "import.encoding",
        "invalid",
    } <= codes
    assert schema["FieldError"]["properties"]["code"]["allOf"] == [{"$ref": "#/components/schemas/ErrorCode"}]


async def test_a_schema_validators_text_is_danish_with_its_code(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    secretary = await as_user(COORDINATION_SECRETARY)
    meeting, _ = await held_meeting(client, secretary, await body_id(client, "koordinationsgruppe"))
    path = f"/api/v1/meetings/{meeting['id']}/attendance"
    member = (await client.get(path, headers=secretary)).json()["items"][0]["member_id"]
    nameless = {"items": [{"member_id": member, "status": "substitute"}]}
    [error] = problem(await client.put(path, json=nameless, headers={**secretary, **DANISH}), 422)["errors"]
    assert error == {
        "field": "body.items.0",
        "code": "meetings.substitute_name",  # the validator's own text's code, not pydantic's wrapper
        "params": {},
        "message": "angiv stedfortræderen (substitute_name)",
    }
    [english] = problem(await client.put(path, json=nameless, headers={**secretary, **ENGLISH}), 422)[
        "errors"
    ]
    assert (english["code"], english["message"]) == (
        "meetings.substitute_name",
        "Value error, name the substitute (substitute_name)",
    )
