"""Schema revisions and running Alembic programmatically (no alembic.ini at run time).

Alembic and SQLAlchemy are imported only when a file is created or migrated: plain opening reads
the revision from ``alembic_version`` itself and compares it with :data:`REVISIONS`, which a test
keeps in step with the scripts in ``migrations/versions``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from journeymapper.model.entities import KINDS

if TYPE_CHECKING:
    from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")

# Oldest first. Each revision's tables: the loader reads exactly these.
REVISIONS: tuple[str, ...] = ("0001_initial", "0002_settings_dismissals")
TABLES_AT: dict[str, tuple[str, ...]] = {
    "0001_initial": tuple(k for k in KINDS if k not in ("setting", "dismissal")),
    "0002_settings_dismissals": KINDS,
}
SCHEMA_HEAD = REVISIONS[-1]


def upgrade(connection: Connection, target: str = "head") -> None:
    """Migrate the database behind ``connection`` to ``target`` in one transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, target)


class UpgradeFailed(Exception):
    """Migrating failed inside SQLAlchemy or Alembic; ``str()`` is that error's own text."""


def upgrade_file(conn: sqlite3.Connection, target: str = "head") -> None:
    """Migrate the file behind the raw connection ``conn`` to ``target`` and commit.

    Raise sqlite3.Error, or UpgradeFailed for an error SQLAlchemy raised (callers need not
    import SQLAlchemy to catch it).
    """
    from sqlalchemy.exc import SQLAlchemyError

    from .sql import engine_over

    try:
        with engine_over(conn).connect() as sa:
            upgrade(sa, target)
            sa.commit()
    except SQLAlchemyError as exc:
        raise UpgradeFailed(str(exc)) from exc


def script_revisions() -> list[str]:
    """The revisions the migration scripts define, oldest first (for the consistency test)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(cfg)
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]
