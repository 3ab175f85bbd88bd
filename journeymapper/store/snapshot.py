"""Inspect a workshop file through a connection that cannot change it, and load its entities.

Reading uses the standard library's sqlite3 alone (no SQLAlchemy: see :mod:`.rows`).

Without a leftover WAL the file is read with ``immutable=1``: SQLite then takes no locks and
creates no -wal/-shm files. A non-empty WAL left by a crash holds committed edits, so the file and
its WAL are copied to a temporary folder and read there (SQLite replays the WAL into the copy).
A file another window is writing is read with ``mode=ro`` alongside that writer.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from journeymapper.model import Document, EditError
from journeymapper.model.entities import Entity

from .errors import StoreError
from .migrate import REVISIONS, TABLES_AT
from .rows import decode, select_all
from .sql import connect


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_pending_wal(path: Path) -> bool:
    try:
        return os.path.getsize(wal_path(path)) > 0
    except OSError:
        return False


@contextlib.contextmanager
def snapshot(path: Path, *, live: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only connection on the file's committed state; ``live`` reads beside a writer."""
    if live:
        conn = connect(path, mode="ro")
        try:
            yield conn
        finally:
            conn.close()
        return
    if not has_pending_wal(path):
        conn = connect(path, immutable="1")
        try:
            yield conn
        finally:
            conn.close()
        return
    with tempfile.TemporaryDirectory(prefix="jmw-") as tmp:
        copy = Path(tmp) / "copy.jmw"
        shutil.copyfile(path, copy)
        shutil.copyfile(wal_path(path), wal_path(copy))
        conn = connect(copy)
        try:
            yield conn
        finally:
            conn.close()


def check(conn: sqlite3.Connection, path: Path) -> str:
    """Check integrity and the schema revision; return the revision or raise StoreError."""
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(path, f"is damaged and cannot be read ({exc})") from None
    if [r[0] for r in result] != ["ok"]:
        raise StoreError(path, f"is damaged: {result[0][0]}")
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        raise StoreError(path, "is damaged: it has no schema version") from None
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise StoreError(path, "is damaged: its schema version is not a single revision")
    revision: str = rows[0][0]
    if revision not in REVISIONS:
        raise StoreError(path, "was made by a newer JourneyMapper; update to open it")
    return revision


def read_entities(conn: sqlite3.Connection, path: Path, revision: str) -> list[Entity]:
    """Every entity the file holds, parents first; StoreError if a table or value is wrong.

    All tables are read in one transaction, so a view beside a writer sees one committed state.
    """
    out: list[Entity] = []
    try:
        conn.execute("BEGIN")
        try:
            for kind in TABLES_AT[revision]:
                for values in conn.execute(select_all(kind)):
                    out.append(decode(kind, values))
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except EditError as exc:
        raise StoreError(path, f"holds invalid data: {exc}") from None
    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
        # ValueError/TypeError come from undecodable JSON.
        raise StoreError(path, f"is damaged: {_first_line(exc)}") from None
    return out


def load_document(entities: list[Entity], path: Path) -> Document:
    doc = Document()
    try:
        doc.load(entities)
    except EditError as exc:
        raise StoreError(path, f"holds a workshop that does not hold together: {exc}") from None
    return doc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
