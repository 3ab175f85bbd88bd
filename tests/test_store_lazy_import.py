"""Opening a workshop stays light: no SQLAlchemy, no Alembic until the first write or warm_up().

The import checks run in a fresh interpreter: this test process has imported everything already.
Reading without SQLAlchemy must still read exactly what SQLAlchemy would, and refuse a bad file
with the same message; the last tests hold the two side by side.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from fixtures.store_tools import new_workshop

from journeymapper.model import EditError, edits
from journeymapper.store import StoreError, WorkshopFile, rows, snapshot
from journeymapper.store.schema import ROW_CLASSES, table_of
from journeymapper.store.sql import engine_over

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "workshops" / "surgeon-practice.jmw"

PRELUDE = """
import sys
from pathlib import Path
from journeymapper.store import WorkshopFile

def heavy() -> list[str]:
    return sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules)

path = Path(sys.argv[1])
"""


def _run(code: str, path: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(code), str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    dst = tmp_path / "surgeon-practice.jmw"
    shutil.copyfile(SAMPLE, dst)
    return dst


def test_opening_imports_neither_sqlalchemy_nor_alembic_and_the_first_edit_is_saved(
        sample: Path) -> None:
    out = _run("""
        from journeymapper.model import edits
        with WorkshopFile.open(path, read_only=True) as view:
            assert view.read_only and view.document.counts()["touchpoints"] > 0
        assert heavy() == [], heavy()
        wf = WorkshopFile.open(path)
        assert not wf.read_only and heavy() == [], heavy()
        doc = wf.document
        tp = sorted(doc.touchpoints)[0]
        doc.apply(edits.update_touchpoint(doc, tp, title="Edited without warming up"))
        assert "sqlalchemy" in sys.modules  # the writer compiles its statements on first use
        assert "alembic" not in sys.modules
        wf.close()
        print(tp)
    """, sample)
    tp = out.split()[-1]
    with WorkshopFile.open(sample) as wf:
        assert wf.document.touchpoints[tp].title == "Edited without warming up"
    assert sorted(p.name for p in sample.parent.iterdir()) == [sample.name]


def test_warm_up_imports_what_the_writer_needs(sample: Path) -> None:
    _run("""
        from journeymapper.model import edits
        from journeymapper.store import warm_up
        from journeymapper.store import writer
        wf = WorkshopFile.open(path)
        assert heavy() == [], heavy()
        warm_up()
        assert "sqlalchemy" in sys.modules
        warm_up()  # idempotent
        compiled = dict(writer._STATEMENTS)
        doc = wf.document
        doc.apply(edits.rename_stage(doc, doc.stages[0].id, "Warm"))
        assert writer._STATEMENTS == compiled  # nothing left to compile on the first edit
        wf.close()
        with WorkshopFile.open(path, read_only=True) as again:
            assert again.document.stages[0].name == "Warm"
    """, sample)


def test_creating_and_migrating_still_work_in_a_fresh_process(tmp_path: Path) -> None:
    from fixtures.make_workshop_r1 import FIXTURE

    old = tmp_path / "old.jmw"
    shutil.copyfile(FIXTURE, old)
    _run("""
        from journeymapper.model.templates import build
        from journeymapper.store import SCHEMA_HEAD
        with WorkshopFile.open(path) as wf:
            assert wf.schema_revision == SCHEMA_HEAD and wf.backup_path is not None
        assert heavy() == ["alembic", "sqlalchemy"]
        with WorkshopFile.create(path.with_name("new.jmw"), build("service-blueprint", "T")):
            pass
    """, old)
    with WorkshopFile.open(tmp_path / "new.jmw", read_only=True) as wf:
        assert wf.document.info.title == "T"


# -- the plain reader and SQLAlchemy agree ----------------------------------------------------


def test_columns_derived_from_the_model_match_the_orm_tables() -> None:
    from sqlalchemy import JSON, Boolean, select
    from sqlalchemy.dialects import sqlite

    assert tuple(ROW_CLASSES) == tuple(rows.COLUMNS)
    for kind in ROW_CLASSES:
        table = table_of(kind)
        assert rows.COLUMNS[kind] == tuple(c.name for c in table.columns)
        assert rows.JSON_COLUMNS[kind] == tuple(
            c.name for c in table.columns if isinstance(c.type, JSON))
        assert rows.BOOL_COLUMNS[kind] == tuple(
            c.name for c in table.columns if isinstance(c.type, Boolean))
        assert rows.select_all(kind) == str(select(table).compile(dialect=sqlite.dialect()))


def _through_sqlalchemy(conn: sqlite3.Connection, path: Path, revision: str) -> list[Any]:
    """What the reader did before it dropped SQLAlchemy (select, result processors, codec)."""
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    out = []
    try:
        with engine_over(conn).connect() as sa:
            for kind in snapshot.TABLES_AT[revision]:
                for row in sa.execute(select(table_of(kind))).mappings():
                    out.append(rows.from_row(kind, dict(row)))
    except EditError as exc:
        raise StoreError(path, f"holds invalid data: {exc}") from None
    except (sqlite3.DatabaseError, SQLAlchemyError, ValueError, TypeError) as exc:
        raise StoreError(path, f"is damaged: {snapshot._first_line(exc.__cause__ or exc)}"
                         ) from None
    return out


TAMPERS = [
    "UPDATE touchpoint SET tags = '[not json'",
    "UPDATE touchpoint SET tags = 5",
    "UPDATE touchpoint SET tags = 2.5",
    "UPDATE touchpoint SET tags = '{\"a\": 1}'",
    "UPDATE touchpoint SET tags = x'5b5d'",
    "UPDATE touchpoint SET tags = '[1, 2]'",
    "UPDATE touchpoint SET is_start = 2",
    "UPDATE touchpoint SET is_end = 'yes'",
    "UPDATE touchpoint SET score = 3.5",
    "UPDATE touchpoint SET rank = 'r'",
    "UPDATE lane SET layer = 'nope'",
    "UPDATE info SET date = '2020-13-01'",
    "UPDATE stage SET name = x'00ff'",
    "ALTER TABLE painpoint DROP COLUMN votes",
    "ALTER TABLE flow ADD COLUMN extra TEXT",
    "DROP TABLE action",
    "INSERT INTO action VALUES ('ac_1', 't', '', '[bad', 'worse', NULL, '', 'medium', 3, 3, "
    "'idea', NULL, 0)",
    "INSERT INTO action VALUES ('ac_1', 't', '', '[]', '7', NULL, '', 'urgent', 3, 3, "
    "'idea', NULL, 0)",
]


@pytest.mark.parametrize("sql", [None, *TAMPERS])
def test_the_plain_reader_reads_what_sqlalchemy_reads(tmp_path: Path, sql: str | None) -> None:
    path = tmp_path / "w.jmw"
    new_workshop(path)
    with WorkshopFile.open(path) as wf:
        doc = wf.document
        doc.apply(edits.add_touchpoint(doc, doc.stages[0].id, doc.lanes[0].id, "Call",
                                       tags=("a", "é")))
    if sql is not None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(sql)
        conn.close()
    results = []
    for read in (snapshot.read_entities, _through_sqlalchemy):
        with snapshot.snapshot(path) as conn:
            revision = snapshot.check(conn, path)
            try:
                results.append(read(conn, path, revision))
            except StoreError as exc:
                results.append(str(exc))
    assert results[0] == results[1]
    if sql is None:
        assert isinstance(results[0], list) and len(results[0]) > 10
        tags = [e.tags for e in results[0] if e.KIND == "touchpoint"]
        assert tags == [("a", "é")]
