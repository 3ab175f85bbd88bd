"""Write entities to the file: the persister that commits each applied edit, and bulk inserts.

The statements are compiled from the SQLAlchemy tables and run on the raw sqlite3 connection: one
edit is a handful of primary-key upserts and deletes in one transaction, and the SQLAlchemy
execution layer would cost more than SQLite itself here. They are compiled when a kind of entity
is first written, which imports SQLAlchemy (a few hundred milliseconds): :func:`warm_up` does all
of that ahead of time, so that opening a file stays light and the first edit has no hitch.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymapper.model import Edit
from journeymapper.model.entities import KINDS, Entity

from .errors import StoreError
from .rows import to_row

if TYPE_CHECKING:
    from sqlalchemy import Table

Encoder = Callable[[Entity], tuple[Any, ...]]


@functools.cache
def _dialect() -> Any:
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect(paramstyle="qmark")


def _positional(stmt: Any) -> tuple[str, list[str]]:
    compiled = stmt.compile(dialect=_dialect())
    return str(compiled), list(compiled.positiontup or [])


def _encoder(table: Table, names: list[str]) -> Encoder:
    from sqlalchemy import JSON

    json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}

    def encode(e: Entity) -> tuple[Any, ...]:
        row = to_row(e)
        for c in json_cols:
            row[c] = json.dumps(row[c], ensure_ascii=False)
        return tuple(row[n] for n in names)

    return encode


class _Statements:
    """Per table: the upsert by primary key, its parameter encoder, and the delete by id."""

    def __init__(self, table: Table) -> None:
        from sqlalchemy import delete
        from sqlalchemy.dialects.sqlite import insert

        ins = insert(table)
        ups = ins.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={c.name: ins.excluded[c.name] for c in table.columns if c.name != "id"})
        self.upsert, names = _positional(ups)
        self.insert, ins_names = _positional(insert(table))
        assert names == ins_names == [c.name for c in table.columns]
        self.encode = _encoder(table, names)
        self.delete, _ = _positional(delete(table).where(table.c.id == "x"))


_STATEMENTS: dict[str, _Statements] = {}


def statements(kind: str) -> _Statements:
    s = _STATEMENTS.get(kind)
    if s is None:
        from .schema import table_of

        s = _STATEMENTS[kind] = _Statements(table_of(kind))
    return s


def warm_up() -> None:
    """Import SQLAlchemy and compile every statement the writer uses, now rather than on the
    first edit. Idempotent and cheap once done; call it after the window's first paint."""
    for kind in KINDS:
        statements(kind)


def insert_all(conn: sqlite3.Connection, entities: Iterable[Entity]) -> None:
    """Insert entities into empty tables (inside the caller's transaction)."""
    by_kind: dict[str, list[Entity]] = {k: [] for k in KINDS}
    for e in entities:
        by_kind[e.KIND].append(e)
    for kind, items in by_kind.items():
        if items:
            s = statements(kind)
            conn.executemany(s.insert, [s.encode(e) for e in items])


class Persister:
    """Called by Document.apply after an edit passed every check: commit it, or raise."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.commits = 0

    def __call__(self, edit: Edit) -> None:
        # Only the last version of each entity the edit touched matters (a merged typing command
        # can touch one card many times); None means it is gone.
        final: dict[tuple[str, str], Entity | None] = {}
        for op in edit.ops:
            final[(op.kind, op.entity.id)] = op.after
        if not final:
            return
        conn = self.conn
        try:
            conn.execute("BEGIN")
            for (kind, eid), e in final.items():
                s = statements(kind)
                if e is None:
                    conn.execute(s.delete, (eid,))
                else:
                    conn.execute(s.upsert, s.encode(e))
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(self.path, f"could not save the change: {exc}") from exc
        self.commits += 1
