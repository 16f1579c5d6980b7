"""The agreement file format: the shipped Høje Gladsaxe file, and how broken files are refused."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sammen.seed.schema import AgreementFile, AgreementFileError, read_agreement_file

SHIPPED = Path(__file__).resolve().parents[2] / "backend/sammen/seed/agreements/hoeje-gladsaxe.yaml"

# A small valid file. Tests break one thing at a time and check where the error points.
MINIMAL = textwrap.dedent(
    """\
    format: sammen-agreement/1
    agreement:
      slug: test
      title: "Test"
      starts_on: 2018-01-01
      ends_on: 2030-12-31
      vision: "En vision."
      phases:
        - {number: 1, title: "Første", starts_year: 2018, ends_year: 2020}
        - {number: 2, title: "Anden", starts_year: 2021, ends_year: 2030}
    organisations:
      - {slug: kommune, name: "Kommunen", kind: kommune, is_party: true}
      - {slug: politi, name: "Politiet", kind: politi, is_party: true}
    goals:
      - code: "1"
        title: "Et mål"
        sub_objectives:
          - {code: 1a, title: "Et delmål"}
    bodies:
      - slug: partnerskab
        kind: partnership
        name: "Partnerskab"
        purpose: "Styrer."
        seats:
          - {code: ledere, title: "Ledere", organisation: kommune, count: 2}
    areas:
      - {code: omraadet, name: "Området", kind: target}
    indicators:
      - code: tryghed
        name_da: "Tryghed"
        name_en: "Safety"
        definition: "Andel trygge."
        unit: "%"
        decimals: 1
        direction: up
        periodicity: year
        source: "Undersøgelsen"
        owner: politi
        goals: [1a]
    observations:
      - {indicator: tryghed, area: omraadet, period: "2019", value: 68.9}
    """
)


def write(tmp_path: Path, text: str, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based line number of the first line containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in text")


def refused(path: Path) -> AgreementFileError:
    with pytest.raises(AgreementFileError) as caught:
        read_agreement_file(path)
    return caught.value


# ---------------------------------------------------------------- the shipped file


@pytest.fixture(scope="module")
def hoeje_gladsaxe() -> AgreementFile:
    return read_agreement_file(SHIPPED)


def test_the_shipped_file_loads_and_names_the_agreement(hoeje_gladsaxe: AgreementFile) -> None:
    assert hoeje_gladsaxe.format == "sammen-agreement/1"
    assert hoeje_gladsaxe.agreement.slug == "hoeje-gladsaxe"
    assert hoeje_gladsaxe.agreement.title == "Sammen om Høje Gladsaxe"


def test_the_agreement_has_seven_parties(hoeje_gladsaxe: AgreementFile) -> None:
    parties = {o.slug for o in hoeje_gladsaxe.organisations if o.is_party}
    assert parties == {"gladsaxe-kommune", "aab", "ab-gladsaxe", "fsb-gladsaxe", "lejerbo", "3b", "kvp"}


def test_each_residents_board_belongs_to_a_housing_organisation(hoeje_gladsaxe: AgreementFile) -> None:
    kinds = {o.slug: o.kind for o in hoeje_gladsaxe.organisations}
    boards = [o for o in hoeje_gladsaxe.organisations if o.kind == "residents_board"]
    assert len(boards) == 5
    assert {kinds[b.parent] for b in boards if b.parent} == {"boligorganisation"}
    assert len({b.parent for b in boards}) == 5


def test_four_goals_with_three_five_four_and_four_sub_objectives(hoeje_gladsaxe: AgreementFile) -> None:
    assert [g.code for g in hoeje_gladsaxe.goals] == ["1", "2", "3", "4"]
    assert [len(g.sub_objectives) for g in hoeje_gladsaxe.goals] == [3, 5, 4, 4]


def test_sub_objectives_keep_the_source_words_without_pdf_line_breaks(hoeje_gladsaxe: AgreementFile) -> None:
    safety = hoeje_gladsaxe.goals[1].sub_objectives[4]
    assert safety.code == "2e"
    assert safety.title == (
        "Styrker trygheden i området gennem tryghedsskabende kommunikation, møder og dialoger på "
        "tværs og tryghedsskabende fysiske tiltag"
    )


def test_three_phases_cover_2018_to_2030(hoeje_gladsaxe: AgreementFile) -> None:
    phases = hoeje_gladsaxe.agreement.phases
    assert [(p.number, p.starts_year, p.ends_year) for p in phases] == [
        (1, 2018, 2020),
        (2, 2021, 2025),
        (3, 2026, 2030),
    ]


def test_the_partnership_has_sixteen_seats(hoeje_gladsaxe: AgreementFile) -> None:
    partnership = next(b for b in hoeje_gladsaxe.bodies if b.slug == "partnerskab")
    by_org: dict[str | None, int] = {}
    for seat in partnership.seats:
        by_org[seat.organisation] = by_org.get(seat.organisation, 0) + seat.count
    assert by_org["gladsaxe-kommune"] == 4
    assert sum(by_org[o] for o in ("aab", "ab-gladsaxe", "fsb-gladsaxe", "lejerbo", "3b")) == 5
    assert sum(n for o, n in by_org.items() if o and o.startswith("afdelingsbestyrelse-")) == 5
    assert by_org["vores-hg"] == 1
    assert by_org["kvp"] == 1
    assert sum(seat.count for seat in partnership.seats) == 4 + 5 + 5 + 1 + 1


def test_no_temporary_working_group_is_a_standing_body(hoeje_gladsaxe: AgreementFile) -> None:
    assert {b.kind for b in hoeje_gladsaxe.bodies} == {"partnership", "coordination_group"}


def test_the_legal_thresholds_are_reference_lines(hoeje_gladsaxe: AgreementFile) -> None:
    k1 = next(i for i in hoeje_gladsaxe.indicators if i.code == "k1-uden-beskaeftigelse")
    lines = {(r.list_kind, r.operator, r.value) for r in k1.reference_lines if r.kind == "threshold"}
    assert lines == {("udsat", ">", 40), ("forebyggelse", ">", 30)}


def test_crime_reports_are_restricted_and_owned_by_the_police(hoeje_gladsaxe: AgreementFile) -> None:
    reports = next(i for i in hoeje_gladsaxe.indicators if i.code == "anmeldelser")
    assert (reports.owner, reports.visibility) == ("kvp", "restricted")


def test_published_safety_figures_are_observations(hoeje_gladsaxe: AgreementFile) -> None:
    safe = {
        (o.area, o.period): o.value
        for o in hoeje_gladsaxe.observations
        if o.indicator == "tryghed" and o.value is not None
    }
    assert safe[("hoeje-gladsaxe", "2019")] == 68.9
    assert safe[("kvp-politikreds", "2018")] == 84.9
    assert safe[("danmark", "2019")] == 85
    assert all(o.source for o in hoeje_gladsaxe.observations if o.value is not None)


# -------------------------------------------------------------- refused files


def test_the_minimal_file_is_valid(tmp_path: Path) -> None:
    assert read_agreement_file(write(tmp_path, MINIMAL)).goals[0].sub_objectives[0].code == "1a"


def test_a_missing_required_field_is_refused_naming_the_line_and_field(tmp_path: Path) -> None:
    text = MINIMAL.replace('{code: 1a, title: "Et delmål"}', "{code: 1a}")
    error = refused(write(tmp_path, text))
    line = line_of(text, "{code: 1a}")
    assert error.errors == [(line, "goals[0].sub_objectives[0].title", "Field required")]
    assert str(error) == f"broken.yaml line {line}: goals[0].sub_objectives[0].title: Field required"


def test_every_validation_error_is_listed_one_per_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('name: "Politiet", ', "").replace("decimals: 1", "decimals: many")
    error = refused(write(tmp_path, text))
    fields = [field for _, field, _ in error.errors]
    assert fields == ["organisations[1].name", "indicators[0].decimals"]
    assert len(str(error).splitlines()) == 2
    assert error.errors[1][0] == line_of(text, "decimals: many")


def test_an_unknown_organisation_reference_is_refused_naming_the_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("owner: politi", "owner: politiet")
    error = refused(write(tmp_path, text))
    line = line_of(text, "owner: politiet")
    assert error.errors == [(line, "indicators[0].owner", "unknown organisation 'politiet'")]
    assert f"broken.yaml line {line}: indicators[0].owner" in str(error)


def test_an_unknown_seat_organisation_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("organisation: kommune", "organisation: regionen")
    error = refused(write(tmp_path, text))
    assert error.errors == [
        (line_of(text, "regionen"), "bodies[0].seats[0].organisation", "unknown organisation 'regionen'")
    ]


def test_an_unknown_goal_or_area_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("goals: [1a]", "goals: [1z]").replace("area: omraadet", "area: byen")
    error = refused(write(tmp_path, text))
    assert [(field, message) for _, field, message in error.errors] == [
        ("indicators[0].goals[0]", "unknown goal or sub-objective '1z'"),
        ("observations[0].area", "unknown area 'byen'"),
    ]


def test_duplicate_codes_are_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("{slug: politi, name", "{slug: kommune, name").replace(
        "owner: politi", "owner: kommune"
    )
    error = refused(write(tmp_path, text))
    assert error.errors == [
        (
            line_of(text, '{slug: kommune, name: "Politiet"'),
            "organisations[1].slug",
            "duplicate organisation slug 'kommune' (first at organisations[0].slug)",
        )
    ]


def test_a_sub_objective_code_may_not_repeat_a_goal_code(tmp_path: Path) -> None:
    text = MINIMAL.replace("{code: 1a,", '{code: "1",').replace("goals: [1a]", 'goals: ["1"]')
    error = refused(write(tmp_path, text))
    assert [field for _, field, _ in error.errors] == ["goals[0].sub_objectives[0].code"]


def test_a_duplicate_yaml_key_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace('  title: "Test"\n', '  title: "Test"\n  title: "Igen"\n')
    error = refused(write(tmp_path, text))
    assert error.errors == [(line_of(text, "Igen"), "agreement.title", "duplicate key (first at line 4)")]


@pytest.mark.parametrize("period", ["2019-Q5", "2019-13", "19", "2019/21", "2019-02-30", "forår 2019"])
def test_a_malformed_period_is_refused(tmp_path: Path, period: str) -> None:
    text = MINIMAL.replace('period: "2019"', f'period: "{period}"')
    error = refused(write(tmp_path, text))
    [(line, field, message)] = error.errors
    assert (line, field) == (line_of(text, "period:"), "observations[0].period")
    assert message.startswith(f"malformed period '{period}'")


def test_a_period_must_fit_the_indicators_periodicity(tmp_path: Path) -> None:
    text = MINIMAL.replace('period: "2019"', 'period: "2019-Q1"')
    error = refused(write(tmp_path, text))
    assert [field for _, field, _ in error.errors] == ["observations[0].period"]
    assert "periodicity 'year'" in error.errors[0][2]


def test_well_formed_periods_are_accepted(tmp_path: Path) -> None:
    text = MINIMAL.replace("periodicity: year", "periodicity: school_year").replace(
        'period: "2019"', 'period: "2019/20"'
    )
    assert read_agreement_file(write(tmp_path, text)).observations[0].period == "2019/20"
    dated = MINIMAL.replace('period: "2019"', "period: 2019-11-01")
    assert read_agreement_file(write(tmp_path, dated)).observations[0].period == "2019-11-01"


def test_unknown_keys_are_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("decimals: 1", "decimals: 1\n    colour: blue")
    error = refused(write(tmp_path, text))
    assert error.errors == [
        (line_of(text, "colour"), "indicators[0].colour", "Extra inputs are not permitted")
    ]


def test_overlapping_phases_are_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("starts_year: 2021", "starts_year: 2020")
    error = refused(write(tmp_path, text))
    assert [(line, field) for line, field, _ in error.errors] == [
        (line_of(text, "Anden"), "agreement.phases[1].starts_year")
    ]


def test_a_threshold_needs_a_valid_operator(tmp_path: Path) -> None:
    base = MINIMAL.replace(
        "goals: [1a]", "goals: [1a]\n    reference_lines:\n      - {kind: threshold, value: 40}"
    )
    error = refused(write(tmp_path, base))
    assert error.errors[0][1:] == (
        "indicators[0].reference_lines[0]",
        "operator: a threshold needs an operator",
    )
    wrong = base.replace("value: 40}", 'value: 40, operator: "=>"}')
    error = refused(write(tmp_path, wrong))
    assert error.errors[0][1] == "indicators[0].reference_lines[0].operator"


def test_a_null_value_needs_a_missing_reason(tmp_path: Path) -> None:
    text = MINIMAL.replace("value: 68.9", "value: null")
    error = refused(write(tmp_path, text))
    assert error.errors[0][1:] == ("observations[0]", "missing_reason: required when value is null")


def test_a_number_where_a_code_belongs_asks_for_quotes(tmp_path: Path) -> None:
    text = MINIMAL.replace('code: "1"', "code: 1")
    error = refused(write(tmp_path, text))
    assert error.errors[0][1] == "goals[0].code"
    assert "write it in quotes" in error.errors[0][2]


def test_invalid_yaml_and_python_tags_are_refused_with_a_line(tmp_path: Path) -> None:
    error = refused(write(tmp_path, MINIMAL.replace('title: "Test"', 'title: "Test')))
    assert error.errors[0][0] is not None
    assert error.errors[0][2].startswith("invalid YAML")
    tagged = MINIMAL.replace('vision: "En vision."', "vision: !!python/object/apply:os.getcwd []")
    error = refused(write(tmp_path, tagged))
    assert error.errors[0][0] == line_of(tagged, "python/object")


def test_a_malformed_slug_is_explained(tmp_path: Path) -> None:
    text = MINIMAL.replace("slug: test", "slug: Test Aftale")
    error = refused(write(tmp_path, text))
    assert error.errors == [
        (
            line_of(text, "Test Aftale"),
            "agreement.slug",
            "'Test Aftale' is not a valid code: use lower-case letters and digits joined by '-'",
        )
    ]
