"""The language a request is answered in: Danish or English by Accept-Language, Danish by default.

Like Django's LocaleMiddleware, a middleware makes the request's language current (a context
variable); texts for people are rendered in it when they are written out (core/errors.py
renders problem details and field errors through the catalogue in core/messages/).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Literal, get_args

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Language = Literal["da", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "da"

current_language: ContextVar[Language] = ContextVar("sammen_language", default=DEFAULT_LANGUAGE)


def negotiate(accept_language: str | None) -> Language:
    """The best of Danish and English for an Accept-Language header (RFC 9110 §12.5.4).

    Ranges are weighed by q; `da-DK` counts as `da`, `*` as the default; equal weights keep
    the header's order. Neither language acceptable, or no header: Danish.
    """
    if not accept_language:
        return DEFAULT_LANGUAGE
    best: tuple[float, int, Language] | None = None
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        language: Language | None
        if primary in LANGUAGES:
            language = primary
        elif primary == "*":
            language = DEFAULT_LANGUAGE
        else:
            language = None
        if language is None or quality <= 0:
            continue
        candidate = (quality, -position, language)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else DEFAULT_LANGUAGE


class LanguageMiddleware:
    """Makes the request's language current, and labels problem responses with it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next((v for k, v in scope["headers"] if k == b"accept-language"), b"")
        language = negotiate(header.decode("latin-1"))
        token = current_language.set(language)

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if content_type.startswith(b"application/problem+json"):
                    headers.append((b"content-language", language.encode()))
                    headers.append((b"vary", b"Accept-Language"))
            await send(message)

        try:
            await self.app(scope, receive, send_with_language)
        finally:
            current_language.reset(token)
