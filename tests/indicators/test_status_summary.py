"""The status is read from a maintained summary (indicators/series.py): it follows approvals and
corrections at once, ignores drafts, withholds small numbers from everyone but the owner, and
agrees with the rule applied to the whole history however long the series is."""

from __future__ import annotations

from typing import Any

import httpx

from sammen.core.db import Database
from sammen.indicators import series
from tests.conftest import AuthHeaders
from tests.factories import demo
from tests.indicators.helpers import clear_series

EDITOR = demo("editor", "gladsaxe-kommune")  # the owner of the indicator
CODE = "beskaeftigelse"
AS_OF = "2024-03-01"


async def _put(
    client: httpx.AsyncClient, headers: dict[str, str], items: list[dict[str, Any]], approve: bool
) -> None:
    response = await client.put(
        f"/api/v1/indicators/{CODE}/observations",
        json={"items": [{"area": "hoeje-gladsaxe", "status": "final", **i} for i in items]},
        params={"approve": str(approve).lower()},
        headers=headers,
    )
    assert response.status_code == 200, response.text


async def _area(
    client: httpx.AsyncClient, headers: dict[str, str] | None = None, *, listed: bool = False
) -> dict[str, Any]:
    """The measured area's status, from the one-indicator call or the all-indicator list."""
    if listed:
        page = await client.get("/api/v1/indicator-status", params={"as_of": AS_OF}, headers=headers or {})
        assert page.status_code == 200, page.text
        [status] = [s for s in page.json()["items"] if s["indicator"] == CODE]
    else:
        response = await client.get(
            f"/api/v1/indicators/{CODE}/status", params={"as_of": AS_OF}, headers=headers or {}
        )
        assert response.status_code == 200, response.text
        status = response.json()
    [area] = [a for a in status["areas"] if a["area"] == "hoeje-gladsaxe"]
    return area  # type: ignore[no-any-return]


async def test_the_status_follows_approvals_and_corrections(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    owner = await as_user(EDITOR)
    await clear_series(database, CODE)
    await _put(
        client,
        owner,
        [{"period": "2021", "value": 70, "n": 40}, {"period": "2022", "value": 72, "n": 40}],
        True,
    )
    for listed in (False, True):
        assert (await _area(client, listed=listed))["value"] == 72
    # a correction as a draft changes nothing others see; approving it does, at once
    await _put(client, owner, [{"period": "2022", "value": 68, "n": 40}], False)
    assert (await _area(client))["value"] == 72
    approved = await client.post(f"/api/v1/indicators/{CODE}/observations/approve", json={}, headers=owner)
    assert approved.status_code == 200, approved.text
    for listed in (False, True):
        area = await _area(client, listed=listed)
        # no figure for Gladsaxe Kommune, whose level is the target: no target, and too few for a trend
        assert (area["value"], area["change_since_previous"], area["status"]) == (68, -2.0, "no_target")


async def test_withheld_values_count_only_for_the_owner(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    owner = await as_user(EDITOR)
    await clear_series(database, CODE)
    await _put(
        client,
        owner,
        [
            {"period": "2020", "value": 70, "n": 40},
            {"period": "2021", "value": 71, "n": 40},
            {"period": "2022", "value": 90, "n": 3},
        ],
        True,
    )
    for listed in (False, True):
        mine = await _area(client, owner, listed=listed)
        assert (mine["period"], mine["value"]) == ("2022", 90)
        for others in (None, await as_user(demo("viewer", "aab"))):
            theirs = await _area(client, others, listed=listed)
            assert (theirs["period"], theirs["value"]) == ("2021", 71), "n=3 is withheld from non-owners"


async def test_a_long_series_agrees_with_the_rule_on_its_whole_history(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    owner = await as_user(EDITOR)
    await clear_series(database, CODE)
    # two visible values, then more withheld ones than the summary keeps: others must reach back
    old = [{"period": "2004", "value": 60, "n": 40}, {"period": "2005", "value": 62, "n": 40}]
    small = [
        {"period": str(year), "value": 80 + year % 7, "n": 2}
        for year in range(2006, 2006 + series.RECENT + 2)
    ]
    await _put(client, owner, [*old, *small], True)
    theirs = await _area(client)
    assert (theirs["period"], theirs["value"], theirs["previous_period"]) == ("2005", 62, "2004")
    mine = await _area(client, owner)
    assert mine["period"] == small[-1]["period"]


async def test_a_baseline_years_back_is_read_past_the_summarys_window(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    """The move-out rate's baseline is its own 2018 level: a quarterly series keeps fewer quarters
    in the summary than reach back to 2018, so the rule reads that series' history."""
    await clear_series(database, "fraflytning")
    quarters = [(f"{year}-Q{q}", 2.0 + q % 3) for year in range(2018, 2023) for q in range(1, 5)]
    response = await client.put(
        "/api/v1/indicators/fraflytning/observations",
        json={
            "items": [
                {"area": "hoeje-gladsaxe", "period": p, "value": v, "status": "final"} for p, v in quarters
            ]
        },
        params={"approve": "true"},
        headers=await as_user(demo("editor", "aab")),
    )
    assert response.status_code == 200, response.text
    assert len(quarters) > series.RECENT
    status = (await client.get("/api/v1/indicators/fraflytning/status", params={"as_of": AS_OF})).json()
    [area] = [a for a in status["areas"] if a["area"] == "hoeje-gladsaxe"]
    # 2018: 3,0 + 4,0 + 2,0 + 3,0 → a mean of 3,0
    assert (area["baseline"], area["baseline_period"], area["period"]) == (3.0, "2018", "2022-Q4")
