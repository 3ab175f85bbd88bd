"""Canvas editing with real mouse and key events: add, rename, drag, connect, reorder, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from journeymapper.model import Document, edits, templates
from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session


def _doc() -> Document:
    doc = templates.build("service-blueprint", "Test")
    st = [s.id for s in doc.stages]
    ln = [x.id for x in doc.lanes]
    for i, (s, l, title) in enumerate([(0, 0, "Hears about us"), (1, 0, "Calls reception"),
                                       (1, 1, "Receptionist answers"), (2, 2, "Books slot")]):
        doc.apply(edits.add_touchpoint(doc, st[s], ln[l], title, touchpoint_id=f"tp{i}"))
    doc.apply(edits.add_flow(doc, "tp0", "tp1", flow_id="fl0"))
    doc.revision = 0
    return doc


@pytest.fixture
def view(qtbot: QtBot) -> MapView:
    session = Session(_doc())
    v = MapView(session)
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    qtbot.waitExposed(v)
    v.fit_all()
    return v


def vp(view: MapView, p: QPointF) -> QPoint:
    return view.mapFromScene(p)


def drag(qtbot: QtBot, view: MapView, a: QPointF, b: QPointF, steps: int = 8,
         mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    w = view.viewport()
    pa, pb = vp(view, a), vp(view, b)
    qtbot.mousePress(w, Qt.MouseButton.LeftButton, mods, pa)
    for i in range(1, steps + 1):
        p = pa + (pb - pa) * (i / steps)
        qtbot.mouseMove(w, p)
    qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, mods, pb)


def assert_in_sync(view: MapView) -> None:
    sc = view.map_scene
    doc = view.session.doc
    assert set(sc.cards) == set(doc.touchpoints)
    assert set(sc.flows) == set(doc.flows)
    assert set(sc.stage_headers) == {s.id for s in doc.stages}
    assert set(sc.lane_headers) == {x.id for x in doc.lanes}
    for tid, card in sc.cards.items():
        assert card.face.title == doc.touchpoint(tid).title
        assert card.pos() == sc.layout.cards[tid].topLeft()


def test_double_click_empty_cell_adds_card_and_types_title(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    s, ln = doc.stages[3].id, doc.lanes[1].id
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp(view, view.cell_rect(s, ln).center()))
    assert len(doc.cell(s, ln)) == 1
    assert view.editor is not None
    qtbot.keyClicks(view.viewport(), "Nurse calls back")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    cell = doc.cell(s, ln)
    assert [t.title for t in cell] == ["Nurse calls back"]
    assert view.session.undo_stack.count() == 1  # add + title merged into one step
    assert_in_sync(view)
    view.session.undo_stack.undo()
    assert doc.cell(s, ln) == []
    assert_in_sync(view)
    view.session.undo_stack.redo()
    assert [t.title for t in doc.cell(s, ln)] == ["Nurse calls back"]
    assert_in_sync(view)
