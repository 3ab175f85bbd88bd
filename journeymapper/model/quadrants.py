"""The impact/effort matrix's four quadrants and the colours of an action's priority: one table
for the backlog dock's matrix and the workbook's chart."""

from __future__ import annotations

from .enums import Priority, Status

QUADRANTS = (  # name, impact high?, effort high?, fill, ink
    ("Quick wins", True, False, "#E3F6E7", "#2B8A3E"),
    ("Major projects", True, True, "#E4F0FB", "#1864AB"),
    ("Fill-ins", False, False, "#F3F4F6", "#495057"),
    ("Thankless tasks", False, True, "#FDECEC", "#C92A2A"),
)
PRIORITY_COLOURS = {Priority.CRITICAL: "#C92A2A", Priority.HIGH: "#E8590C",
                    Priority.MEDIUM: "#1F3A5F", Priority.LOW: "#5C7CFA"}
CLOSED = (Status.DONE, Status.DROPPED)  # actions no longer open
CLOSED_COLOUR = "#ADB5BD"  # a done or dropped action's dot


def quadrant_of(impact: int, effort: int) -> str | None:
    """The quadrant an action falls in; None on a dividing line (a middle value of 3)."""
    if impact == 3 or effort == 3:
        return None
    return next(q[0] for q in QUADRANTS if q[1] == (impact > 3) and q[2] == (effort > 3))
