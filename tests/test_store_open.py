"""Opening untrusted files: each bad file is refused with one clear line and left as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest
from fixtures.store_tools import folder_state, new_workshop

from journeymapper.model import EditError, edits
from journeymapper.store import APPLICATION_ID, SCHEMA_HEAD, StoreError, WorkshopFile


def refused(path: Path, *phrases: str) -> str:
    """Open ``path``, expect StoreError; check the message and that nothing on disk changed."""
    folder = path.parent if path.parent.exists() else path
    before = folder_state(folder)
    with pytest.raises(StoreError) as info:
        WorkshopFile.open(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for phrase in phrases:
        assert phrase in message
    assert folder_state(folder) == before, "the file or its folder changed"
    return message


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.jmw"
    new_workshop(path)
    return path


def test_a_good_file_opens_with_wal_and_foreign_keys(good: Path) -> None:
    with WorkshopFile.open(good) as wf:
        assert wf.schema_revision == SCHEMA_HEAD
        assert not wf.read_only and wf.notice is None
        assert wf.document.counts()["lanes"] == 4
        conn = wf._conn
        assert conn is not None
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert sorted(p.name for p in good.parent.iterdir()) == ["good.jmw"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such file"):
        WorkshopFile.open(tmp_path / "nothing.jmw")
    assert list(tmp_path.iterdir()) == []


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.jmw"
    folder.mkdir()
    refused(folder, "is a folder")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jmw"
    path.write_bytes(b"")
    refused(path, "is empty")


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.jmw"
    path.write_text("Stage 1: call the practice\n" * 20)
    refused(path, "not a JourneyMapper workshop", "some other kind of file")


def test_file_cut_inside_the_header(good: Path) -> None:
    good.write_bytes(good.read_bytes()[:60])
    refused(good, "truncated")


@pytest.mark.parametrize("keep", [0.5, 0.999])
def test_truncated_file(good: Path, keep: float) -> None:
    data = good.read_bytes()
    good.write_bytes(data[: int(len(data) * keep)])
    refused(good, "truncated")


def test_truncated_at_a_page_boundary(good: Path) -> None:
    data = good.read_bytes()
    page = struct.unpack(">H", data[16:18])[0]
    good.write_bytes(data[: len(data) - page])
    refused(good, "truncated")


def test_corrupt_pages(good: Path) -> None:
    data = bytearray(good.read_bytes())
    page = struct.unpack(">H", data[16:18])[0]
    for start in range(page, len(data), page):  # every page but the header's
        data[start: start + page] = bytes((i * 37 + 11) % 256 for i in range(page))
    good.write_bytes(bytes(data))
    refused(good, "is damaged")


def test_corrupt_header(good: Path) -> None:
    data = bytearray(good.read_bytes())
    data[16:18] = b"\x01\x23"  # a page size that is no power of two
    good.write_bytes(bytes(data))
    refused(good, "is damaged")


def _foreign_db(path: Path, app_id: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Dr Lee', '555-0100')")
    if app_id:
        conn.execute(f"PRAGMA application_id={app_id}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("app_id", [0, 0x0F055112])
def test_another_programs_database(tmp_path: Path, app_id: int) -> None:
    path = tmp_path / "contacts.jmw"
    _foreign_db(path, app_id)
    refused(path, "another program")


def _tamper(path: Path, *sql: str) -> None:
    """Change a good file behind the store's back (foreign keys off), then close it cleanly."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in sql:
        conn.execute(statement)
    conn.close()
    assert not path.with_name(path.name + "-wal").exists()


def test_newer_schema(good: Path) -> None:
    _tamper(good, "UPDATE alembic_version SET version_num = '0099_from_the_future'")
    refused(good, "was made by a newer JourneyMapper; update to open it")


def test_no_schema_version(good: Path) -> None:
    _tamper(good, "DROP TABLE alembic_version")
    refused(good, "has no schema version")


def test_missing_table(good: Path) -> None:
    _tamper(good, "DROP TABLE painpoint")
    refused(good, "is damaged", "painpoint")


def test_value_of_the_wrong_kind(good: Path) -> None:
    _tamper(good, "UPDATE lane SET position = 'top' WHERE rowid = 1")
    refused(good, "holds invalid data", "number")


def test_rows_that_break_an_invariant(good: Path) -> None:
    with WorkshopFile.open(good) as wf:
        doc = wf.document
        doc.apply(edits.add_touchpoint(doc, doc.stages[0].id, doc.lanes[0].id, "Call"))
    _tamper(good, "UPDATE touchpoint SET score = 11")
    refused(good, "does not hold together", "satisfaction score")
    _tamper(good, "UPDATE touchpoint SET score = NULL, lane_id = 'ln_gone'")
    refused(good, "does not hold together", "ln_gone")


def test_undecodable_json(good: Path) -> None:
    with WorkshopFile.open(good) as wf:
        doc = wf.document
        doc.apply(edits.add_touchpoint(doc, doc.stages[0].id, doc.lanes[0].id, "Call"))
    _tamper(good, "UPDATE touchpoint SET tags = '[not json'")
    refused(good, "is damaged")


def test_read_only_file_opens_read_only(good: Path) -> None:
    os.chmod(good, 0o444)
    try:
        before = folder_state(good.parent)
        with WorkshopFile.open(good) as wf:
            assert wf.read_only and wf.document.read_only and not wf.closed
            assert wf.notice == "opened read-only: you cannot write to this file"
            doc = wf.document
            with pytest.raises(EditError, match="read-only"):
                doc.apply(edits.rename_stage(doc, doc.stages[0].id, "Renamed"))
            assert wf.document.counts()["stages"] == 5
        assert wf.closed
        assert folder_state(good.parent) == before
    finally:
        os.chmod(good, 0o644)


def test_read_only_folder_opens_read_only(good: Path) -> None:
    folder = good.parent
    os.chmod(folder, 0o555)
    try:
        before = folder_state(folder)
        with WorkshopFile.open(good) as wf:
            assert wf.read_only
            assert wf.notice == "opened read-only: you cannot write to its folder"
        assert folder_state(folder) == before
    finally:
        os.chmod(folder, 0o755)


def _crashed_copy(good: Path, folder: Path) -> Path:
    """A copy of ``good`` as a crash leaves it: the last edit only in its WAL."""
    folder.mkdir()
    with WorkshopFile.open(good) as wf:
        doc = wf.document
        doc.apply(edits.rename_stage(doc, doc.stages[0].id, "Only in the WAL"))
        for name in (good.name, good.name + "-wal"):  # while open: nothing checkpointed yet
            shutil.copyfile(good.with_name(name), folder / name)
    copy = folder / good.name
    plain = sqlite3.connect(copy.as_uri() + "?immutable=1", uri=True)
    query = "SELECT count(*) FROM stage WHERE name = 'Only in the WAL'"
    assert plain.execute(query).fetchone() == (0,)
    plain.close()
    return copy


def test_leftover_wal_of_a_read_only_file_is_read_but_kept(good: Path, tmp_path: Path) -> None:
    crashed = _crashed_copy(good, tmp_path / "crashed")
    os.chmod(crashed, 0o444)
    try:
        before = folder_state(crashed.parent)
        with WorkshopFile.open(crashed) as wf:
            assert wf.read_only
            assert wf.document.stages[0].name == "Only in the WAL"
        assert folder_state(crashed.parent) == before
    finally:
        os.chmod(crashed, 0o644)


def test_leftover_wal_is_recovered_on_open(good: Path, tmp_path: Path) -> None:
    crashed = _crashed_copy(good, tmp_path / "crashed")
    with WorkshopFile.open(crashed) as wf:
        assert wf.document.stages[0].name == "Only in the WAL"


def test_bad_file_with_a_leftover_wal_is_left_alone(good: Path, tmp_path: Path) -> None:
    crashed = _crashed_copy(good, tmp_path / "crashed")
    _tamper_without_checkpoint(crashed)
    refused(crashed, "was made by a newer JourneyMapper")


def _tamper_without_checkpoint(path: Path) -> None:
    # Edit the main file only (the WAL beside it stays as the crash left it).
    data = bytearray(path.read_bytes())
    old, new = b"0002_settings_dismissals", b"0099_settings_dismissals"
    assert data.count(old) == 2  # the row and its primary-key index entry
    path.write_bytes(bytes(data).replace(old, new))


def test_second_open_in_the_same_process_is_refused(good: Path) -> None:
    with WorkshopFile.open(good) as first:
        message = refused(good, "already open in another JourneyMapper window")
        assert "good.jmw" in message
        with WorkshopFile.open(good, read_only_if_locked=True) as guest:
            assert guest.read_only and guest.notice is not None
            assert guest.document == first.document
    with WorkshopFile.open(good) as again:
        assert not again.read_only


def test_a_copy_of_the_file_elsewhere_opens(good: Path, tmp_path: Path) -> None:
    other = tmp_path / "sub"
    other.mkdir()
    shutil.copyfile(good, other / "good.jmw")
    with WorkshopFile.open(good) as a, WorkshopFile.open(other / "good.jmw") as b:
        assert a.document == b.document


def test_messages_name_the_file_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("notes.jmw").write_text("not a workshop")
    with pytest.raises(StoreError) as info:
        WorkshopFile.open("notes.jmw")
    assert str(info.value) == ("notes.jmw: is not a JourneyMapper workshop "
                               "(it is some other kind of file)")


def test_a_symlink_shares_the_lock_of_its_target(good: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.jmw"
    link.symlink_to(good)
    with WorkshopFile.open(good), pytest.raises(StoreError, match="already open"):
        WorkshopFile.open(link)


def test_read_only_view_writes_nothing(good: Path) -> None:
    before = folder_state(good.parent)
    with WorkshopFile.open(good, read_only=True) as view:
        assert view.read_only and view.notice is None
        assert view.document.counts()["lanes"] == 4
        # It holds no lock: a writer can open the file meanwhile.
        with WorkshopFile.open(good) as writer:
            assert not writer.read_only
    assert folder_state(good.parent) == before


def test_read_only_view_beside_a_writer(good: Path) -> None:
    with WorkshopFile.open(good) as writer:
        doc = writer.document
        doc.apply(edits.rename_stage(doc, doc.stages[0].id, "Seen by the view"))
        with WorkshopFile.open(good, read_only=True) as view:
            assert view.notice == "opened read-only: it is open in another JourneyMapper window"
            assert view.document == doc
