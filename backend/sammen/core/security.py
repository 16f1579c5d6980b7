"""Tokens and secrets. The only module that imports jose.

Access tokens are HS256 JWTs with required exp/iat/aud/iss/sub/jti; any header naming a
key (jku, x5u, jwk, x5c) or another algorithm is refused before verification. Refresh
tokens and client secrets are opaque random strings stored only as SHA-256 digests;
passwords are argon2id.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jose import jwt
from jose.exceptions import JOSEError

from sammen.core.config import Settings
from sammen.core.errors import Unauthorized
from sammen.core.workers import WorkerPool, spare_cores

ALGORITHM = "HS256"
_FORBIDDEN_HEADERS = frozenset({"jku", "x5u", "jwk", "x5c", "x5t", "crit"})
_REQUIRED_CLAIMS = ("exp", "iat", "aud", "iss", "sub", "jti")


@dataclass(frozen=True)
class AccessClaims:
    sub: str
    name: str
    orgs: dict[str, list[str]]
    jti: str
    expires_at: dt.datetime
    epoch: int = 0  # the subject's token epoch when issued; a bumped epoch ends the token


def create_access_token(
    settings: Settings,
    *,
    sub: str,
    name: str,
    orgs: dict[str, list[str]],
    epoch: int = 0,
    now: dt.datetime | None = None,
) -> tuple[str, int]:
    """Returns the token and its lifetime in seconds."""
    now = now or dt.datetime.now(dt.UTC)
    lifetime = settings.access_token_minutes * 60
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": sub,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int(now.timestamp()) + lifetime,
        "jti": uuid.uuid4().hex,
        "name": name,
        "orgs": orgs,
        "ep": epoch,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM), lifetime


def _unverified_header(token: str) -> dict[str, Any]:
    try:
        segment = token.split(".")[0]
        padded = segment + "=" * (-len(segment) % 4)
        header = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, IndexError, UnicodeError) as exc:
        raise Unauthorized("malformed token") from exc
    if not isinstance(header, dict):
        raise Unauthorized("malformed token")
    return header


# Verified tokens, so a client's next requests skip the signature check (it costs ~0.3 ms of CPU).
# Only tokens that passed every check are kept; their time window is checked again on each use.
_VERIFIED: OrderedDict[tuple[str, str, str, str], tuple[AccessClaims, int]] = OrderedDict()
_VERIFIED_MAX = 4096


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    key = (token, settings.jwt_secret, settings.jwt_audience, settings.jwt_issuer)
    cached = _VERIFIED.get(key)
    if cached is not None:
        claims, not_before = cached
        now = dt.datetime.now(dt.UTC)
        if claims.expires_at <= now or not_before > now.timestamp():
            _VERIFIED.pop(key, None)
            raise Unauthorized("invalid token")
        return claims
    verified, not_before = _verify(settings, token)
    _VERIFIED[key] = (verified, not_before)
    if len(_VERIFIED) > _VERIFIED_MAX:
        _VERIFIED.popitem(last=False)
    return verified


def _verify(settings: Settings, token: str) -> tuple[AccessClaims, int]:
    header = _unverified_header(token)
    if header.get("alg") != ALGORITHM:
        raise Unauthorized("token algorithm not accepted")
    if _FORBIDDEN_HEADERS & set(header):
        raise Unauthorized("token header names a key; refused")
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require_" + claim: True for claim in _REQUIRED_CLAIMS},
        )
    except JOSEError as exc:
        raise Unauthorized("invalid token") from exc
    orgs = claims.get("orgs", {})
    if not isinstance(orgs, dict) or not isinstance(claims.get("sub"), str):
        raise Unauthorized("invalid token claims")
    access = AccessClaims(
        sub=claims["sub"],
        name=str(claims.get("name", "")),
        orgs={str(k): [str(r) for r in v] for k, v in orgs.items()},
        jti=str(claims["jti"]),
        expires_at=dt.datetime.fromtimestamp(int(claims["exp"]), dt.UTC),
        epoch=claims["ep"] if isinstance(claims.get("ep"), int) else -1,
    )
    return access, int(claims.get("nbf", 0))


def new_opaque_token(prefix: str) -> str:
    """A random bearer secret (refresh token, client secret, feed token) with a readable prefix."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def digest(secret: str) -> str:
    """What we store for an opaque secret: lookups by digest, never the secret itself."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)


class PasswordHashing:
    """argon2id, always in a worker thread (it takes tens of milliseconds of CPU and 64 MiB), one
    core's worth at a time fewer than the machine has, so the event loop keeps a core."""

    def __init__(self, settings: Settings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib
        )
        # Verifying against this when the account does not exist keeps timing the same.
        self._dummy = self._hasher.hash(secrets.token_hex(8))
        self._pool = WorkerPool(spare_cores())

    def hash_now(self, password: str) -> str:
        """On the calling thread: for the CLI and seeding, never on the event loop of a server."""
        return self._hasher.hash(password)

    async def hash(self, password: str) -> str:
        return await self._pool.run(self._hasher.hash, password)

    def _verify_now(self, password_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash or self._dummy, password) and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    async def verify(self, password_hash: str | None, password: str) -> bool:
        return await self._pool.run(self._verify_now, password_hash, password)


def one_time_password() -> str:
    """Readable one-time passwords for admins to hand over: 4 groups of 4."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))
