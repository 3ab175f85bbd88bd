"""Wiring the analysis into a window, and the overlay for offscreen pictures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from journeymapper.analysis import analyze
from journeymapper.model import Document
from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session

from .controller import AnalysisController
from .dock import FindingsDock
from .overlay import MapOverlay


def install_analysis(window: QMainWindow, view: MapView, session: Session,
                     dock: FindingsDock | None = None) -> AnalysisController:
    """Live analysis for ``session``: the controller, the map overlay, its legend and the
    findings dock (right dock area, objectName "findingsDock"; or ``dock``, already in the
    window, which then follows the controller). Returns the controller; its ``overlay`` and
    ``dock`` attributes hold the parts."""
    controller = AnalysisController(session, window, is_dragging=view.frozen)
    overlay = MapOverlay(view, controller)
    overlay.expecting = controller.busy
    controller.analysisReady.connect(overlay.show_analysis)
    if dock is None:
        dock = FindingsDock(controller, view, session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    else:
        dock.attach(controller)
    controller.overlay = overlay
    controller.dock = dock
    return controller


def draw_overlay_for_render(view: MapView, doc: Document | None = None) -> MapOverlay:
    """Analyse ``doc`` (default: the view's) now and draw the overlay (legend included),
    for pictures (``render_map(..., overlay=True)``)."""
    d = doc if doc is not None else view.session.doc
    overlay = MapOverlay(view, view)
    overlay.pending = analyze(d)
    overlay.rebuild()
    return overlay


def register_render_overlay() -> None:
    """Let ``journeymapper.ui.render.render_map(overlay=True)`` draw this overlay."""
    from journeymapper.ui import render

    def build(view: object) -> None:
        assert isinstance(view, MapView)
        draw_overlay_for_render(view)

    if not any(getattr(b, "__qualname__", "").startswith("register_render_overlay")
               for b in render.OVERLAY_BUILDERS):
        render.register_overlay_builder(build)
