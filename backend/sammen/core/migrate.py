"""Running Alembic from code: `sammen db upgrade`, tests and the seed command use this."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config

from sammen.core.config import REPO_ROOT


def alembic_config(database_url: str) -> Config:
    root = Path(os.environ.get("SAMMEN_ROOT", REPO_ROOT))
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "migrations"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logging"] = False
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


# Database objects that migrations create beside the models: SQLite's FTS5 search tables (and
# the shadow tables FTS5 keeps) and PostgreSQL's trigram index. Autogenerate leaves them alone.
NOT_MODELLED_PREFIXES = ("initiatives_search", "ix_initiatives_search")


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    return not (name and name.startswith(NOT_MODELLED_PREFIXES))
