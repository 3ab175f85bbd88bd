"""Schema revisions and running Alembic programmatically (no alembic.ini at run time).

Alembic is imported only when a file is created or migrated: plain opening reads the revision
from ``alembic_version`` itself and compares it with :data:`REVISIONS`, which a test keeps in step
with the scripts in ``migrations/versions``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from journeymapper.model.entities import KINDS

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


def script_revisions() -> list[str]:
    """The revisions the migration scripts define, oldest first (for the consistency test)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(cfg)
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]
