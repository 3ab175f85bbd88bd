"""Fit mode: after Fit (Ctrl+0, and when a workshop opens) the whole map is in view with no
scrollbars, and stays so when the window is resized or the map grows, until a zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_window_fixtures import bench, jm_settings, window, workshop  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _whole_map_in_view(view) -> bool:  # type: ignore[no-untyped-def]
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return seen.adjusted(-0.5, -0.5, 0.5, 0.5).contains(view.map_rect())


def _scrollbars(view) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    return view.horizontalScrollBar().isVisible(), view.verticalScrollBar().isVisible()


def test_fit_shows_the_whole_map_without_scrollbars(window, qtbot) -> None:  # noqa: F811
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    _settle()
    assert view.fitted() and _whole_map_in_view(view)
    assert _scrollbars(view) == (False, False)
    assert view.horizontalScrollBar().maximum() == view.horizontalScrollBar().minimum()


def test_a_resized_window_is_fitted_again(window, qtbot) -> None:  # noqa: F811
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    _settle()
    small = view.transform().m11()
    window.resize(1800, 1100)
    _settle()
    assert view.fitted() and _whole_map_in_view(view)
    assert view.transform().m11() > small * 1.05
    assert _scrollbars(view) == (False, False)


def test_zooming_leaves_fit_mode_and_ctrl0_comes_back(window, qtbot) -> None:  # noqa: F811
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    _settle()
    assert not view.fitted() and not _whole_map_in_view(view)
    assert any(_scrollbars(view))  # a zoomed-in map can be scrolled, margins and all
    zoomed = view.transform().m11()
    window.resize(1700, 1000)
    _settle()
    assert abs(view.transform().m11() - zoomed) < 1e-9  # a zoom is kept through a resize
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    _settle()
    assert view.fitted() and _whole_map_in_view(view) and _scrollbars(view) == (False, False)


def test_a_growing_map_stays_in_view_while_fitted(window, qtbot) -> None:  # noqa: F811
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    _settle()
    width = view.map_rect().width()
    for _ in range(4):
        window.actions_["add_stage"].trigger()
    window.view.setFocus()
    _settle()
    assert view.map_rect().width() > width
    assert view.fitted() and _whole_map_in_view(view)


def test_presentation_gives_fit_mode_back(window, qtbot) -> None:  # noqa: F811
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    _settle()
    window.presentation.enter()
    _settle()
    window.presentation.leave()
    _settle()
    assert view.fitted() and _whole_map_in_view(view)
    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    _settle()
    zoomed = view.transform().m11()
    window.presentation.enter()
    _settle()
    window.presentation.leave()
    _settle()
    assert not view.fitted() and abs(view.transform().m11() - zoomed) < 1e-9
