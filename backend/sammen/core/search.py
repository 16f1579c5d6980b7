"""Case-insensitive text search that behaves the same on SQLite and PostgreSQL.

SQLite's lower() folds only ASCII, so "Ø" would not find "ø". On SQLite we register a
`sammen_lower` function (Python's str.lower) on every connection; on PostgreSQL the
same construct compiles to lower(), which folds æ/ø/å under a UTF-8 database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction


class text_lower(GenericFunction[str]):
    type = String()
    name = "lower"
    inherit_cache = True


@compiles(text_lower, "sqlite")
def _sqlite_lower(element: text_lower, compiler: SQLCompiler, **kw: Any) -> str:
    return f"sammen_lower({compiler.process(element.clauses, **kw)})"


def sqlite_lower(value: str | None) -> str | None:
    return None if value is None else value.lower()


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_text(column: Any, query: str) -> ColumnElement[bool]:
    """`column` contains `query`, ignoring case (æ/ø/å included) and treating % and _ literally."""
    pattern = f"%{escape_like(query.strip().lower())}%"
    return text_lower(column).like(pattern, escape="\\")
