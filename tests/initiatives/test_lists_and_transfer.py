"""The initiative list's filters and sorting, CSV/XLSX export, import by external_id, and coverage."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import httpx
from openpyxl import Workbook, load_workbook

from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, field_names, problem
from tests.initiatives.helpers import API, create_initiative

AAB_EDITOR = demo("editor", "aab")


async def _ids(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[int]:
    response = await client.get(f"{API}/initiatives", params={"limit": 500, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return [i["id"] for i in response.json()["items"]]


async def test_filters_combine(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    aab = await as_user(AAB_EDITOR)
    lejerbo = await as_user(demo("editor", "lejerbo"))
    one = await create_initiative(
        client,
        aab,
        title="Zeta lektiehjælp",
        goals=["3a"],
        partners=["kvp"],
        status="active",
        starts_on="2022-01-01",
        levels=["individ"],
    )
    two = await create_initiative(
        client,
        aab,
        title="Zeta legeplads",
        goals=["4a"],
        partners=[],
        status="planned",
        starts_on="2027-01-01",
        levels=["kvarter"],
    )
    three = await create_initiative(
        client,
        lejerbo,
        title="Zeta sommerlejr",
        lead="lejerbo",
        goals=["3a", "2b"],
        partners=["aab"],
        status="active",
        starts_on="2023-06-01",
        levels=["individ", "kvarter"],
    )
    viewer = await as_user(demo("viewer", "kvp"))
    q = {"q": "zeta"}
    assert set(await _ids(client, viewer, **q)) == {one["id"], two["id"], three["id"]}
    assert set(await _ids(client, viewer, **q, goal="3a")) == {one["id"], three["id"]}
    assert set(await _ids(client, viewer, **q, goal="3")) == {
        one["id"],
        three["id"],
    }  # a goal includes its subs
    assert set(await _ids(client, viewer, **q, organisation="aab")) == {one["id"], two["id"], three["id"]}
    assert set(await _ids(client, viewer, **q, organisation="lejerbo")) == {three["id"]}
    assert set(await _ids(client, viewer, **q, organisation="kvp")) == {one["id"]}
    assert set(await _ids(client, viewer, **q, organisation="aab", status="active")) == {
        one["id"],
        three["id"],
    }
    assert set(await _ids(client, viewer, **q, organisation="aab", status="active", phase=2)) == {
        one["id"],
        three["id"],
    }
    assert set(await _ids(client, viewer, **q, phase=3)) == {two["id"]}
    assert set(await _ids(client, viewer, **q, level="kvarter")) == {two["id"], three["id"]}
    assert set(await _ids(client, viewer, **q, level="kvarter", goal="3a", status="active")) == {three["id"]}
    assert set(await _ids(client, viewer, q="SOMMERLEJR")) == {three["id"]}
    assert set(await _ids(client, viewer, **q, status=["planned", "active"], goal="4")) == {two["id"]}
    assert await _ids(client, viewer, **q, sort="title") == [two["id"], one["id"], three["id"]]
    assert await _ids(client, viewer, **q, sort="-starts_on") == [two["id"], three["id"], one["id"]]
    problem(await client.get(f"{API}/initiatives", params={"sort": "budget"}, headers=viewer), 422)


async def test_updated_since_and_paging(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    aab = await as_user(AAB_EDITOR)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    made = [await create_initiative(client, aab, title=f"Ny {k}") for k in range(3)]
    ids = await _ids(client, aab, updated_since=before.isoformat())
    assert set(ids) == {m["id"] for m in made}
    page = (await client.get(f"{API}/initiatives", params={"limit": 2, "offset": 1}, headers=aab)).json()
    assert page["limit"] == 2 and page["offset"] == 1 and len(page["items"]) == 2
    assert page["total"] >= 3 + 12  # the demo set is there too


async def test_danish_letters_are_searched_case_insensitively(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    aab = await as_user(AAB_EDITOR)
    made = await create_initiative(client, aab, title="Ældreklub på Søborgvej")
    assert await _ids(client, aab, q="ÆLDREKLUB PÅ SØBORG") == [made["id"]]


def _csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


ROWS = [
    {
        "external_id": "LB-1",
        "title": "Import ét",
        "lead": "aab",
        "goals": "2a; 2b",
        "partners": "kvp",
        "indicators": "tryghed:up",
        "levels": "individ",
        "status": "active",
        "starts_on": "2022-01-01",
        "tags": "import",
        "visibility": "partners",
    },
    {
        "external_id": "LB-2",
        "title": "Import to",
        "lead": "aab",
        "goals": "3c",
        "partners": "",
        "indicators": "",
        "levels": "kvarter",
        "status": "planned",
        "starts_on": "2027-05-01",
        "tags": "",
        "visibility": "public",
    },
]


async def _import(
    client: httpx.AsyncClient, headers: dict[str, str], data: bytes, name: str = "i.csv", **params: Any
) -> httpx.Response:
    return await client.post(
        f"{API}/initiatives/import", files={"file": (name, data, "text/csv")}, params=params, headers=headers
    )


async def test_import_by_external_id_twice_changes_nothing_the_second_time(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    aab = await as_user(AAB_EDITOR)
    first = await _import(client, aab, _csv(ROWS))
    assert first.status_code == 200, first.text
    assert (first.json()["created"], first.json()["updated"], first.json()["unchanged"]) == (2, 0, 0)
    second = await _import(client, aab, _csv(ROWS))
    assert (second.json()["created"], second.json()["updated"], second.json()["unchanged"]) == (0, 0, 2)
    ids = [r["id"] for r in second.json()["results"]]
    detail = (await client.get(f"{API}/initiatives/{ids[0]}", headers=aab)).json()
    assert detail["version"] == 1
    assert detail["goals"] == ["2a", "2b"] and detail["partners"] == ["kvp"]
    assert detail["indicators"] == [{"indicator": "tryghed", "expected_direction": "up"}]
    changed = [dict(ROWS[0], title="Import ét, revideret"), ROWS[1]]
    third = await _import(client, aab, _csv(changed))
    assert (third.json()["updated"], third.json()["unchanged"]) == (1, 1)
    detail = (await client.get(f"{API}/initiatives/{ids[0]}", headers=aab)).json()
    assert detail["title"] == "Import ét, revideret" and detail["version"] == 2


async def test_a_dry_run_writes_nothing(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    aab = await as_user(AAB_EDITOR)
    response = await _import(client, aab, _csv(ROWS), dry_run=True)
    assert response.json()["dry_run"] is True and response.json()["created"] == 2
    assert await _ids(client, aab, q="Import") == []


async def test_an_import_with_one_bad_row_imports_nothing(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    aab = await as_user(AAB_EDITOR)
    bad = [ROWS[0], dict(ROWS[1], goals="9z", status="sleeping")]
    body = problem(await _import(client, aab, _csv(bad)), 422)
    assert field_names(body) == {"row 3.status"}
    assert await _ids(client, aab, q="Import") == []


async def test_each_import_row_is_checked_against_the_callers_permissions(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    aab = await as_user(AAB_EDITOR)
    rows = [ROWS[0], dict(ROWS[1], lead="lejerbo")]
    body = problem(await _import(client, aab, _csv(rows)), 403)
    assert field_names(body) == {"row 3.lead"}
    assert await _ids(client, aab, q="Import") == []
    problem(await _import(client, await as_user(demo("reporter", "aab")), _csv(ROWS)), 403)


async def test_an_xlsx_import_works_like_csv(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(ROWS[0]))
    for row in ROWS:
        sheet.append([dt.date.fromisoformat(v) if k == "starts_on" else v for k, v in row.items()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await _import(client, await as_user(AAB_EDITOR), buffer.getvalue(), name="i.xlsx")
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2


async def test_export_follows_the_filters_and_imports_again_unchanged(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    aab = await as_user(AAB_EDITOR)
    await _import(client, aab, _csv(ROWS))
    response = await client.get(
        f"{API}/initiatives/export", params={"format": "csv", "q": "Import", "status": "active"}, headers=aab
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["external_id"] for r in rows] == ["LB-1"]
    assert rows[0]["goals"] == "2a; 2b" and rows[0]["indicators"] == "tryghed:up"
    again = await _import(client, aab, response.content)
    assert again.json()["unchanged"] == 1, again.text

    xlsx = await client.get(
        f"{API}/initiatives/export", params={"format": "xlsx", "q": "Import"}, headers=aab
    )
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("id", "external_id", "title") and len(values) == 3
    again = await _import(client, aab, xlsx.content, name="x.xlsx")
    assert again.json()["unchanged"] == 2, again.text


async def test_coverage_finds_a_planted_gap(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    admin = await as_user(ADMIN)
    goals = (await client.get(f"{API}/goals")).json()["items"]
    goal_4 = next(g for g in goals if g["code"] == "4")
    planted = await client.post(
        f"{API}/goals",
        json={"code": "4x", "title": "Et plantet delmål", "parent_id": goal_4["id"]},
        headers=admin,
    )
    assert planted.status_code == 201
    aab = await as_user(AAB_EDITOR)
    lonely = await create_initiative(
        client, aab, title="Uden indikator", indicators=[], goals=["4x"], status="idea"
    )
    coverage = (await client.get(f"{API}/coverage", headers=aab)).json()
    assert "4x" in {g["code"] for g in coverage["sub_objectives_without_active_initiative"]}
    assert lonely["id"] in {i["id"] for i in coverage["initiatives_without_indicator"]}
    assert "k3-kun-grundskole" in {i["code"] for i in coverage["indicators_without_initiative"]}

    await create_initiative(
        client,
        aab,
        title="Dækker hullet",
        goals=["4x"],
        status="active",
        indicators=[{"indicator": "k3-kun-grundskole", "expected_direction": "down"}],
    )
    coverage = (await client.get(f"{API}/coverage", headers=aab)).json()
    assert "4x" not in {g["code"] for g in coverage["sub_objectives_without_active_initiative"]}
    assert "k3-kun-grundskole" not in {i["code"] for i in coverage["indicators_without_initiative"]}


async def test_the_demo_set_spans_goals_phases_and_parties(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    items = (
        await client.get(
            f"{API}/initiatives", params={"tag": "demodata", "limit": 500}, headers=await as_user(ADMIN)
        )
    ).json()["items"]
    assert len(items) >= 10
    assert {g[0] for i in items for g in i["goals"]} == {"1", "2", "3", "4"}
    assert {i["phase"] for i in items} >= {1, 2, 3}
    parties = {"gladsaxe-kommune", "aab", "ab-gladsaxe", "fsb-gladsaxe", "lejerbo", "3b", "kvp"}
    assert parties <= {i["lead"] for i in items} | {p for i in items for p in i["partners"]}
    children = await _ids(client, await as_user(ADMIN), tag="børn")
    assert len(children) == 1
    stories = (await client.get(f"{API}/good-stories")).json()
    assert stories["total"] >= 1


async def test_the_total_follows_every_change(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    aab = await as_user(AAB_EDITOR)

    async def total() -> int:
        page = await client.get(f"{API}/initiatives", params={"limit": 2, "status": "active"}, headers=aab)
        return int(page.json()["total"])

    before = await total()
    assert await total() == before
    made = await create_initiative(client, aab, status="active")
    assert await total() == before + 1
    await client.patch(
        f"{API}/initiatives/{made['id']}", json={"status": "completed"}, headers={**aab, "If-Match": '"1"'}
    )
    assert await total() == before
