"""Uploads are untrusted work: bombs, odd encodings and edge cases answer 4xx naming the row, and
parsing never holds the event loop. Both imports (observations and initiatives) share the reader."""

from __future__ import annotations

import asyncio
import io
import re
import threading
import zipfile
from typing import Any

import httpx
import pytest
from openpyxl import Workbook

from sammen.core import table_files
from sammen.core.errors import ValidationFailed
from sammen.core.table_files import Limits, read_table_now
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, problem
from tests.indicators.helpers import IMPORTS, csv_file, upload

REPORTER = demo("reporter", "aab")
EDITOR = demo("editor", "aab")
INITIATIVES_IMPORT = "/api/v1/initiatives/import"
HEADER = ("indicator", "area", "period", "value")


def xlsx_bomb(rows: list[tuple[Any, ...]], *, blank_row_at: int | None = None) -> bytes:
    """A small workbook whose sheet declares A1:XFD1048576 (16,384 columns by 1,048,576 rows),
    optionally with one blank row far below its data."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    plain = io.BytesIO()
    workbook.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(
                    r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', data.decode()
                )
                if blank_row_at:
                    text = text.replace("</sheetData>", f'<row r="{blank_row_at}"/></sheetData>')
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def _codes(body: dict[str, Any]) -> list[str]:
    return [e.get("code", "") for e in body.get("errors", [])]


# ---------------------------------------------------------------- bombs and limits
def test_a_sheet_declaring_16384_columns_is_read_as_wide_as_its_cells() -> None:
    table = read_table_now(
        "bomb.xlsx", None, xlsx_bomb([HEADER, ("tryghed", "hoeje-gladsaxe", "2024", 80)]), Limits(max_rows=10)
    )
    assert table.header == list(HEADER)
    assert [len(cells) for _, cells in table.rows] == [4]


def test_blank_rows_count_toward_the_row_limit_so_a_far_away_row_is_refused_at_once() -> None:
    bomb = xlsx_bomb([HEADER, ("tryghed", "hoeje-gladsaxe", "2024", 80)], blank_row_at=1_048_576)
    with pytest.raises(ValidationFailed) as refused:
        read_table_now("bomb.xlsx", None, bomb, Limits(max_rows=200_000))
    assert refused.value.errors[0].code == "import.too_many_rows"


def test_reading_stops_at_the_time_limit() -> None:
    rows = [("tryghed", "hoeje-gladsaxe", str(2000 + k % 20), k) for k in range(2000)]
    with pytest.raises(ValidationFailed) as refused:
        read_table_now("slow.csv", None, csv_file(rows, header=HEADER), Limits(max_rows=10_000, seconds=0.0))
    assert refused.value.errors[0].code == "import.too_slow"


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing() -> None:
    data = xlsx_bomb([HEADER, ("tryghed", "hoeje-gladsaxe", "2024", 80)])
    with pytest.raises(ValidationFailed) as refused:
        read_table_now("big.xlsx", None, data, Limits(max_rows=10, max_unpacked_bytes=1000))
    assert refused.value.errors[0].code == "import.too_large_unpacked"


async def test_the_xlsx_bomb_is_a_422_and_health_answers_while_a_file_is_parsed(
    client: httpx.AsyncClient, as_user: AuthHeaders, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing runs in a worker thread: held there, it leaves the event loop free for /health."""
    started, release = threading.Event(), threading.Event()
    real = table_files.read_table_now

    def held_parse(*args: Any) -> Any:
        started.set()
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(table_files, "read_table_now", held_parse)
    bomb = xlsx_bomb([HEADER], blank_row_at=1_048_576)
    headers = await as_user(REPORTER)
    task = asyncio.create_task(client.post(IMPORTS, files=upload("bomb.xlsx", bomb), headers=headers))
    try:
        assert await asyncio.to_thread(started.wait, 10)
        health = await client.get("/api/v1/health")
        assert health.status_code == 200
        assert not task.done()
    finally:
        release.set()
    body = problem(await task, 422)
    assert _codes(body) == ["import.too_many_rows"]


async def test_a_viewer_is_refused_before_the_file_is_read(
    client: httpx.AsyncClient, as_user: AuthHeaders, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_: Any) -> Any:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(table_files, "read_table_now", never)
    bomb = xlsx_bomb([HEADER], blank_row_at=1_048_576)
    problem(
        await client.post(
            IMPORTS, files=upload("bomb.xlsx", bomb), headers=await as_user(demo("viewer", "aab"))
        ),
        403,
    )
    problem(
        await client.post(
            INITIATIVES_IMPORT,
            files=upload("bomb.xlsx", bomb),
            headers=await as_user(demo("reporter", "aab")),
        ),
        403,
    )


async def test_a_csv_of_blank_lines_is_refused_by_the_row_limit(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = b"indicator,area,period,value\n" + b"\n" * 200_001
    body = problem(
        await client.post(IMPORTS, files=upload("blank.csv", data), headers=await as_user(REPORTER)), 422
    )
    assert _codes(body) == ["import.too_many_rows"]


async def test_the_initiatives_import_takes_files_over_a_megabyte(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    """The 50 MB import limit holds for both imports (the middleware capped this one at 1 MB)."""
    description = "Et langt forløb. " * 100
    rows = "".join(f"ext-{k},aab,Indsats {k},{description}\n" for k in range(700))
    data = ("external_id,lead,title,description\n" + rows).encode()
    assert len(data) > 1_000_000
    response = await client.post(
        INITIATIVES_IMPORT,
        files=upload("stort.csv", data),
        params={"dry_run": "true"},
        headers=await as_user(EDITOR),
    )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["rows"] == 700


# ---------------------------------------------------------------- edge cases: 4xx, the row named
async def test_a_csv_field_over_the_csv_modules_limit_is_a_422_naming_its_row(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file(
        [("tryghed", "hoeje-gladsaxe", "2024", "1"), ("tryghed", "hoeje-gladsaxe", "2023", "x" * 200_000)],
        header=HEADER,
        sep=",",
    )
    body = problem(
        await client.post(IMPORTS, files=upload("lang.csv", data), headers=await as_user(REPORTER)), 422
    )
    assert body["errors"][0]["field"] == "row 3"
    assert body["errors"][0]["code"] == "import.csv_unreadable"


async def test_period_0000_is_a_422_naming_its_row(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    data = csv_file([("fraflytning", "danmark", "0000", "1")], header=HEADER, sep=",")
    body = problem(
        await client.post(IMPORTS, files=upload("nul.csv", data), headers=await as_user(REPORTER)), 422
    )
    assert body["errors"][0]["field"] == "row 2.period"
    assert body["errors"][0]["params"] == {"row": 2, "column": "period", "value": "0000"}


async def test_an_overflowing_n_in_an_import_is_a_422(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file(
        [("fraflytning", "danmark", "2023K1", "4", "99999999999999999999999")], header=(*HEADER, "n"), sep=","
    )
    body = problem(
        await client.post(IMPORTS, files=upload("n.csv", data), headers=await as_user(REPORTER)), 422
    )
    assert [e["field"] for e in body["errors"]] == ["row 2.n"]


async def test_control_characters_in_imported_cells_are_refused_by_row(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file([("fraflytning", "danmark", "2023K1", "4", "", "final", "ondt\x1b[31m")], sep=",")
    body = problem(
        await client.post(IMPORTS, files=upload("esc.csv", data), headers=await as_user(REPORTER)), 422
    )
    assert [e["field"] for e in body["errors"]] == ["row 2.comment"]
    initiatives = b"external_id,lead,title,description\nnul-1,aab,Titel,tekst\x00med nul\n"
    body = problem(
        await client.post(
            INITIATIVES_IMPORT, files=upload("nul.csv", initiatives), headers=await as_user(EDITOR)
        ),
        422,
    )
    assert body["errors"][0]["field"].startswith("row 2")


async def test_a_filename_over_80_characters_is_recorded_shortened(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    data = csv_file([("fraflytning", "danmark", "2023K1", "4")], header=HEADER, sep=",")
    name = "fraflytning-" + "meget-lang-" * 20 + ".csv"
    response = await client.post(IMPORTS, files=upload(name, data), headers=await as_user(REPORTER))
    assert response.status_code == 200, response.text
    audit = (
        await client.get(
            "/api/v1/audit-events", params={"action": "observations.import"}, headers=await as_user(ADMIN)
        )
    ).json()
    recorded = audit["items"][0]["object_id"]
    assert len(recorded) <= 80 and recorded.endswith(".csv")


async def test_a_windows_1252_csv_from_danish_excel_is_read(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    text = "indicator;area;period;value;comment\r\nfraflytning;danmark;2023K1;4,5;første kvartal, Århus\r\n"
    response = await client.post(
        IMPORTS, files=upload("excel.csv", text.encode("cp1252")), headers=await as_user(REPORTER)
    )
    assert response.status_code == 200, response.text
    exported = await client.get(
        "/api/v1/observations",
        params={
            "indicator": "fraflytning",
            "area": "danmark",
            "period_from": "2023K1",
            "period_to": "2023K1",
        },
        headers=await as_user(REPORTER),
    )
    assert exported.json()["items"][0]["comment"] == "første kvartal, Århus"


async def test_concurrent_imports_of_the_same_new_rows_never_answer_500(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    rows = [("fraflytning", "danmark", f"{year}K{q}", "4") for year in range(2001, 2011) for q in range(1, 5)]
    data = csv_file(rows, header=HEADER, sep=",")
    headers = await as_user(REPORTER)
    answers = await asyncio.gather(
        *(client.post(IMPORTS, files=upload(f"samme-{k}.csv", data), headers=headers) for k in range(4))
    )
    statuses = [r.status_code for r in answers]
    assert all(s in (200, 409) for s in statuses), [r.text[:200] for r in answers]
    assert 200 in statuses
