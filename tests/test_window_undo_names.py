"""The undo steps say what changed, by name; a long name never widens the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox, QToolButton
from test_window_fixtures import bench, jm_settings, window, workshop  # noqa: F401

from journeymapper.model import edits, templates

CTRL = Qt.KeyboardModifier.ControlModifier

def test_a_card_with_a_long_title_leaves_the_window_and_toolbar_alone(window, qtbot) -> None:  # noqa: F811
    """A new card's step is named by its title: a 230-character title in the Undo button made
    the window 2,141 px wide on a 1,920 px screen and pushed the other buttons into »."""
    view, doc = window.view, window.session.doc
    width, undo = window.width(), window.actions_["undo"]
    button = next(b for b in window.findChildren(QToolButton) if b.defaultAction() is undo)
    button_width = button.width()
    s, ln = doc.stages[1].id, doc.lanes[1].id
    center = view.mapFromScene(view.cell_rect(s, ln).center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.keyClick(view, Qt.Key.Key_N)
    title = "The patient rings reception & waits " * 6 + "for the letter"
    qtbot.keyClicks(view.viewport(), title)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    for _ in range(3):
        QApplication.processEvents()
    assert [t.title for t in doc.cell(s, ln)][-1] == title.strip()
    name = f"Add touch-point {edits.quoted(title)}"  # cut to 40 characters, like every name
    assert window.session.undo_stack.undoText() == name
    assert button.text() == "Undo" and button.width() == button_width
    assert window.width() == width
    menu_text = undo.text()
    assert menu_text.startswith("&Undo Add touch-point “The patient rings reception && waits")
    assert len(menu_text) <= 62 and menu_text.endswith("…")
    assert undo.toolTip() == f"Undo {name}"  # the whole name

def test_steps_are_named_by_the_card_and_what_changed(window, qtbot) -> None:  # noqa: F811
    stack, doc = window.session.undo_stack, window.session.doc
    before = doc.touchpoint("tp-a").title
    window.view.select_entities([("touchpoint", "tp-a")])
    title = window.inspector.field("title").edit
    assert isinstance(title, QLineEdit)
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(title, "Rude call")  # nine keystrokes, one step named first to last
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert stack.count() == 1
    assert stack.undoText() == f"Rename touch-point “{before}” to “Rude call”"
    score = window.inspector.field("score").widget
    assert isinstance(score, QSpinBox)
    score.setFocus()
    score.selectAll()
    qtbot.keyClicks(score, "4")
    qtbot.keyClick(score, Qt.Key.Key_Return)
    assert doc.touchpoint("tp-a").score == 4
    assert stack.undoText() == "Edit touch-point “Rude call”: satisfaction score 4"

def test_update_labels_from_the_model() -> None:
    doc = templates.build("client-engagement", "Names")
    st, ln = doc.stages[0].id, doc.lanes[0].id
    doc.apply(edits.add_touchpoint(doc, st, ln, "Calls", touchpoint_id="tp"))
    assert edits.update_touchpoint(doc, "tp", notes="x", owner="Ann").label == \
        "Edit touch-point “Calls”: notes, owner"
    same = edits.update_touchpoint(doc, "tp", score=None)  # no change: no step to name
    assert not same and same.label == "Edit touch-point"
    long = "word " * 30
    label = edits.update_touchpoint(doc, "tp", title=long).label
    assert label.startswith("Rename touch-point “Calls” to “word word") and label.endswith("…”")
    assert edits.update_info(doc, facilitator="Dana").label == \
        "Edit workshop details: facilitator"
    assert edits.update_touchpoint(doc, "tp", is_start=True).label == \
        "Edit touch-point “Calls”: journey start"
    doc.apply(edits.add_touchpoint(doc, st, ln, "Books", touchpoint_id="tp2"))
    assert edits.add_flow(doc, "tp", "tp2").label == "Add flow “Calls” → “Books”"
    add = edits.add_pain_point(doc, "tp", "Put on hold", pain_point_id="pp")
    assert add.label == "Add pain point “Put on hold”"
    doc.apply(add)
    assert edits.vote(doc, "pp").label == "Vote on “Put on hold” (1)"
    assert edits.remove_pain_points(doc, ["pp"]).label == "Delete pain point “Put on hold”"
    assert edits.remove_touchpoints(doc, ["tp"]).label == "Delete touch-point “Calls”"
    assert edits.remove_touchpoints(doc, ["tp", "tp2"]).label == "Delete 2 touch-points"
    assert edits.rename_stage(doc, st, "Intake").label.startswith("Rename stage “")
    # A pasted BEL or ESC is not shown; a break or a tab is a space
    odd = edits.update_touchpoint(doc, "tp", title="Rude\x07 call\x1b[0m\n\tback\x9b").label
    assert odd == "Rename touch-point “Calls” to “Rude call[0m back”"


def test_digit_keys_score_the_selected_cards(window, qtbot) -> None:  # noqa: F811
    """The room is asked "how was it, 1 to 10?": 1 … 9 and 0 (10) on the map score the selected
    cards, one undo step; Backspace clears the score. Digits typed into a title stay text."""
    doc, view, stack = window.session.doc, window.view, window.session.undo_stack
    view.select_entities([("touchpoint", "tp-a")])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert doc.touchpoint("tp-a").score == 7
    assert stack.undoText() == "Edit touch-point “Calls reception”: satisfaction score 7"
    assert "satisfaction score 7" in window.statusBar().currentMessage()
    view.select_entities([("touchpoint", "tp-a"), ("touchpoint", "tp-b")])
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert doc.touchpoint("tp-a").score == doc.touchpoint("tp-b").score == 10
    assert stack.undoText() == "Score 2 cards: 10 out of 10"
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert doc.touchpoint("tp-a").score is None and doc.touchpoint("tp-b").score is None
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert doc.touchpoint("tp-b").score == 10
    view.select_entities([("touchpoint", "tp-b")])
    qtbot.keyClick(view, Qt.Key.Key_F2)  # renaming: the digits are the title's
    assert view.editor is not None
    qtbot.keyClicks(view.viewport(), "Room 101")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert doc.touchpoint("tp-b").title == "Room 101" and doc.touchpoint("tp-b").score == 10
    view.select_entities([])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_5)  # nothing selected: a hint, no edit
    assert "Select a card" in window.statusBar().currentMessage()
