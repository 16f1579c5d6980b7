"""The message catalogue covers every text the code raises, in both languages.

A text is found in the source the way gettext's extractor finds one: the first argument of
an error class, of `field_error(field, text)` and of `FieldError(message=...)`, of a row error
`ctx.error(row, column, text)` or `row_error(row, column, code, text)`, of `file_error(code,
text)`, and what a function named `..._error` or `..._problem` returns (the helpers that word a
problem for their callers). An f-string's values are replaced by samples; the result must match
a template in core/messages/ (so a new error text without a Danish translation fails here,
naming the file and line). Where the raise site names the code too, it must be the catalogue's
code for that text: one code per error, on both sides.
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
    "AddressRefused",  # a webhook receiver's URL refused (events/netguard.py), reported as body.url
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


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _text_and_code(node: ast.Call) -> tuple[ast.expr | None, ast.expr | None]:
    """The text argument of an error-raising call and its code argument (None where there is none)."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    keyword = {k.arg: k.value for k in node.keywords}
    if name in ERRORS and node.args:
        return node.args[0], None
    if name == "field_error" and len(node.args) >= 2:
        return node.args[1], keyword.get("code")
    if name == "FieldError":
        return keyword.get("message"), keyword.get("code")
    if name == "error" and isinstance(func, ast.Attribute) and len(node.args) == 3:
        return node.args[2], keyword.get("code")
    if name == "row_error" and len(node.args) >= 4:
        return node.args[3], node.args[2]
    if name == "file_error" and len(node.args) >= 2:
        return node.args[1], node.args[0]
    return None, None


def _worded_problems(tree: ast.Module) -> Iterator[ast.Return]:
    """The return statements of the functions that word a problem (`period_error`, `..._problem`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.endswith(("_error", "_problem")):
            yield from (r for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None)


def _raised_texts() -> Iterator[tuple[str, str, str | None]]:
    """(where, text with samples, the code the raise site names or None)."""
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
        found: list[tuple[int, ast.expr, ast.expr | None]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                text_node, code_node = _text_and_code(node)
                if text_node is not None:
                    found.append((node.lineno, text_node, code_node))
        found += [(r.lineno, r.value, None) for r in _worded_problems(tree) if r.value is not None]
        for lineno, text_node, code_node in found:
            text = _sample(text_node, constants)
            literal = re.sub(r"'x1'|7", "", text or "")
            if text is not None and re.search(r"[A-Za-z]", literal):  # not just values joined: a text
                yield f"{where}:{lineno}", text, _literal(code_node) or None


RAISED = list(_raised_texts())


def test_the_source_scan_finds_the_texts() -> None:
    assert len(RAISED) > 200
    assert any(where.startswith("orgs/service.py") for where, _, _ in RAISED)
    assert any(code == "observations.unknown_area" for _, _, code in RAISED)  # row errors
    assert any(code == "import.too_many_rows" for _, _, code in RAISED)  # file errors
    assert any(where.startswith("indicators/periods.py") for where, _, _ in RAISED)  # worded problems


def test_every_raised_text_is_in_the_catalogue() -> None:
    missing = [f"{where}: {text!r}" for where, text, _ in RAISED if CATALOGUE.describe(text) is None]
    assert missing == [], "add these texts to core/messages/ (English template and Danish):\n" + "\n".join(
        missing
    )


def test_a_code_named_where_an_error_is_raised_is_the_catalogues_code_for_its_text() -> None:
    wrong = [
        f"{where}: {code!r} for {text!r}"
        for where, text, code in RAISED
        if code is not None
        and (code not in CATALOGUE.by_code or CATALOGUE.by_code[code].pattern.match(text) is None)
    ]
    assert wrong == [], "name the catalogue's code for the text (core/messages/):\n" + "\n".join(wrong)


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


@pytest.mark.parametrize(
    ("text", "danish"),
    [
        (
            "Too many failed sign-ins for this account from your address; try again later.",
            "For mange mislykkede loginforsøg for denne konto fra din adresse; prøv igen senere.",
        ),
        (
            "Too many failed sign-ins for your address; try again later.",
            "For mange mislykkede loginforsøg for din adresse; prøv igen senere.",
        ),
        ("larger than 2,147,483,647: '99999999999'", "større end 2.147.483.647: '99999999999'"),
        ("must not be negative: '-3'", "må ikke være negativ: '-3'"),
        (
            "control character U+0007 at position 4 is not allowed (tab and line breaks are allowed here)",
            "kontroltegnet U+0007 på plads 4 er ikke tilladt (tabulator og linjeskift er tilladt her)",
        ),
        (
            "unreadable CSV: field larger than field limit (131072)",
            "CSV-filen kan ikke læses: et felt er længere end 131072 tegn",
        ),
        (
            "more than 200,000 rows (blank rows count too); split the file",
            "mere end 200.000 rækker (tomme rækker tæller med); del filen op",
        ),
    ],
)
def test_a_text_worded_from_parts_is_danish_in_every_part(text: str, danish: str) -> None:
    assert CATALOGUE.localise(text, "da") == danish
