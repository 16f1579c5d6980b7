"""Rendering public pages and answering as a cache would want: weak ETags, 304, gzip, max-age.

Every public answer is the same for every caller (the site ignores tokens and sets no cookies),
so it may be cached by browsers and shared caches alike: `Cache-Control: public, max-age=N`
(PUBLIC_MAX_AGE), a weak ETag that is a digest of the body (core.conditional's, with the
anonymous caller's visibility), and 304 when If-None-Match matches. Bodies are gzipped when
the client accepts it; the tag names the content, not the encoding, so it stays weak.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from pathlib import Path
from typing import Any

from fastapi import Request, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sammen.core.clock import COPENHAGEN
from sammen.core.conditional import etag_matches, weak_etag
from sammen.core.config import Settings
from sammen.core.permissions import visibility_key
from sammen.public import texts
from sammen.public.charts import number

HERE = Path(__file__).parent
STATIC = HERE / "static"
GZIP_FROM = 1024  # smaller bodies are not worth compressing

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(("html", "xml", "j2")),
    trim_blocks=True,
    lstrip_blocks=True,
)


def long_date(value: dt.date | dt.datetime | str | None, lang: str) -> str:
    """12. marts 2025 / 12 March 2025 (a moment: its Copenhagen day). JSON's ISO text is read too."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.astimezone(COPENHAGEN).date()
    month = texts.MONTHS["da" if lang == "da" else "en"][value.month - 1]
    return f"{value.day}. {month} {value.year}" if lang == "da" else f"{value.day} {month} {value.year}"


def clock_time(value: dt.datetime, lang: str) -> str:
    local = value.astimezone(COPENHAGEN)
    return f"kl. {local:%H.%M}" if lang == "da" else f"at {local:%H:%M}"


env.filters["long_date"] = long_date
env.filters["clock_time"] = clock_time
env.filters["number"] = number
env.globals["path_of"] = texts.path_of


def _asset_version(name: str) -> str:
    return hashlib.blake2b((STATIC / name).read_bytes(), digest_size=6).hexdigest()


CSS_NAME = "public.css"
CSS_VERSION = _asset_version(CSS_NAME)
env.globals["css_href"] = f"{texts.PREFIX['da']}/static/{CSS_NAME}?v={CSS_VERSION}"


def base_url(request: Request, settings: Settings) -> str:
    """Where the site lives, for canonical links, feeds and the sitemap: PUBLIC_BASE_URL when set
    (always in production behind a shared cache), else the address the request came to."""
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/")
    return str(request.base_url).rstrip("/")


def render(template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)


def cacheable(
    request: Request,
    settings: Settings,
    body: str | bytes,
    *,
    media_type: str,
    status_code: int = 200,
    max_age: int | None = None,
) -> Response:
    """The answer to a public GET, with its validators; 304 when the client's copy is current."""
    raw = body.encode() if isinstance(body, str) else body
    tag = weak_etag(raw, visibility_key(None)).decode()
    age = settings.public_max_age if max_age is None else max_age
    headers = {
        "ETag": tag,
        "Cache-Control": f"public, max-age={age}" if status_code == 200 else "no-cache",
        "Vary": "Accept-Encoding",
    }
    given = request.headers.get("if-none-match")
    if status_code == 200 and given is not None and etag_matches(given.encode(), tag.encode()):
        return Response(status_code=304, headers=headers)
    if len(raw) >= GZIP_FROM and "gzip" in request.headers.get("accept-encoding", ""):
        raw = gzip.compress(raw, compresslevel=6, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return Response(raw, status_code=status_code, media_type=media_type, headers=headers)
