"""The message catalogue covers every text the code raises, in both languages.

A text is found in the source the way gettext's extractor finds one: the first argument of
an error class, of `field_error(field, text)` and of `FieldError(message=...)`, and of a
row error `ctx.error(row, column, text)`. An f-string's values are replaced by samples; the
result must match a template in core/messages/ (so a new error text without a Danish
translation fails here, naming the file and line).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sammen.core.messages import _PLACEHOLDER, CATALOGUE

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "sammen"
ERRORS = {
    "AppError",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "PreconditionFailed",
    "PayloadTooLarge",
    "ValidationFailed",
    "PreconditionRequired",
    "TooManyRequests",
    "PasswordChangeRequired",
    "ValueError",
}
# Texts people never read through the API: configuration refused at start-up, the agreement
# file's loader (a command-line tool), internal invariants.
NOT_FOR_PEOPLE = ("core/config.py", "seed/", "cli.py")


def _sample(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The text a call raises, with every interpolated value replaced by a sample."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.JoinedStr):
        out = ""
        for part in node.values:
            if isinstance(part, ast.Constant):
                out += str(part.value)
            else:
                assert isinstance(part, ast.FormattedValue)
                out += "'x1'" if part.conversion == ord("r") else "7"
        return out
    return None


def _raised_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(BACKEND.rglob("*.py")):
        where = str(path.relative_to(BACKEND))
        if where.startswith(NOT_FOR_PEOPLE) or where.startswith("core/messages"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            text_node: ast.expr | None = None
            if name in ERRORS and node.args:
                text_node = node.args[0]
            elif name == "field_error" and len(node.args) >= 2:
                text_node = node.args[1]
            elif name == "FieldError":
                text_node = next((k.value for k in node.keywords if k.arg == "message"), None)
            elif name == "error" and isinstance(func, ast.Attribute) and len(node.args) == 3:
                text_node = node.args[2]
            if text_node is None:
                continue
            text = _sample(text_node, constants)
            literal = re.sub(r"'x1'|7", "", text or "")
            if text is not None and re.search(r"[A-Za-z]", literal):  # not just values joined: a text
                yield f"{where}:{node.lineno}", text


RAISED = list(_raised_texts())


def test_the_source_scan_finds_the_texts() -> None:
    assert len(RAISED) > 200
    assert ("orgs/service.py" in where for where, _ in RAISED)


def test_every_raised_text_is_in_the_catalogue() -> None:
    missing = [f"{where}: {text!r}" for where, text in RAISED if CATALOGUE.describe(text) is None]
    assert missing == [], "add these texts to core/messages/ (English template and Danish):\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("message", list(CATALOGUE.by_code.values()), ids=lambda m: m.code)
def test_the_danish_text_names_only_values_the_english_one_has(message: object) -> None:
    en = {m.group(1) for m in _PLACEHOLDER.finditer(message.en)}  # type: ignore[attr-defined]
    da = {m.group(1) for m in _PLACEHOLDER.finditer(message.da)}  # type: ignore[attr-defined]
    assert da <= en
    assert message.da.strip()  # type: ignore[attr-defined]
    assert re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", message.code)  # type: ignore[attr-defined]


def test_the_most_specific_template_wins() -> None:
    assert CATALOGUE.describe("no organisation 5") == ("orgs.unknown", {"ref": "5"})
    assert CATALOGUE.describe("no goal 7") == ("goals.unknown", {"id": "7"})
    assert CATALOGUE.describe("no indicator 7") == (
        "links.unknown",
        {"target_type": "indicator", "target_id": "7"},
    )
