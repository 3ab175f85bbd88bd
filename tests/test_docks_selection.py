"""Clicking on the map drives the inspector; the pain point list drives the map."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from test_window_fixtures import bench, jm_settings, window, workshop  # noqa: F401


def _click_card(win, qtbot, tp_id: str) -> None:  # type: ignore[no-untyped-def]
    view = win.view
    view.fit_all()
    centre = view.mapFromScene(view.card_rect(tp_id).center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_clicking_a_card_shows_it_in_the_inspector(window, qtbot) -> None:  # noqa: F811
    _click_card(window, qtbot, "tp-b")
    assert window.view.selected() == [("touchpoint", "tp-b")]
    assert window.inspector.ref == ("touchpoint", "tp-b")
    assert window.inspector.field("title").value() == "Plan meeting"
    pains = window.inspector._pains
    assert pains.count() == 2
    # click the card's pain point in the inspector: the form switches to it, the list follows
    item = pains.item(0)
    qtbot.mouseClick(pains.viewport(), Qt.MouseButton.LeftButton,
                     pos=pains.visualItemRect(item).center())
    assert window.inspector.ref[0] == "painpoint"
    assert window.painpoints.current_id() == window.inspector.ref[1]
    # click empty map: back to the workshop
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert window.view.selected() == []
    assert window.inspector.ref == ("info", "workshop")


def test_p_on_a_clicked_card(window, qtbot) -> None:  # noqa: F811
    _click_card(window, qtbot, "tp-c")
    qtbot.keyClick(window.view, Qt.Key.Key_P)
    dlg = window.pain_dialog
    qtbot.keyClicks(dlg.text, "Report arrived late")
    dlg.text.clearFocus()
    dlg.setFocus()
    qtbot.keyClick(dlg, Qt.Key.Key_2)  # off the text field, plain digits set the severity
    qtbot.keyClick(dlg, Qt.Key.Key_Return)
    pps = window.session.doc.pain_points_of("tp-c")
    assert [(p.text, p.severity) for p in pps] == [("Report arrived late", 2)]
    assert window.session.doc.touchpoint("tp-c").score is None  # the 2 was the dialog's
