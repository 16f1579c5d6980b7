"""principal notices: PostgreSQL tells every process when who-may-do-what changed

Triggers on the four tables a principal is read from (users, memberships, organisations,
api_clients) NOTIFY the channel `sammen_principals` once per statement, delivered at the
writer's commit to every listening process (orgs/principals.py keeps its per-process cache of
principals only while it hears them). Whoever writes, the API or plain SQL, is heard.
SQLite: nothing (no process there keeps principals).

Revision ID: 0011_principal_notices
Revises: 0010_events
Create Date: 2026-12-02 12:05:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_principal_notices"
down_revision: str | None = "0010_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("users", "memberships", "organisations", "api_clients")
FUNCTION = """
CREATE FUNCTION sammen_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sammen_principals', TG_TABLE_NAME);
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_principals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION sammen_principals_changed()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_principals_changed ON {table}")
    op.execute("DROP FUNCTION IF EXISTS sammen_principals_changed()")
