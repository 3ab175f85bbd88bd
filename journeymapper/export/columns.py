"""Column specifications for the exported sheets (no openpyxl here: plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from journeymapper.analysis.results import Severity
from journeymapper.model import Channel, Layer, PainKind, Priority, Servqual, Status

CellKind = Literal["text", "wrap", "int", "num", "date", "id", "label"]


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    width: float
    kind: CellKind = "text"
    choices: tuple[str, ...] = ()  # a drop-down list of allowed values
    low: int | None = None  # whole-number validation range
    high: int | None = None


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in enum)


CHANNELS = _values(Channel)
LAYERS = _values(Layer)
PRIORITIES = _values(Priority)
STATUSES = _values(Status)
PAIN_KINDS = _values(PainKind)
DIMENSIONS = _values(Servqual)
FINDING_SEVERITIES = _values(Severity)

# The Touch-points sheet: the contract journeymapper.export.table_import reads back.
# One row per pain point; a card without pain points has one row. Rows of one card repeat the
# card's columns (so filtering and sorting keep every row complete) and share its ID.
# Next touch-point and Next IDs list the card's flows' targets ("; "-separated, same order);
# Flow labels holds each of those flows' label on its own line, in that order.
TOUCHPOINT_COLUMNS: tuple[Column, ...] = (
    Column("ID", 17, "id"),
    Column("Stage no.", 8, "int"),
    Column("Stage", 18, "wrap"),
    Column("Lane no.", 8, "int"),
    Column("Lane", 20, "wrap"),
    Column("Layer", 12, choices=LAYERS),
    Column("Touch-point", 32, "wrap"),
    Column("Channel", 11, choices=CHANNELS),
    Column("Satisfaction", 12, "int", low=0, high=10),
    Column("Zone", 12),
    Column("Owner", 16),
    Column("Lane owner", 16),
    Column("Tags", 16, "wrap"),
    Column("Notes", 40, "wrap"),
    Column("Start/end", 10),
    Column("Next touch-point", 32, "wrap"),
    Column("Next IDs", 17, "id"),
    Column("Flow labels", 22, "wrap"),
    Column("Pain point", 40, "wrap"),
    Column("Severity", 9, "int", low=1, high=5),
    Column("Pain kind", 11, choices=PAIN_KINDS),
    Column("SERVQUAL", 15, choices=DIMENSIONS),
    Column("Votes", 7, "int", low=0, high=1_000_000),
    Column("Pain point ID", 17, "id"),
    Column("Stage description", 30),  # on the first row of each stage only
)

BACKLOG_COLUMNS: tuple[Column, ...] = (
    Column("#", 5, "int"),
    Column("Action", 36, "wrap"),
    Column("Why", 44, "wrap"),
    Column("Pain points", 40, "wrap"),
    Column("Findings", 32, "wrap"),
    Column("Owner lane", 18, "wrap"),
    Column("Owner", 16),
    Column("Priority", 10, choices=PRIORITIES),
    Column("Impact", 8, "int", low=1, high=5),
    Column("Effort", 8, "int", low=1, high=5),
    Column("Quick win", 10),
    Column("Status", 12, choices=STATUSES),
    Column("Due", 12, "date"),
    Column("ID", 17, "id"),
)

PAIN_COLUMNS: tuple[Column, ...] = (
    Column("Pain point", 44, "wrap"),
    Column("Severity", 9, "int", low=1, high=5),
    Column("Votes", 7, "int", low=0, high=1_000_000),
    Column("Kind", 11, choices=PAIN_KINDS),
    Column("SERVQUAL", 15, choices=DIMENSIONS),
    Column("Touch-point", 30, "wrap"),
    Column("Stage", 18, "wrap"),
    Column("Lane", 20, "wrap"),
    Column("Satisfaction", 12, "int", low=0, high=10),
    Column("Actions", 36, "wrap"),
    Column("ID", 17, "id"),
)

HANDOFF_COLUMNS: tuple[Column, ...] = (
    Column("Kind", 16),
    Column("Stage", 18, "wrap"),
    Column("From lane", 20, "wrap"),
    Column("To lane", 20, "wrap"),
    Column("From touch-point", 30, "wrap"),
    Column("Via the customer", 28, "wrap"),
    Column("To touch-point", 30, "wrap"),
)

GAP_COLUMNS: tuple[Column, ...] = (
    Column("Gap", 32, "wrap"),
    Column("Severity", 10, choices=FINDING_SEVERITIES),
    Column("What the room should know", 54, "wrap"),
    Column("Suggested action", 44, "wrap"),
    Column("Stages", 18, "wrap"),
    Column("Lanes", 18, "wrap"),
    Column("Touch-points", 30, "wrap"),
    Column("Dismissed", 10),
    Column("Kind", 22),
    Column("ID", 34, "id"),
)
