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

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sammen.seed.file_checks import cross_check
from sammen.seed.file_models import (
    Agreement,
    AgreementFile,
    Area,
    Body,
    FileModel,
    FuturePicture,
    Goal,
    Indicator,
    Observation,
    Organisation,
    Phase,
    ReferenceLine,
    RulesOfPlay,
    Seat,
    SubObjective,
)
from sammen.seed.file_types import (
    FORMAT,
    SLUG_PATTERN,
    AreaKind,
    BodyKind,
    Direction,
    ListKind,
    ObservationStatus,
    Operator,
    OrganisationKind,
    Periodicity,
    ReferenceKind,
    SeatRole,
    Visibility,
    period_kind,
)

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
        (index.line_of(field), field, message) for field, message in cross_check(model)
    ]
    if problems:
        raise AgreementFileError(name, problems)
    return model
