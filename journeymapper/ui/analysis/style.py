"""Colours, symbols and labels of the analysis overlay and the findings dock.

Colours come from the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies) and every kind also has its own line style and badge shape, so colour is never
the only cue.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt

from journeymapper.analysis import HandoffKind, Severity


class Badge(Enum):
    SQUARE = "square"
    CIRCLE = "circle"
    DIAMOND = "diamond"


# kind -> (colour, pen style, badge shape, symbol, legend label)
HANDOFF_STYLE: dict[HandoffKind, tuple[str, Qt.PenStyle, Badge, str, str]] = {
    HandoffKind.BACKSTAGE: ("#0072B2", Qt.PenStyle.DotLine, Badge.SQUARE, "B",
                            "backstage hand-off"),
    HandoffKind.VISIBLE: ("#E69F00", Qt.PenStyle.DashLine, Badge.CIRCLE, "V",
                          "visible hand-off"),
    HandoffKind.CUSTOMER_CARRIED: ("#CC79A7", Qt.PenStyle.SolidLine, Badge.DIAMOND, "C",
                                   "customer carries it"),
}
LOOP_COLOR = "#009E73"  # bluish green: ping-pong and loops
WEAK_COLOR = "#D55E00"  # vermillion: weak links (reads as red)
GAP_COLOR = "#56606B"  # slate: hatched gaps
BOTTLENECK_COLOR = "#D55E00"
TAG_FG = "#FFFFFF"

SEVERITY_COLORS: dict[Severity, str] = {
    Severity.CRITICAL: "#D55E00",
    Severity.WARNING: "#E69F00",
    Severity.INFO: "#0072B2",
}
SEVERITY_SYMBOLS: dict[Severity, str] = {
    Severity.CRITICAL: "!!", Severity.WARNING: "!", Severity.INFO: "i"}

KIND_LABELS: dict[str, str] = {
    "handoff": "Hand-offs between lanes",
    "customer-carried": "Customer carries the work",
    "ping-pong": "Ping-pong",
    "cycle": "Loops and rework",
    "gap-empty-stage": "Empty stages",
    "gap-no-customer-contact": "Stages without customer contact",
    "gap-isolated": "Cards with no flow",
    "gap-unreachable": "Unreachable cards",
    "gap-dead-end": "Dead ends",
    "gap-no-owner": "No accountable owner",
    "gap-pain-no-action": "Pain points without action",
    "gap-no-review": "No review or feedback loop",
    "gap-channel-inconsistency": "Channels disagree",
    "weak-link": "Weak links",
    "bottleneck-lane": "Bottleneck lanes",
    "bottleneck-touchpoint": "Bottleneck cards",
}

# Short tags drawn on the map next to a card or a stage.
CARD_TAGS: dict[str, str] = {
    "gap-isolated": "no flow",
    "gap-unreachable": "unreachable",
    "gap-dead-end": "dead end",
    "gap-no-owner": "no owner",
    "gap-pain-no-action": "pain, no action",
    "bottleneck-touchpoint": "bottleneck",
}
STAGE_TAGS: dict[str, str] = {
    "gap-empty-stage": "empty stage",
    "gap-no-customer-contact": "no customer contact",
    "gap-channel-inconsistency": "channels disagree",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("-", " ").capitalize())
