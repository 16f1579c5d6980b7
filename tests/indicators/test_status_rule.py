"""The status rule as a pure function: every position × trend combination and its verdict."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from sammen.indicators.assessment import Point, Rule, assess

AS_OF = dt.date(2024, 3, 1)
HG, KOMMUNE = 1, 2
UP = Rule(direction="up", periodicity="year", unit="%", decimals=1)
DOWN = Rule(direction="down", periodicity="year", unit="%", decimals=1)


@dataclass(frozen=True)
class Line:
    kind: str
    value: float = 0.0
    operator: str | None = None
    area_id: int | None = None
    list_kind: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    basis: str = "fixed"
    basis_area_id: int | None = None
    source: str | None = None


def series(*values: float | None, first: int = 2019) -> list[Point]:
    return [Point(str(first + k), dt.date(first + k, 1, 1), v, "final") for k, v in enumerate(values)]


TARGET_70 = Line("target", 70.0)
BASELINE_60 = Line("baseline", 60.0, from_year=2018)
THRESHOLD_UNDER_65 = Line("threshold", 65.0, operator="<", list_kind="forebyggelse", from_year=2018)


@pytest.mark.parametrize(
    ("values", "lines", "expected"),
    [
        # at or past the target: holding or improving is green, worsening is a warning
        ((66, 68, 71), [TARGET_70, BASELINE_60], ("target_met", "improving", "on_track")),
        ((71, 71.5, 71), [TARGET_70, BASELINE_60], ("target_met", "stable", "on_track")),
        ((76, 74, 72), [TARGET_70, BASELINE_60], ("target_met", "worsening", "at_risk")),
        # between baseline and target: only improvement is green
        ((61, 63, 65), [TARGET_70, BASELINE_60], ("toward_target", "improving", "on_track")),
        ((65, 65.5, 65), [TARGET_70, BASELINE_60], ("toward_target", "stable", "at_risk")),
        ((68, 66, 64), [TARGET_70, BASELINE_60], ("toward_target", "worsening", "off_track")),
        ((64,), [TARGET_70, BASELINE_60], ("toward_target", "too_few", "at_risk")),
        # worse than the baseline: improving is a warning, the rest red
        ((50, 53, 56), [TARGET_70, BASELINE_60], ("behind_baseline", "improving", "at_risk")),
        ((56, 56, 56), [TARGET_70, BASELINE_60], ("behind_baseline", "stable", "off_track")),
        ((59, 57, 55), [TARGET_70, BASELINE_60], ("behind_baseline", "worsening", "off_track")),
        # a target without a baseline
        ((61, 63, 65), [TARGET_70], ("short_of_target", "improving", "on_track")),
        ((68, 66, 64), [TARGET_70], ("short_of_target", "worsening", "off_track")),
        # no target set: said so, never green, whatever the trend
        ((61, 63, 65), [BASELINE_60], ("no_target", "improving", "no_target")),
        ((68, 66, 64), [], ("no_target", "worsening", "no_target")),
        # a legal threshold on the wrong side beats everything, even a met target
        (
            (60, 62, 64),
            [Line("target", 60.0), THRESHOLD_UNDER_65],
            ("threshold_crossed", "improving", "off_track"),
        ),
        ((), [TARGET_70], ("no_data", "too_few", "no_recent_data")),
    ],
)
def test_position_and_trend_decide_the_status(
    values: tuple[float, ...], lines: list[Line], expected: tuple[str, str, str]
) -> None:
    result = assess(series(*values, first=2023 - len(values)), area_id=HG, rule=UP, lines=lines, as_of=AS_OF)
    assert (result.position, result.trend, result.status) == expected


def test_for_a_lower_is_better_indicator_everything_is_mirrored() -> None:
    result = assess(
        series(44, 42, 40.5),
        area_id=HG,
        rule=DOWN,
        lines=[Line("target", 35.0), Line("baseline", 45.0, from_year=2018)],
        as_of=AS_OF,
    )
    assert (result.position, result.trend, result.status) == ("toward_target", "improving", "on_track")


def test_changes_within_the_tolerance_are_stable_and_the_tolerance_is_the_indicators() -> None:
    lines = [TARGET_70, BASELINE_60]
    assert assess(series(64, 64.5, 65), area_id=HG, rule=UP, lines=lines, as_of=AS_OF).trend == "stable"
    strict = Rule(direction="up", periodicity="year", unit="%", tolerance=0.5)
    assert (
        assess(series(64, 64.5, 65), area_id=HG, rule=strict, lines=lines, as_of=AS_OF).trend == "improving"
    )
    # Not a share: 5 % of the level (1.6 × 0.05 = 0.08).
    ratio = Rule(direction="down", periodicity="year", unit="×", decimals=1)
    assert assess(series(1.6, 1.6, 1.5), area_id=HG, rule=ratio, lines=[], as_of=AS_OF).trend == "improving"


def test_stale_figures_keep_their_position_but_are_no_recent_data() -> None:
    result = assess(series(66, 68, 71, first=2015), area_id=HG, rule=UP, lines=[TARGET_70], as_of=AS_OF)
    assert (result.position, result.status, result.stale) == ("target_met", "no_recent_data", True)


def test_stale_figures_on_the_wrong_side_of_a_threshold_stay_red() -> None:
    threshold = Line("threshold", 65.0, operator="<", list_kind="forebyggelse", from_year=2015)
    result = assess(series(60, 61, 62, first=2015), area_id=HG, rule=UP, lines=[threshold], as_of=AS_OF)
    assert (result.position, result.status) == ("threshold_crossed", "off_track")


def test_context_indicators_are_not_judged() -> None:
    rule = Rule(direction="context", periodicity="year", unit="%")
    result = assess(series(45, 46, 47), area_id=HG, rule=rule, lines=[TARGET_70], as_of=AS_OF)
    assert (result.position, result.trend, result.status) == ("context", "not_applicable", "context")


def test_a_target_that_follows_another_area_uses_its_value_in_the_same_period() -> None:
    kommune = series(75, 76, 77, first=2020)
    line = Line("target", basis="area_level", basis_area_id=KOMMUNE)
    result = assess(
        series(60, 62, 64, first=2020), area_id=HG, rule=UP, lines=[line], as_of=AS_OF, others={KOMMUNE: kommune},
        area_names={KOMMUNE: "Gladsaxe Kommune"},
    )  # fmt: skip
    assert result.target is not None
    assert (result.target.value, result.target.period) == (77.0, "2022")
    assert "(Gladsaxe Kommunes niveau i 2022)" in result.explanation


def test_a_target_that_follows_another_area_falls_back_to_its_latest_earlier_value() -> None:
    kommune = series(75, 76, None, first=2020)
    line = Line("target", basis="area_level", basis_area_id=KOMMUNE)
    result = assess(
        series(60, 62, 64, first=2020),
        area_id=HG,
        rule=UP,
        lines=[line],
        as_of=AS_OF,
        others={KOMMUNE: kommune},
    )
    assert result.target is not None
    assert (result.target.value, result.target.period) == (76.0, "2021")


def test_an_own_level_baseline_is_the_mean_of_its_years_values() -> None:
    quarters = [
        Point(f"2018-Q{q}", dt.date(2018, 3 * q - 2, 1), v, "final")
        for q, v in enumerate((2.0, 3.0, 4.0, 3.0), 1)
    ] + [Point("2023-Q4", dt.date(2023, 10, 1), 2.5, "final")]
    rule = Rule(direction="down", periodicity="quarter", unit="%")
    line = Line("baseline", basis="own_level", from_year=2018)
    result = assess(quarters, area_id=HG, rule=rule, lines=[line], as_of=AS_OF)
    assert result.baseline is not None
    assert (result.baseline.value, result.baseline.period, result.change_since_baseline) == (
        3.0,
        "2018",
        -0.5,
    )


def test_withheld_values_count_as_no_value() -> None:
    result = assess(series(61, None, 65), area_id=HG, rule=UP, lines=[TARGET_70, BASELINE_60], as_of=AS_OF)
    assert (result.period, result.trend, result.trend_periods) == ("2021", "too_few", ["2019", "2021"])


def test_the_explanation_writes_the_rule_out_in_danish_with_danish_numbers() -> None:
    result = assess(series(1234.5, 1300.25, 1401.0, first=2020), area_id=HG, rule=Rule("up", "year", "kr.", 1), lines=[
        Line("target", 1500.0), Line("baseline", 1200.0, from_year=2018)], as_of=AS_OF)  # fmt: skip
    assert result.explanation == (
        "På rette vej. På vej mod målet: 1.401,0\u00a0kr. i 2022 mod målet 1.500,0\u00a0kr. og udgangspunktet "
        "1.200,0\u00a0kr. (2018). Udviklingen de seneste tre målinger (2020\u20132022) er positiv: "
        "+166,5\u00a0kr., i den ønskede retning (stabil inden for ±61,7)."
    )
