"""The improvement backlog in the window: the backlog and charts docks, the impact/effort
matrix, and the File > Import / Export workbook dialogs. ``install_backlog`` wires them in."""

from .charts_dock import ChartsDock
from .dock import BacklogDock
from .install import BacklogParts, install_backlog
from .io_dialogs import export_workbook_dialog, import_table_into_new_workshop
from .matrix import ImpactEffortView, quadrant_of

__all__ = [
    "BacklogDock", "BacklogParts", "ChartsDock", "ImpactEffortView", "export_workbook_dialog",
    "import_table_into_new_workshop", "install_backlog", "quadrant_of",
]
