"""Access-matrix cases for the audit trail, the security log and the health check."""

from __future__ import annotations

from tests.factories import ADMIN, demo
from tests.matrix import Case, register, static

API = "/api/v1"
ADMIN_ONLY = "the audit trail is read by admins only, whatever the organisation"

register(
    Case(
        "GET",
        f"{API}/audit-events",
        static(f"{API}/audit-events"),
        allowed=ADMIN,
        too_low=demo("editor", "aab"),
        not_applicable={"other_org": ADMIN_ONLY},
    )
)
register(
    Case(
        "GET",
        f"{API}/security-events",
        static(f"{API}/security-events"),
        allowed=ADMIN,
        too_low=demo("editor", "kvp"),
        not_applicable={"other_org": ADMIN_ONLY},
    )
)
register(
    Case(
        "GET",
        f"{API}/health",
        static(f"{API}/health"),
        allowed=ADMIN,
        anonymous=200,
        not_applicable={
            "too_low": "the health check needs no token",
            "other_org": "the health check needs no token",
        },
    )
)
