"""Conditional GET: a weak ETag on every JSON (and calendar) answer, 304 on If-None-Match.

The tag is a digest of exactly what the caller receives and of the caller's visibility
(permissions.visibility_key): it changes when, and only when, the response would, whichever
process answers and whatever wrote the change (an API call, a migration, plain SQL). A change
the caller cannot see leaves their response, and so their tag, as it was: a tag never reveals
a restricted change. A single resource's tag keeps its version in front (`W/"3.9f2c..."`), so
it still serves as If-Match (core.concurrency reads the version).

The server still builds the response (no hidden cache that could go stale); the client saves
the transfer and the parsing, and a 304 tells it nothing changed.
"""

from __future__ import annotations

import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sammen.core.permissions import visibility_key

TAGGED_TYPES = (b"application/json", b"text/calendar")
_VERSION = re.compile(rb'^(?:W/)?"(\d+)"$')


def weak_etag(body: bytes, visibility: object, version: bytes | None = None) -> bytes:
    hasher = hashlib.blake2b(repr(visibility).encode(), digest_size=10)
    hasher.update(b"\0")
    hasher.update(body)
    digest = hasher.hexdigest().encode()
    return b'W/"' + (version + b"." if version else b"") + digest + b'"'


def etag_matches(if_none_match: bytes, tag: bytes) -> bool:
    """Whether an If-None-Match header names `tag` (weak comparison, RFC 9110 13.1.2)."""
    if if_none_match.strip() == b"*":
        return True
    opaque = tag[2:]  # weak comparison: W/ prefixes do not matter
    return any(candidate.strip().removeprefix(b"W/") == opaque for candidate in if_none_match.split(b","))


class ConditionalGetMiddleware:
    """Tags the API's 200 answers to GET and answers a matching If-None-Match with 304."""

    def __init__(self, app: ASGIApp, *, prefix: str = "/api/") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal start, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if message["status"] != 200 or not content_type.startswith(TAGGED_TYPES):
                    passing = True  # errors, files and streamed downloads go out untouched
                    await send(message)
                    return
                start = message
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            await self._answer(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, capture)

    @staticmethod
    async def _answer(scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
        own = dict(start.get("headers", [])).get(b"etag")
        version = _VERSION.match(own) if own else None
        principal = (scope.get("state") or {}).get("principal")  # set by orgs.deps when a token came
        tag = weak_etag(body, visibility_key(principal), version.group(1) if version else None)
        present = {k.lower() for k, _ in headers}
        headers.append((b"etag", tag))
        if b"cache-control" not in present:  # a handler's own (the feeds': max-age) stands
            headers.append((b"cache-control", b"private, no-cache"))
        if b"vary" not in present:
            headers.append((b"vary", b"Authorization"))
        if_none_match = dict(scope["headers"]).get(b"if-none-match")
        if if_none_match is not None and etag_matches(if_none_match, tag):
            kept = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"content-type")]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})
