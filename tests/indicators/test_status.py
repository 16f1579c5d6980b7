"""Status rules on hand-made series, the goal-wide status call and the official list criteria."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from sammen.core.db import Database
from sammen.indicators.models import Direction, ReferenceKind, ReferenceLine
from sammen.indicators.status import Point, assess
from tests.conftest import AuthHeaders
from tests.factories import demo
from tests.indicators.helpers import clear_series

EDITOR = demo("editor", "gladsaxe-kommune")
AS_OF = "2024-03-01"


async def _series(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, items: list[dict[str, Any]]
) -> dict[str, Any]:
    await clear_series(database, "beskaeftigelse")
    response = await client.put(
        "/api/v1/indicators/beskaeftigelse/observations",
        json={"items": [{"area": "hoeje-gladsaxe", "status": "final", **i} for i in items]},
        params={"approve": "true"},
        headers=await as_user(EDITOR),
    )
    assert response.status_code == 200, response.text
    status = await client.get("/api/v1/indicators/beskaeftigelse/status", params={"as_of": AS_OF})
    assert status.status_code == 200, status.text
    [area] = [a for a in status.json()["areas"] if a["area"] == "hoeje-gladsaxe"]
    return area  # type: ignore[no-any-return]


async def test_rising_series_is_on_track(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    area = await _series(
        client,
        as_user,
        database,
        [{"period": "2020", "value": 70}, {"period": "2021", "value": 71}, {"period": "2022", "value": 72.5}],
    )
    assert (area["status"], area["rule"]) == ("on_track", "improving")
    assert (area["period"], area["previous_period"], area["change_since_previous"]) == ("2022", "2021", 1.5)


async def test_falling_series_is_off_track(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    area = await _series(
        client, as_user, database, [{"period": "2021", "value": 71}, {"period": "2022", "value": 69.5}]
    )
    assert (area["status"], area["rule"], area["change_since_previous"]) == ("off_track", "worsening", -1.5)


async def test_missing_periods_are_skipped_to_the_previous_value(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    area = await _series(
        client,
        as_user,
        database,
        [
            {"period": "2019", "value": 70},
            {"period": "2020", "missing_reason": "ingen opgørelse"},
            {"period": "2022", "value": 71},
        ],
    )
    assert (area["previous_period"], area["change_since_previous"], area["status"]) == (
        "2019",
        1.0,
        "on_track",
    )


async def test_no_comparison_across_a_series_break(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    area = await _series(
        client,
        as_user,
        database,
        [
            {"period": "2020", "value": 60},
            {"period": "2021", "value": 75, "status": "series_break"},
            {"period": "2022", "value": 74},
        ],
    )
    assert (area["previous_period"], area["change_since_previous"]) == ("2021", -1.0)
    assert (area["status"], area["rule"]) == ("off_track", "worsening")


async def test_a_series_break_as_latest_value_has_no_trend(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    area = await _series(
        client,
        as_user,
        database,
        [{"period": "2021", "value": 60}, {"period": "2022", "value": 75, "status": "series_break"}],
    )
    assert area["previous_period"] is None
    assert (area["status"], area["rule"]) == ("no_recent_data", "no-comparable-previous")


async def test_old_data_is_no_recent_data(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    area = await _series(
        client, as_user, database, [{"period": "2016", "value": 60}, {"period": "2017", "value": 65}]
    )
    assert (area["status"], area["rule"]) == ("no_recent_data", "stale")


async def test_drafts_do_not_count_in_the_status(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    await _series(
        client, as_user, database, [{"period": "2021", "value": 70}, {"period": "2022", "value": 71}]
    )
    await client.put(
        "/api/v1/indicators/beskaeftigelse/observations",
        json={"items": [{"area": "hoeje-gladsaxe", "period": "2022", "value": 50}]},
        headers=await as_user(demo("reporter", "gladsaxe-kommune")),
    )
    status = (await client.get("/api/v1/indicators/beskaeftigelse/status", params={"as_of": AS_OF})).json()
    [area] = [a for a in status["areas"] if a["area"] == "hoeje-gladsaxe"]
    assert area["value"] == 71


async def test_published_safety_figures_compare_with_the_comparison_areas(client: httpx.AsyncClient) -> None:
    status = (await client.get("/api/v1/indicators/tryghed/status", params={"as_of": "2020-06-01"})).json()
    [area] = status["areas"]
    assert (area["period"], area["value"], area["change_since_previous"]) == ("2019", 68.9, -2.2)
    gaps = {c["area"]: c["gap"] for c in area["comparisons"]}
    assert gaps == {"gladsaxe-kommune": -10.4, "kvp-politikreds": -11.7, "danmark": -16.1}
    assert (area["status"], area["rule"]) == ("off_track", "worsening")


async def test_one_call_gives_the_status_of_every_indicator_of_a_goal(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/indicator-status", params={"goal": "2", "as_of": AS_OF})
    codes = {s["indicator"] for s in response.json()["items"]}
    # Goal 2 and its sub-objectives (2d, 2e); the restricted police figures only for the police.
    assert codes == {"k2-doemte", "tryghed", "tillid-politi"}


def _line(kind: ReferenceKind, value: float, operator: str | None = None) -> ReferenceLine:
    return ReferenceLine(indicator_id=1, kind=kind, value=value, operator=operator)


def _points(*values: float) -> list[Point]:
    return [Point(str(2019 + k), dt.date(2019 + k, 1, 1), v, "final") for k, v in enumerate(values)]


@pytest.mark.parametrize(
    ("values", "lines", "direction", "expected"),
    [
        ((60, 65), [_line(ReferenceKind.target, 64)], Direction.up, ("on_track", "target-met")),
        ((60, 62), [_line(ReferenceKind.target, 64)], Direction.up, ("on_track", "improving-toward-target")),
        (
            (62, 60),
            [_line(ReferenceKind.target, 64)],
            Direction.up,
            ("off_track", "not-improving-toward-target"),
        ),
        ((30,), [_line(ReferenceKind.target, 25)], Direction.down, ("off_track", "target-not-met")),
        ((30,), [_line(ReferenceKind.baseline, 35)], Direction.down, ("on_track", "better-than-baseline")),
        ((30,), [], Direction.context, ("context", "context-indicator")),
        ((), [], Direction.up, ("no_recent_data", "no-data")),
    ],
)
def test_status_rules(
    values: tuple[float, ...], lines: list[ReferenceLine], direction: Direction, expected: tuple[str, str]
) -> None:
    verdict = assess(
        _points(*values),
        area_id=1,
        direction=direction,
        periodicity="year",
        lines=lines,
        as_of=dt.date(2022, 3, 1),
    )
    assert (verdict["status"], verdict["rule"]) == expected


async def test_list_criteria_count_crossed_thresholds_per_list_kind(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    values = {
        "k1-uden-beskaeftigelse": 35,
        "k2-doemte": 2.1,
        "k3-kun-grundskole": 30,
        "k4-indkomst": 70,
        "e-ikke-vestlige": 45,
    }
    headers = await as_user(EDITOR)
    for code, value in values.items():
        response = await client.put(
            f"/api/v1/indicators/{code}/observations",
            json={"items": [{"area": "hoeje-gladsaxe", "period": "2025", "value": value, "status": "final"}]},
            params={"approve": "true"},
            headers=headers,
        )
        assert response.status_code == 200, response.text
    body = (await client.get("/api/v1/areas/hoeje-gladsaxe/criteria", params={"list_year": 2025})).json()
    by_kind = {a["list_kind"]: a for a in body["assessments"]}
    # udsat: K1 > 40 no, K2 >= 3 no, K3 > 60 no, K4 < 55 no.
    assert by_kind["udsat"]["crossed"] == 0
    assert by_kind["udsat"]["meets_list_criteria"] is False
    # forebyggelse: K1 > 30 yes, K2 >= 2 yes, K3 no, K4 < 65 no; E > 30 yes.
    assert by_kind["forebyggelse"]["crossed"] == 2
    assert by_kind["forebyggelse"]["meets_list_criteria"] is True
    k1 = next(c for c in by_kind["forebyggelse"]["criteria"] if c["indicator"] == "k1-uden-beskaeftigelse")
    assert (k1["crossed"], k1["distance"]) == (True, -5.0)
    assert [c["indicator"] for c in by_kind["forebyggelse"]["conditions"]] == ["e-ikke-vestlige"]
