"""No code in backend/ imports a private (underscore) name of FastAPI, Starlette, SQLAlchemy,
SQLModel or pydantic, or reaches one as an attribute: an upgrade may change those without notice
and return wrong answers without failing."""

from __future__ import annotations

import ast
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1] / "backend" / "sammen"
GUARDED = ("fastapi", "starlette", "sqlalchemy", "sqlmodel", "pydantic", "pydantic_core")
# attributes that are private in the libraries above and were once used here
KNOWN_INTERNALS = {"_bind_processors", "_get_param_model", "_is_json_field", "_get_param_aliases"}


def _private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def test_no_private_library_names_in_backend() -> None:
    found = []
    for path in BACKEND.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(BACKEND)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in GUARDED:
                if _private(node.module) or any(_private(a.name) for a in node.names):
                    found.append(f"{where} from {node.module} import ...")
            elif isinstance(node, ast.Import):
                found += [
                    f"{where} import {a.name}"
                    for a in node.names
                    if a.name.split(".")[0] in GUARDED and _private(a.name)
                ]
            elif isinstance(node, ast.Attribute) and node.attr in KNOWN_INTERNALS:
                found.append(f"{where} .{node.attr}")
    assert found == []
