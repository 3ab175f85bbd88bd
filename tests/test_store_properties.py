"""Properties: any sequence of valid edits, saved as it goes, reopens equal; invalid ones change
nothing on disk."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from fixtures.store_tools import digest, new_workshop
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_strategies import random_edit

from journeymapper.model import Edit, EditError, Op
from journeymapper.store import WorkshopFile

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(st.data(), st.integers(1, 30))
def test_edits_saved_as_they_happen_reopen_equal(data: st.DataObject, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.jmw"
        new_workshop(path, data.draw(st.sampled_from(["blank", "service-blueprint"])))
        with WorkshopFile.open(path) as wf:
            doc = wf.document
            for _ in range(n):
                try:
                    edit = random_edit(data, doc)
                except EditError:
                    continue  # the factory refused (e.g. a duplicate flow): nothing to apply
                doc.apply(edit)
            if data.draw(st.booleans()):
                doc.apply(edit.inverted())  # an undo is one more edit to persist
        with WorkshopFile.open(path) as again:
            assert again.document == doc


def _spoil(doc_edit: Edit) -> Edit:
    """Turn a valid edit into an invalid one: a field out of range or a reference to nothing."""
    ops = list(doc_edit.ops)
    op = ops[-1]
    after = op.after if op.after is not None else op.before
    assert after is not None
    broken = {
        "touchpoint": {"score": 11},
        "painpoint": {"severity": 9},
        "action": {"impact": 0},
        "flow": {"target_id": "tp_nowhere"},
        "stage": {"name": "  "},
        "lane": {"name": ""},
        "info": {"title": ""},
    }.get(after.KIND)
    if broken is None:  # settings and dismissals: claim the entity is something it is not
        return Edit("stale", (Op(dataclasses.replace(after, id=after.id), None),
                              Op(None, after), Op(None, after)))
    return Edit("broken", (*ops[:-1], Op(op.before, dataclasses.replace(after, **broken))))


@SETTINGS
@given(st.data(), st.integers(1, 15))
def test_invalid_edits_never_change_the_file(data: st.DataObject, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.jmw"
        wal = path.with_name(path.name + "-wal")
        new_workshop(path)
        with WorkshopFile.open(path) as wf:
            doc = wf.document
            for _ in range(n):
                try:
                    edit = random_edit(data, doc)
                except EditError:
                    continue
                if not edit.ops:
                    continue
                if data.draw(st.booleans()):
                    doc.apply(edit)
                    continue
                bad = _spoil(edit)
                before = (digest(path), digest(wal) if wal.exists() else "", doc.snapshot())
                try:
                    doc.apply(bad)
                except EditError:
                    pass
                else:
                    raise AssertionError(f"a spoiled edit was accepted: {bad}")
                after = (digest(path), digest(wal) if wal.exists() else "", doc.snapshot())
                assert after == before
            final = doc.snapshot()
        with WorkshopFile.open(path) as again:
            assert again.document.snapshot() == final
