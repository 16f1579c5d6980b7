"""The field types every request shape uses: text without control characters, bounded integers.

Text: `Line` is one line (no C0 control character, no DEL); `Text` is multi-line text (tab,
line feed and carriage return allowed, the other controls not). NUL breaks PostgreSQL and
the Markdown renderer, ESC and friends break every spreadsheet export, so they are refused at
the door with a 422 that names the field. The OpenAPI document carries the rule as a pattern.

Integers: ids are 64-bit everywhere (SQLite INTEGER, PostgreSQL bigint); counts, positions
and the like fit PostgreSQL's int4. A value beyond its column is a 422, never an overflow.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import annotated_types as at
from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

MAX_ID = 2**53 - 1  # the largest integer a JSON client (JavaScript) holds exactly; fits bigint
MAX_INT = 2**31 - 1  # PostgreSQL integer (int4)

_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_PATTERN = r"^[^\u0000-\u001F\u007F]*$"
TEXT_PATTERN = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$"


def control_character_problem(value: str, *, multiline: bool) -> str | None:
    """Why `value` is refused, or None. Shared by request shapes and file imports."""
    found = (_TEXT_FORBIDDEN if multiline else _LINE_FORBIDDEN).search(value)
    if found is None:
        return None
    character, position = f"U+{ord(found.group()):04X}", found.start() + 1
    if multiline:
        return (
            f"control character {character} at position {position} is not allowed "
            "(tab and line breaks are allowed here)"
        )
    return f"control character {character} at position {position} is not allowed"


class _NoControlCharacters:
    """Pydantic metadata: refuse control characters, and say so in the JSON schema."""

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline

    def _check(self, value: str) -> str:
        problem = control_character_problem(value, multiline=self.multiline)
        if problem is not None:
            raise ValueError(problem)
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema.setdefault("pattern", TEXT_PATTERN if self.multiline else LINE_PATTERN)
        return json_schema


Line = Annotated[str, _NoControlCharacters(multiline=False)]
"""One line of text: names, titles, codes, short notes."""

Text = Annotated[str, _NoControlCharacters(multiline=True)]
"""Multi-line text: descriptions, narratives, minutes; tab and line breaks allowed."""

Id = Annotated[int, at.Ge(1), at.Le(MAX_ID)]
"""A row id, in a path, a query or a body."""

Count = Annotated[int, at.Ge(0), at.Le(MAX_INT)]
"""A non-negative whole number stored in an int4 column (counts, positions, amounts of things)."""


def _in_utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


Moment = Annotated[dt.datetime, AfterValidator(_in_utc)]
"""A point in time a query filters by (`?since=`, `?starts_from=`): RFC 3339; a time without an
offset is read as UTC, the zone every stored timestamp is in (it was a 500: naive times are not
stored or compared)."""
