"""Imports every table so SQLModel.metadata is complete (for Alembic and tests)."""

from sammen.core.audit import AuditEvent, SecurityEvent
from sammen.core.idempotency import IdempotencyRecord
from sammen.events.models import ChangeEvent, EventCursor, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from sammen.goals.models import Agreement, Amendment, Goal, Phase
from sammen.governance.bodies.models import Body, BodyMember, Mandate, Seat
from sammen.governance.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    FeedToken,
    GovernanceLink,
    Meeting,
    MinutesEntry,
)
from sammen.indicators.models import (
    Area,
    Indicator,
    IndicatorGoal,
    IndicatorSeries,
    Observation,
    ObservationRevision,
    ReferenceLine,
)
from sammen.initiatives.models import (
    ActionPlan,
    ActionPlanItem,
    ActionPlanRevision,
    Initiative,
    InitiativeCount,
    InitiativeGoal,
    InitiativeIndicator,
    InitiativePartner,
    Milestone,
    ProgressUpdate,
)
from sammen.orgs.models import ApiClient, LoginThrottle, Membership, Organisation, RefreshToken, User
from sammen.reports.models import ReportComment, ReportSection, ReportSnapshot, StatusReport

__all__ = [
    "ActionItem",
    "ActionPlan",
    "ActionPlanItem",
    "ActionPlanRevision",
    "AgendaItem",
    "Agreement",
    "Amendment",
    "ApiClient",
    "Area",
    "Attendance",
    "AuditEvent",
    "Body",
    "BodyMember",
    "ChangeEvent",
    "Decision",
    "EventCursor",
    "FeedToken",
    "Goal",
    "GovernanceLink",
    "IdempotencyRecord",
    "Indicator",
    "IndicatorGoal",
    "IndicatorSeries",
    "Initiative",
    "InitiativeCount",
    "InitiativeGoal",
    "InitiativeIndicator",
    "InitiativePartner",
    "LoginThrottle",
    "Mandate",
    "Meeting",
    "Membership",
    "Milestone",
    "MinutesEntry",
    "Observation",
    "ObservationRevision",
    "Organisation",
    "Phase",
    "ProgressUpdate",
    "ReferenceLine",
    "RefreshToken",
    "ReportComment",
    "ReportSection",
    "ReportSnapshot",
    "Seat",
    "SecurityEvent",
    "StatusReport",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
