"""governance screens: a substitute at a meeting, and a note when an action item is closed

Attendance may record that a member was represented by a substitute (named), and an action
item keeps the note its owner wrote when marking it done or cancelled.

Revision ID: 0008_governance_screens
Revises: 0007_read_path
Create Date: 2026-12-01 23:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_governance_screens"
down_revision: str | None = "0007_read_path"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("substitute_name", sa.String(length=200), nullable=True))
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("completion_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_column("completion_note")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_column("substitute_name")
