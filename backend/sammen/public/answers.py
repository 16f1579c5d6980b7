"""Answering public GETs as caches want them: weak ETags, 304, gzip, `Cache-Control: public`.

Every public answer is the same for every caller (the site ignores tokens and sets no cookies),
so browsers and shared caches may keep it for PUBLIC_MAX_AGE seconds. The weak ETag is a digest
of the body (core.conditional's, with the anonymous caller's visibility); If-None-Match that
names it gets 304. Bodies are gzipped once, when rendered; the tag names the content, not the
encoding, so it stays weak.

The process keeps each rendered page for PUBLIC_CACHE_SECONDS (default 10, never longer than
the max-age the answer itself allows), as a shared cache in front of the server would: under a
rush of readers a page is rendered once per interval instead of once per reader. It holds public
pages only (nothing a token could change), keyed by database, site address, path and query, and at most
CACHE_ENTRIES of them; a change reaches the site within that interval.
"""

from __future__ import annotations

import asyncio
import gzip
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request, Response

from sammen.core.conditional import etag_matches, weak_etag
from sammen.core.config import Settings
from sammen.core.permissions import visibility_key

GZIP_FROM = 1024  # smaller bodies are not worth compressing
CACHE_ENTRIES = 512


@dataclass(frozen=True)
class Rendered:
    raw: bytes
    packed: bytes | None  # gzip, when worth it
    tag: str
    media_type: str


class PageCache:
    """Rendered pages for a few seconds, least recently used dropped first."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[str, str, str], tuple[float, Rendered]] = OrderedDict()

    def get(self, key: tuple[str, str, str]) -> Rendered | None:
        found = self.entries.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        self.entries.move_to_end(key)
        return found[1]

    def put(self, key: tuple[str, str, str], page: Rendered, seconds: float) -> None:
        self.entries[key] = (time.monotonic() + seconds, page)
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


CACHE = PageCache()
_RENDERING: dict[tuple[str, str, str], asyncio.Future[None]] = {}


async def once(request: Request, settings: Settings, render: Callable[[], Awaitable[Response]]) -> Response:
    """Render a page that is not in the cache, once: readers arriving while it renders wait for
    that rendering instead of starting their own (no stampede when a popular page expires)."""
    if _seconds(settings) <= 0:
        return await render()
    key = _key(request, settings)
    running = _RENDERING.get(key)
    if running is not None and running.get_loop() is asyncio.get_running_loop():
        await asyncio.shield(running)
        ready = cached(request, settings)
        if ready is not None:
            return ready
        return await render()  # it ended without a page to share (a 404, an error)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    _RENDERING[key] = done
    try:
        return await render()
    finally:
        if _RENDERING.get(key) is done:
            del _RENDERING[key]
        done.set_result(None)


def _key(request: Request, settings: Settings) -> tuple[str, str, str]:
    """Database, address and query. The address includes the host the request named unless
    PUBLIC_BASE_URL fixes it: pages carry absolute links, and one request's Host header must not
    decide the links everyone else is served."""
    return (
        settings.database_url,
        settings.public_base_url or str(request.base_url),
        str(request.url.path) + "?" + request.url.query,
    )


def _seconds(settings: Settings) -> int:
    return min(settings.public_cache_seconds, settings.public_max_age)


def cached(request: Request, settings: Settings) -> Response | None:
    """The answer from the process's copy of the page, if it has a fresh one."""
    if _seconds(settings) <= 0:
        return None
    page = CACHE.get(_key(request, settings))
    return None if page is None else answer(request, settings, page)


def cacheable(
    request: Request, settings: Settings, body: str | bytes, *, media_type: str, status_code: int = 200
) -> Response:
    """The answer to a public GET, with its validators; 304 when the client's copy is current."""
    raw = body.encode() if isinstance(body, str) else body
    packed = gzip.compress(raw, compresslevel=6, mtime=0) if len(raw) >= GZIP_FROM else None
    page = Rendered(raw, packed, weak_etag(raw, visibility_key(None)).decode(), media_type)
    if status_code == 200 and _seconds(settings) > 0:
        CACHE.put(_key(request, settings), page, _seconds(settings))
    return answer(request, settings, page, status_code=status_code)


def answer(request: Request, settings: Settings, page: Rendered, *, status_code: int = 200) -> Response:
    headers = {
        "ETag": page.tag,
        "Cache-Control": f"public, max-age={settings.public_max_age}" if status_code == 200 else "no-cache",
        "Vary": "Accept-Encoding",
    }
    given = request.headers.get("if-none-match")
    if status_code == 200 and given is not None and etag_matches(given.encode(), page.tag.encode()):
        return Response(status_code=304, headers=headers)
    if page.packed is not None and "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(page.packed, status_code=status_code, media_type=page.media_type, headers=headers)
    return Response(page.raw, status_code=status_code, media_type=page.media_type, headers=headers)
