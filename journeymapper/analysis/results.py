"""What the analysis returns: plain dataclasses shared by the CLI, the exporters and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def weight(self) -> int:
        return _WEIGHT[self.value]


_WEIGHT = {"info": 0, "warning": 1, "critical": 2}


class HandoffKind(StrEnum):
    BACKSTAGE = "backstage"  # both ends behind the line of visibility
    VISIBLE = "visible"  # at least one end is frontstage (seen by the customer)
    CUSTOMER_CARRIED = "customer-carried"  # lane A -> customer -> lane B, A != B


@dataclass(frozen=True, slots=True)
class Handoff:
    kind: HandoffKind
    from_lane_id: str
    to_lane_id: str
    stage_id: str  # the stage where the work is handed over (the receiving touch-point's)
    touchpoint_ids: tuple[str, ...]  # the path: 2 cards, or 3 for customer-carried (A, customer, B)
    flow_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    id: str  # stable: derived from kind and entity ids, so a dismissal is remembered
    kind: str  # e.g. "handoff", "customer-carried", "ping-pong", "cycle", "gap-empty-stage", ...
    severity: Severity
    title: str  # a short heading for lists
    message: str  # a sentence a facilitator can read aloud
    suggestion: str  # a suggested action
    touchpoint_ids: tuple[str, ...] = ()
    lane_ids: tuple[str, ...] = ()
    stage_ids: tuple[str, ...] = ()
    flow_ids: tuple[str, ...] = ()
    pain_point_ids: tuple[str, ...] = ()
    dismissed: bool = False


@dataclass(slots=True)
class Analysis:
    revision: int  # Document.revision it was computed from
    handoffs: list[Handoff] = field(default_factory=list)
    matrix: dict[tuple[str, str], int] = field(default_factory=dict)  # (from lane, to lane) -> n
    per_stage: dict[str, int] = field(default_factory=dict)  # stage id -> hand-offs in it
    findings: list[Finding] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    # Touch-point id -> normalised betweenness; empty unless asked for (it is slow on big maps).
    betweenness: dict[str, float] = field(default_factory=dict)
