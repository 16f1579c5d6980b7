"""reports: the yearly effect status (reports, sections, review comments, frozen snapshots), and the
status rule's reference data (where a reference line's value comes from, its source; an indicator's
trend tolerance)

Revision ID: 0009_reports
Revises: 0008_governance_screens
Create Date: 2026-12-02 01:31:40.598430
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# ids are 64-bit on PostgreSQL (migration 0006), SQLite INTEGER is already
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision: str = "0009_reports"
down_revision: str | None = "0008_governance_screens"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "status_reports",
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("agreement_id", BIG_ID, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("cutoff", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("based_on_id", BIG_ID, nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("presented_agenda_item_id", BIG_ID, nullable=True),
        sa.Column("presented_meeting_id", BIG_ID, nullable=True),
        sa.Column("presented_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("frozen_decision_id", BIG_ID, nullable=True),
        sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("frozen_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_status_reports_agreement_id_agreements")
        ),
        sa.ForeignKeyConstraint(
            ["based_on_id"], ["status_reports.id"], name=op.f("fk_status_reports_based_on_id_status_reports")
        ),
        sa.ForeignKeyConstraint(
            ["frozen_decision_id"],
            ["decisions.id"],
            name=op.f("fk_status_reports_frozen_decision_id_decisions"),
        ),
        sa.ForeignKeyConstraint(
            ["presented_agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_status_reports_presented_agenda_item_id_agenda_items"),
        ),
        sa.ForeignKeyConstraint(
            ["presented_meeting_id"],
            ["meetings.id"],
            name=op.f("fk_status_reports_presented_meeting_id_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_reports")),
    )
    with op.batch_alter_table("status_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_reports_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index("ix_status_reports_year", ["year"], unique=False)

    op.create_table(
        "status_report_comments",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("report_id", BIG_ID, nullable=False),
        sa.Column("section_key", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", BIG_ID, nullable=False),
        sa.Column("author_id", BIG_ID, nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_status_report_comments_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["status_reports.id"],
            name=op.f("fk_status_report_comments_report_id_status_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_report_comments")),
    )
    with op.batch_alter_table("status_report_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_report_comments_report_id"), ["report_id"], unique=False)

    op.create_table(
        "status_report_sections",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("report_id", BIG_ID, nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["status_reports.id"],
            name=op.f("fk_status_report_sections_report_id_status_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_report_sections")),
        sa.UniqueConstraint("report_id", "key", name=op.f("uq_status_report_sections_report_id_key")),
    )
    with op.batch_alter_table("status_report_sections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_report_sections_report_id"), ["report_id"], unique=False)

    op.create_table(
        "status_report_snapshots",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("report_id", BIG_ID, nullable=False),
        sa.Column("edition", sa.String(length=40), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["status_reports.id"],
            name=op.f("fk_status_report_snapshots_report_id_status_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_report_snapshots")),
        sa.UniqueConstraint(
            "report_id", "edition", name=op.f("uq_status_report_snapshots_report_id_edition")
        ),
    )
    with op.batch_alter_table("status_report_snapshots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_report_snapshots_report_id"), ["report_id"], unique=False)

    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trend_tolerance", sa.Float(), nullable=True))

    with op.batch_alter_table("reference_lines", schema=None) as batch_op:
        # existing lines are fixed values; the default only fills them, the model has none
        batch_op.add_column(sa.Column("basis", sa.String(length=40), nullable=False, server_default="fixed"))
        batch_op.add_column(sa.Column("basis_area_id", BIG_ID, nullable=True))
        batch_op.add_column(sa.Column("source", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_reference_lines_basis_area_id_areas"), "areas", ["basis_area_id"], ["id"]
        )
    with op.batch_alter_table("reference_lines", schema=None) as batch_op:
        batch_op.alter_column("basis", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("reference_lines", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_reference_lines_basis_area_id_areas"), type_="foreignkey")
        batch_op.drop_column("source")
        batch_op.drop_column("basis_area_id")
        batch_op.drop_column("basis")

    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_column("trend_tolerance")

    with op.batch_alter_table("status_report_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_report_snapshots_report_id"))

    op.drop_table("status_report_snapshots")
    with op.batch_alter_table("status_report_sections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_report_sections_report_id"))

    op.drop_table("status_report_sections")
    with op.batch_alter_table("status_report_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_report_comments_report_id"))

    op.drop_table("status_report_comments")
    with op.batch_alter_table("status_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_status_reports_year")
        batch_op.drop_index(batch_op.f("ix_status_reports_agreement_id"))

    op.drop_table("status_reports")
