"""The closed vocabularies of a workshop (DESIGN.md §2)."""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    """Service-blueprint layer of a lane, from the customer down to support."""

    CUSTOMER = "customer"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"

    @property
    def depth(self) -> int:
        return LAYER_ORDER.index(self)


LAYER_ORDER: tuple[Layer, ...] = (Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE, Layer.SUPPORT)

# The blueprint line drawn *above* the first lane of each layer.
BLUEPRINT_LINES: dict[Layer, str] = {
    Layer.FRONTSTAGE: "line of interaction",
    Layer.BACKSTAGE: "line of visibility",
    Layer.SUPPORT: "line of internal interaction",
}


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    IN_PERSON = "in person"
    WEB = "web"
    APP = "app"
    LETTER = "letter"
    OTHER = "other"


class PainKind(StrEnum):
    """Emotional: how the customer felt. Objective: whether the issue got resolved."""

    EMOTIONAL = "emotional"
    OBJECTIVE = "objective"


class Servqual(StrEnum):
    RELIABILITY = "reliability"
    ASSURANCE = "assurance"
    TANGIBLES = "tangibles"
    EMPATHY = "empathy"
    RESPONSIVENESS = "responsiveness"


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Status(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class Zone(StrEnum):
    ADVOCATE = "advocate"
    INDIFFERENT = "indifferent"
    AT_RISK = "at risk"


def zone_of(score: float | None) -> Zone | None:
    """9-10 advocate, 7-8 indifferent, 0-6 at risk (fractional averages round down a band)."""
    if score is None:
        return None
    if score >= 9:
        return Zone.ADVOCATE
    if score >= 7:
        return Zone.INDIFFERENT
    return Zone.AT_RISK
