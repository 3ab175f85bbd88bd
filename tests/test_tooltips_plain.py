"""Tooltips show typed text as typed: Qt reads a tooltip whose first line looks like markup as
rich text, so a card titled "<b>Call</b> back" had a bold tooltip without its "<b>"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt  # Qt's text functions
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from test_window_fixtures import bench, jm_settings, window, workshop  # noqa: F401

ODD = "<b>Call</b> back & <i>co</i>"
CTRL = Qt.KeyboardModifier.ControlModifier


def as_shown(tip: str) -> str:
    """The text a tooltip shows, read the way Qt reads it (rich text when it might be)."""
    doc = QTextDocument()
    if GuiQt.mightBeRichText(tip):
        doc.setHtml(tip)
    else:
        doc.setPlainText(tip)
    return doc.toPlainText().replace("\u2029", "\n").replace("\xa0", " ")


def retitle(win, qtbot, kind: str, eid: str, text: str) -> None:  # type: ignore[no-untyped-def]
    win.view.select_entities([(kind, eid)])
    edit = win.inspector.field("name" if kind in ("stage", "lane") else "title").edit
    assert isinstance(edit, QLineEdit)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_card_title_that_looks_like_markup_shows_as_typed_in_its_tooltips(window, qtbot) -> None:  # noqa: F811
    retitle(window, qtbot, "touchpoint", "tp-a", ODD)
    assert window.session.doc.touchpoint("tp-a").title == ODD
    card = window.view.map_scene.cards["tp-a"]
    assert card.toolTip() != ODD and as_shown(card.toolTip()).startswith(ODD)
    undo = window.actions_.by_name["undo"]
    assert ODD in as_shown(undo.toolTip())

    # The tooltip Qt shows when the mouse rests on the card
    view = window.view
    at = view.mapFromScene(card.sceneBoundingRect().center())
    QApplication.sendEvent(view.viewport(), QHelpEvent(
        QHelpEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at)))
    tips = [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QLabel) and w.objectName() == "qtooltip_label" and w.isVisible()]
    assert len(tips) == 1 and as_shown(tips[0].text()).startswith(ODD)


def test_stage_lane_and_backlog_tooltips_keep_markup_as_typed(window, qtbot) -> None:  # noqa: F811
    doc = window.session.doc
    stage, lane = doc.stages[0], doc.lanes[0]
    retitle(window, qtbot, "stage", stage.id, ODD)
    retitle(window, qtbot, "lane", lane.id, "<i>Front</i> desk")
    scene = window.view.map_scene
    assert as_shown(scene.stage_headers[stage.id].toolTip()).startswith(ODD)
    assert as_shown(scene.lane_headers[lane.id].toolTip()).startswith("<i>Front</i> desk")


def test_plain_text_tooltips_stay_plain(window) -> None:  # noqa: F811
    """Ordinary titles are not turned into rich text (a rich tooltip is word-wrapped)."""
    tip = window.view.map_scene.cards["tp-b"].toolTip()
    assert not GuiQt.mightBeRichText(tip) and tip.startswith("Plan meeting")


def test_a_backlog_action_that_looks_like_markup_shows_as_typed(window) -> None:  # noqa: F811
    from journeymapper.model import edits

    s = window.session
    assert s.do(edits.add_action(s.doc, ODD, action_id="act-odd"))
    matrix = window.backlog_parts.backlog.matrix
    dot = matrix.dot_at("act-odd")
    assert dot is not None and as_shown(dot.toolTip()).startswith(ODD + "\nimpact 3, effort 3")
