"""The scene mirrors the Document: after any sequence of edits, undos and redos it holds exactly
one item per stage, lane, card and flow, each showing the model's current values."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from journeymapper.model import Channel, Document, Edit, EditError, Layer, edits, templates
from journeymapper.ui.canvas import MapView
from journeymapper.ui.canvas.items import CardFace
from journeymapper.ui.session import Session


def check_sync(view: MapView) -> None:
    sc = view.map_scene
    doc = view.session.doc
    assert set(sc.cards) == set(doc.touchpoints)
    assert set(sc.flows) == set(doc.flows)
    assert set(sc.stage_headers) == {s.id for s in doc.stages}
    assert set(sc.lane_headers) == {x.id for x in doc.lanes}
    model_items = [it for it in sc.items() if getattr(it, "ref", None) is not None]
    assert len(model_items) == sc.model_item_count() == (
        len(doc.touchpoints) + len(doc.flows) + len(doc.stages) + len(doc.lanes))
    for tid, card in sc.cards.items():
        assert card.face == CardFace.of(doc, doc.touchpoint(tid))
        assert card.pos() == sc.layout.cards[tid].topLeft()
    for fid, item in sc.flows.items():
        f = doc.flow(fid)
        assert (item.source_id, item.target_id, item.label) == (f.source_id, f.target_id, f.label)
    for sid, h in sc.stage_headers.items():
        assert h.title == doc.stage(sid).name
    for lid, h in sc.lane_headers.items():
        assert h.title == doc.lane(lid).name


def random_edit(doc: Document, rnd: random.Random) -> Edit:
    tps = sorted(doc.touchpoints)
    stages = [s.id for s in doc.stages]
    lanes = [x.id for x in doc.lanes]
    pick = rnd.randrange(14)
    if pick == 0 or not tps:
        if not stages or not lanes:
            return edits.add_stage(doc, f"S{rnd.randrange(99)}") if not stages else \
                edits.add_lane(doc, f"L{rnd.randrange(99)}", rnd.choice(list(Layer)))
        return edits.add_touchpoint(doc, rnd.choice(stages), rnd.choice(lanes),
                                    f"Card {rnd.randrange(999)}", rnd.randrange(4),
                                    channel=rnd.choice(list(Channel)),
                                    score=rnd.choice([None, 2, 7, 9]))
    tp = rnd.choice(tps)
    if pick == 1:
        return edits.move_touchpoint(doc, tp, rnd.choice(stages), rnd.choice(lanes),
                                     rnd.randrange(4))
    if pick == 2:
        return edits.update_touchpoint(doc, tp, title=f"Renamed {rnd.randrange(99)}",
                                       score=rnd.choice([None, 1, 8, 10]))
    if pick == 3:
        return edits.remove_touchpoints(doc, rnd.sample(tps, min(len(tps), 2)))
    if pick == 4:
        return edits.add_flow(doc, tp, rnd.choice(tps))
    if pick == 5 and doc.flows:
        return edits.remove_flows(doc, [rnd.choice(sorted(doc.flows))])
    if pick == 6:
        return edits.add_pain_point(doc, tp, "Hurt", rnd.randint(1, 5), votes=rnd.randrange(3))
    if pick == 7 and doc.pain_points:
        return edits.vote(doc, rnd.choice(sorted(doc.pain_points)))
    if pick == 8:
        return edits.move_lane(doc, rnd.choice(lanes), rnd.randrange(len(lanes)))
    if pick == 9:
        return edits.move_stage(doc, rnd.choice(stages), rnd.randrange(len(stages)))
    if pick == 10 and len(lanes) > 1:
        return edits.remove_lane(doc, rnd.choice(lanes))
    if pick == 11 and len(stages) > 1:
        return edits.remove_stage(doc, rnd.choice(stages))
    if pick == 12:
        return edits.add_lane(doc, "New lane", rnd.choice([*Layer, None]), rnd.randrange(5))
    return edits.update_lane(doc, rnd.choice(lanes), layer=rnd.choice([*Layer, None]),
                             color=rnd.choice([None, "#ffcc00"]))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), steps=st.integers(1, 40))
def test_random_edits_keep_scene_in_sync(qtbot: QtBot, seed: int, steps: int) -> None:
    rnd = random.Random(seed)
    session = Session(templates.build("service-blueprint"))
    view = MapView(session)
    qtbot.addWidget(view)
    doc = session.doc
    for _ in range(steps):
        try:
            edit = random_edit(doc, rnd)
        except EditError:
            continue
        session.do(edit)
        if rnd.random() < 0.2 and session.undo_stack.canUndo():
            session.undo_stack.undo()
        if rnd.random() < 0.1 and session.undo_stack.canRedo():
            session.undo_stack.redo()
    check_sync(view)
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    check_sync(view)
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
    check_sync(view)
    view.cleanup()
    session.close()


def test_presentation_mode_rebuilds_in_sync(qtbot: QtBot) -> None:
    session = Session(templates.build("client-engagement"))
    doc = session.doc
    session.do(edits.add_touchpoint(doc, doc.stages[0].id, doc.lanes[0].id, "Kick-off call"))
    view = MapView(session)
    qtbot.addWidget(view)
    view.set_presentation(True)
    assert view.map_scene.theme.name == "projector"
    check_sync(view)
    view.set_presentation(False)
    check_sync(view)


def test_open_and_close_many_times_leaks_nothing(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication, QGraphicsScene
    session = Session(templates.build("blank"))
    for _ in range(50):
        view = MapView(session)
        view.show()
        view.close()
        view.deleteLater()
    QApplication.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    scenes = [o for o in session.children() if isinstance(o, QGraphicsScene)]
    assert scenes == []
    assert session.receivers("2changed(PyObject)") == 0
