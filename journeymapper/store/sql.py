"""SQLite connections and the SQLAlchemy engines over them.

We make the sqlite3 connections ourselves (URI flags such as ``immutable=1`` matter for untrusted
files) in autocommit mode, and let SQLAlchemy emit an explicit BEGIN so that its transactions,
including Alembic's DDL, are real SQLite transactions. SQLAlchemy is imported only when an engine
is made (creating or migrating a file), not for opening one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine


def uri(path: Path, **flags: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in flags.items())
    return path.resolve().as_uri() + (f"?{query}" if query else "")


def connect(path: Path, **flags: str) -> sqlite3.Connection:
    """A raw connection in autocommit mode (we issue BEGIN/COMMIT ourselves)."""
    conn = sqlite3.connect(uri(path, **flags), uri=True, isolation_level=None,
                           check_same_thread=False)
    return conn


def writable_pragmas(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"cannot switch to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=2000")  # ride out a reader's brief lock, never hang
    conn.execute("PRAGMA foreign_keys=ON")


def engine_over(conn: sqlite3.Connection) -> Engine:
    """An engine that always hands out ``conn`` (closing it stays the caller's job)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(sa_conn: Any) -> None:
        sa_conn.exec_driver_sql("BEGIN")

    return engine
