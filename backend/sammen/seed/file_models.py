"""The agreement file's pydantic models: the format's documentation, field by field."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from sammen.seed.file_types import (
    AreaKind,
    BodyKind,
    Direction,
    LineBasis,
    ListKind,
    Markdown,
    ObservationStatus,
    Operator,
    OrganisationKind,
    Period,
    Periodicity,
    ReferenceKind,
    SeatRole,
    Slug,
    Text,
    Visibility,
    Year,
    normalise_operator,
)

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
    operator: Annotated[Operator, BeforeValidator(normalise_operator)] | None = Field(
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
