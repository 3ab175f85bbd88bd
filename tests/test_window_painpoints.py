"""P adds a pain point through the quick-entry dialog, V votes, Ctrl+Z / Ctrl+Shift+Z undo and
redo them; all with real key events on the real window, checked in the model and on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from test_window_fixtures import bench, jm_settings, reopen, window, workshop  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_p_adds_pain_point_with_undo_redo(window, workshop: Path, qtbot) -> None:  # noqa: F811
    doc = window.session.doc
    window.view.select_entities([("touchpoint", "tp-a")])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_P)
    dlg = window.pain_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.text, "On hold 20 minutes")
    qtbot.keyClick(dlg.text, Qt.Key.Key_5, CTRL)  # Ctrl+5 while typing: severity, not text
    qtbot.keyClick(dlg.text, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dlg.text, Qt.Key.Key_Return)
    pps = doc.pain_points_of("tp-a")
    assert [(p.text, p.severity, str(p.kind)) for p in pps] == [
        ("On hold 20 minutes", 5, "objective")]
    assert window.pain_dialog is None
    assert [p.text for p in reopen(workshop).pain_points_of("tp-a")] == ["On hold 20 minutes"]
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert doc.pain_points_of("tp-a") == []
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(doc.pain_points_of("tp-a")) == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert len(doc.pain_points_of("tp-a")) == 1


def test_escape_cancels_pain_point(window, qtbot) -> None:  # noqa: F811
    window.view.select_entities([("touchpoint", "tp-c")])
    qtbot.keyClick(window.view, Qt.Key.Key_P)
    dlg = window.pain_dialog
    qtbot.keyClicks(dlg.text, "never mind")
    qtbot.keyClick(dlg.text, Qt.Key.Key_Escape)
    assert window.session.doc.pain_points_of("tp-c") == []
    assert window.session.undo_stack.count() == 0


def test_v_votes_top_pain_point_and_undo(window, workshop: Path, qtbot) -> None:  # noqa: F811
    doc = window.session.doc
    window.view.select_entities([("touchpoint", "tp-b")])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_V)  # pp-2 has the most votes
    assert doc.pain_point("pp-2").votes == 4 and doc.pain_point("pp-1").votes == 0
    assert reopen(workshop).pain_point("pp-2").votes == 4
    assert window.statusBar().currentMessage() == "Vote on “Rushed” (4)"
    assert window.session.undo_stack.undoText() == "Vote on “Rushed” (4)"
    # a pain point picked in the list gets the vote instead
    window.painpoints.select("pp-1")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_V)
    assert doc.pain_point("pp-1").votes == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert doc.pain_point("pp-2").votes == 3 and doc.pain_point("pp-1").votes == 0


def test_v_on_card_without_pain_points_opens_entry(window, qtbot) -> None:  # noqa: F811
    window.view.select_entities([("touchpoint", "tp-c")])
    qtbot.keyClick(window.view, Qt.Key.Key_V)
    assert window.pain_dialog is not None and window.pain_dialog.isVisible()
    qtbot.keyClick(window.pain_dialog.text, Qt.Key.Key_Escape)


def test_pain_points_dock_lists_selects_and_votes(window, qtbot) -> None:  # noqa: F811
    dock = window.painpoints
    tree = dock.tree
    rows = [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]
    assert [r.split("\n")[0] for r in rows] == ["Rushed", "Nobody called back"]  # most votes first
    assert "emotional · on Plan meeting" in rows[0]
    item = tree.topLevelItem(1)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.selected() == [("touchpoint", "tp-b")]
    assert window.inspector.ref == ("painpoint", "pp-1")
    qtbot.mouseClick(dock.vote_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dock.vote_button, Qt.MouseButton.LeftButton)
    assert window.session.doc.pain_point("pp-1").votes == 2
    qtbot.mouseClick(dock.delete_button, Qt.MouseButton.LeftButton)
    assert "pp-1" not in window.session.doc.pain_points
    assert tree.topLevelItemCount() == 1


def test_pain_point_list_names_the_card_as_it_is_now(window) -> None:  # noqa: F811
    """The list follows a card's new title, and keeps its pain point (and selection) when the
    card moves to another cell."""
    from journeymapper.model import edits

    doc, dock = window.session.doc, window.painpoints
    card = doc.pain_point("pp-2").touchpoint_id

    def line_of(pid: str) -> str:
        for i in range(dock.tree.topLevelItemCount()):
            item = dock.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == pid:
                return item.text(2)
        raise AssertionError(f"{pid} is not listed")

    dock.select("pp-2")
    assert window.session.do(edits.update_touchpoint(doc, card, title="Renamed counter"))
    assert line_of("pp-2").endswith("on Renamed counter")
    tp = doc.touchpoint(card)
    other = next(s.id for s in doc.stages if s.id != tp.stage_id)
    assert window.session.do(edits.move_touchpoint(doc, card, other, tp.lane_id))
    assert line_of("pp-2").endswith("on Renamed counter")
    assert dock.current_id() == "pp-2"
