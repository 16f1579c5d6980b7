"""The interactive API documentation at /docs (Swagger UI) and /redoc (ReDoc), served offline.

Every asset comes from the product itself: Swagger UI's and ReDoc's bundles from the
`fastapi-offline` package (which ships them), and the small start-up script from
`apidocs_static/`. The pages load nothing from another host (no CDN, no web fonts, no
validator badge), so they work on a machine without internet and under a CSP of 'self'.
"""

from __future__ import annotations

import functools
from html import escape
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from sammen.core.errors import NotFound

ASSETS_PATH = "/docs/assets"
_VENDOR = Path(str(resources.files("fastapi_offline") / "static"))
_OWN = Path(__file__).with_name("apidocs_static")
# Only these names are served: nothing else in either folder is reachable.
ASSETS: dict[str, tuple[Path, str]] = {
    "swagger-ui-bundle.js": (_VENDOR / "swagger-ui-bundle.js", "text/javascript"),
    "swagger-ui.css": (_VENDOR / "swagger-ui.css", "text/css"),
    "redoc.standalone.js": (_VENDOR / "redoc.standalone.js", "text/javascript"),
    "favicon.png": (_VENDOR / "favicon.png", "image/png"),
    "swagger-init.js": (_OWN / "swagger-init.js", "text/javascript"),
}
# ReDoc's sidebar credit shows Redocly's logo from their CDN; the bundle is served with that one
# address pointed at an empty local image, so the page asks no other host for anything.
_REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
_EMPTY_SVG = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@functools.cache
def _redoc_bundle() -> bytes:
    return ASSETS["redoc.standalone.js"][0].read_bytes().replace(_REDOC_LOGO, _EMPTY_SVG)


# The pages themselves: no inline script, so the CSP needs no 'unsafe-inline' for scripts.
_SWAGGER_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Swagger UI</title>
<link rel="icon" type="image/png" href="{assets}/favicon.png">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" data-openapi-url="{openapi}"></main>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-init.js"></script>
</body>
</html>
"""
_REDOC_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – ReDoc</title>
<link rel="icon" type="image/png" href="{assets}/favicon.png">
</head>
<body>
<redoc spec-url="{openapi}" hide-hostname="true"></redoc>
<script src="{assets}/redoc.standalone.js"></script>
</body>
</html>
"""


def install_api_docs(app: FastAPI, *, openapi_url: str) -> None:
    """Serve /docs, /redoc and their assets (call after the API routes, before the SPA's catch-all)."""

    def page(template: str, request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        html = template.format(
            title=escape(app.title),
            assets=escape(root + ASSETS_PATH),
            openapi=escape(root + openapi_url),
        )
        return HTMLResponse(html, headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        return page(_SWAGGER_PAGE, request)

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        return page(_REDOC_PAGE, request)

    @app.get(ASSETS_PATH + "/{name}", include_in_schema=False)
    async def docs_asset(name: str) -> Response:
        asset = ASSETS.get(name)
        if asset is None:
            raise NotFound(f"No documentation asset {name!r}.")
        path, media_type = asset
        cache = {"Cache-Control": "public, max-age=86400"}
        if name == "redoc.standalone.js":
            return Response(_redoc_bundle(), media_type=media_type, headers=cache)
        return FileResponse(path, media_type=media_type, headers=cache)
