"""hardening: 64-bit ids on PostgreSQL, token epochs, sign-in throttles in the database

- Every id column (`id`, `*_id`) becomes bigint on PostgreSQL, and the id sequences with them
  (SQLite's INTEGER is 64-bit already and stays the rowid).
- users.token_epoch and api_clients.token_epoch: access tokens carry the epoch they were issued
  in; a password change, reset, deactivation or revoked session family bumps it.
- login_throttles: sign-in attempts per account/address in the current window, shared by every
  worker process.

Revision ID: 0006_hardening
Revises: 0005
Create Date: 2026-12-01 23:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_hardening"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column) of every integer id column as of 0005; primary keys have a sequence to widen too.
ID_COLUMNS = {
    "action_items": ["id", "body_id", "meeting_id", "agenda_item_id", "decision_id", "owner_user_id", "organisation_id"],
    "action_plan_items": ["plan_id", "initiative_id"],
    "action_plan_revisions": ["id", "plan_id", "decision_id", "approved_by_id"],
    "action_plans": ["id"],
    "agenda_items": ["id", "meeting_id"],
    "agreements": ["id"],
    "amendments": ["id", "agreement_id", "object_id", "decision_id", "made_by_id"],
    "api_clients": ["id", "organisation_id"],
    "areas": ["id", "parent_id"],
    "attendance": ["id", "meeting_id", "member_id"],
    "audit_events": ["id", "actor_id", "organisation_id"],
    "bodies": ["id", "parent_id", "set_up_decision_id", "dissolved_decision_id"],
    "body_members": ["id", "body_id", "user_id", "organisation_id", "seat_id"],
    "body_seats": ["id", "body_id", "organisation_id"],
    "decisions": ["id", "body_id", "meeting_id", "agenda_item_id", "corrects_id", "superseded_by_id"],
    "feed_tokens": ["id", "user_id"],
    "goals": ["id", "agreement_id", "parent_id", "owner_organisation_id"],
    "governance_links": ["id", "source_id", "target_id"],
    "idempotency_records": ["id"],
    "indicator_goals": ["indicator_id", "goal_id"],
    "indicators": ["id", "owner_organisation_id"],
    "initiative_goals": ["initiative_id", "goal_id"],
    "initiative_indicators": ["initiative_id", "indicator_id"],
    "initiative_partners": ["initiative_id", "organisation_id"],
    "initiatives": ["id", "lead_organisation_id", "responsible_body_id"],
    "mandates": ["id", "body_id", "approved_decision_id", "superseded_by_id"],
    "meetings": ["id", "body_id"],
    "memberships": ["id", "user_id", "organisation_id"],
    "milestones": ["id", "initiative_id"],
    "minutes": ["id", "meeting_id", "agenda_item_id", "previous_id"],
    "observation_revisions": ["id", "observation_id"],
    "observations": ["id", "indicator_id", "area_id", "entered_by_id", "approved_by_id"],
    "organisations": ["id", "parent_id"],
    "phases": ["id", "agreement_id"],
    "progress_updates": ["id", "initiative_id", "organisation_id"],
    "reference_lines": ["id", "indicator_id", "area_id"],
    "refresh_tokens": ["id", "user_id"],
    "security_events": ["id", "user_id"],
    "users": ["id"],
}  # fmt: skip


def _widen(to: sa.types.TypeEngine[int], sequence_type: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in ID_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, type_=to)
        if "id" in columns:
            sequence = op.get_bind().scalar(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table})
            if sequence:
                op.execute(f"ALTER SEQUENCE {sequence} AS {sequence_type}")


def upgrade() -> None:
    _widen(sa.BigInteger(), "bigint")
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("token_epoch", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("api_clients") as batch:
        batch.add_column(sa.Column("token_epoch", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttles")),
    )


def downgrade() -> None:
    op.drop_table("login_throttles")
    with op.batch_alter_table("api_clients") as batch:
        batch.drop_column("token_epoch")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_epoch")
    _widen(sa.Integer(), "integer")
