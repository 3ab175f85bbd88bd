"""The analysis in the window: live refresh, the map overlay and the findings dock.

``install_analysis(window, view, session)`` wires all three; ``draw_overlay_for_render`` and
``register_render_overlay`` serve offscreen pictures."""

from __future__ import annotations

from .controller import AnalysisController
from .dock import FindingsDock
from .install import draw_overlay_for_render, install_analysis, register_render_overlay
from .overlay import MapOverlay

__all__ = ["AnalysisController", "FindingsDock", "MapOverlay", "draw_overlay_for_render",
           "install_analysis", "register_render_overlay"]
