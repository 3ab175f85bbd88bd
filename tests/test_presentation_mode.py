"""Presentation mode: F5 in, Esc out with the layout restored; stage navigation; the timer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_window_fixtures import bench, jm_settings, window, workshop  # noqa: F401


def test_enter_navigate_leave(window, qtbot) -> None:  # noqa: F811
    p = window.presentation
    stages = [s.id for s in window.session.doc.stages]
    window.inspector.hide()  # a layout the user made must come back exactly
    QApplication.processEvents()  # let the dock layout settle before taking its picture
    state, geometry = window.saveState(), window.saveGeometry()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    assert p.active and window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not any(d.isVisible() for d in window.docks())
    assert not any(t.isVisible() for t in window.toolbars())
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert p.focused_stage() == stages[0]
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert p.focused_stage() == stages[2]
    qtbot.keyClick(window.view, Qt.Key.Key_Left)
    assert p.focused_stage() == stages[1]
    for _ in stages:
        qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert p.focused_stage() == stages[-1]  # stops at the last stage
    qtbot.keyClick(window.view, Qt.Key.Key_Home)
    assert p.focused_stage() is None
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not p.active and not window.isFullScreen()
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert not window.inspector.isVisible() and window.painpoints.isVisible()
    assert window.saveState() == state and window.saveGeometry() == geometry


def test_keys_work_while_presenting(window, qtbot) -> None:  # noqa: F811
    window.view.select_entities([("touchpoint", "tp-b")])
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    qtbot.keyClick(window.view, Qt.Key.Key_V)
    assert window.session.doc.pain_point("pp-2").votes == 4
    was = window.view.overlay_visible()
    qtbot.keyClick(window.view, Qt.Key.Key_O)
    assert window.view.overlay_visible() != was
    qtbot.keyClick(window.view, Qt.Key.Key_P)
    assert window.pain_dialog is not None
    qtbot.keyClicks(window.pain_dialog.text, "Could not read the slides")
    qtbot.keyClick(window.pain_dialog.text, Qt.Key.Key_Return)
    assert len(window.session.doc.pain_points_of("tp-b")) == 3
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    assert len(window.session.doc.touchpoints) == 4
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)


def test_timer_starts_pauses_and_adjusts(window, qtbot) -> None:  # noqa: F811
    from PySide6.QtGui import QColor, QPalette

    timer = window.presentation.timer
    window_grey = window.view.palette().color(QPalette.ColorRole.Window)
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    assert not timer.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_T)
    assert timer.isVisible() and timer.running and timer.text() == "15:00"
    qtbot.waitUntil(lambda: timer.remaining < 15 * 60, timeout=5000)
    qtbot.keyClick(window.view, Qt.Key.Key_T)
    assert not timer.running
    paused_at = timer.remaining
    assert timer.text_shown().endswith("paused")
    shown = timer.grab()  # "paused" in small type, not the markup that makes it small
    assert timer.textFormat() == Qt.TextFormat.RichText and shown.width() < 600
    qtbot.keyClick(window.view, Qt.Key.Key_Plus)
    assert timer.remaining == paused_at + 60
    qtbot.keyClick(window.view, Qt.Key.Key_Minus)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus)
    assert timer.remaining == paused_at - 60
    assert timer.height() >= 80  # readable from the back of the room
    # in a strip under the map, not over it: the map (stage names, cards) fits above
    vp = window.view.viewport().geometry()
    assert timer.geometry().top() >= vp.bottom() and window.view.rect().contains(timer.geometry())
    scene_box = window.view.mapFromScene(window.view.map_scene.itemsBoundingRect()).boundingRect()
    assert scene_box.bottom() <= window.view.viewport().height() + 2
    # the strip is the map's paper on the wall, not the window's grey
    paper = QColor(window.view.map_scene.theme.background)
    strip = window.view.grab().toImage().pixelColor(4, window.view.height() - 4)
    assert strip == paper and paper != window_grey
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not timer.isVisible() and not timer.running
    assert window.view.viewportMargins().bottom() == 0  # the strip goes with the timer
    assert window.view.palette().color(QPalette.ColorRole.Window) == window_grey


def test_timer_keys_do_nothing_outside_presentation(window, qtbot) -> None:  # noqa: F811
    qtbot.keyClick(window.view, Qt.Key.Key_T)
    assert not window.presentation.timer.isVisible()


def test_the_stage_caption_keeps_off_the_lane_names(window, qtbot) -> None:  # noqa: F811
    """While a stage is in focus the lane names stay at the map's left; the caption, bottom
    left, covered the last one."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    for _ in range(3):  # the full-screen layout settles
        QApplication.processEvents()
    caption, vp = window.presentation.caption, window.view.viewport()
    assert caption.isVisible() and caption.text().startswith("1 / ")
    lanes = window.view.map_scene.theme.lane_header_w * window.view.transform().m11()
    assert caption.geometry().left() > lanes + 100  # clear of the lane names' column
    assert vp.rect().contains(caption.geometry())
    assert vp.width() - caption.geometry().right() < 60  # bottom right
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)


def test_the_stage_in_focus_is_picked_out_and_the_others_veiled(window, qtbot) -> None:  # noqa: F811
    """Moving from the first stage to the second changed only the caption when both were in
    view: the room could not tell which stage was being talked about."""
    view, doc = window.view, window.session.doc
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the second stage
    first, second = doc.stages[0].id, doc.stages[1].id
    assert view.focused_stage == second
    lay = view.map_scene.layout

    def lightness(stage_id: str) -> float:
        """The mean lightness of the stage's column on screen, where it is in view."""
        img = view.viewport().grab().toImage()
        r = view.mapFromScene(lay.stage_rect(stage_id)).boundingRect().intersected(
            view.viewport().rect())
        values = [img.pixelColor(x, y).lightness() for x in range(r.left(), r.right(), 4)
                  for y in range(r.top(), r.bottom(), 4)]
        return sum(values) / len(values)

    veiled, picked = lightness(first), lightness(second)
    qtbot.keyClick(view, Qt.Key.Key_Home)  # the whole map: no stage in focus, no veil
    assert view.focused_stage is None
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.focused_stage == first  # in focus now: not veiled
    plain_first = lightness(first)
    assert veiled > plain_first + 10  # the veil lightens (washes out) what is not in focus
    assert picked < veiled
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.focused_stage is None
