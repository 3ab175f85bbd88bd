"""The improvement backlog in the window: the backlog and charts docks, the impact/effort
matrix, and the File > Import / Export workbook dialogs. ``install_backlog`` wires them in.

The dialogs' module is imported on first use (``from journeymapper.ui.backlog import
export_workbook_dialog`` still works): start-up does not need it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .charts_dock import ChartsDock
from .dock import BacklogDock
from .install import BacklogParts, install_backlog
from .matrix import ImpactEffortView, quadrant_of

if TYPE_CHECKING:
    from .io_dialogs import export_workbook_dialog, import_table_into_new_workshop

__all__ = [
    "BacklogDock", "BacklogParts", "ChartsDock", "ImpactEffortView", "export_workbook_dialog",
    "import_table_into_new_workshop", "install_backlog", "quadrant_of",
]
_LAZY = {"export_workbook_dialog", "import_table_into_new_workshop"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import io_dialogs

        return getattr(io_dialogs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
