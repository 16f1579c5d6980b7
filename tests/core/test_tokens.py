"""A negative token pack: every malformed, forged or stale token is refused with 401."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt

from sammen.core.config import Settings
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, problem


def _b64(data: dict[str, object] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _hmac_signed(claims: dict[str, object], key: bytes) -> str:
    """What an attacker sends when a verifier might take a public key as an HMAC secret."""
    signing_input = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(claims)}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def _claims(settings: Settings, **overrides: object) -> dict[str, object]:
    now = int(dt.datetime.now(dt.UTC).timestamp())
    claims: dict[str, object] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": "user:1",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "jti": "x",
        "name": "n",
        "orgs": {},
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _signed(settings: Settings, headers: dict[str, object] | None = None, **claims: object) -> str:
    return str(
        jwt.encode(_claims(settings, **claims), settings.jwt_secret, algorithm="HS256", headers=headers)
    )


def _rsa_public_pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


now = int(dt.datetime.now(dt.UTC).timestamp())
FORGERIES: dict[str, Callable[[Settings], str]] = {
    "unsigned (alg none)": lambda s: f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(s))}.",
    "wrong algorithm (HS512)": lambda s: jwt.encode(_claims(s), s.jwt_secret, algorithm="HS512"),
    "HS/RS confusion (HS256 keyed with an RSA public key)": lambda s: _hmac_signed(
        _claims(s), _rsa_public_pem()
    ),
    "RS256 header": lambda s: f"{_b64({'alg': 'RS256', 'typ': 'JWT'})}.{_b64(_claims(s))}.{_b64(b'sig')}",
    "wrong secret": lambda s: jwt.encode(_claims(s), "another-secret-" * 4, algorithm="HS256"),
    "expired": lambda s: _signed(s, exp=now - 60, iat=now - 700, nbf=now - 700),
    "not yet valid": lambda s: _signed(s, nbf=now + 3600),
    "wrong audience": lambda s: _signed(s, aud="someone-else"),
    "wrong issuer": lambda s: _signed(s, iss="evil"),
    "missing exp": lambda s: jwt.encode(
        {k: v for k, v in _claims(s).items() if k != "exp"}, s.jwt_secret, algorithm="HS256"
    ),
    "missing sub": lambda s: jwt.encode(
        {k: v for k, v in _claims(s).items() if k != "sub"}, s.jwt_secret, algorithm="HS256"
    ),
    "tampered payload": lambda s: ".".join(
        [_signed(s).split(".")[0], _b64(_claims(s, sub="user:2")), _signed(s).split(".")[2]]
    ),
    "jku header": lambda s: _signed(s, headers={"jku": "https://evil.example/jwks.json"}),
    "x5u header": lambda s: _signed(s, headers={"x5u": "https://evil.example/cert.pem"}),
    "jwk header": lambda s: _signed(s, headers={"jwk": {"kty": "oct", "k": _b64(b"k")}}),
    "garbage": lambda s: "not-a-token",
    "empty segments": lambda s: "..",
    "unknown subject kind": lambda s: _signed(s, sub="robot:1"),
    "subject that does not exist": lambda s: _signed(s, sub="user:999999"),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
async def test_forged_or_stale_token_is_refused(
    client: httpx.AsyncClient, settings: Settings, forgery: str
) -> None:
    token = FORGERIES[forgery](settings)
    response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    problem(response, 401)
    assert "WWW-Authenticate" in response.headers


async def test_non_bearer_authorization_is_refused(client: httpx.AsyncClient) -> None:
    problem(await client.get("/api/v1/auth/me", headers={"Authorization": "Basic YWRtaW46ZGVtbw=="}), 401)


async def test_a_valid_token_is_accepted(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    assert (await client.get("/api/v1/auth/me", headers=await as_user(ADMIN))).status_code == 200


async def test_issued_token_carries_the_designed_claims(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    response = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "editor@aab.demo", "password": "demo"},
    )
    claims = jwt.get_unverified_claims(response.json()["access_token"])
    assert {"iss", "aud", "sub", "iat", "exp", "jti", "name", "orgs"} <= set(claims)
    assert claims["orgs"] == {"aab": ["editor"]}
    assert claims["exp"] - claims["iat"] == settings.access_token_minutes * 60


async def test_a_remembered_token_still_expires(settings: Settings) -> None:
    import asyncio

    from sammen.core.errors import Unauthorized
    from sammen.core.security import create_access_token, decode_access_token

    lifetime = settings.access_token_minutes * 60
    issued = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=lifetime - 1)  # one second left
    token, _ = create_access_token(settings, sub="user:1", name="n", orgs={}, now=issued)
    assert decode_access_token(settings, token).sub == "user:1"  # verified, and now remembered
    await asyncio.sleep(1.1)
    with pytest.raises(Unauthorized):
        decode_access_token(settings, token)


def test_a_remembered_token_is_not_valid_under_another_secret(settings: Settings) -> None:
    from sammen.core.errors import Unauthorized
    from sammen.core.security import create_access_token, decode_access_token

    token, _ = create_access_token(settings, sub="user:1", name="n", orgs={})
    decode_access_token(settings, token)
    with pytest.raises(Unauthorized):
        decode_access_token(settings.model_copy(update={"jwt_secret": "another-secret-" * 4}), token)
