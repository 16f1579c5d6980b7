"""Who sees which values: drafts, approval, corrections, withholding in every format, JSON-stat."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import AuthHeaders
from tests.factories import demo, problem
from tests.indicators.helpers import OBSERVATIONS, export, parse_csv, parse_xlsx

AAB_REPORTER = demo("reporter", "aab")
AAB_EDITOR = demo("editor", "aab")
KVP_VIEWER = demo("viewer", "kvp")
BATCH = "/api/v1/indicators/{code}/observations"


async def _put(
    client: httpx.AsyncClient, headers: dict[str, str], code: str, items: list[dict[str, Any]], **params: Any
) -> dict[str, Any]:
    response = await client.put(
        BATCH.format(code=code), json={"items": items}, headers=headers, params=params
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _values(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    response = await client.get(OBSERVATIONS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_drafts_are_invisible_to_others_until_approved(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    await _put(
        client,
        await as_user(AAB_REPORTER),
        "fraflytning",
        [{"area": "danmark", "period": "2022-Q1", "value": 4.4}],
    )
    query = {"indicator": "fraflytning", "area": "danmark"}
    assert await _values(client, {}, **query) == []
    assert await _values(client, await as_user(KVP_VIEWER), **query) == []
    assert parse_csv((await export(client, "csv", await as_user(KVP_VIEWER), **query)).text) == []
    own = await _values(client, await as_user(demo("viewer", "aab")), **query)
    assert [(o["value"], o["approval"]) for o in own] == [(4.4, "draft")]

    approved = await client.post(
        "/api/v1/indicators/fraflytning/observations/approve",
        json={"ids": [own[0]["id"]]},
        headers=await as_user(AAB_EDITOR),
    )
    assert approved.json() == {"approved": 1, "self_approved": 0}
    seen = await _values(client, {}, **query)
    assert [(o["value"], o["approval"], o["self_approved"]) for o in seen] == [(4.4, "approved", False)]


async def test_a_value_approved_by_the_person_who_entered_it_is_marked(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    await _put(client, editor, "fraflytning", [{"area": "danmark", "period": "2022-Q1", "value": 4.4}])
    result = await client.post(
        "/api/v1/indicators/fraflytning/observations/approve", json={"periods": ["2022K1"]}, headers=editor
    )
    assert result.json() == {"approved": 1, "self_approved": 1}
    [seen] = await _values(client, {}, indicator="fraflytning", area="danmark")
    assert seen["self_approved"] is True


async def test_reporters_may_not_approve(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    response = await client.post(
        "/api/v1/indicators/fraflytning/observations/approve", json={}, headers=await as_user(AAB_REPORTER)
    )
    problem(response, 403)


async def test_a_correction_keeps_the_approved_value_visible_and_in_the_history(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    await _put(
        client,
        editor,
        "fraflytning",
        [{"area": "danmark", "period": "2022-Q1", "value": 4.4}],
        approve="true",
    )
    await _put(
        client,
        await as_user(AAB_REPORTER),
        "fraflytning",
        [{"area": "danmark", "period": "2022-Q1", "value": 4.9}],
    )
    [public] = await _values(client, {}, indicator="fraflytning", area="danmark")
    assert public["value"] == 4.4  # the correction is a draft: others still see the approved value
    [own] = await _values(client, editor, indicator="fraflytning", area="danmark")
    assert (own["value"], own["approval"]) == (4.9, "draft")

    await client.post("/api/v1/indicators/fraflytning/observations/approve", json={}, headers=editor)
    detail = (await client.get(f"{OBSERVATIONS}/{public['id']}")).json()
    assert detail["value"] == 4.9
    assert [h["value"] for h in detail["history"]] == [4.4]
    assert detail["version"] > public["version"]


async def _withheld_setup(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    # nye-lejere-i-arbejde: owner AAB, min_n 5. One value on 3 lettings, one on 40.
    await _put(
        client,
        await as_user(AAB_EDITOR),
        "nye-lejere-i-arbejde",
        [
            {"area": "danmark", "period": "2022-Q1", "value": 66.7, "n": 3, "status": "final"},
            {"area": "danmark", "period": "2022-Q2", "value": 55.0, "n": 40, "status": "final"},
        ],
        approve="true",
    )


QUERY = {"indicator": "nye-lejere-i-arbejde", "area": "danmark"}


async def test_small_numbers_are_withheld_in_json_for_everyone_but_the_owner(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    await _withheld_setup(client, as_user)
    for headers in ({}, await as_user(KVP_VIEWER), await as_user("admin@sammen.demo")):
        items = await _values(client, headers, **QUERY)
        assert [(o["period"], o["value"], o["n"], o["withheld"]) for o in items] == [
            ("2022-Q1", None, None, True),
            ("2022-Q2", 55.0, 40, False),
        ]
    own = await _values(client, await as_user(demo("viewer", "aab")), **QUERY)
    assert [(o["value"], o["n"], o["withheld"]) for o in own] == [(66.7, 3, False), (55.0, 40, False)]


async def test_small_numbers_are_withheld_in_csv_and_xlsx_and_the_owner_exports_them(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    await _withheld_setup(client, as_user)
    other = await as_user(KVP_VIEWER)
    rows = parse_csv((await export(client, "csv", other, **QUERY)).text)
    assert [(r["value"], r["n"], r["withheld"]) for r in rows] == [("", "", "true"), ("55.0", "40", "false")]
    sheet = parse_xlsx((await export(client, "xlsx", other, **QUERY)).content)
    assert [(r["value"], r["n"], r["withheld"]) for r in sheet] == [(None, None, "true"), (55, 40, "false")]

    owner = await as_user(demo("viewer", "aab"))
    rows = parse_csv((await export(client, "csv", owner, **QUERY)).text)
    assert [(r["value"], r["n"], r["withheld"]) for r in rows] == [
        ("66.7", "3", "false"),
        ("55.0", "40", "false"),
    ]
    sheet = parse_xlsx((await export(client, "xlsx", owner, **QUERY)).content)
    assert [r["value"] for r in sheet] == [66.7, 55]


def check_jsonstat(doc: dict[str, Any]) -> None:
    """The JSON-stat 2.0 dataset structure: version, class, id, size, dimension, value."""
    assert doc["version"] == "2.0"
    assert doc["class"] == "dataset"
    assert isinstance(doc["id"], list) and isinstance(doc["size"], list)
    assert len(doc["id"]) == len(doc["size"])
    for dim, size in zip(doc["id"], doc["size"], strict=True):
        index = doc["dimension"][dim]["category"]["index"]
        assert sorted(index.values()) == list(range(size))
    total = 1
    for size in doc["size"]:
        total *= size
    values = doc["value"]
    assert isinstance(values, dict | list)
    if isinstance(values, dict):
        assert all(0 <= int(k) < total for k in values)
    else:
        assert len(values) == total
    for key in doc.get("status", {}):
        assert 0 <= int(key) < total
    for role_dims in doc.get("role", {}).values():
        assert set(role_dims) <= set(doc["id"])


def jsonstat_value(doc: dict[str, Any], **coords: str) -> tuple[Any, Any]:
    idx = 0
    for dim, size in zip(doc["id"], doc["size"], strict=True):
        idx = idx * size + doc["dimension"][dim]["category"]["index"][coords[dim]]
    return doc["value"].get(str(idx)), doc.get("status", {}).get(str(idx))


async def test_jsonstat_output_has_the_dataset_structure(client: httpx.AsyncClient) -> None:
    response = await export(client, "json-stat", {}, indicator="tryghed,tillid-politi")
    doc = response.json()
    check_jsonstat(doc)
    assert doc["id"] == ["indicator", "area", "period"]
    assert doc["dimension"]["indicator"]["category"]["unit"]["tryghed"]["label"] == "%"
    assert jsonstat_value(doc, indicator="tryghed", area="hoeje-gladsaxe", period="2019") == (68.9, None)
    assert jsonstat_value(doc, indicator="tryghed", area="hoeje-gladsaxe", period="2020") == (None, "missing")
    accept = await client.get(
        OBSERVATIONS, params={"indicator": "tryghed"}, headers={"Accept": "application/json-stat+json"}
    )
    assert accept.json()["class"] == "dataset"


async def test_small_numbers_are_withheld_in_jsonstat_and_the_owner_sees_them(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    await _withheld_setup(client, as_user)
    doc = (await export(client, "json-stat", await as_user(KVP_VIEWER), **QUERY)).json()
    check_jsonstat(doc)
    coords = {"indicator": "nye-lejere-i-arbejde", "area": "danmark"}
    assert jsonstat_value(doc, **coords, period="2022-Q1") == (None, "withheld")
    assert jsonstat_value(doc, **coords, period="2022-Q2") == (55.0, None)
    own = (await export(client, "json-stat", await as_user(AAB_REPORTER), **QUERY)).json()
    assert jsonstat_value(own, **coords, period="2022-Q1") == (66.7, None)


async def test_restricted_indicator_values_stay_with_their_organisation(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    query = {"indicator": "anmeldelser"}
    assert await _values(client, {}, **query) == []
    assert await _values(client, await as_user("admin@sammen.demo"), **query) == []
    assert await _values(client, await as_user(KVP_VIEWER), **query) != []
    assert parse_csv((await export(client, "csv", await as_user(AAB_EDITOR), **query)).text) == []


async def test_filters_select_periods_and_status(client: httpx.AsyncClient) -> None:
    items = await _values(
        client, {}, indicator="tryghed", area="hoeje-gladsaxe", period_from="2017", period_to="2019"
    )
    assert [o["period"] for o in items] == ["2017", "2018", "2019"]
    problem(await client.get(OBSERVATIONS, params={"period_from": "20x"}), 422)


async def test_the_accept_header_chooses_the_download_format(client: httpx.AsyncClient) -> None:
    response = await client.get(OBSERVATIONS, params={"indicator": "tryghed"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="observations.csv"'
    assert len(parse_csv(response.text)) == 9
    xlsx = await client.get(
        OBSERVATIONS,
        params={"indicator": "tryghed"},
        headers={"Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    )
    assert len(parse_xlsx(xlsx.content)) == 9
    problem(await client.get(OBSERVATIONS, params={"format": "pdf"}), 422)


async def test_the_history_keeps_who_entered_the_replaced_value(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    await _put(
        client,
        await as_user(AAB_REPORTER),
        "fraflytning",
        [{"area": "danmark", "period": "2022-Q1", "value": 4.4}],
    )
    editor = await as_user(AAB_EDITOR)
    await client.post("/api/v1/indicators/fraflytning/observations/approve", json={}, headers=editor)
    await _put(
        client,
        editor,
        "fraflytning",
        [{"area": "danmark", "period": "2022-Q1", "value": 4.6}],
        approve="true",
    )
    [row] = await _values(client, editor, indicator="fraflytning", area="danmark")
    detail = (await client.get(f"{OBSERVATIONS}/{row['id']}", headers=editor)).json()
    [earlier] = detail["history"]
    assert earlier["value"] == 4.4
    assert earlier["entered_by"].startswith("Demo reporter")
    assert earlier["approved_by"].startswith("Demo editor")
    assert detail["self_approved"] is True
    public = (await client.get(f"{OBSERVATIONS}/{row['id']}")).json()
    assert public["history"][0]["entered_by"] is None
