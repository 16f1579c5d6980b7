"""The agreement file's cross-checks that pydantic cannot do alone: unique codes, references that
resolve, phases in order, periods that fit the indicator."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sammen.seed.file_models import (
    Agreement,
    AgreementFile,
    Indicator,
    Phase,
    ReferenceLine,
)
from sammen.seed.file_types import Periodicity, period_kind

# ------------------------------------------------------------------- cross-checks

_PERIOD_FORMS: dict[Periodicity, tuple[str, str]] = {
    Periodicity.YEAR: ("year", "2024"),
    Periodicity.QUARTER: ("quarter", "2024-Q1"),
    Periodicity.MONTH: ("month", "2024-03"),
    Periodicity.SCHOOL_YEAR: ("school_year", "2023/24"),
    Periodicity.ELECTION: ("date", "the election day, 2022-11-01"),
}


def _unique(items: Iterable[tuple[str, str]], what: str) -> Iterator[tuple[str, str]]:
    """Yield a problem for each (path, key) whose key was seen before."""
    first: dict[str, str] = {}
    for path, key in items:
        if key in first:
            yield path, f"duplicate {what} {key!r} (first at {first[key]})"
        else:
            first[key] = path


def _cycles(parents: dict[str, str | None], paths: dict[str, str], what: str) -> Iterator[tuple[str, str]]:
    """Yield a problem for each item whose parent chain comes back to itself."""
    for start, path in paths.items():
        seen = {start}
        current = parents.get(start)
        while current is not None and current in parents:
            if current in seen:
                yield path, f"the {what} parent chain of {start!r} is a cycle"
                break
            seen.add(current)
            current = parents[current]


def cross_check(model: AgreementFile) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    problems += _check_agreement(model.agreement)

    # Unique identifiers.
    org_items = [(f"organisations[{i}].slug", o.slug) for i, o in enumerate(model.organisations)]
    problems += _unique(org_items, "organisation slug")
    goal_items = [(f"goals[{i}].code", g.code) for i, g in enumerate(model.goals)]
    goal_items += [
        (f"goals[{i}].sub_objectives[{j}].code", s.code)
        for i, g in enumerate(model.goals)
        for j, s in enumerate(g.sub_objectives)
    ]
    problems += _unique(goal_items, "goal or sub-objective code")
    body_items = [(f"bodies[{i}].slug", b.slug) for i, b in enumerate(model.bodies)]
    problems += _unique(body_items, "body slug")
    for i, body in enumerate(model.bodies):
        seat_items = [(f"bodies[{i}].seats[{j}].code", s.code) for j, s in enumerate(body.seats)]
        problems += _unique(seat_items, "seat code")
    area_items = [(f"areas[{i}].code", a.code) for i, a in enumerate(model.areas)]
    problems += _unique(area_items, "area code")
    indicator_items = [(f"indicators[{i}].code", x.code) for i, x in enumerate(model.indicators)]
    problems += _unique(indicator_items, "indicator code")
    observation_items = [
        (f"observations[{i}].period", f"{o.indicator} / {o.area} / {o.period}")
        for i, o in enumerate(model.observations)
    ]
    problems += _unique(observation_items, "observation (indicator / area / period)")

    organisations = {o.slug for o in model.organisations}
    goal_codes = {code for _, code in goal_items}
    bodies = {b.slug for b in model.bodies}
    areas = {a.code for a in model.areas}
    indicators = {x.code: x for x in model.indicators}

    # References.
    for i, org in enumerate(model.organisations):
        if org.parent is not None and org.parent not in organisations:
            problems.append((f"organisations[{i}].parent", f"unknown organisation {org.parent!r}"))
    problems += _cycles(
        {o.slug: o.parent for o in model.organisations},
        {o.slug: f"organisations[{i}].parent" for i, o in enumerate(model.organisations)},
        "organisation",
    )
    for i, body in enumerate(model.bodies):
        if body.parent is not None and body.parent not in bodies:
            problems.append((f"bodies[{i}].parent", f"unknown body {body.parent!r}"))
        for j, seat in enumerate(body.seats):
            if seat.organisation is not None and seat.organisation not in organisations:
                problems.append(
                    (f"bodies[{i}].seats[{j}].organisation", f"unknown organisation {seat.organisation!r}")
                )
    problems += _cycles(
        {b.slug: b.parent for b in model.bodies},
        {b.slug: f"bodies[{i}].parent" for i, b in enumerate(model.bodies)},
        "body",
    )
    for i, area in enumerate(model.areas):
        if area.parent is not None and area.parent not in areas:
            problems.append((f"areas[{i}].parent", f"unknown area {area.parent!r}"))
    problems += _cycles(
        {a.code: a.parent for a in model.areas},
        {a.code: f"areas[{i}].parent" for i, a in enumerate(model.areas)},
        "area",
    )
    for i, indicator in enumerate(model.indicators):
        problems += _check_indicator(f"indicators[{i}]", indicator, organisations, goal_codes, areas)
    for i, observation in enumerate(model.observations):
        path = f"observations[{i}]"
        if observation.area not in areas:
            problems.append((f"{path}.area", f"unknown area {observation.area!r}"))
        measured = indicators.get(observation.indicator)
        if measured is None:
            problems.append((f"{path}.indicator", f"unknown indicator {observation.indicator!r}"))
            continue
        kind = period_kind(observation.period)
        expected, example = _PERIOD_FORMS[measured.periodicity]
        if kind not in (expected, "date"):
            problems.append(
                (
                    f"{path}.period",
                    f"period {observation.period!r} does not fit the indicator's periodicity "
                    f"{measured.periodicity.value!r} (expected e.g. {example})",
                )
            )
    return problems


def _check_agreement(agreement: Agreement) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    previous: Phase | None = None
    for k, phase in enumerate(agreement.phases):
        path = f"agreement.phases[{k}]"
        expected_number = 1 if previous is None else previous.number + 1
        if phase.number != expected_number:
            problems.append((f"{path}.number", f"expected number {expected_number}, got {phase.number}"))
        if previous is not None and phase.starts_year <= previous.ends_year:
            problems.append(
                (
                    f"{path}.starts_year",
                    f"phase {phase.number} starts in {phase.starts_year}, "
                    f"before phase {previous.number} ends ({previous.ends_year})",
                )
            )
        if phase.starts_year < agreement.starts_on.year:
            problems.append((f"{path}.starts_year", f"before the agreement starts ({agreement.starts_on})"))
        if phase.ends_year > agreement.ends_on.year:
            problems.append((f"{path}.ends_year", f"after the agreement ends ({agreement.ends_on})"))
        previous = phase
    return problems


def _check_indicator(
    path: str, indicator: Indicator, organisations: set[str], goal_codes: set[str], areas: set[str]
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if indicator.owner not in organisations:
        problems.append((f"{path}.owner", f"unknown organisation {indicator.owner!r}"))
    for k, code in enumerate(indicator.goals):
        if code not in goal_codes:
            problems.append((f"{path}.goals[{k}]", f"unknown goal or sub-objective {code!r}"))
    for k, line in enumerate(indicator.reference_lines):
        if line.area is not None and line.area not in areas:
            problems.append((f"{path}.reference_lines[{k}].area", f"unknown area {line.area!r}"))
        if line.basis_area is not None and line.basis_area not in areas:
            problems.append((f"{path}.reference_lines[{k}].basis_area", f"unknown area {line.basis_area!r}"))
        for m in range(k):
            if _overlap(indicator.reference_lines[m], line):
                problems.append(
                    (
                        f"{path}.reference_lines[{k}]",
                        f"overlaps reference line [{m}] (same kind, list kind and area, overlapping years)",
                    )
                )
    return problems


def _overlap(a: ReferenceLine, b: ReferenceLine) -> bool:
    if (a.kind, a.list_kind, a.area) != (b.kind, b.list_kind, b.area):
        return False
    a_from, a_to = a.from_year or 0, a.to_year or 9999
    b_from, b_to = b.from_year or 0, b.to_year or 9999
    return a_from <= b_to and b_from <= a_to
