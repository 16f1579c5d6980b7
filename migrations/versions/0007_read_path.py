"""read path: text search indexes and the indicator status summary

- SQLite: an FTS5 table (trigram tokenizer, Unicode case folding) over the initiatives' title,
  summary and description, kept in step by triggers (they fire for any write, raw SQL too).
  Note: a later batch migration that recreates `initiatives` drops these triggers and must
  create them again (see SQLITE_TRIGGERS and SQLITE_COUNT_TRIGGERS).
- PostgreSQL: pg_trgm and a GIN index on lower() of the same text joined by newlines.
- initiative_counts: live initiatives per status, visibility and organisation (lead, or named
  partner), kept by triggers on both databases; the list's total reads it.
- indicator_series: what the status rule reads per indicator and area (indicators/series.py),
  filled here from the approved observations.

Revision ID: 0007_read_path
Revises: 0006_hardening
Create Date: 2026-12-02 10:00:00.000000
"""

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# ids are 64-bit on PostgreSQL (migration 0006), SQLite INTEGER is already
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision: str = "0007_read_path"
down_revision: str | None = "0006_hardening"
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
# initiative_counts: +1/-1 per live initiative as lead, and per partner that is not its lead.
UPSERT = (
    "INSERT INTO initiative_counts (status, visibility, organisation_id, role, n) {rows} "
    "ON CONFLICT (status, visibility, organisation_id, role) DO UPDATE SET n = initiative_counts.n + excluded.n"
)


def _sqlite_count(row: str, sign: str) -> list[str]:
    """The statements a trigger runs to add (sign +1) or remove (-1) `row`'s contributions."""
    return [
        UPSERT.format(
            rows=f"SELECT {row}.status, {row}.visibility, {row}.lead_organisation_id, 'lead', {sign} "
            f"WHERE {row}.deleted_at IS NULL"
        ),
        UPSERT.format(
            rows=f"SELECT {row}.status, {row}.visibility, p.organisation_id, 'partner', {sign} "
            f"FROM initiative_partners p WHERE p.initiative_id = {row}.id "
            f"AND p.organisation_id != {row}.lead_organisation_id AND {row}.deleted_at IS NULL"
        ),
    ]


def _sqlite_partner(row: str, sign: str) -> str:
    return UPSERT.format(
        rows=f"SELECT i.status, i.visibility, {row}.organisation_id, 'partner', {sign} FROM initiatives i "
        f"WHERE i.id = {row}.initiative_id AND i.lead_organisation_id != {row}.organisation_id "
        "AND i.deleted_at IS NULL"
    )


COUNTED = "status, visibility, lead_organisation_id, deleted_at"
SQLITE_COUNT_TRIGGERS = [
    "CREATE TRIGGER initiative_counts_ai AFTER INSERT ON initiatives BEGIN "
    + "; ".join(_sqlite_count("new", "1"))
    + "; END",
    "CREATE TRIGGER initiative_counts_bd BEFORE DELETE ON initiatives BEGIN "
    + "; ".join(_sqlite_count("old", "-1"))
    + "; END",
    f"CREATE TRIGGER initiative_counts_au AFTER UPDATE OF {COUNTED} ON initiatives BEGIN "
    + "; ".join([*_sqlite_count("old", "-1"), *_sqlite_count("new", "1")])
    + "; END",
    "CREATE TRIGGER initiative_counts_pi AFTER INSERT ON initiative_partners BEGIN "
    + _sqlite_partner("new", "1")
    + "; END",
    "CREATE TRIGGER initiative_counts_pd AFTER DELETE ON initiative_partners BEGIN "
    + _sqlite_partner("old", "-1")
    + "; END",
]
PG_COUNT_FUNCTIONS = [
    # one initiative's contributions, added with the sign given
    """CREATE FUNCTION initiative_counts_add(i initiatives, sign integer) RETURNS void AS $$
    BEGIN
        IF i.deleted_at IS NOT NULL THEN RETURN; END IF;
        """
    + UPSERT.format(rows="VALUES (i.status, i.visibility, i.lead_organisation_id, 'lead', sign)")
    + """;
        """
    + UPSERT.format(
        rows="SELECT i.status, i.visibility, p.organisation_id, 'partner', sign FROM initiative_partners p "
        "WHERE p.initiative_id = i.id AND p.organisation_id != i.lead_organisation_id"
    )
    + """;
    END $$ LANGUAGE plpgsql""",
    """CREATE FUNCTION initiative_counts_initiative() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM initiative_counts_add(OLD, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM initiative_counts_add(NEW, 1); END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE FUNCTION initiative_counts_partner() RETURNS trigger AS $$
    DECLARE
        link initiative_partners := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        sign integer := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
    BEGIN
        """
    + UPSERT.format(
        rows="SELECT i.status, i.visibility, link.organisation_id, 'partner', sign FROM initiatives i "
        "WHERE i.id = link.initiative_id AND i.lead_organisation_id != link.organisation_id "
        "AND i.deleted_at IS NULL"
    )
    + """;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER initiative_counts_i AFTER INSERT OR DELETE ON initiatives "
    "FOR EACH ROW EXECUTE FUNCTION initiative_counts_initiative()",
    f"CREATE TRIGGER initiative_counts_u AFTER UPDATE OF {COUNTED} ON initiatives "
    "FOR EACH ROW EXECUTE FUNCTION initiative_counts_initiative()",
    "CREATE TRIGGER initiative_counts_p AFTER INSERT OR DELETE ON initiative_partners "
    "FOR EACH ROW EXECUTE FUNCTION initiative_counts_partner()",
]
COUNT_FILL = [
    UPSERT.format(
        rows="SELECT status, visibility, lead_organisation_id, 'lead', count(*) FROM initiatives "
        "WHERE deleted_at IS NULL GROUP BY status, visibility, lead_organisation_id"
    ),
    UPSERT.format(
        rows="SELECT i.status, i.visibility, p.organisation_id, 'partner', count(*) FROM initiatives i "
        "JOIN initiative_partners p ON p.initiative_id = i.id WHERE i.deleted_at IS NULL "
        "AND p.organisation_id != i.lead_organisation_id GROUP BY i.status, i.visibility, p.organisation_id"
    ),
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

    op.create_table(
        "initiative_counts",
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("visibility", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", BIG_ID, nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "status", "visibility", "organisation_id", "role", name=op.f("pk_initiative_counts")
        ),
    )
    for statement in COUNT_FILL:
        op.execute(statement)
    for statement in SQLITE_COUNT_TRIGGERS if bind.dialect.name == "sqlite" else PG_COUNT_FUNCTIONS:
        op.execute(statement)

    series = op.create_table(
        "indicator_series",
        sa.Column("indicator_id", BIG_ID, nullable=False),
        sa.Column("area_id", BIG_ID, nullable=False),
        sa.Column("recent", sa.JSON(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.Column("older", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_indicator_series_area_id_areas")),
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
        for name in ("ai", "bd", "au", "pi", "pd"):
            op.execute(f"DROP TRIGGER IF EXISTS initiative_counts_{name}")
        op.execute("DROP TABLE IF EXISTS initiatives_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_initiatives_search")
        for name in ("i", "u"):
            op.execute(f"DROP TRIGGER IF EXISTS initiative_counts_{name} ON initiatives")
        op.execute("DROP TRIGGER IF EXISTS initiative_counts_p ON initiative_partners")
        for name in (
            "initiative_counts_add(initiatives, integer)",
            "initiative_counts_initiative()",
            "initiative_counts_partner()",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.drop_table("initiative_counts")
