"""Imports and batches: round trips, all-or-nothing, dry runs, per-row permissions, audit."""

from __future__ import annotations

import httpx
from sqlmodel import col, select

from sammen.core.audit import AuditEvent
from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import demo, field_names, problem
from tests.indicators.helpers import (
    IMPORTS,
    count_observations,
    csv_file,
    export,
    parse_csv,
    parse_xlsx,
    upload,
    xlsx_file,
)

AAB_REPORTER = demo("reporter", "aab")
KOMMUNE_REPORTER = demo("reporter", "gladsaxe-kommune")


async def test_csv_import_with_danish_conventions_round_trips_to_csv(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    rows = [
        ("fraflytning", "danmark", "2023K1", "4,5", "120", "final", "første kvartal"),
        ("fraflytning", "danmark", "2023K2", "3,25", "", "provisional", ""),
        ("fraflytning", "danmark", "2023-Q3", "5", "98", "series_break", "ny opgørelse; æøå"),
        ("fraflytning", "danmark", "2023K4", "", "", "final", ""),
    ]
    # The last row has no value: it gives a reason through the optional column.
    data = csv_file(
        [(*r, "ingen opgørelse" if r[3] == "" else "") for r in rows],
        sep=";",
        bom=True,
        header=("indicator", "area", "period", "value", "n", "status", "comment", "missing_reason"),
    )
    response = await client.post(
        IMPORTS, files=upload("fraflytning.csv", data), headers=await as_user(AAB_REPORTER)
    )
    assert response.status_code == 200, response.text
    assert response.json() | {"errors": []} == {
        "dry_run": False,
        "valid": True,
        "rows": 4,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "approved": 0,
        "errors": [],
    }

    out = await export(client, "csv", await as_user(AAB_REPORTER), indicator="fraflytning", area="danmark")
    assert out.headers["content-type"].startswith("text/csv")
    exported = parse_csv(out.text)
    assert [
        (r["period"], r["value"], r["n"], r["status"], r["comment"], r["missing_reason"]) for r in exported
    ] == [
        ("2023-Q1", "4.5", "120", "final", "første kvartal", ""),
        ("2023-Q2", "3.25", "", "provisional", "", ""),
        ("2023-Q3", "5.0", "98", "series_break", "ny opgørelse; æøå", ""),
        ("2023-Q4", "", "", "final", "", "ingen opgørelse"),
    ]
    assert {r["approval"] for r in exported} == {"draft"}

    # The export imports again as it is (comma, decimal point, extra columns): nothing changes.
    again = await client.post(
        IMPORTS, files=upload("again.csv", out.content), headers=await as_user(AAB_REPORTER)
    )
    assert again.status_code == 200, again.text
    assert (again.json()["created"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 4)


async def test_xlsx_import_round_trips_to_xlsx_and_csv(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    rows = [
        ("beskaeftigelse", "kvp-politikreds", 2021, 74.5, 1000, "final", None),
        ("beskaeftigelse", "kvp-politikreds", "2022", 75.25, None, "provisional", "foreløbigt tal"),
        ("beskaeftigelse", "kvp-politikreds", 2023, 76, 990, "final", None),
    ]
    response = await client.post(
        IMPORTS, files=upload("besk.xlsx", xlsx_file(rows)), headers=await as_user(KOMMUNE_REPORTER)
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 3

    owner = await as_user(KOMMUNE_REPORTER)
    xlsx = parse_xlsx(
        (await export(client, "xlsx", owner, indicator="beskaeftigelse", area="kvp-politikreds")).content
    )
    assert [(r["period"], r["value"], r["n"], r["status"], r["comment"]) for r in xlsx] == [
        ("2021", 74.5, 1000, "final", None),
        ("2022", 75.25, None, "provisional", "foreløbigt tal"),
        ("2023", 76.0, 990, "final", None),
    ]
    csv_rows = parse_csv(
        (await export(client, "csv", owner, indicator="beskaeftigelse", area="kvp-politikreds")).text
    )
    assert [(r["period"], r["value"], r["n"]) for r in csv_rows] == [
        ("2021", "74.5", "1000"),
        ("2022", "75.25", ""),
        ("2023", "76.0", "990"),
    ]


async def test_import_with_one_bad_row_writes_nothing_and_names_the_row(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    before = await count_observations(database, "fraflytning")
    data = csv_file(
        [
            ("fraflytning", "danmark", "2022K1", "4,1", "", "final", ""),
            ("fraflytning", "danmark", "2022K2", "fire", "", "final", ""),
            ("fraflytning", "danmark", "2022K3", "4,3", "", "final", ""),
        ]
    )
    response = await client.post(IMPORTS, files=upload("bad.csv", data), headers=await as_user(AAB_REPORTER))
    body = problem(response, 422)
    assert field_names(body) == {"row 3.value"}  # the header is row 1
    assert await count_observations(database, "fraflytning") == before


async def test_import_lists_every_error_with_row_column_and_reason(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file(
        [
            ("fraflytning", "nowhere", "2022K1", "4", "", "final", ""),
            ("fraflytning", "danmark", "2022", "4", "", "final", ""),  # a year for a quarterly indicator
            ("fraflytning", "danmark", "2022K3", "4", "-1", "maybe", ""),
            ("no-such", "danmark", "2022K3", "4", "", "", ""),
            ("fraflytning", "danmark", "2022K3", "4", "", "", ""),
            ("fraflytning", "danmark", "2022K3", "5", "", "", ""),  # the same key twice
        ]
    )
    response = await client.post(
        IMPORTS,
        params={"dry_run": "true"},
        files=upload("bad.csv", data),
        headers=await as_user(AAB_REPORTER),
    )
    assert response.status_code == 200
    summary = response.json()
    assert summary["valid"] is False
    assert {e["field"] for e in summary["errors"]} == {
        "row 2.area",
        "row 3.period",
        "row 4.n",
        "row 4.status",
        "row 5.indicator",
        "row 7.period",
    }
    assert all(e["message"] for e in summary["errors"])


async def test_dry_run_validates_and_writes_nothing(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    before = await count_observations(database, "fraflytning")
    data = csv_file([("fraflytning", "danmark", "2022K1", "4,1", "", "final", "")])
    response = await client.post(
        IMPORTS, params={"dry_run": "true"}, files=upload("ok.csv", data), headers=await as_user(AAB_REPORTER)
    )
    assert response.status_code == 200, response.text
    assert response.json()["dry_run"] is True
    assert response.json()["valid"] is True
    assert response.json()["created"] == 1
    assert await count_observations(database, "fraflytning") == before


async def test_import_of_another_organisations_indicator_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    before = await count_observations(database, "tryghed")
    data = csv_file(
        [
            ("fraflytning", "danmark", "2022K1", "4,1", "", "final", ""),  # AAB's own: fine alone
            ("tryghed", "danmark", "2021", "80", "", "final", ""),  # the police's
        ]
    )
    response = await client.post(
        IMPORTS, files=upload("mixed.csv", data), headers=await as_user(AAB_REPORTER)
    )
    body = problem(response, 403)
    assert field_names(body) == {"row 3.indicator"}
    assert await count_observations(database, "tryghed") == before


async def test_batch_for_another_organisations_indicator_is_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.put(
        "/api/v1/indicators/tryghed/observations",
        json={"items": [{"area": "hoeje-gladsaxe", "period": "2021", "value": 70}]},
        headers=await as_user(AAB_REPORTER),
    )
    problem(response, 403)


async def test_batch_is_idempotent_and_writes_one_audit_event(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    body = {
        "items": [
            {"area": "danmark", "period": "2022K1", "value": 4.1, "status": "final"},
            {"area": "danmark", "period": "2022M05", "value": 4.2},
        ]
    }
    # 2022M05 is a month: it does not fit a quarterly indicator.
    problem(
        await client.put(
            "/api/v1/indicators/fraflytning/observations", json=body, headers=await as_user(AAB_REPORTER)
        ),
        422,
    )
    body["items"][1]["period"] = "2022-Q2"
    headers = await as_user(AAB_REPORTER)
    first = await client.put("/api/v1/indicators/fraflytning/observations", json=body, headers=headers)
    assert first.status_code == 200, first.text
    assert (first.json()["created"], first.json()["unchanged"]) == (2, 0)
    second = await client.put("/api/v1/indicators/fraflytning/observations", json=body, headers=headers)
    assert (second.json()["created"], second.json()["updated"], second.json()["unchanged"]) == (0, 0, 2)
    body["items"][0]["value"] = 4.0
    third = await client.put("/api/v1/indicators/fraflytning/observations", json=body, headers=headers)
    assert (third.json()["updated"], third.json()["unchanged"]) == (1, 1)
    async with database.session(write=False) as session:
        events = (
            await session.execute(
                select(col(AuditEvent.action), col(AuditEvent.summary)).where(
                    col(AuditEvent.action) == "observations.batch"
                )
            )
        ).all()
    assert len(events) == 3
    assert events[0].summary["created"] == 2


async def test_reporter_may_not_store_values_approved(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file([("fraflytning", "danmark", "2022K1", "4,1", "", "final", "")])
    response = await client.post(
        IMPORTS, params={"approve": "true"}, files=upload("a.csv", data), headers=await as_user(AAB_REPORTER)
    )
    assert "query.approve" in field_names(problem(response, 403))
