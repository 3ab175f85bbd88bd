"""Schema revisions: a file written by revision 1 opens, is backed up, migrates, keeps its data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fixtures.make_workshop_r1 import FIXTURE, R1, r1_document
from fixtures.store_tools import digest, folder_state

from journeymapper.model import edits
from journeymapper.store import SCHEMA_HEAD, WorkshopFile
from journeymapper.store.migrate import REVISIONS, TABLES_AT, script_revisions, upgrade
from journeymapper.store.schema import Base
from journeymapper.store.sql import connect, engine_over


@pytest.fixture
def r1_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "workshop-r1.jmw"
    shutil.copyfile(FIXTURE, dst)
    return dst


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path.as_uri() + "?immutable=1", uri=True)
    try:
        (rev,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(rev)
    finally:
        conn.close()


def test_the_fixture_is_revision_1_without_the_new_tables() -> None:
    assert R1 == REVISIONS[0] != SCHEMA_HEAD
    assert _revision(FIXTURE) == R1
    conn = sqlite3.connect(FIXTURE.as_uri() + "?immutable=1", uri=True)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "setting" not in tables and "dismissal" not in tables and "touchpoint" in tables


def test_revision_1_file_migrates_with_a_backup(r1_copy: Path) -> None:
    original = digest(r1_copy)
    assert original == digest(FIXTURE)
    with WorkshopFile.open(r1_copy) as wf:
        assert wf.schema_revision == SCHEMA_HEAD
        assert wf.backup_path == r1_copy.with_name("workshop-r1.jmw.r1.bak")
        assert wf.notice is not None and "workshop-r1.jmw.r1.bak" in wf.notice
        assert wf.document == r1_document()
        # The new tables work: settings and dismissals are saved.
        doc = wf.document
        doc.apply(edits.set_setting(doc, "weak_link_gap", "2.5"))
        doc.apply(edits.dismiss_finding(doc, "gap:stage:st_after", "known"))
        doc.apply(edits.vote(doc, "pp_tone"))
        expected = doc.snapshot()
    assert digest(r1_copy.with_name("workshop-r1.jmw.r1.bak")) == original  # byte for byte
    assert _revision(r1_copy) == SCHEMA_HEAD
    with WorkshopFile.open(r1_copy) as wf:
        assert wf.notice is None and wf.backup_path is None
        assert wf.document.snapshot() == expected
        assert wf.document.settings == {"weak_link_gap": "2.5"}
    assert sorted(p.name for p in r1_copy.parent.iterdir()) == [
        "workshop-r1.jmw", "workshop-r1.jmw.r1.bak"]


def test_the_backup_of_a_second_old_copy_does_not_overwrite_the_first(r1_copy: Path) -> None:
    WorkshopFile.open(r1_copy).close()
    shutil.copyfile(FIXTURE, r1_copy)
    WorkshopFile.open(r1_copy).close()
    assert digest(r1_copy.with_name("workshop-r1.jmw.r1-2.bak")) == digest(FIXTURE)


def test_revision_1_file_opens_read_only_without_migrating(r1_copy: Path) -> None:
    r1_copy.chmod(0o444)
    try:
        before = folder_state(r1_copy.parent)
        with WorkshopFile.open(r1_copy) as wf:
            assert wf.read_only and wf.schema_revision == R1
            assert wf.document == r1_document()
        assert folder_state(r1_copy.parent) == before
    finally:
        r1_copy.chmod(0o644)


def test_known_revisions_match_the_migration_scripts() -> None:
    assert list(REVISIONS) == script_revisions()
    assert set(TABLES_AT) == set(REVISIONS)


def test_migrations_build_exactly_the_orm_schema(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    conn = connect(tmp_path / "schema.jmw")
    try:
        with engine_over(conn).connect() as sa:
            upgrade(sa)
            sa.commit()
            diff = compare_metadata(MigrationContext.configure(sa), Base.metadata)
    finally:
        conn.close()
    assert diff == []


def test_a_read_only_view_of_revision_1_does_not_migrate(r1_copy: Path) -> None:
    before = folder_state(r1_copy.parent)
    with WorkshopFile.open(r1_copy, read_only=True) as view:
        assert view.schema_revision == R1 and view.document == r1_document()
    assert folder_state(r1_copy.parent) == before
