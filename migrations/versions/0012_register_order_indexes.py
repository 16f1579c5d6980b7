"""register order indexes: the decision register and the action items read their page in order

The decision register is ordered newest first, (decided_on, id) descending; the action items by
due date, undated last, then id. With an index on the date alone PostgreSQL sorted every
visible row sharing a date (a meeting's decisions share one) before it could stop at the page's
end; SQLite sorted them all. These indexes give both databases the page in order, so a page
reads its rows and stops. The decisions' date index is the new one's prefix and goes; the action
items keep theirs for the overdue filter (a range on the date).

The register's total counts the current decisions of the meetings the caller may see: a partial
index holding just what that count reads lets PostgreSQL count from the index alone (0.56 ms
instead of 1.19 for 2,005 decisions).

Revision ID: 0012_register_order_indexes
Revises: 0011_principal_notices
Create Date: 2026-12-02 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_register_order_indexes"
down_revision: str | None = "0011_principal_notices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_decisions_decided_on", table_name="decisions")
    op.create_index("ix_decisions_decided_on_id", "decisions", ["decided_on", "id"])
    op.create_index(
        "ix_decisions_register_count",
        "decisions",
        ["meeting_id", "body_id", "restricted"],
        postgresql_where=sa.text("superseded_by_id IS NULL"),
        sqlite_where=sa.text("superseded_by_id IS NULL"),
    )
    op.create_index(
        "ix_action_items_due_order", "action_items", [sa.text("(due_on IS NULL)"), "due_on", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_action_items_due_order", table_name="action_items")
    op.drop_index("ix_decisions_register_count", table_name="decisions")
    op.drop_index("ix_decisions_decided_on_id", table_name="decisions")
    op.create_index("ix_decisions_decided_on", "decisions", ["decided_on"])
