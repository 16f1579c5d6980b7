"""The public site's static files: its stylesheet (Det Fælles Designsystem, only the rules the
pages use, built by scripts/public-css.py) and the design system's font files it names.

Read once into memory and gzipped once; the stylesheet's address carries a digest of its
content, so it may be cached for a year (`immutable`)."""

from __future__ import annotations

import gzip

from fastapi import APIRouter, Request, Response

from sammen.public import texts
from sammen.public.rendering import STATIC

TYPES = {".css": "text/css; charset=utf-8", ".woff2": "font/woff2"}
YEAR = "public, max-age=31536000, immutable"


def _load() -> dict[str, tuple[bytes, bytes | None, str]]:
    files: dict[str, tuple[bytes, bytes | None, str]] = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file() and path.suffix in TYPES:
            raw = path.read_bytes()
            packed = gzip.compress(raw, compresslevel=9, mtime=0) if path.suffix == ".css" else None
            files[path.relative_to(STATIC).as_posix()] = (raw, packed, TYPES[path.suffix])
    return files


FILES = _load()
router = APIRouter(include_in_schema=False)


@router.get(texts.PREFIX["da"] + "/static/{name:path}")
async def read_asset(request: Request, name: str) -> Response:
    found = FILES.get(name)
    if found is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    raw, packed, media_type = found
    headers = {"Cache-Control": YEAR, "Vary": "Accept-Encoding"}
    if packed is not None and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type=media_type, headers={**headers, "Content-Encoding": "gzip"})
    return Response(raw, media_type=media_type, headers=headers)
