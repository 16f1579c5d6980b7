"""Imports every table so SQLModel.metadata is complete (for Alembic and tests)."""

from sammen.core.audit import AuditEvent, SecurityEvent
from sammen.core.idempotency import IdempotencyRecord
from sammen.goals.models import Agreement, Amendment, Goal, Phase
from sammen.orgs.models import ApiClient, Membership, Organisation, RefreshToken, User

__all__ = [
    "Agreement",
    "Amendment",
    "ApiClient",
    "AuditEvent",
    "Goal",
    "IdempotencyRecord",
    "Membership",
    "Organisation",
    "Phase",
    "RefreshToken",
    "SecurityEvent",
    "User",
]
