"""Property tests: undo gives back the start, redo the end, invalid edits change nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_strategies import random_edit

from journeymapper.model import Document, Edit, EditError, Flow, Op, edits, jsonform, templates

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _start() -> Document:
    return templates.build("service-blueprint")


@SETTINGS
@given(st.data(), st.integers(1, 40))
def test_undo_all_gives_the_start_and_redo_all_the_end(data: st.DataObject, n: int) -> None:
    doc = _start()
    start = doc.snapshot()
    applied: list[Edit] = []
    for _ in range(n):
        edit = random_edit(data, doc)
        doc.apply(edit)
        applied.append(edit)
    end = doc.snapshot()
    for edit in reversed(applied):
        doc.apply(edit.inverted())
    assert doc.snapshot() == start
    for edit in applied:
        doc.apply(edit)
    assert doc.snapshot() == end
    # The JSON form round-trips whatever the edits made.
    assert jsonform.from_data(jsonform.to_data(doc)) == doc


def _invalid_edits(doc: Document, data: st.DataObject) -> list[Edit]:
    stage, lane = doc.stages[0], doc.lanes[0]
    tps = sorted(doc.touchpoints)
    bad: list[Edit] = [
        Edit("score 11", (Op(doc.touchpoint(tps[0]),
                             _replace(doc.touchpoint(tps[0]), score=11)),)),
        Edit("flow to nowhere", (Op(None, Flow("fl_x", tps[0], "tp_missing")),)),
        Edit("self loop", (Op(None, Flow("fl_y", tps[0], tps[0])),)),
        Edit("move to missing lane", (Op(doc.touchpoint(tps[0]),
                                         _replace(doc.touchpoint(tps[0]), lane_id="ln_none")),)),
        Edit("orphaning stage removal",
             (Op(doc.stage(doc.touchpoint(tps[0]).stage_id), None),)),
        Edit("orphaning lane removal", (Op(doc.lane(doc.touchpoint(tps[0]).lane_id), None),)),
        Edit("stale", (Op(_replace(stage, name="not what it is"), _replace(stage, name="y")),)),
        Edit("empty name", (Op(stage, _replace(stage, name="   ")),)),
    ]
    # A valid op followed by an invalid one: the valid one must be rolled back too.
    bad.append(Edit("half good", (*edits.rename_lane(doc, lane.id, "Renamed").ops, *bad[0].ops)))
    return bad


def _replace(e, **kw):  # type: ignore[no-untyped-def]
    import dataclasses

    return dataclasses.replace(e, **kw)


@SETTINGS
@given(st.data(), st.integers(0, 15))
def test_invalid_edits_never_change_the_document(data: st.DataObject, n: int) -> None:
    doc = _start()
    doc.apply(edits.add_touchpoint(doc, doc.stages[0].id, doc.lanes[0].id, "Anchor"))
    for _ in range(n):
        doc.apply(random_edit(data, doc))
    if not doc.touchpoints or not doc.stages or not doc.lanes:
        return
    before, revision = doc.snapshot(), doc.revision
    heard: list[object] = []
    doc.subscribe(heard.append)
    for edit in _invalid_edits(doc, data):
        try:
            doc.apply(edit)
        except EditError:
            pass
        else:
            raise AssertionError(f"{edit.label!r} was accepted")
        assert doc.snapshot() == before, edit.label
    assert doc.revision == revision and heard == []
