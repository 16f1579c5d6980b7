"""Goal roll-ups: a goal's status from its indicators' statuses, by the same rule everywhere."""

from __future__ import annotations

import httpx
import pytest

from sammen.indicators.rollup import rollup_of
from sammen.indicators.schemas import RollupIndicator
from tests.conftest import AuthHeaders
from tests.factories import demo


def item(status: str, position: str = "toward_target", code: str = "x") -> RollupIndicator:
    return RollupIndicator.model_validate(
        {"indicator": code, "name_da": code, "status": status, "position": position, "trend": "stable",
         "period": "2024", "explanation": ""}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["on_track", "on_track", "no_target"], "on_track"),
        (["on_track", "at_risk", "on_track"], "at_risk"),
        (["on_track", "off_track", "at_risk"], "at_risk"),
        (["off_track", "on_track"], "off_track"),
        (["no_target", "context"], "no_target"),
        (["no_recent_data", "context"], "no_recent_data"),
    ],
)
def test_a_goal_is_green_only_when_every_assessed_indicator_is(statuses: list[str], expected: str) -> None:
    verdict, _explanation, counts = rollup_of([item(s) for s in statuses])
    assert verdict == expected
    assert sum(counts.model_dump().values()) == len(statuses)


def test_one_indicator_over_a_legal_threshold_makes_the_goal_red() -> None:
    items = [
        item("on_track"),
        item("on_track"),
        item("off_track", "threshold_crossed", "k1-uden-beskaeftigelse"),
    ]
    verdict, explanation, _ = rollup_of(items)
    assert verdict == "off_track"
    assert explanation.startswith(
        "Ikke på rette vej: 1 på den forkerte side af en lovgrænse (k1-uden-beskaeftigelse)"
    )


async def test_goal_status_rolls_sub_objectives_up_into_their_goal(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    anonymous = (await client.get("/api/v1/goal-status", params={"as_of": "2025-06-01"})).json()["items"]
    assert [g["goal"] for g in anonymous] == ["1", "2", "3", "4"]
    goal2 = next(g for g in anonymous if g["goal"] == "2")
    assert {s["goal"] for s in goal2["sub_objectives"]} == {"2a", "2b", "2c", "2d", "2e"}
    # The goal counts its sub-objectives' indicators; the restricted police figures only for the police.
    assert {i["indicator"] for i in goal2["indicators"]} == {"k2-doemte", "tryghed", "tillid-politi"}
    police = (
        await client.get(
            "/api/v1/goal-status",
            params={"as_of": "2025-06-01"},
            headers=await as_user(demo("viewer", "kvp")),
        )
    ).json()["items"]
    goal2_police = next(g for g in police if g["goal"] == "2")
    assert "anmeldelser" in {i["indicator"] for i in goal2_police["indicators"]}
    for goal in anonymous:
        assert sum(goal["counts"].values()) == len(goal["indicators"])
        assert goal["area"] == "hoeje-gladsaxe"
