"""Shared set-up of the benchmarks that measure the map with its analysis overlay."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from journeymapper.ui.analysis import AnalysisController
from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session


def show_analysed(view: MapView, ctl: AnalysisController) -> None:
    """Overlay on and the whole map in view; return once the first analysis is in and the
    window has settled (its queued repaints and the overlay's build done)."""
    view.set_overlay_visible(True)
    view.fit_all()
    while ctl.current() is None or ctl.busy():
        QApplication.processEvents()
    for _ in range(20):
        QApplication.processEvents()


def close_analysed(win: QWidget, view: MapView, ctl: AnalysisController,
                   session: Session) -> None:
    """Take down a bare window with a map and its analysis (the controller, overlay, view and
    session let go of each other first)."""
    ctl.stop()
    if ctl.overlay is not None:
        ctl.overlay.detach()
    view.cleanup()
    win.close()
    win.deleteLater()
    session.close()
