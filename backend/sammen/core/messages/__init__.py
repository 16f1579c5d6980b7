"""The catalogue of texts the API answers people with, in English and Danish, each with a stable code.

Every error text the code base raises is a template here: `Message(code, en, da)`. The English
template is the source text as the code writes it (like gettext's msgid), with `{name}` where
the code interpolates a value. A raised text is recognised by matching it against the English
templates, which yields its code and its parameters; the Danish template then renders the same
parameters. New code may also name a code and parameters directly (`FieldError(code=..., params=...)`).

Placeholders in a Danish template may say how to render the value: `{status:term}` translates a
known enum word (GLOSSARY), `{message:msg}` renders a nested message in the same language,
`{count:num}` writes a number the Danish way (1.000), `{expected:list}` turns " or " into " eller ".

tests/core/test_messages.py holds the catalogue to account: every text the code raises matches
a template here, and both languages use the same parameters.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sammen.core.i18n import Language

_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")


@dataclass(frozen=True)
class Message:
    code: str
    en: str
    da: str
    names: frozenset[str] = field(init=False)
    pattern: re.Pattern[str] = field(init=False)
    literal: int = field(init=False)  # literal characters: the more, the more specific

    def __post_init__(self) -> None:
        names = [m.group(1) for m in _PLACEHOLDER.finditer(self.en)]
        parts: list[str] = []
        last = 0
        for m in _PLACEHOLDER.finditer(self.en):
            parts.append(re.escape(self.en[last : m.start()]))
            parts.append(f"(?P<{m.group(1)}>.*?)")
            last = m.end()
        parts.append(re.escape(self.en[last:]))
        object.__setattr__(self, "names", frozenset(names))
        object.__setattr__(self, "pattern", re.compile("".join(parts) + r"\Z", re.DOTALL))
        object.__setattr__(self, "literal", len(_PLACEHOLDER.sub("", self.en)))

    @property
    def prefix(self) -> str:
        """The literal text before the first placeholder."""
        m = _PLACEHOLDER.search(self.en)
        return self.en[: m.start()] if m else self.en


M = Message


class Catalogue:
    def __init__(self, messages: Iterable[Message], glossary: Mapping[str, str]) -> None:
        self.by_code: dict[str, Message] = {}
        self._exact: dict[str, Message] = {}
        self._by_start: dict[str, list[Message]] = defaultdict(list)
        self._open: list[Message] = []  # templates that start with a placeholder
        self.glossary = dict(glossary)
        for message in messages:
            if message.code in self.by_code:
                raise ValueError(f"message code {message.code!r} is defined twice")
            self.by_code[message.code] = message
            if not message.names:
                self._exact.setdefault(message.en, message)
            elif len(message.prefix) >= 3:
                self._by_start[message.prefix[:3]].append(message)
            else:
                self._open.append(message)
        for bucket in (*self._by_start.values(), self._open):
            bucket.sort(key=lambda m: -m.literal)
        self.match = functools.lru_cache(maxsize=8192)(self._match)

    def _match(self, text: str) -> tuple[Message, dict[str, str]] | None:
        """The message whose English template `text` is, with the values filled in; most specific first."""
        exact = self._exact.get(text)
        if exact is not None:
            return exact, {}
        for candidate in (*self._by_start.get(text[:3], ()), *self._open):
            found = candidate.pattern.match(text)
            if found is not None:
                return candidate, found.groupdict()
        return None

    def render(self, message: Message, params: Mapping[str, Any], language: Language) -> str:
        template = message.da if language == "da" else message.en

        def value(m: re.Match[str]) -> str:
            raw = params.get(m.group(1))
            text = "" if raw is None else str(raw)
            spec = m.group(2)
            if language != "da" or spec is None:
                return self.localise(text, language) if spec == "msg" else text
            if spec == "term":
                return self.glossary.get(text, text)
            if spec == "msg":
                return self.localise(text, language)
            if spec == "num":
                return text.replace(",", ".")
            if spec == "list":
                return text.replace(" or ", " eller ").replace(" and ", " og ")
            return text

        return _PLACEHOLDER.sub(value, template)

    def localise(self, text: str, language: Language) -> str:
        """`text` in `language` (unchanged when it is not in the catalogue, or the language is English)."""
        if language == "en" or not text:
            return text
        found = self.match(text)
        return self.render(found[0], found[1], language) if found else text

    def describe(self, text: str) -> tuple[str, dict[str, str]] | None:
        found = self.match(text)
        return (found[0].code, found[1]) if found else None


def _build() -> Catalogue:
    # The catalogue's parts, one module per area (data only: no domain code is imported).
    from sammen.core.messages import common, events, governance, indicators, initiatives, orgs, reports

    messages = [*common.MESSAGES, *orgs.MESSAGES, *indicators.MESSAGES, *initiatives.MESSAGES]
    messages += [*governance.MESSAGES, *reports.MESSAGES, *events.MESSAGES]
    glossary = {**common.GLOSSARY, **governance.GLOSSARY, **orgs.GLOSSARY, **reports.GLOSSARY}
    return Catalogue(messages, glossary)


CATALOGUE = _build()
