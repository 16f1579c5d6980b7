"""Endpoint secrets and Standard Webhooks signatures.

Each endpoint has its own `whsec_` secret (32 random bytes, base64), shown once when it is made
or rotated. The dispatcher must sign with it, so it cannot be hashed: it is kept encrypted
(AES-GCM under a key derived from JWT_SECRET), so a copy of the database alone does not let
anyone forge events. Changing JWT_SECRET therefore means rotating the endpoints' secrets.
Signing itself is the `standardwebhooks` package's, the one receivers verify with.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import secrets
from collections.abc import Sequence
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"
SEALED_PREFIX = "v1:"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


class SecretBox:
    """Seals endpoint secrets for storage and opens them for signing."""

    def __init__(self, jwt_secret: str) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"sammen webhook signing secrets")
        self._aead = AESGCM(key.derive(jwt_secret.encode()))

    def seal(self, secret: str) -> str:
        nonce = os.urandom(12)
        sealed = nonce + self._aead.encrypt(nonce, secret.encode(), None)
        return SEALED_PREFIX + base64.b64encode(sealed).decode()

    def open(self, sealed: str) -> str:
        if not sealed.startswith(SEALED_PREFIX):
            raise ValueError("not a sealed webhook secret")
        raw = base64.b64decode(sealed[len(SEALED_PREFIX) :])
        return self._aead.decrypt(raw[:12], raw[12:], None).decode()


@lru_cache(maxsize=64)
def box_for(jwt_secret: str) -> SecretBox:
    return SecretBox(jwt_secret)


@lru_cache(maxsize=1024)
def _signer(secret: str) -> Webhook:
    return Webhook(secret)


def signature_headers(
    message_id: str, body: str, secrets_in_use: Sequence[str], at: dt.datetime
) -> dict[str, str]:
    """The three Standard Webhooks headers; one signature per secret in use (both during a rotation)."""
    signatures = " ".join(_signer(s).sign(message_id, at, body) for s in secrets_in_use)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signatures,
    }
