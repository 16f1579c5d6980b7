"""read path: text search indexes and the indicator status summary

- SQLite: an FTS5 table (trigram tokenizer, Unicode case folding) over the initiatives' title,
  summary and description, kept in step by triggers (they fire for any write, raw SQL too).
  Note: a later batch migration that recreates `initiatives` drops these triggers and must
  create them again (see SQLITE_TRIGGERS).
- PostgreSQL: pg_trgm and a GIN index on lower() of the same text joined by newlines.
- indicator_series: what the status rule reads per indicator and area (indicators/series.py),
  filled here from the approved observations.

Revision ID: 0006_read_path
Revises: 0005
Create Date: 2026-12-02 10:00:00.000000
"""

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_read_path"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECENT = 12  # indicators/series.py
COLUMNS = "title, summary, description"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER initiatives_search_ai AFTER INSERT ON initiatives BEGIN
        INSERT INTO initiatives_search(rowid, {COLUMNS}) VALUES (new.id, new.title, new.summary, new.description);
    END""",
    f"""CREATE TRIGGER initiatives_search_ad AFTER DELETE ON initiatives BEGIN
        INSERT INTO initiatives_search(initiatives_search, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title, old.summary, old.description);
    END""",
    f"""CREATE TRIGGER initiatives_search_au AFTER UPDATE OF {COLUMNS} ON initiatives BEGIN
        INSERT INTO initiatives_search(initiatives_search, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title, old.summary, old.description);
        INSERT INTO initiatives_search(rowid, {COLUMNS}) VALUES (new.id, new.title, new.summary, new.description);
    END""",
]
PG_TEXT = (
    "lower(coalesce(title, '') || E'\\n' || coalesce(summary, '') || E'\\n' || coalesce(description, ''))"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            f"CREATE VIRTUAL TABLE initiatives_search USING fts5({COLUMNS}, content='initiatives', "
            "content_rowid='id', tokenize='trigram case_sensitive 0')"
        )
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO initiatives_search(initiatives_search) VALUES ('rebuild')")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"CREATE INDEX ix_initiatives_search ON initiatives USING gin (({PG_TEXT}) gin_trgm_ops)")

    series = op.create_table(
        "indicator_series",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("recent", sa.JSON(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.Column("older", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_id"], ["areas.id"], name=op.f("fk_indicator_series_area_id_areas")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"], name=op.f("fk_indicator_series_indicator_id_indicators")
        ),
        sa.PrimaryKeyConstraint("indicator_id", "area_id", name=op.f("pk_indicator_series")),
    )
    _fill(bind, series)


def _fill(bind: sa.engine.Connection, series: sa.Table) -> None:
    """The summary of every series from the approved observations (as series.refresh writes it)."""
    found: dict[tuple[int, int], dict[str, object]] = {}
    rows = bind.execute(
        sa.text(
            "SELECT indicator_id, area_id, period, period_start, pub_value, pub_n, pub_status FROM observations "
            "WHERE published ORDER BY indicator_id, area_id, period_start DESC"
        )
    )
    for indicator_id, area_id, period, start, value, n, status in rows:
        entry = found.setdefault((indicator_id, area_id), {"recent": [], "breaks": [], "older": False})
        start = start if isinstance(start, str) else start.isoformat()
        recent: list[object] = entry["recent"]  # type: ignore[assignment]
        if len(recent) >= RECENT:
            entry["older"] = True
        else:
            recent.insert(0, [period, start, value, n, status])
        if status == "series_break":
            entry["breaks"].insert(0, start)  # type: ignore[attr-defined]
    now = dt.datetime.now(dt.UTC)
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    if found:
        bind.execute(
            series.insert(),
            [
                {"indicator_id": i, "area_id": a, "updated_at": now, **json.loads(json.dumps(entry))}
                for (i, a), entry in found.items()
            ],
        )


def downgrade() -> None:
    op.drop_table("indicator_series")
    if op.get_bind().dialect.name == "sqlite":
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS initiatives_search_{name}")
        op.execute("DROP TABLE IF EXISTS initiatives_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_initiatives_search")
