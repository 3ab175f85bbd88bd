"""Every applied edit is committed at once; a refused or failed write leaves file and screen
alike."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from fixtures.store_tools import digest, new_workshop, step

from journeymapper.model import Edit, EditError, Flow, Op, edits
from journeymapper.store import StoreError, WorkshopFile


def reopened(path: Path) -> WorkshopFile:
    return WorkshopFile.open(path)


def test_each_edit_is_on_disk_before_apply_returns(tmp_path: Path) -> None:
    path = tmp_path / "w.jmw"
    new_workshop(path)
    with WorkshopFile.open(path) as wf:
        doc = wf.document
        for i in range(40):
            doc.apply(step(doc, i))
            # A second, independent reader sees the committed state right away.
            with WorkshopFile.open(path, read_only_if_locked=True) as reader:
                assert reader.document == doc
        final = doc.snapshot()
    with reopened(path) as wf:
        assert wf.document.snapshot() == final


def test_only_touched_rows_are_written(tmp_path: Path) -> None:
    path = tmp_path / "w.jmw"
    new_workshop(path)
    with WorkshopFile.open(path) as wf:
        doc = wf.document
        for i in range(8):
            doc.apply(step(doc, i))
        conn = wf._conn
        assert conn is not None
        before = conn.total_changes
        doc.apply(edits.update_touchpoint(doc, "tp_000001", title="Only this"))
        assert conn.total_changes - before == 1


def test_undo_and_redo_of_composite_edits_persist(tmp_path: Path) -> None:
    path = tmp_path / "w.jmw"
    new_workshop(path)
    with WorkshopFile.open(path) as wf:
        doc = wf.document
        for i in range(24):
            doc.apply(step(doc, i))
        lane = doc.touchpoint("tp_000002").lane_id
        doc.apply(edits.add_action(doc, "Call back", pain_point_ids=["pp_000000"],
                                   owner_lane_id=lane))
        removal = edits.remove_lane(doc, lane)
        before = doc.snapshot()
        doc.apply(removal)
        after = doc.snapshot()
    with reopened(path) as wf:
        assert wf.document.snapshot() == after
        wf.document.apply(removal.inverted())
    with reopened(path) as wf:
        assert wf.document.snapshot() == before


def test_an_entity_touched_many_times_in_one_edit(tmp_path: Path) -> None:
    # A merged typing command holds several versions of one card; the last one is what counts.
    path = tmp_path / "w.jmw"
    new_workshop(path)
    with WorkshopFile.open(path) as wf:
        doc = wf.document
        doc.apply(step(doc, 0))
        tp = doc.touchpoint("tp_000000")
        versions = [dataclasses.replace(tp, title="C" * n) for n in range(1, 5)]
        ops = [Op(a, b) for a, b in zip([tp, *versions], versions, strict=False)]
        doc.apply(Edit("Typing", tuple(ops)))
        gone_and_back = Edit("Remove and re-add", (Op(versions[-1], None), Op(None, tp)))
        doc.apply(gone_and_back)
    with reopened(path) as wf:
        assert wf.document.touchpoint("tp_000000") == tp


def test_invalid_edits_leave_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "w.jmw"
    new_workshop(path)
    wal = path.with_name(path.name + "-wal")
    with WorkshopFile.open(path) as wf:
        doc = wf.document
        for i in range(8):
            doc.apply(step(doc, i))
        state = (digest(path), digest(wal))
        tp = doc.touchpoint("tp_000001")
        bad = [
            Edit("score 11", (Op(tp, dataclasses.replace(tp, score=11)),)),
            Edit("missing lane", (Op(tp, dataclasses.replace(tp, lane_id="ln_nowhere")),)),
            Edit("flow to nothing", (Op(None, Flow("fl_x", tp.id, "tp_missing")),)),
            Edit("stale", (Op(dataclasses.replace(tp, title="old"), tp),)),
        ]
        snapshot = doc.snapshot()
        for edit in bad:
            with pytest.raises(EditError):
                doc.apply(edit)
            assert doc.snapshot() == snapshot
            assert (digest(path), digest(wal)) == state


def test_a_failed_write_rolls_the_edit_back(tmp_path: Path) -> None:
    path = tmp_path / "w.jmw"
    new_workshop(path)
    with WorkshopFile.open(path) as wf:
        doc = wf.document
        doc.apply(step(doc, 0))
        # Another connection makes every touch-point write fail, as a full disk would.
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("CREATE TRIGGER no_cards BEFORE UPDATE ON touchpoint "
                      "BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
        other.close()
        before = doc.snapshot()
        revision = doc.revision
        seen: list[object] = []
        doc.subscribe(seen.append)
        with pytest.raises(StoreError, match="could not save the change: disk says no"):
            doc.apply(edits.update_touchpoint(doc, "tp_000000", title="Never saved"))
        assert doc.snapshot() == before and doc.revision == revision and seen == []
        # Other kinds still save, in their own transaction.
        doc.apply(edits.rename_stage(doc, doc.stages[0].id, "Still saved"))
        expected = doc.snapshot()
    with reopened(path) as wf:
        assert wf.document.snapshot() == expected
        assert wf.document.touchpoint("tp_000000").title == "Card 0"


def test_close_is_idempotent_and_detaches_the_document(tmp_path: Path) -> None:
    path = tmp_path / "w.jmw"
    new_workshop(path)
    wf = WorkshopFile.open(path)
    doc = wf.document
    wf.close()
    wf.close()
    assert wf.closed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.jmw"]
    with pytest.raises(EditError):
        doc.apply(edits.rename_stage(doc, doc.stages[0].id, "After close"))
    with reopened(path) as again:
        assert again.document == doc
