"""The inspector edits every field through the session: typing is one undo step, on disk at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox
from test_window_fixtures import bench, jm_settings, reopen, window, workshop  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def line(win, attr: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    w = win.inspector.field(attr).edit
    assert isinstance(w, QLineEdit)
    return w


def test_typing_a_title_is_one_undo_step_and_saved(window, workshop: Path, qtbot) -> None:  # noqa: F811
    stack = window.session.undo_stack
    window.view.select_entities([("touchpoint", "tp-a")])
    assert window.inspector.ref == ("touchpoint", "tp-a")
    title = line(window, "title")
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(title, "Rude reception call")
    assert window.session.doc.touchpoint("tp-a").title == "Rude reception call"
    assert stack.count() == 1
    assert title.text() == "Rude reception call" and title.cursorPosition() == len(title.text())
    qtbot.keyClick(title, Qt.Key.Key_Tab)  # the gesture ends; the next field is a new step
    notes = window.inspector.field("notes").edit
    assert isinstance(notes, QPlainTextEdit)
    qtbot.keyClicks(notes, "hung up")
    assert window.session.doc.touchpoint("tp-a").notes == "hung up"
    assert stack.count() == 2
    window.close()
    assert reopen(workshop).touchpoint("tp-a").title == "Rude reception call"


def test_undo_restores_field_and_refused_value_reverts(window, qtbot) -> None:  # noqa: F811
    window.view.select_entities([("touchpoint", "tp-b")])
    title = line(window, "title")
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " now")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.session.doc.touchpoint("tp-b").title == "Plan meeting"
    assert title.text() == "Plan meeting"
    # an empty title is refused by the model: the status bar says why, the field reverts
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert "empty" in window.statusBar().currentMessage()
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert title.text() == "Plan meeting"


def test_card_choice_score_and_flags(window, qtbot) -> None:  # noqa: F811
    doc = window.session.doc
    window.view.select_entities([("touchpoint", "tp-c")])
    score = window.inspector.field("score").widget
    assert isinstance(score, QSpinBox) and score.text() == "none"
    score.setFocus()
    qtbot.keyClick(score, Qt.Key.Key_Up)
    qtbot.keyClick(score, Qt.Key.Key_Up)
    assert doc.touchpoint("tp-c").score == 1
    channel = window.inspector.field("channel").widget
    assert isinstance(channel, QComboBox)
    channel.setFocus()
    qtbot.keyClick(channel, Qt.Key.Key_Up)  # "other" is last; one up is "letter"
    assert doc.touchpoint("tp-c").channel == "letter"
    start = window.inspector.field("is_start").widget
    assert isinstance(start, QCheckBox)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton, pos=QPoint(8, start.height() // 2))
    assert doc.touchpoint("tp-c").is_start
    tags = line(window, "tags")
    qtbot.mouseClick(tags, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tags, "phone, review, ")
    assert doc.touchpoint("tp-c").tags == ("phone", "review")
    assert tags.text() == "phone, review, "  # the trailing separator the user typed stays


def test_nothing_selected_edits_the_workshop(window, workshop: Path, qtbot) -> None:  # noqa: F811
    window.view.select_entities([])
    assert window.inspector.ref[0] == "info"
    org = line(window, "organisation")
    qtbot.mouseClick(org, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(org, "Lakeside Surgery")
    title = line(window, "title")
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " 2")
    assert window.windowTitle() == "Test workshop 2 — test-workshop.jmw — saved"
    date = line(window, "date")
    qtbot.mouseClick(date, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(date, "2026-11-24")
    assert str(window.session.doc.info.date) == "2026-11-24"
    assert reopen(workshop).info.organisation == "Lakeside Surgery"


def test_stage_lane_flow_and_pain_point_forms(window, qtbot) -> None:  # noqa: F811
    doc = window.session.doc
    stage = doc.stages[0]
    window.view.select_entities([("stage", stage.id)])
    colour = line(window, "color")
    qtbot.mouseClick(colour, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(colour, "#ffcc00")
    assert doc.stage(stage.id).color == "#ffcc00"
    lane = doc.lanes[1]
    window.view.select_entities([("lane", lane.id)])
    owner = line(window, "owner")
    qtbot.mouseClick(owner, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(owner, "Dana")
    assert doc.lane(lane.id).owner == "Dana"
    flow = next(iter(doc.flows))
    window.view.select_entities([("flow", flow)])
    label = line(window, "label")
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(label, "calls back")
    assert doc.flow(flow).label == "calls back"
    window.inspector.show_entity("painpoint", "pp-1")
    sev = window.inspector.field("severity").widget
    sev.setFocus()
    qtbot.keyClick(sev, Qt.Key.Key_Up)
    assert doc.pain_point("pp-1").severity == 5


def test_heading_names_pain_points_and_unlabelled_flows(window) -> None:  # noqa: F811
    """A pain point is named by its text; a flow without a label gets no dangling colon."""
    window.inspector.show_entity("painpoint", "pp-1")
    assert window.inspector._heading.text() == "Pain point: Nobody called back"
    flow = next(iter(window.session.doc.flows))
    window.view.select_entities([("flow", flow)])
    assert window.inspector._heading.text() == "Flow"


def test_a_title_that_looks_like_markup_is_shown_as_typed(window, qtbot) -> None:  # noqa: F811
    """Qt takes text with a tag in it for rich text: "<b>bold</b>" in a card's title was shown
    bold (and "<" lost) in the inspector's heading and the pain-point dialog."""
    from PySide6.QtWidgets import QLabel

    odd = "Call <b>bold</b> & <i>co</i>"
    window.view.select_entities([("touchpoint", "tp-a")])
    title = line(window, "title")
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(title, odd)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert window.session.doc.touchpoint("tp-a").title == odd
    heading = window.inspector._heading
    assert heading.textFormat() == Qt.TextFormat.PlainText and odd in heading.text()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_P)  # the pain-point dialog names the card
    dlg = window.pain_dialog
    assert dlg is not None
    on = [lb for lb in dlg.findChildren(QLabel) if lb.text().startswith("On ")]
    assert len(on) == 1
    doc = shown_text(on[0].text())
    assert doc.toPlainText() == f"On {odd}"
    qtbot.keyClick(dlg.text, Qt.Key.Key_Escape)


def shown_text(rich: str):  # type: ignore[no-untyped-def]
    """What a rich-text label shows, as plain text."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(rich)
    return doc


def test_the_wheel_over_a_field_not_clicked_into_scrolls_and_changes_nothing(window, qtbot) -> None:  # noqa: F811
    """Scrolling the inspector to reach a field turned a card's score from 9 to 7 on the way."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QScrollArea

    doc = window.session.doc
    window.view.select_entities([("touchpoint", "tp-a")])
    score = window.inspector.field("score").widget
    assert isinstance(score, QSpinBox)
    score.setFocus()
    qtbot.keyClick(score, Qt.Key.Key_Up)  # a score to change
    qtbot.keyClick(score, Qt.Key.Key_Up)
    before = doc.touchpoint("tp-a").score
    assert before is not None
    window.view.setFocus()  # the pointer over the field, the focus elsewhere
    area = window.inspector.findChild(QScrollArea)
    assert area is not None
    window.resize(1400, 500)  # a short inspector: it scrolls
    for _ in range(3):
        QApplication.processEvents()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)

    def wheel(widget, notches: int) -> None:  # type: ignore[no-untyped-def]
        at = QPointF(widget.width() / 2, widget.height() / 2)
        ev = QWheelEvent(at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(0, 0),
                         QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                         Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, ev)

    start = bar.value()
    wheel(score, -2)  # two notches down, as if scrolling the panel
    assert doc.touchpoint("tp-a").score == before and not score.hasFocus()
    assert bar.value() > start  # the panel scrolled instead
    channel = window.inspector.field("channel").widget
    was = doc.touchpoint("tp-a").channel
    wheel(channel, 1)
    assert doc.touchpoint("tp-a").channel == was
    score.setFocus()  # clicked into: the wheel steps the value, as a spin box does
    wheel(score, 1)
    assert doc.touchpoint("tp-a").score == before + 1


def test_a_very_long_title_is_cut_in_the_heading_and_whole_in_its_field(window, qtbot) -> None:  # noqa: F811
    """A 390-character title in the heading's large bold pushed the fields out of view."""
    from journeymapper.model import edits

    long = "The patient rings reception about the letter that never came " * 6
    window.session.do(edits.update_touchpoint(window.session.doc, "tp-a", title=long.strip()))
    window.view.select_entities([("touchpoint", "tp-a")])
    heading = window.inspector._heading.text()
    assert heading.startswith("Touch-point: The patient rings") and heading.endswith("…")
    assert len(heading) < 110
    assert line(window, "title").text() == long.strip()
