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
    for i, (s, x, title) in enumerate([(0, 0, "Hears about us"), (1, 0, "Calls reception"),
                                       (1, 1, "Receptionist answers"), (2, 2, "Books slot")]):
        doc.apply(edits.add_touchpoint(doc, st[s], ln[x], title, touchpoint_id=f"tp{i}"))
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


def click(qtbot: QtBot, view: MapView, p: QPointF,
          mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, vp(view, p))


def dclick(qtbot: QtBot, view: MapView, p: QPointF) -> None:
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp(view, p))


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
    dclick(qtbot, view, view.cell_rect(s, ln).center())
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


def card_center(view: MapView, tp_id: str) -> QPointF:
    return view.card_rect(tp_id).center()


def test_drag_card_to_another_lane(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    s2, l3 = doc.stages[2].id, doc.lanes[3].id
    drag(qtbot, view, card_center(view, "tp1"), view.cell_rect(s2, l3).center())
    tp = doc.touchpoint("tp1")
    assert (tp.stage_id, tp.lane_id) == (s2, l3)
    assert view.session.undo_stack.count() == 1
    assert not view.frozen()
    assert_in_sync(view)
    # the flow re-routed to the card's new place
    assert view.map_scene.flows["fl0"].boundingRect().intersects(view.card_rect("tp1"))
    view.session.undo_stack.undo()
    assert doc.touchpoint("tp1").stage_id == doc.stages[1].id
    assert_in_sync(view)


def test_drop_inserts_before_a_card(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    top = view.card_rect("tp1").topLeft() + QPointF(30, 5)  # upper edge of the cell's only card
    drag(qtbot, view, card_center(view, "tp3"), top)
    s, ln = doc.stages[1].id, doc.lanes[0].id
    assert [t.id for t in doc.cell(s, ln)] == ["tp3", "tp1"]
    assert_in_sync(view)


def test_multi_select_drag_is_one_undo_step(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    ctrl = Qt.KeyboardModifier.ControlModifier
    click(qtbot, view, card_center(view, "tp0"))
    click(qtbot, view, card_center(view, "tp1"), ctrl)
    assert view.selected() == [("touchpoint", "tp0"), ("touchpoint", "tp1")]
    # drag tp0 one lane down: tp1 keeps its offset and goes one lane down too
    target = view.cell_rect(doc.stages[0].id, doc.lanes[1].id).center()
    drag(qtbot, view, card_center(view, "tp0"), target)
    assert doc.touchpoint("tp0").lane_id == doc.lanes[1].id
    assert doc.touchpoint("tp1").lane_id == doc.lanes[1].id
    assert doc.touchpoint("tp1").stage_id == doc.stages[1].id
    assert view.session.undo_stack.count() == 1
    assert_in_sync(view)
    view.session.undo_stack.undo()
    assert doc.touchpoint("tp0").lane_id == doc.lanes[0].id
    assert doc.touchpoint("tp1").lane_id == doc.lanes[0].id
    assert_in_sync(view)
    view.session.undo_stack.redo()
    assert doc.touchpoint("tp1").lane_id == doc.lanes[1].id
    assert_in_sync(view)


def test_drag_from_edge_handle_draws_flow(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    r = view.card_rect("tp2")
    handle = QPointF(r.right() - 3, r.center().y())
    drag(qtbot, view, handle, card_center(view, "tp3"))
    f = doc.flow_between("tp2", "tp3")
    assert f is not None
    assert doc.touchpoint("tp2").lane_id == doc.lanes[1].id  # the card did not move
    assert f.id in view.map_scene.flows
    view.session.undo_stack.undo()
    assert doc.flow_between("tp2", "tp3") is None
    assert_in_sync(view)


def test_connect_tool_click_source_then_target(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    view.start_connect_mode()
    click(qtbot, view, card_center(view, "tp1"))
    click(qtbot, view, card_center(view, "tp2"))
    assert doc.flow_between("tp1", "tp2") is not None
    assert view.tool is None
    assert_in_sync(view)


def test_connect_joins_two_selected_cards_in_journey_order(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    click(qtbot, view, card_center(view, "tp3"))  # the later card first
    click(qtbot, view, card_center(view, "tp1"), Qt.KeyboardModifier.ControlModifier)
    assert sorted(eid for _k, eid in view.selected()) == ["tp1", "tp3"]
    flows = len(doc.flows)
    view.start_connect_mode()
    assert doc.flow_between("tp1", "tp3") is not None and len(doc.flows) == flows + 1
    assert view.tool is None  # nothing more to click
    assert_in_sync(view)
    view.session.undo_stack.undo()
    assert doc.flow_between("tp1", "tp3") is None
    messages: list[str] = []
    view.session.error.connect(messages.append)
    click(qtbot, view, card_center(view, "tp0"))
    click(qtbot, view, card_center(view, "tp1"), Qt.KeyboardModifier.ControlModifier)
    view.start_connect_mode()  # joined already: refused with a message, nothing added
    assert len(doc.flows) == flows and messages and "already a flow" in messages[-1]


def test_connect_with_one_selected_card_still_asks_for_the_source(qtbot: QtBot,
                                                                  view: MapView) -> None:
    doc = view.session.doc
    click(qtbot, view, card_center(view, "tp2"))
    view.start_connect_mode()
    click(qtbot, view, card_center(view, "tp3"))  # the source, whatever was selected
    assert view.tool is not None and doc.flow_between("tp2", "tp3") is None
    click(qtbot, view, card_center(view, "tp1"))
    assert doc.flow_between("tp3", "tp1") is not None and view.tool is None
    assert_in_sync(view)


def test_reorder_lane_by_dragging_header(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    first = doc.lanes[0].id
    below = view.lane_rect(doc.lanes[2].id)
    head = view.map_scene.layout.lane_header_rect(first).center()
    drag(qtbot, view, head, QPointF(head.x(), below.bottom() - 5))
    assert [x.id for x in doc.lanes].index(first) == 2
    assert_in_sync(view)
    view.session.undo_stack.undo()
    assert doc.lanes[0].id == first
    assert_in_sync(view)


def test_reorder_stage_by_dragging_header(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    last = doc.stages[-1].id
    head = view.map_scene.layout.stage_header_rect(last).center()
    drag(qtbot, view, head, QPointF(view.stage_rect(doc.stages[0].id).left() + 10, head.y()))
    assert doc.stages[0].id == last
    assert_in_sync(view)


def test_delete_key_removes_card_with_its_flows(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    click(qtbot, view, card_center(view, "tp1"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "tp1" not in doc.touchpoints and "fl0" not in doc.flows
    assert_in_sync(view)
    view.session.undo_stack.undo()
    assert "tp1" in doc.touchpoints and "fl0" in doc.flows
    assert_in_sync(view)
    view.session.undo_stack.redo()
    assert "tp1" not in doc.touchpoints
    assert_in_sync(view)


def test_delete_flow_and_lane(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    mid = view.map_scene.flows["fl0"].shape().pointAtPercent(0.0)
    path = view.map_scene.flows["fl0"]._path
    click(qtbot, view, path.pointAtPercent(0.5))
    assert view.selected() == [("flow", "fl0")], mid
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "fl0" not in doc.flows
    lane = doc.lanes[0].id
    head = view.map_scene.layout.lane_header_rect(lane).center()
    click(qtbot, view, head)
    assert view.selected() == [("lane", lane)]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert lane not in doc.table("lane") and "tp0" not in doc.touchpoints
    assert_in_sync(view)
    view.session.undo_stack.undo()
    assert lane in doc.table("lane") and "tp0" in doc.touchpoints and "tp1" in doc.touchpoints
    assert_in_sync(view)


def test_copy_paste_and_duplicate(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    doc_before = len(doc.touchpoints)
    click(qtbot, view, card_center(view, "tp2"))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    s, ln = doc.stages[4].id, doc.lanes[3].id
    click(qtbot, view, view.cell_rect(s, ln).center())
    assert view.selected() == []
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [t.title for t in doc.cell(s, ln)] == ["Receptionist answers"]
    assert len(doc.touchpoints) == doc_before + 1
    new_id = doc.cell(s, ln)[0].id
    assert view.selected() == [("touchpoint", new_id)]
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [t.title for t in doc.cell(s, ln)] == ["Receptionist answers"] * 2
    assert view.session.undo_stack.count() == 2
    assert_in_sync(view)
    view.session.undo_stack.undo()
    view.session.undo_stack.undo()
    assert len(doc.touchpoints) == doc_before
    assert_in_sync(view)


def test_f2_and_header_double_click_rename(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    click(qtbot, view, card_center(view, "tp0"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.editor is not None
    qtbot.keyClicks(view.viewport(), "Friend recommends us")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert doc.touchpoint("tp0").title == "Friend recommends us"
    stage = doc.stages[0].id
    head = view.map_scene.layout.stage_header_rect(stage).center()
    dclick(qtbot, view, head)
    qtbot.keyClicks(view.viewport(), "Discover")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)  # cancelled
    assert doc.stage(stage).name == "Aware"
    dclick(qtbot, view, head)
    qtbot.keyClicks(view.viewport(), "Discover")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert doc.stage(stage).name == "Discover"
    assert view.map_scene.stage_headers[stage].title == "Discover"
    assert view.session.undo_stack.count() == 2


def test_arrow_keys_move_selection(qtbot: QtBot, view: MapView) -> None:
    click(qtbot, view, card_center(view, "tp0"))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected() == [("touchpoint", "tp1")]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected() == [("touchpoint", "tp2")]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.current_cell is not None


def test_add_card_in_selected_cell_and_close(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    view.select_entities([("touchpoint", "tp1")])
    new = view.add_card_in_selected_cell()
    assert new is not None
    tp1 = doc.touchpoint("tp1")
    assert [t.id for t in doc.cell(tp1.stage_id, tp1.lane_id)] == ["tp1", new]
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert view.editor is None
    view.close()
    assert view.scene() is None
    view.session.do(edits.rename_stage(doc, doc.stages[0].id, "After close"))  # no dead listener


def test_vote_key_and_context_menu(qtbot: QtBot, view: MapView) -> None:
    from journeymapper.ui.canvas.menus import build_menu
    doc = view.session.doc
    view.session.do(edits.add_pain_point(doc, "tp1", "On hold", 4, pain_point_id="pp1"))
    assert view.map_scene.cards["tp1"].face.pains == 1
    click(qtbot, view, card_center(view, "tp1"))
    qtbot.keyClick(view, Qt.Key.Key_V)
    qtbot.keyClick(view, Qt.Key.Key_V)
    assert doc.pain_point("pp1").votes == 2
    assert view.map_scene.cards["tp1"].face.votes == 2
    menu = build_menu(view, view.map_scene.cards["tp1"], None)
    score = next(a for a in menu.actions() if a.text() == "Satisfaction score").menu()
    next(a for a in score.actions() if a.text() == "3").trigger()
    assert doc.touchpoint("tp1").score == 3
    assert view.map_scene.cards["tp1"].face.score == 3
    next(a for a in menu.actions() if a.text().startswith("Delete")).trigger()
    assert "tp1" not in doc.touchpoints and "pp1" not in doc.pain_points
    view.session.undo_stack.undo()
    assert doc.pain_point("pp1").votes == 2
    assert_in_sync(view)
    lane = doc.lanes[1].id
    menu = build_menu(view, view.map_scene.lane_headers[lane], None)
    next(a for a in menu.actions() if a.text() == "Add lane after").trigger()
    assert doc.lanes[2].name == "New lane"
    assert_in_sync(view)


def test_escape_cancels_a_drag(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    w = view.viewport()
    a = vp(view, card_center(view, "tp1"))
    qtbot.mousePress(w, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(w, a + QPoint(30, 40))
    qtbot.mouseMove(w, a + QPoint(60, 200))
    assert view.frozen()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.frozen()
    qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, pos=a + QPoint(60, 200))
    assert doc.touchpoint("tp1").lane_id == doc.lanes[0].id
    assert view.session.undo_stack.count() == 0
    assert view.map_scene.drag_layer.childItems() == [view._cursor]


def test_tab_walks_cells_and_n_adds_there(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    s, ln = doc.stages[4].id, doc.lanes[2].id
    click(qtbot, view, view.cell_rect(s, ln).center())
    assert view.current_cell == (s, ln)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    nxt = (doc.stages[0].id, doc.lanes[3].id)
    assert view.current_cell == nxt
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert len(doc.cell(*nxt)) == 1
    qtbot.keyClicks(view.viewport(), "Invoice")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert doc.cell(*nxt)[0].title == "Invoice"
    stack = view.session.undo_stack  # one step, named by the title typed, not the placeholder
    assert stack.count() == 1 and stack.undoText() == "Add touch-point “Invoice”"
    stack.undo()
    assert doc.cell(*nxt) == []


def test_far_zoomed_overview_still_drags_and_selects(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    view.resetTransform()
    view.scale(0.15, 0.15)
    view.centerOn(view.map_rect().center())
    view.viewport().repaint()
    assert view.map_scene.overview.isVisible()
    target = view.cell_rect(doc.stages[3].id, doc.lanes[3].id).center()
    drag(qtbot, view, card_center(view, "tp0"), target)
    assert doc.touchpoint("tp0").lane_id == doc.lanes[3].id
    assert_in_sync(view)
    # rubber band over the whole map selects every card
    r = view.map_rect()
    drag(qtbot, view, r.topLeft() + QPointF(-30, -30), r.bottomRight() + QPointF(30, 30))
    assert {i for k, i in view.selected() if k == "touchpoint"} == set(doc.touchpoints)
    view.fit_all()
    view.resetTransform()
    view.viewport().repaint()
    assert not view.map_scene.overview.isVisible()


def test_drag_to_the_edge_scrolls_and_drops_off_screen(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    view.resetTransform()
    view.scale(1.6, 1.6)
    view.centerOn(card_center(view, "tp0"))
    w = view.viewport()
    a = vp(view, card_center(view, "tp0"))
    h0 = view.horizontalScrollBar().value()
    qtbot.mousePress(w, Qt.MouseButton.LeftButton, pos=a)
    edge = QPoint(w.width() - 5, a.y())
    qtbot.mouseMove(w, a + QPoint(20, 0))
    for _ in range(12):  # each move near the edge scrolls the map a step
        qtbot.mouseMove(w, edge)
    assert view.horizontalScrollBar().value() > h0
    assert view.frozen()
    qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, pos=edge)
    assert not view.frozen()
    moved = doc.touchpoint("tp0")
    assert moved.stage_id != doc.stages[0].id  # landed in a column further right
    assert_in_sync(view)


def test_double_click_a_flow_edits_its_label(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    path = view.map_scene.flows["fl0"]._path
    dclick(qtbot, view, path.pointAtPercent(0.5))
    assert view.editor is not None
    qtbot.keyClicks(view.viewport(), "referral")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert doc.flow("fl0").label == "referral"
    assert view.map_scene.flows["fl0"].label == "referral"


def test_presentation_focus_stage_is_readable(qtbot: QtBot, view: MapView) -> None:
    from journeymapper.ui.canvas.view import READABLE
    doc = view.session.doc
    view.set_presentation(True)
    stage = doc.stages[2].id
    view.focus_stage(stage)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    col = view.stage_rect(stage)
    assert col.left() >= seen.left() - 1 and col.right() <= seen.right() + 1
    whole = seen.contains(col.adjusted(2, 2, -2, -2))
    assert whole or view.transform().m11() >= READABLE - 1e-6
    view.focus_stage(None)
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(view.map_rect())
    # dragging works the same in the projector theme
    drag(qtbot, view, card_center(view, "tp1"),
         view.cell_rect(doc.stages[1].id, doc.lanes[2].id).center())
    assert doc.touchpoint("tp1").lane_id == doc.lanes[2].id
    assert_in_sync(view)


def test_an_edit_from_elsewhere_cancels_a_drag_in_progress(qtbot: QtBot, view: MapView) -> None:
    doc = view.session.doc
    view.session.do(edits.update_touchpoint(doc, "tp2", score=9))
    w = view.viewport()
    a = vp(view, card_center(view, "tp1"))
    qtbot.mousePress(w, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(w, a + QPoint(30, 30))
    qtbot.mouseMove(w, a + QPoint(60, 90))
    assert view.frozen()
    view.session.undo_stack.undo()  # e.g. Ctrl+Z from the window's menu
    assert not view.frozen() and view.tool is None
    qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, pos=a + QPoint(60, 90))
    assert doc.touchpoint("tp1").lane_id == doc.lanes[0].id
    assert_in_sync(view)


def test_the_editor_is_white_paper_over_the_whole_card(qtbot: QtBot, view: MapView) -> None:
    """The in-place editor drew its frame with the brush the item painted before it left behind
    (a dark slate box, dark text on it), only over the text it held: a shorter name let the old
    title show through below."""
    doc = view.session.doc
    view.session.do(edits.update_touchpoint(doc, "tp1", title="Calls reception about the letter "
                                            "that never came, twice"))  # three lines
    click(qtbot, view, card_center(view, "tp1"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.editor is not None
    qtbot.keyClicks(view.viewport(), "Hi")
    card = view.mapFromScene(view.map_scene.layout.cards["tp1"]).boundingRect()
    img = view.viewport().grab().toImage()
    # the card's lower half, below the one line typed: the editor's paper, nothing else
    ys = range(card.center().y(), card.bottom() - 4, 2)
    xs = range(card.left() + 8, card.right() - 8, 3)
    off = [(x, y) for y in ys for x in xs if img.pixelColor(x, y).lightness() < 235]
    assert not off, off[:5]
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)


def test_a_read_only_map_opens_no_editor_and_says_why(qtbot: QtBot, view: MapView) -> None:
    said: list[str] = []
    view.session.error.connect(said.append)
    view.session.doc.read_only = True
    path = view.map_scene.flows["fl0"]._path
    dclick(qtbot, view, path.pointAtPercent(0.5))  # a flow's label
    assert view.editor is None
    click(qtbot, view, card_center(view, "tp0"))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # a card's title
    assert view.editor is None
    assert said and all("read-only" in s for s in said)


@pytest.mark.parametrize("scale", [0.45, 1.0])
def test_the_editor_types_as_large_as_the_card_shows_its_title(qtbot: QtBot, view: MapView,
                                                               scale: float) -> None:
    """Zoomed out, a card shows its title in poster type; the editor typed at the normal size,
    about 60% of it, too small for the room to read what was being typed."""
    from PySide6.QtGui import QTransform

    from journeymapper.ui.canvas.items import POSTER, POSTER_BELOW

    view.leave_fit()
    view.setTransform(QTransform.fromScale(scale, scale))
    click(qtbot, view, card_center(view, "tp1"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.editor is not None
    t = view.map_scene.theme
    wanted = t.card_pt * (POSTER if scale < POSTER_BELOW else 1.0)
    assert view.editor.font().pointSizeF() == pytest.approx(wanted)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)


def test_esc_on_the_card_n_just_added_takes_it_away(qtbot: QtBot, view: MapView) -> None:
    """A stray N, then Esc, left a "New touch-point" card behind; now Esc takes it away (an
    undo, so Redo brings it back). Esc while renaming an older card keeps the card."""
    doc, stack = view.session.doc, view.session.undo_stack
    before = set(doc.touchpoints)
    click(qtbot, view, card_center(view, "tp0"))
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert view.editor is not None and len(doc.touchpoints) == len(before) + 1
    qtbot.keyClicks(view.viewport(), "Half a tit")  # typed, then thought better of it
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert view.editor is None and set(doc.touchpoints) == before
    assert stack.canRedo() and stack.index() == 0
    assert_in_sync(view)
    click(qtbot, view, card_center(view, "tp0"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert set(doc.touchpoints) == before and "tp0" in doc.touchpoints


def test_the_current_cell_outline_follows_its_cell_to_a_new_layout(qtbot: QtBot,
                                                                    view: MapView) -> None:
    """In presentation type the cells are larger: the outline stayed where the cell had been,
    across two cells (run-through 3)."""
    doc = view.session.doc
    cell = (doc.stages[4].id, doc.lanes[2].id)
    click(qtbot, view, view.cell_rect(*cell).center())
    assert view.current_cell == cell and view._cursor.isVisible()
    before = view._cursor.rect()
    view.set_presentation(True)
    now = view.cell_rect(*cell).adjusted(3, 3, -3, -3)
    assert now != before and view._cursor.rect() == now
    view.set_presentation(False)
    assert view._cursor.rect() == before
    # a card added by an edit from elsewhere moves the cells after it: the outline goes along
    doc_cell = (doc.stages[3].id, doc.lanes[2].id)
    for n in range(3):
        view.session.do(edits.add_touchpoint(doc, *doc_cell, f"Card {n} with a longer title"))
    assert view._cursor.rect() == view.cell_rect(*cell).adjusted(3, 3, -3, -3)


def test_a_header_column_scrolled_half_out_is_covered_behind_the_sticky_names(
        qtbot: QtBot, view: MapView) -> None:
    """Scrolled so the lane names were half out of view, the sticky names were drawn over the
    halves left ("ent / MER" beside "Patient"): a broken picture on a projector."""
    from PySide6.QtGui import QColor, QTransform

    from journeymapper.ui.canvas.sticky import sticky_needed

    view.leave_fit()
    view.setTransform(QTransform.fromScale(2.0, 2.0))  # zoomed in: there is room to scroll
    lay, t = view.map_scene.layout, view.map_scene.theme
    half = lay.grid_left * 0.6  # this much of the lane header column out of view at the left
    view.horizontalScrollBar().setValue(
        view.horizontalScrollBar().value() + round(view.mapFromScene(QPointF(half, 0)).x()))
    lanes_off, _ = sticky_needed(view)
    rest = view.mapFromScene(QPointF(lay.grid_left, 0)).x()
    assert lanes_off and 10 < rest < 2 * lay.grid_left
    img = view.viewport().grab().toImage()
    header = QColor(t.header_bg).name()
    lane = view.session.doc.lanes[1]
    y0, y1 = (round(view.mapFromScene(QPointF(0, v)).y()) for v in (
        lay.lane_y[lane.id][0], sum(lay.lane_y[lane.id])))
    # the strip between the sticky name's tag and the grid: header colour only, no bits of text
    ys = range(max(y0, 0) + 40, min(y1, view.viewport().height()) - 4, 3)
    strip = {img.pixelColor(x, y).name() for x in range(2, rest - 2, 2) for y in ys}
    assert strip == {header}, strip
