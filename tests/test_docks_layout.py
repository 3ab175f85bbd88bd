"""Docks close and come back from the View menu; the layout is remembered between runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from test_window_fixtures import bench, jm_settings, shown, window, workshop  # noqa: F401


def _menu(win, title: str) -> QMenu:  # type: ignore[no-untyped-def]
    for act in win.menuBar().actions():
        if act.text().replace("&", "") == title:
            menu = act.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise AssertionError(title)


def test_view_menu_brings_a_closed_dock_back(window, qtbot) -> None:  # noqa: F811
    dock = window.inspector
    assert dock.isVisible()
    dock.close()  # the dock's own close button does this
    assert not dock.isVisible()
    panels = next(a.menu() for a in _menu(window, "View").actions()
                  if a.text().replace("&", "") == "Panels")
    assert isinstance(panels, QMenu)
    panels.popup(window.mapToGlobal(window.rect().center()))
    shown(panels)
    act = dock.toggleViewAction()
    qtbot.mouseClick(panels, Qt.MouseButton.LeftButton, pos=panels.actionGeometry(act).center())
    assert dock.isVisible()


def test_layout_is_remembered(bench, workshop: Path, qtbot) -> None:  # noqa: F811
    w = bench.open_path(workshop)
    w.history.close()
    w.painpoints.close()
    w.resize(780, 700)  # fits the 800x800 offscreen screen and the docks' minimum
    w.close()
    w2 = bench.open_path(workshop)
    assert not w2.painpoints.isVisible() and not w2.history.isVisible()
    assert w2.inspector.isVisible()
    assert (w2.width(), w2.height()) == (780, 700)
    w2.close()


def test_export_items_are_enabled(window) -> None:  # noqa: F811
    for name in ("export_xlsx", "export_picture", "import_table"):
        assert window.actions_[name].isEnabled(), name


def test_undo_history_dock_follows_the_stack(window, qtbot) -> None:  # noqa: F811
    window.view.select_entities([("touchpoint", "tp-b")])
    qtbot.keyClick(window.view, Qt.Key.Key_V)
    model = window.history.view.model()
    assert model.rowCount() == 2  # "Opened" and the vote
