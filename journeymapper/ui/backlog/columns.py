"""The backlog table's columns: what each shows, how it sorts and which action field it edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journeymapper.model import Action, Document, Priority, Status
from journeymapper.model.quadrants import CLOSED  # noqa: F401 (the table's, too)

PRIORITIES: tuple[Priority, ...] = tuple(Priority)
STATUSES: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str | None  # the Action field an edit in this column sets; None: read-only
    width: int  # starting width in pixels
    tip: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("Action", "title", 300, "What to change"),
    Column("Why", "description", 250, "Why: the reasoning (editable), then the pain points "
           "and findings it answers (linked when the action was made from them)"),
    Column("Owner lane", "owner_lane_id", 130, "The department that owns the action"),
    Column("Person", "owner_person", 120, "The person accountable"),
    Column("Priority", "priority", 80),
    Column("Impact", "impact", 60, "Impact 1 (little) to 5 (a lot)"),
    Column("Effort", "effort", 60, "Effort 1 (little) to 5 (a lot)"),
    Column("Status", "status", 96),
    Column("Due", "due", 100, "Due date; Delete clears it"),
)
TITLE, WHY, LANE, PERSON, PRIORITY, IMPACT, EFFORT, STATUS, DUE = range(len(COLUMNS))


def lane_name(doc: Document, lane_id: str | None) -> str:
    lane = doc.table("lane").get(lane_id) if lane_id else None
    return getattr(lane, "name", "")


def linked_lines(doc: Document, a: Action) -> list[str]:
    """One line per linked pain point ("pain: text") and finding id ("finding: id")."""
    lines = []
    pps = doc.pain_points
    for pid in a.pain_point_ids:
        pp = pps.get(pid)
        lines.append(f"pain: {pp.text} ({pp.severity}/5)" if pp else f"pain: {pid}")
    lines += [f"finding: {fid}" for fid in a.finding_ids]
    return lines


def display(doc: Document, a: Action, col: int) -> str:
    if col == WHY:
        links = "; ".join(linked_lines(doc, a))
        return f"{a.description} — {links}" if a.description and links else \
            a.description or links
    if col == LANE:
        return lane_name(doc, a.owner_lane_id)
    if col == DUE:
        return a.due.isoformat() if a.due else ""
    value = getattr(a, COLUMNS[col].field or "title")
    return str(value)


def sort_key(doc: Document, a: Action, col: int) -> object:
    """Priority and status sort by their order, not alphabetically; no due date sorts last."""
    if col == PRIORITY:
        return PRIORITIES.index(a.priority)
    if col == STATUS:
        return STATUSES.index(a.status)
    if col in (IMPACT, EFFORT):
        return int(getattr(a, COLUMNS[col].field or "impact"))
    if col == DUE:
        return (a.due or dt.date.max).toordinal()
    return display(doc, a, col).casefold()


def priority_for_severity(severity: int) -> Priority:
    """A pain point's severity 1-5 as a starting priority."""
    if severity >= 5:
        return Priority.CRITICAL
    if severity == 4:
        return Priority.HIGH
    if severity == 3:
        return Priority.MEDIUM
    return Priority.LOW
