"""An organisation's data duties and its single approval queue across indicators."""

from __future__ import annotations

import datetime as dt

import httpx
from sqlmodel import col, select

from sammen.core.audit import AuditEvent
from sammen.core.db import Database
from sammen.indicators.duties import duties_of, next_period
from tests.conftest import AuthHeaders
from tests.factories import demo, problem

AAB_REPORTER, AAB_EDITOR = demo("reporter", "aab"), demo("editor", "aab")


def test_the_next_period_follows_each_kind() -> None:
    assert next_period("2024") == "2025"
    assert next_period("2024-Q4") == "2025-Q1"
    assert next_period("2024-12") == "2025-01"
    assert next_period("2023/24") == "2024/25"
    assert next_period("2022-11-01") is None


def test_due_periods_have_ended_and_passed_the_lag_and_gaps_are_missing() -> None:
    due, missing = duties_of(["2025-Q1", "2025-Q3", "2025-Q4"], kind="quarter", as_of=dt.date(2026, 8, 1))
    assert missing == ["2025-Q2"]
    assert due == ["2026-Q1"]  # 2026-Q2 ends 30 June: not expected before the autumn
    due, _ = duties_of(["2023"], kind="year", as_of=dt.date(2026, 3, 1))
    assert due == ["2024"]  # 2025's register figures come during 2026
    assert duties_of([], kind="year", as_of=dt.date(2026, 3, 1)) == ([], [])


async def _draft(client: httpx.AsyncClient, headers: dict[str, str], code: str, period: str) -> None:
    response = await client.put(
        f"/api/v1/indicators/{code}/observations",
        json={"items": [{"area": "hoeje-gladsaxe", "period": period, "value": 40.5, "n": 50}]},
        headers=headers,
    )
    assert response.status_code == 200, response.text


async def _draft_ids(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[int, str]:
    page = await client.get(
        "/api/v1/observations", params={"approval": "draft", "owner": "aab", "limit": 500}, headers=headers
    )
    assert page.status_code == 200, page.text
    return {o["id"]: o["indicator"] for o in page.json()["items"]}


async def test_the_duties_list_each_owned_indicator_with_its_drafts(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    reporter = await as_user(AAB_REPORTER)
    await _draft(client, reporter, "fraflytning", "2030-Q1")
    response = await client.get("/api/v1/indicator-duties", params={"organisation": "aab"}, headers=reporter)
    assert response.status_code == 200, response.text
    duties = {d["indicator"]: d for d in response.json()["items"]}
    assert {"fraflytning", "nye-lejere-i-arbejde"} <= duties.keys()
    assert duties["fraflytning"]["drafts"] >= 1
    assert duties["fraflytning"]["latest_period"] == "2030-Q1"
    assert all(d["indicator"] != "tryghed" for d in duties.values())  # owned by others


async def test_another_organisation_may_not_read_the_duties(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    response = await client.get(
        "/api/v1/indicator-duties",
        params={"organisation": "aab"},
        headers=await as_user(demo("editor", "kvp")),
    )
    problem(response, 403)
    unknown = await client.get(
        "/api/v1/indicator-duties", params={"organisation": "nowhere"}, headers=await as_user(AAB_EDITOR)
    )
    assert [e["field"] for e in problem(unknown, 422)["errors"]] == ["query.organisation"]


async def test_an_editor_approves_drafts_of_several_indicators_from_one_queue(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    reporter, editor = await as_user(AAB_REPORTER), await as_user(AAB_EDITOR)
    await _draft(client, reporter, "fraflytning", "2030-Q2")
    await _draft(client, reporter, "nye-lejere-i-arbejde", "2030-Q2")
    queue = await _draft_ids(client, reporter)
    assert {"fraflytning", "nye-lejere-i-arbejde"} <= set(queue.values())
    response = await client.post("/api/v1/observations/approve", json={"ids": list(queue)}, headers=editor)
    assert response.status_code == 200, response.text
    assert response.json()["approved"] == len(queue)
    assert await _draft_ids(client, reporter) == {}
    async with database.session() as session:
        events = (
            await session.scalars(select(AuditEvent).where(col(AuditEvent.action) == "observations.approve"))
        ).all()
    assert {e.object_id for e in events} >= {"fraflytning", "nye-lejere-i-arbejde"}


async def test_the_queue_is_all_or_nothing_and_refuses_a_reporter(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    reporter, editor = await as_user(AAB_REPORTER), await as_user(AAB_EDITOR)
    await _draft(client, reporter, "fraflytning", "2030-Q3")
    queue = list(await _draft_ids(client, reporter))
    problem(await client.post("/api/v1/observations/approve", json={"ids": queue}, headers=reporter), 403)
    mixed = await client.post(
        "/api/v1/observations/approve", json={"ids": [*queue, 99_999_999]}, headers=editor
    )
    assert [e["field"] for e in problem(mixed, 422)["errors"]] == ["body.ids"]
    assert set(await _draft_ids(client, reporter)) == set(queue)  # nothing was approved
