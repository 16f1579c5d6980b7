"""Idempotency-Key on POST: a retried request replays the first response instead of acting twice.

Keys are scoped to the caller (the verified token subject). The same key with the same
request replays the stored response (`Idempotent-Replayed: true`); the same key with a
different request is 422; a key whose first request is still running is 409, unless its
claim is older than a few minutes (the server died mid-request): then the retry takes the
claim over. Responses of 5xx are not stored, so the client may retry them. Records expire
after 24 hours. A multipart body is fingerprinted by its content, not by the random boundary
the client picked for this attempt, so a retried upload replays.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy import JSON, LargeBinary, UniqueConstraint, delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, col, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.errors import AppError, Conflict, Unauthorized, ValidationFailed, problem_response
from sammen.core.middleware import buffer_body
from sammen.core.security import decode_access_token
from sammen.core.tables import UTCDateTime, utcnow

KEY_HEADER = b"idempotency-key"
TTL = dt.timedelta(hours=24)
CLAIM_TIMEOUT = dt.timedelta(minutes=5)  # longer than any request may run
EXEMPT_PATHS = frozenset({"/api/v1/auth/token", "/api/v1/auth/logout", "/api/v1/auth/password"})


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("principal", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    principal: str = Field(max_length=80)
    key: str = Field(max_length=200)
    fingerprint: str = Field(max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    status_code: int | None = Field(default=None)
    headers: list[list[str]] | None = Field(default=None, sa_type=JSON)
    body: bytes | None = Field(default=None, sa_type=LargeBinary)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, settings: Settings, database_getter: Any) -> None:
        self.app = app
        self.settings = settings
        self.database_getter = database_getter  # the app's Database, resolved per request (tests swap it)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        key_raw = headers.get(KEY_HEADER)
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or key_raw is None
            or scope["path"] in EXEMPT_PATHS
        ):
            await self.app(scope, receive, send)
            return
        key = key_raw.decode("latin-1").strip()
        principal = self._principal(headers.get(b"authorization"))
        if principal is None or not (1 <= len(key) <= 200):
            if principal is not None:
                await problem_response(
                    ValidationFailed("Idempotency-Key must be 1 to 200 characters.").problem()
                )(scope, receive, send)
                return
            await self.app(scope, receive, send)  # unauthenticated: the route will answer 401
            return

        buffered = await buffer_body(receive)
        assert buffered is not None  # no limit given: the body-limit middleware already enforced it
        body, receive_replay = buffered
        fingerprint = request_fingerprint(scope, headers.get(b"content-type", b""), body)
        database: Database = self.database_getter()
        try:
            existing = await self._claim(database, principal=principal, key=key, fingerprint=fingerprint)
        except AppError as exc:
            await problem_response(exc.problem(), exc.headers)(scope, receive, send)
            return
        if existing is not None:
            await _replay(existing, send)
            return

        status_code = 500
        response_headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        held: list[Message] = []

        async def capture(message: Message) -> None:
            nonlocal status_code, response_headers
            if message["type"] == "http.response.start":
                status_code = message["status"]
                response_headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            held.append(message)

        # The response is held until its record is stored: sent first, a client retrying the moment
        # it had the answer (through another worker, say) found the key still claimed and got 409.
        try:
            await self.app(scope, receive_replay, capture)
        finally:
            await self._store(
                database,
                principal=principal,
                key=key,
                status_code=status_code,
                headers=response_headers,
                body=b"".join(chunks),
            )
        for message in held:
            await send(message)

    def _principal(self, authorization: bytes | None) -> str | None:
        if not authorization:
            return None
        scheme, _, token = authorization.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer":
            return None
        try:
            return decode_access_token(self.settings, token.strip()).sub
        except Unauthorized:
            return None

    @staticmethod
    async def _claim(
        database: Database, *, principal: str, key: str, fingerprint: str
    ) -> IdempotencyRecord | None:
        """Returns the finished record to replay, or None after reserving the key for this request."""
        async with database.session(write=True) as session:
            await session.execute(
                delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < utcnow() - TTL)
            )
            stmt = select(IdempotencyRecord).where(
                IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
            )
            record = (await session.scalars(stmt)).first()
            if record is not None:
                if record.fingerprint != fingerprint:
                    raise ValidationFailed("This Idempotency-Key was used with a different request.")
                if record.status_code is None:
                    if record.created_at > utcnow() - CLAIM_TIMEOUT:
                        raise Conflict("A request with this Idempotency-Key is still being processed.")
                    # Its request died with the server: this retry takes the claim over, if no other did.
                    taken: Any = await session.execute(
                        update(IdempotencyRecord)
                        .where(
                            col(IdempotencyRecord.id) == record.id,
                            col(IdempotencyRecord.status_code).is_(None),
                            col(IdempotencyRecord.created_at) == record.created_at,
                        )
                        .values(created_at=utcnow())
                        .execution_options(synchronize_session=False)
                    )
                    if taken.rowcount != 1:
                        raise Conflict("A request with this Idempotency-Key is still being processed.")
                    return None
                return record
            session.add(IdempotencyRecord(principal=principal, key=key, fingerprint=fingerprint))
            try:
                await session.flush()
            except IntegrityError as exc:
                raise Conflict("A request with this Idempotency-Key is still being processed.") from exc
        return None

    @staticmethod
    async def _store(
        database: Database,
        *,
        principal: str,
        key: str,
        status_code: int,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> None:
        async with database.session(write=True) as session:
            stmt = select(IdempotencyRecord).where(
                IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
            )
            record = (await session.scalars(stmt)).first()
            if record is None:
                return
            if status_code >= 500:
                await session.delete(record)  # let the client retry for real
                return
            kept = {b"content-type", b"etag", b"location"}
            record.status_code = status_code
            record.headers = [
                [k.decode("latin-1"), v.decode("latin-1")] for k, v in headers if k.lower() in kept
            ]
            record.body = body


def request_fingerprint(scope: Scope, content_type: bytes, body: bytes) -> str:
    """What makes two requests the same: method, path, query and body, with a multipart body's
    boundary (random per attempt) replaced by a constant."""
    boundary = _boundary(content_type)
    if boundary:
        body = body.replace(b"--" + boundary, b"--sammen-boundary")
    parts = [scope["method"].encode(), scope["path"].encode(), scope.get("query_string", b""), body]
    return hashlib.sha256(b"\n".join(parts)).hexdigest()


def _boundary(content_type: bytes) -> bytes | None:
    kind, _, params = content_type.partition(b";")
    if kind.strip().lower() != b"multipart/form-data":
        return None
    for param in params.split(b";"):
        name, _, value = param.strip().partition(b"=")
        if name.lower() == b"boundary" and value:
            return value.strip(b'"')
    return None


async def _replay(record: IdempotencyRecord, send: Send) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in (record.headers or [])]
    headers.append((b"idempotent-replayed", b"true"))
    body = record.body or b""
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": record.status_code or 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
