"""Creating files and "save as": whole files or nothing, never overwriting by accident."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from fixtures.store_tools import digest, folder_state, new_workshop, step

from journeymapper.model import edits
from journeymapper.model.templates import build
from journeymapper.store import APPLICATION_ID, SCHEMA_HEAD, StoreError, WorkshopFile


def test_create_writes_the_document_and_keeps_it(tmp_path: Path) -> None:
    doc = build("client-engagement", "Advisory")
    path = tmp_path / "new.jmw"
    with WorkshopFile.create(path, doc) as wf:
        assert wf.document is doc and not wf.read_only and wf.schema_revision == SCHEMA_HEAD
        doc.apply(edits.add_touchpoint(doc, doc.stages[0].id, doc.lanes[0].id, "Kick-off"))
    with WorkshopFile.open(path) as again:
        assert again.document == doc
    conn = sqlite3.connect(path.as_uri() + "?immutable=1", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    conn.close()
    assert path.read_bytes()[18:20] == b"\x02\x02"  # WAL mode, recorded in the header
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.jmw"]


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "taken.jmw"
    path.write_text("someone's notes")
    before = folder_state(tmp_path)
    with pytest.raises(StoreError) as info:
        WorkshopFile.create(path, build("blank"))
    assert str(info.value) == f"{path}: already exists; choose another name"
    assert folder_state(tmp_path) == before


def test_create_overwrites_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "taken.jmw"
    new_workshop(path, "service-blueprint")
    doc = build("blank", "Fresh start")
    WorkshopFile.create(path, doc, overwrite=True).close()
    with WorkshopFile.open(path) as wf:
        assert wf.document == doc


def test_create_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="its folder does not exist"):
        WorkshopFile.create(tmp_path / "nope" / "new.jmw", build("blank"))
    assert list(tmp_path.iterdir()) == []


def test_save_as_copies_and_opens_the_copy(tmp_path: Path) -> None:
    src = tmp_path / "original.jmw"
    new_workshop(src)
    with WorkshopFile.open(src) as wf:
        doc = wf.document
        for i in range(12):
            doc.apply(step(doc, i))
        with wf.save_as(tmp_path / "copy.jmw") as copy:
            assert copy.path == tmp_path / "copy.jmw" and not copy.read_only
            assert copy.document == doc and copy.document is not doc
            # The two files now go their own ways.
            copy.document.apply(edits.rename_stage(copy.document, doc.stages[0].id, "Copy only"))
            doc.apply(edits.rename_stage(doc, doc.stages[1].id, "Original only"))
            copy_state, original_state = copy.document.snapshot(), doc.snapshot()
    with WorkshopFile.open(tmp_path / "copy.jmw") as c, WorkshopFile.open(src) as o:
        assert c.document.snapshot() == copy_state
        assert o.document.snapshot() == original_state
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.jmw", "original.jmw"]


def test_save_as_refuses_an_existing_file_and_itself(tmp_path: Path) -> None:
    src, other = tmp_path / "a.jmw", tmp_path / "b.jmw"
    new_workshop(src)
    new_workshop(other, "blank")
    with WorkshopFile.open(src) as wf:
        before = digest(other)
        with pytest.raises(StoreError, match="already exists"):
            wf.save_as(other)
        assert digest(other) == before
        with pytest.raises(StoreError, match="own file"):
            wf.save_as(src, overwrite=True)
        with wf.save_as(other, overwrite=True) as copy:
            assert copy.document == wf.document


def test_save_as_from_a_read_only_file(tmp_path: Path) -> None:
    src = tmp_path / "locked-down.jmw"
    expected = new_workshop(src)
    os.chmod(src, 0o444)
    try:
        with WorkshopFile.open(src) as wf:
            assert wf.read_only
            before = folder_state(tmp_path)
            with wf.save_as(tmp_path / "mine.jmw") as copy:
                assert set(folder_state(tmp_path)) - set(before) == {
                    "mine.jmw", "mine.jmw-wal", "mine.jmw-shm", "mine.jmw-lock"}
                assert folder_state(tmp_path)[src.name] == before[src.name]
                assert not copy.read_only and copy.document == expected
                copy.document.apply(edits.update_info(copy.document, title="Now editable"))
    finally:
        os.chmod(src, 0o644)
    with WorkshopFile.open(tmp_path / "mine.jmw") as mine:
        assert mine.document.info.title == "Now editable"


def test_save_as_from_a_view_of_a_file_another_window_writes(tmp_path: Path) -> None:
    src = tmp_path / "busy.jmw"
    new_workshop(src)
    with WorkshopFile.open(src) as writer:
        doc = writer.document
        for i in range(8):
            doc.apply(step(doc, i))
        with WorkshopFile.open(src, read_only_if_locked=True) as view, \
                view.save_as(tmp_path / "snapshot.jmw") as copy:
            assert view.read_only and not copy.read_only
            assert copy.document == doc


def test_create_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="cannot be written: you cannot write to its folder"):
            WorkshopFile.create(folder / "new.jmw", build("blank"))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_create_over_a_read_only_file_even_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "keep.jmw"
    new_workshop(path)
    path.chmod(0o444)
    try:
        before = folder_state(tmp_path)
        with pytest.raises(StoreError, match="you cannot write to this file"):
            WorkshopFile.create(path, build("blank"), overwrite=True)
        assert folder_state(tmp_path) == before
    finally:
        path.chmod(0o644)
