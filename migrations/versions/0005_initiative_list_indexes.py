"""initiative list indexes: id and version join the list's covering indexes

The list reads a page as (id, version, updated_at) and renders entries it has not cached yet:
with `id` right after `updated_at` the index gives the list's order (newest first, id as the
tie-break) without a sort, and with `version` the page never touches the table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 16:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the columns as this migration wrote them (the model's LIST_PAGE_KEY may move on)
PAGE_KEY = ["updated_at", "id", "deleted_at", "visibility", "lead_organisation_id", "version"]
OLD_KEY = ["updated_at", "deleted_at", "visibility", "lead_organisation_id"]
OLD = {"ix_initiatives_status_updated_at": ["status", *OLD_KEY], "ix_initiatives_updated_at": OLD_KEY}
NEW = {"ix_initiatives_status_updated_at": ["status", *PAGE_KEY], "ix_initiatives_updated_at": PAGE_KEY}


def _replace(indexes: dict[str, list[str]]) -> None:
    for name, columns in indexes.items():
        op.drop_index(name, table_name="initiatives")
        op.create_index(name, "initiatives", columns, unique=False)


def upgrade() -> None:
    _replace(NEW)


def downgrade() -> None:
    _replace(OLD)
