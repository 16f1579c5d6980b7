"""The agreement file format (``format: sammen-agreement/1``) and its loader.

An agreement file is a YAML document that describes one area agreement: the
agreement text itself (vision, future pictures, rules of play, phases), the
organisations, the goal tree, the governance bodies with their seats, the areas,
the indicator catalogue and published observations. Everything a neighbourhood
needs is data in such a file; ``sammen seed`` loads it.

The pydantic models below are the format's documentation: every field carries a
short description, and ``AgreementFile.model_json_schema()`` renders them as JSON
Schema. Keys are snake_case English; text values are in the agreement's own
language (Danish for Høje Gladsaxe).

Conventions:

* Slugs and codes are lower-case ASCII words joined by hyphens (``gladsaxe-kommune``,
  ``1``, ``1a``, ``k1-uden-beskaeftigelse``). Write codes that look like numbers in
  quotes (``code: "1"``, ``dst_code: "084"``): YAML would otherwise read them as
  numbers (``000`` even as octal zero).
* Goal codes and sub-objective codes share one namespace, so an indicator's
  ``goals`` list can name either level.
* Observation periods are ``2024`` (year), ``2024-Q1`` (quarter), ``2024-03``
  (month), ``2023/24`` (school year) or an ISO date ``2022-11-01`` (a point in time,
  e.g. an election day or a register's reference day; allowed for any periodicity).

``read_agreement_file`` parses the YAML safely (no Python tags), validates it and
runs the cross-reference checks pydantic cannot do alone (unique codes, references
that resolve, phases in order, periods that fit the indicator). Every problem is
reported with the file name, the line and the dotted field path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "FORMAT",
    "Agreement",
    "AgreementFile",
    "AgreementFileError",
    "Area",
    "AreaKind",
    "Body",
    "BodyKind",
    "Direction",
    "FileModel",
    "FuturePicture",
    "Goal",
    "Indicator",
    "ListKind",
    "Observation",
    "ObservationStatus",
    "Operator",
    "Organisation",
    "OrganisationKind",
    "Periodicity",
    "Phase",
    "ReferenceKind",
    "ReferenceLine",
    "RulesOfPlay",
    "Seat",
    "SeatRole",
    "SubObjective",
    "Visibility",
    "period_kind",
    "read_agreement_file",
]

FORMAT = "sammen-agreement/1"
"""The format identifier this module reads."""

# --------------------------------------------------------------------------- types

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
"""A stable identifier: lower-case ASCII letters and digits, words joined by ``-``."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty text; surrounding whitespace is removed."""

Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty Markdown text (paragraphs separated by blank lines)."""

Year = Annotated[int, Field(ge=1900, le=2100)]

_YEAR_RE = re.compile(r"^(\d{4})$")
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SCHOOL_YEAR_RE = re.compile(r"^(\d{4})/(\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def period_kind(period: str) -> Literal["year", "quarter", "month", "school_year", "date"] | None:
    """Classify an observation period, or return None if it is not well formed."""
    if _YEAR_RE.match(period):
        return "year"
    if _QUARTER_RE.match(period):
        return "quarter"
    if _MONTH_RE.match(period):
        return "month"
    school_year = _SCHOOL_YEAR_RE.match(period)
    if school_year:
        first, second = int(school_year.group(1)), int(school_year.group(2))
        return "school_year" if (first + 1) % 100 == second else None
    if _DATE_RE.match(period):
        try:
            date.fromisoformat(period)
        except ValueError:
            return None
        return "date"
    return None


def _coerce_period(value: object) -> object:
    # YAML reads an unquoted 2024 as a number and 2022-11-01 as a date.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _check_period(value: str) -> str:
    if period_kind(value) is None:
        raise ValueError(
            f"malformed period {value!r}: expected 2024, 2024-Q1, 2024-03, 2023/24 or an ISO date 2022-11-01"
        )
    return value


Period = Annotated[str, BeforeValidator(_coerce_period), AfterValidator(_check_period)]
"""An observation period: ``2024``, ``2024-Q1``, ``2024-03``, ``2023/24`` or ``2022-11-01``."""


class OrganisationKind(StrEnum):
    """What sort of organisation it is."""

    KOMMUNE = "kommune"
    BOLIGORGANISATION = "boligorganisation"
    POLITI = "politi"
    SECRETARIAT = "secretariat"
    RESIDENTS_BOARD = "residents_board"
    OTHER = "other"


class Visibility(StrEnum):
    """Who may read a thing: everyone, the partners' staff, or named roles only."""

    PUBLIC = "public"
    PARTNERS = "partners"
    RESTRICTED = "restricted"


class BodyKind(StrEnum):
    """The level of a governance body."""

    PARTNERSHIP = "partnership"
    COORDINATION_GROUP = "coordination_group"
    WORKING_GROUP = "working_group"


class SeatRole(StrEnum):
    """The role a seat holds in its body."""

    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    OBSERVER = "observer"


class AreaKind(StrEnum):
    """Target area of the agreement, one housing estate in it, or a comparison area."""

    TARGET = "target"
    ESTATE = "estate"
    COMPARISON = "comparison"


class Direction(StrEnum):
    """Which way is better: ``up``, ``down``, or ``context`` (no good direction)."""

    UP = "up"
    DOWN = "down"
    CONTEXT = "context"


class Periodicity(StrEnum):
    """How often an indicator is measured; decides the expected period form."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    SCHOOL_YEAR = "school_year"
    ELECTION = "election"


class ReferenceKind(StrEnum):
    """What a reference line marks."""

    BASELINE = "baseline"
    TARGET = "target"
    THRESHOLD = "threshold"


class ListKind(StrEnum):
    """Which official list a legal threshold belongs to (almenboligloven §§ 61 a-61 b)."""

    UDSAT = "udsat"
    FOREBYGGELSE = "forebyggelse"


class LineBasis(StrEnum):
    """Where a reference line's value comes from."""

    FIXED = "fixed"
    OWN_LEVEL = "own_level"
    AREA_LEVEL = "area_level"


class Operator(StrEnum):
    """Comparison of an observed value with a reference line (value OPERATOR line)."""

    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="


class ObservationStatus(StrEnum):
    """How settled an observed figure is."""

    PROVISIONAL = "provisional"
    FINAL = "final"
    SERIES_BREAK = "series_break"


def _normalise_operator(value: object) -> object:
    return {"≥": ">=", "≤": "<="}.get(value, value) if isinstance(value, str) else value


# -------------------------------------------------------------------------- models


class FileModel(BaseModel):
    """Base of every model in the file: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")


class FuturePicture(FileModel):
    """One of the agreement's "future pictures" (fremtidsbilleder)."""

    title: Text = Field(description="A short title (derived; the source paragraphs have none).")
    text: Markdown = Field(description="The paragraph, in the source's words.")


class RulesOfPlay(FileModel):
    """The rules of play (spilleregler) that frame all joint work."""

    intro: Markdown = Field(description="The introductory text.")
    principles: list[Text] = Field(min_length=1, description="The principles, one per bullet.")


class Phase(FileModel):
    """A phase of the programme; phases are numbered 1, 2, ... and follow each other."""

    number: int = Field(ge=1, description="Phase number, from 1.")
    title: Text = Field(description="The phase's title.")
    starts_year: Year = Field(description="First calendar year of the phase.")
    ends_year: Year = Field(description="Last calendar year of the phase (inclusive).")
    description: Markdown | None = Field(default=None, description="Optional longer text.")

    @model_validator(mode="after")
    def _years_ordered(self) -> Phase:
        if self.ends_year < self.starts_year:
            raise ValueError(f"ends_year {self.ends_year} is before starts_year {self.starts_year}")
        return self


class Agreement(FileModel):
    """The agreement itself: its texts and its time frame."""

    slug: Slug = Field(description="Identifier of the agreement, e.g. hoeje-gladsaxe.")
    title: Text = Field(description="The agreement's title.")
    subtitle: Text | None = Field(default=None, description="The subtitle, if any.")
    description: Markdown | None = Field(
        default=None, description="Introduction and background, as Markdown paragraphs."
    )
    starts_on: date = Field(description="First day the agreement covers.")
    ends_on: date = Field(description="Last day the agreement covers.")
    vision: Markdown = Field(description="The vision.")
    future_pictures: list[FuturePicture] = Field(
        default_factory=list, description="The future pictures (fremtidsbilleder), in source order."
    )
    rules_of_play: RulesOfPlay | None = Field(default=None, description="The rules of play (spilleregler).")
    effect: Markdown | None = Field(
        default=None, description="How the effect of the initiatives is followed (effekten af indsatserne)."
    )
    prioritisation: Markdown | None = Field(
        default=None, description="How initiatives are prioritised and planned (prioritering)."
    )
    governance: Markdown | None = Field(
        default=None,
        description="The agreement's text on its organisation that is not a standing body: "
        "overview, temporary working groups, mandates (kommissorier).",
    )
    phases: list[Phase] = Field(default_factory=list, description="The programme's phases, in order.")

    @model_validator(mode="after")
    def _dates_ordered(self) -> Agreement:
        if self.ends_on < self.starts_on:
            raise ValueError(f"ends_on {self.ends_on} is before starts_on {self.starts_on}")
        return self


class Organisation(FileModel):
    """A party to the agreement or another organisation that takes part."""

    slug: Slug = Field(description="Identifier, unique in the file.")
    name: Text = Field(description="Full name.")
    kind: OrganisationKind = Field(description="Sort of organisation.")
    is_party: bool = Field(default=False, description="True for the parties that signed the agreement.")
    parent: Slug | None = Field(
        default=None,
        description="Slug of the organisation this one belongs to "
        "(for a residents' board: its housing organisation).",
    )
    description: Markdown | None = Field(default=None, description="Optional description.")


class SubObjective(FileModel):
    """A sub-objective ("Det betyder, at vi: ...") under an overarching goal."""

    code: Slug = Field(description='Code, unique across goals and sub-objectives, e.g. "1a".')
    title: Text = Field(description="The bullet text, in the source's words.")
    description: Markdown | None = Field(default=None, description="Optional longer text.")


class Goal(FileModel):
    """An overarching goal (målsætning) with its sub-objectives."""

    code: Slug = Field(description='Code, e.g. "1".')
    title: Text = Field(description="The goal, in the source's words.")
    description: Markdown | None = Field(default=None, description="Optional longer text.")
    visibility: Visibility = Field(default=Visibility.PUBLIC, description="Who may read the goal.")
    sub_objectives: list[SubObjective] = Field(default_factory=list, description="The sub-objectives.")


class Seat(FileModel):
    """A seat in a governance body: a function, possibly held by several people."""

    code: Slug = Field(description="Code, unique within the body.")
    title: Text = Field(description="The function that holds the seat, in the source's words.")
    organisation: Slug | None = Field(
        default=None, description="Slug of the organisation that fills the seat, if it is a single one."
    )
    count: int = Field(default=1, ge=1, description="How many people hold this kind of seat.")
    role: SeatRole | None = Field(
        default=None, description="The seat's role in the body, if the source says."
    )


class Body(FileModel):
    """A standing governance body (partnership, coordination group, working group)."""

    slug: Slug = Field(description="Identifier, unique in the file.")
    kind: BodyKind = Field(description="Level of the body.")
    name: Text = Field(description="Name of the body.")
    purpose: Markdown = Field(description="What the body is for, in the source's words.")
    description: Markdown | None = Field(
        default=None, description="Further source text, e.g. the composition as the source words it."
    )
    parent: Slug | None = Field(default=None, description="Slug of the body this one supports or reports to.")
    seats: list[Seat] = Field(default_factory=list, description="The body's seats.")


class Area(FileModel):
    """A geographical area that observations are about."""

    code: Slug = Field(description="Identifier, unique in the file.")
    name: Text = Field(description="Name of the area.")
    kind: AreaKind = Field(description="Target, estate or comparison area.")
    dst_code: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,6}$")] | None = Field(
        default=None, description='Statistics Denmark area code (OMRÅDE), as a string, e.g. "159".'
    )
    parent: Slug | None = Field(default=None, description="Code of the area that contains this one.")


class ReferenceLine(FileModel):
    """A line to read an indicator against: a baseline, a target or a (legal) threshold."""

    kind: ReferenceKind = Field(description="Baseline, target or threshold.")
    value: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        default=None,
        description="The line's value, in the unit (required for a fixed line); for a line that follows "
        "the data, an offset added to the followed value (default 0).",
    )
    basis: LineBasis = Field(
        default=LineBasis.FIXED,
        description="fixed: the value; own_level: the area's own level in from_year (a baseline such as "
        "'the level when the agreement started'); area_level: the level of basis_area in the same period "
        "(a target such as 'the municipality's level').",
    )
    basis_area: Slug | None = Field(
        default=None, description="For area_level: the area whose level it follows."
    )
    source: Text | None = Field(
        default=None, description="Where the line comes from: the law, the agreement's words, a decision."
    )
    operator: Annotated[Operator, BeforeValidator(_normalise_operator)] | None = Field(
        default=None,
        description='How a value meets the line: ">", ">=", "<" or "<=" (quote it in YAML). '
        "Required for thresholds.",
    )
    area: Slug | None = Field(
        default=None, description="Area code the line applies to; all areas if omitted."
    )
    list_kind: ListKind | None = Field(
        default=None, description="For a legal threshold: the list it belongs to (udsat or forebyggelse)."
    )
    from_year: Year | None = Field(default=None, description="First (list) year the line applies to.")
    to_year: Year | None = Field(default=None, description="Last (list) year the line applies to.")
    note: Text | None = Field(default=None, description="Optional note, e.g. the legal basis.")

    @model_validator(mode="after")
    def _consistent(self) -> ReferenceLine:
        if self.kind is ReferenceKind.THRESHOLD and self.operator is None:
            raise ValueError("operator: a threshold needs an operator")
        if self.list_kind is not None and self.kind is not ReferenceKind.THRESHOLD:
            raise ValueError("list_kind: only a threshold belongs to a list")
        if self.from_year is not None and self.to_year is not None and self.to_year < self.from_year:
            raise ValueError(f"to_year {self.to_year} is before from_year {self.from_year}")
        if self.basis is LineBasis.FIXED and self.value is None:
            raise ValueError("value: a fixed line needs a value")
        if self.basis is LineBasis.OWN_LEVEL and self.from_year is None:
            raise ValueError("from_year: an own_level line is the level in from_year; give the year")
        if (self.basis is LineBasis.AREA_LEVEL) != (self.basis_area is not None):
            raise ValueError("basis_area: give it exactly when the basis is area_level")
        if self.kind is ReferenceKind.THRESHOLD and self.basis is not LineBasis.FIXED:
            raise ValueError("basis: a legal threshold is a fixed value")
        return self


class Indicator(FileModel):
    """An indicator in the catalogue: what is measured, how, by whom, and for which goals."""

    code: Slug = Field(description="Identifier, unique in the file.")
    name_da: Text = Field(description="Danish name.")
    name_en: Text = Field(description="English name.")
    definition: Markdown = Field(description="What exactly is measured and how it is computed.")
    unit: Text = Field(description='Unit shown with values, e.g. "%".')
    decimals: int = Field(ge=0, le=6, description="Decimals to show.")
    direction: Direction = Field(description="Which way is better.")
    periodicity: Periodicity = Field(description="How often it is measured.")
    source: Text = Field(description="Where the figures come from.")
    owner: Slug = Field(description="Slug of the organisation that owns the indicator and posts its data.")
    visibility: Visibility = Field(default=Visibility.PUBLIC, description="Who may read the figures.")
    min_n: int | None = Field(
        default=None, ge=1, description="Smallest base (n) a figure may be shown for; smaller are hidden."
    )
    trend_tolerance: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = Field(
        default=None,
        description="A change over the last three periods within ± this counts as stable (default: "
        "1 point for shares, else 5 % of the level).",
    )
    goals: list[Slug] = Field(
        default_factory=list, description="Codes of the goals or sub-objectives the indicator follows."
    )
    reference_lines: list[ReferenceLine] = Field(default_factory=list, description="Reference lines.")


class Observation(FileModel):
    """A published figure for an indicator, an area and a period."""

    indicator: Slug = Field(description="Indicator code.")
    area: Slug = Field(description="Area code.")
    period: Period = Field(description="Reference period: 2024, 2024-Q1, 2024-03, 2023/24 or 2022-11-01.")
    value: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        description="The figure, in the indicator's unit; null if there is none (then give missing_reason)."
    )
    missing_reason: Text | None = Field(default=None, description="Why there is no value (only with null).")
    n: int | None = Field(default=None, ge=0, description="The base the figure is computed on, if known.")
    status: ObservationStatus = Field(default=ObservationStatus.FINAL, description="How settled it is.")
    comment: Text | None = Field(default=None, description="Optional comment.")
    source: Text | None = Field(default=None, description="Where this figure was published.")

    @model_validator(mode="after")
    def _value_or_reason(self) -> Observation:
        if self.value is None and self.missing_reason is None:
            raise ValueError("missing_reason: required when value is null")
        if self.value is not None and self.missing_reason is not None:
            raise ValueError("missing_reason: only allowed when value is null")
        return self


class AgreementFile(FileModel):
    """An agreement file: one area agreement with everything that belongs to it."""

    format: Literal["sammen-agreement/1"] = Field(description="Format identifier: sammen-agreement/1.")
    agreement: Agreement = Field(description="The agreement and its texts.")
    organisations: list[Organisation] = Field(default_factory=list, description="Parties and other actors.")
    goals: list[Goal] = Field(default_factory=list, description="The overarching goals, in order.")
    bodies: list[Body] = Field(default_factory=list, description="The standing governance bodies.")
    areas: list[Area] = Field(default_factory=list, description="The target area and comparison areas.")
    sources: dict[str, Text] = Field(
        default_factory=dict,
        description="Named source texts that reference lines cite through YAML anchors (&name / *name); "
        "not stored by themselves.",
    )
    indicators: list[Indicator] = Field(default_factory=list, description="The indicator catalogue.")
    observations: list[Observation] = Field(default_factory=list, description="Published figures.")


# -------------------------------------------------------------------------- errors

Problem = tuple[int | None, str, str]
"""One problem: (line, dotted field path, message)."""


class AgreementFileError(ValueError):
    """An agreement file could not be read; ``errors`` lists every problem found."""

    def __init__(self, file: str, errors: list[Problem]) -> None:
        self.file = file
        self.errors = errors
        super().__init__("\n".join(self._format(error) for error in errors))

    def _format(self, error: Problem) -> str:
        line, field, message = error
        where = self.file if line is None else f"{self.file} line {line}"
        return f"{where}: {field}: {message}" if field else f"{where}: {message}"


# -------------------------------------------------------------------------- loader

_MAX_NODES = 1_000_000  # guards the line index against alias bombs


class _LineIndex:
    """Maps dotted field paths to 1-based line numbers, built from the YAML nodes."""

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._count = 0

    def build(self, node: Node, path: str = "", ancestors: frozenset[int] = frozenset()) -> None:
        self._count += 1
        if self._count > _MAX_NODES:
            raise _TooLarge
        if id(node) in ancestors:  # a recursive alias; the validator reports the shape
            return
        inner = ancestors | {id(node)}
        if isinstance(node, MappingNode):
            first_seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
                child = f"{path}.{key}" if path else key
                line = key_node.start_mark.line + 1
                if key in first_seen:
                    self.problems.append((line, child, f"duplicate key (first at line {first_seen[key]})"))
                    continue
                first_seen[key] = line
                self.lines[child] = line
                self.build(value_node, child, inner)
        elif isinstance(node, SequenceNode):
            for position, item in enumerate(node.value):
                child = f"{path}[{position}]"
                self.lines[child] = item.start_mark.line + 1
                self.build(item, child, inner)

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest ancestor that is in the file."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return 1 if self.lines else None


class _TooLarge(Exception):
    pass


def _dotted(loc: Iterable[int | str]) -> str:
    path = ""
    for item in loc:
        if isinstance(item, int):
            path += f"[{item}]"
        else:
            path += f".{item}" if path else item
    return path


def _pydantic_problems(exc: ValidationError, index: _LineIndex) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        field = _dotted(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        value = error.get("input")
        if error["type"] == "string_type" and isinstance(value, int | float | date):
            message += " (write it in quotes in YAML)"
        elif (
            error["type"] == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SLUG_PATTERN
        ):
            message = f"{value!r} is not a valid code: use lower-case letters and digits joined by '-'"
        problems.append((index.line_of(field), field, message))
    return problems


def _parse(text: str, name: str) -> tuple[Any, _LineIndex]:
    loader = yaml.SafeLoader(text)
    index = _LineIndex()
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        if node is not None:
            index.build(node)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        problem = exc.problem or exc.context or "unreadable"
        raise AgreementFileError(name, [(line, "", f"invalid YAML: {problem}")]) from exc
    except yaml.YAMLError as exc:
        raise AgreementFileError(name, [(None, "", f"invalid YAML: {exc}")]) from exc
    except _TooLarge:
        raise AgreementFileError(name, [(None, "", "the file has too many nodes (alias bomb?)")]) from None
    finally:
        loader.dispose()
    return data, index


def read_agreement_file(path: Path) -> AgreementFile:
    """Read, validate and cross-check an agreement file.

    Raises ``AgreementFileError`` listing every problem as
    ``<file> line <n>: <field.path>: <message>``.
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AgreementFileError(name, [(None, "", f"cannot read the file: {exc}")]) from exc
    data, index = _parse(text, name)
    try:
        model = AgreementFile.model_validate(data)
    except ValidationError as exc:
        raise AgreementFileError(name, index.problems + _pydantic_problems(exc, index)) from None
    problems = index.problems + [
        (index.line_of(field), field, message) for field, message in _cross_check(model)
    ]
    if problems:
        raise AgreementFileError(name, problems)
    return model


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


def _cross_check(model: AgreementFile) -> list[tuple[str, str]]:
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
