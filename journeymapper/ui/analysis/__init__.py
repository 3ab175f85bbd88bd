"""The analysis in the window: live refresh, the map overlay and the findings dock.

``install_analysis(window, view, session)`` wires all three; ``draw_overlay_for_render`` and
``register_render_overlay`` serve offscreen pictures.

The names are imported on first use, so that ``journeymapper.ui.analysis.dock`` (the findings
dock the window makes before its first paint) does not load the analysis with it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .controller import AnalysisController
    from .dock import FindingsDock
    from .install import draw_overlay_for_render, install_analysis, register_render_overlay
    from .overlay import MapOverlay

__all__ = ["AnalysisController", "FindingsDock", "MapOverlay", "draw_overlay_for_render",
           "install_analysis", "register_render_overlay"]
_WHERE = {"AnalysisController": "controller", "FindingsDock": "dock", "MapOverlay": "overlay",
          "draw_overlay_for_render": "install", "install_analysis": "install",
          "register_render_overlay": "install"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
