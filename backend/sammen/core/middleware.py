"""Pure ASGI middleware: request context, security headers and the request body limit."""

from __future__ import annotations

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sammen.core.audit import client_ip_var, request_id_var
from sammen.core.config import Settings
from sammen.core.db import SESSION_HOLDER, release_request_session
from sammen.core.errors import FieldError, PayloadTooLarge, Problem, ValidationFailed, problem_response

SPA_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
# The interactive docs (core/apidocs.py) load only their own assets; their styles are injected
# at run time and ReDoc's search runs in a blob: worker.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
DOCS_PAGES = frozenset({"/docs", "/redoc"})
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """A request id for logs and audit events (taken from X-Request-ID when sane), the client
    address, and the request's database session released when the request ends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        client = scope.get("client")
        token_id = request_id_var.set(request_id)
        token_ip = client_ip_var.set(client[0] if client else None)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode("latin-1")))
            await send(message)

        scope[SESSION_HOLDER] = []
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token_id)
            client_ip_var.reset(token_ip)
            await release_request_session(scope)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.hsts = settings.behind_tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        csp = DOCS_CSP if path in DOCS_PAGES else SPA_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"strict-origin-when-cross-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                    (b"content-security-policy", csp.encode()),
                ]
                if self.hsts:
                    extra.append((b"strict-transport-security", b"max-age=63072000; includeSubDomains"))
                if path.startswith("/api/") and b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                headers.extend((k, v) for k, v in extra if k not in present)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestTargetGuard:
    """422 for a path or query string carrying a NUL character (`/index.html%00.js`): no file name,
    database text or id contains one, and PostgreSQL refuses it with an error of its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and ("\x00" in scope["path"] or b"%00" in scope.get("query_string", b"")):
            problem = ValidationFailed(
                "The request target contains a NUL character.",
                errors=[
                    FieldError(
                        field="path" if "\x00" in scope["path"] else "query", message="NUL is not allowed"
                    )
                ],
            ).problem()
            await problem_response(problem)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    """413 for bodies over the limit: by Content-Length up front, and by counting while streaming.

    Import endpoints (paths ending in /import or /imports: observations and initiatives alike)
    may carry up to the import limit.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.default_limit = settings.max_body_bytes
        self.import_limit = settings.max_import_bytes

    def _limit(self, path: str) -> int:
        is_import = path.rstrip("/").endswith(("/import", "/imports"))
        return self.import_limit if is_import else self.default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, limit)
            return
        if declared is not None:
            # The server holds the client to its Content-Length, which we checked above.
            await self.app(scope, receive, send)
            return
        # Chunked upload without a length: buffer up to the limit, then replay.
        buffered = await buffer_body(receive, limit=limit)
        if buffered is None:
            await self._refuse(scope, receive, send, limit)
            return
        await self.app(scope, buffered[1], send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        problem: Problem = PayloadTooLarge(f"The request body is larger than {limit:,} bytes.").problem()
        await problem_response(problem)(scope, receive, send)


async def buffer_body(receive: Receive, *, limit: int | None = None) -> tuple[bytes, Receive] | None:
    """Read the whole request body, and a `receive` that replays it; None when it exceeds `limit`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if limit is not None and size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay
