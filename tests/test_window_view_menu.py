"""Zoom keys, the overlay toggle, adding stages and lanes, and F1 help."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_window_fixtures import bench, flush_deletes, jm_settings, window, workshop  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def test_zoom_keys(window, qtbot) -> None:  # noqa: F811
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    fitted = view.transform().m11()
    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    assert view.transform().m11() > fitted
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.transform().m11() < fitted
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert abs(view.transform().m11() - fitted) < 1e-9


def test_overlay_key_and_toolbar_button_agree(window, qtbot) -> None:  # noqa: F811
    act = window.actions_["overlay"]
    before = window.view.overlay_visible()
    qtbot.keyClick(window.view, Qt.Key.Key_O)
    assert window.view.overlay_visible() != before and act.isChecked() != before
    button = window.actions_.toolbar.widgetForAction(act)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.view.overlay_visible() == before and act.isChecked() == before


def test_add_stage_then_type_its_name(window, qtbot) -> None:  # noqa: F811
    doc = window.session.doc
    n = len(doc.stages)
    window.actions_["add_stage"].trigger()
    assert len(doc.stages) == n + 1
    name = window.inspector.field("name").edit
    assert window.focusWidget() is name and name.selectedText() == "New stage"
    qtbot.keyClicks(name, "Aftercare")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert doc.stages[-1].name == "Aftercare"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the rename, then the stage
    assert doc.stages[-1].name == "New stage"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert len(doc.stages) == n
    window.actions_["add_lane"].trigger()
    assert doc.lanes[-1].name == "New lane"


def test_f1_shows_the_keys(window, qtbot) -> None:  # noqa: F811
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    box = window.findChild(QMessageBox, "keysHelp")
    assert box is not None and box.isVisible() and "Presentation" in box.text()
    # one table, so the keys and what they do line up from section to section; and how to
    # score a card, which it did not say
    assert box.text().count("<table") == 1 and "score the selected cards" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    flush_deletes()
    assert window.findChild(QMessageBox, "keysHelp") is None
