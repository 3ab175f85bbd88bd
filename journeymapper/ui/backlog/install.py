"""Putting the backlog and charts docks into a main window, with the actions for its menus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session

from .charts_dock import ChartsDock
from .dock import BacklogDock

RIGHT_NEIGHBOURS = ("history", "painpoints")  # charts join the first of these docks as a tab


@dataclass
class BacklogParts:
    backlog: BacklogDock
    charts: ChartsDock
    view_actions: list[QAction]  # for the View menu: show/hide each dock
    import_action: QAction  # File > Import table…

    def docks(self) -> list[QDockWidget]:
        return [self.backlog, self.charts]


def install_backlog(window: QMainWindow, view: MapView, session: Session,
                    open_path: Callable[[Path], object] | None = None) -> BacklogParts:
    """Create the docks (backlog at the bottom, charts on the right as a tab beside the pain
    points) and the menu actions. ``open_path`` opens an imported workshop in a window."""
    painpoints = window.findChild(QDockWidget, "painpoints")

    def picked() -> str | None:
        current = getattr(painpoints, "current_id", None)
        return current() if callable(current) else None

    backlog = BacklogDock(session, view.selected, picked, window)
    charts = ChartsDock(session, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, backlog)
    neighbour = next((d for n in RIGHT_NEIGHBOURS
                      if (d := window.findChild(QDockWidget, n)) is not None
                      and window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea),
                     None)
    if neighbour is not None:
        window.tabifyDockWidget(neighbour, charts)
    else:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, charts)
    # The map is what the room looks at: the backlog starts at a quarter of the height.
    window.resizeDocks([backlog], [max(220, window.height() // 4)], Qt.Orientation.Vertical)
    view.selectionChangedIds.connect(lambda _refs: backlog.selection_changed())
    picked_signal = getattr(painpoints, "painPointSelected", None)
    if picked_signal is not None:
        picked_signal.connect(lambda _pp: backlog.selection_changed())
    toggles = [backlog.toggleViewAction(), charts.toggleViewAction()]
    toggles[0].setText("&Backlog")
    toggles[1].setText("&Charts")

    import_action = QAction("&Import table…", window)
    import_action.setStatusTip("A new workshop from a touch-point table (.xlsx or .csv)")

    def do_import() -> None:
        from .io_dialogs import ask_table_path, import_table_into_new_workshop

        source = ask_table_path(window)
        path = import_table_into_new_workshop(window, source) if source else None
        if path is not None and open_path is not None:
            open_path(path)

    import_action.triggered.connect(do_import)
    return BacklogParts(backlog, charts, toggles, import_action)
