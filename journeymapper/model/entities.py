"""The workshop's entities: immutable dataclasses, edited by replacing them whole.

Positions are model data: stages and lanes carry a ``position`` and touch-points a ``rank`` within
their cell (floats, so that an insertion changes one entity, not its neighbours).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from .enums import Channel, Layer, PainKind, Priority, Servqual, Status

INFO_ID = "workshop"


@dataclass(frozen=True, slots=True)
class WorkshopInfo:
    KIND: ClassVar[str] = "info"
    id: str = INFO_ID
    title: str = "Untitled workshop"
    organisation: str = ""
    facilitator: str = ""
    date: dt.date | None = None
    notes: str = ""
    persona: str = ""
    job_to_be_done: str = ""


@dataclass(frozen=True, slots=True)
class Stage:
    KIND: ClassVar[str] = "stage"
    id: str
    name: str
    position: float
    color: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Lane:
    KIND: ClassVar[str] = "lane"
    id: str
    name: str
    position: float
    layer: Layer | None = Layer.FRONTSTAGE
    color: str | None = None
    owner: str = ""  # the accountable person for everything in this lane


@dataclass(frozen=True, slots=True)
class TouchPoint:
    KIND: ClassVar[str] = "touchpoint"
    id: str
    stage_id: str
    lane_id: str
    title: str
    rank: float = 0.0
    notes: str = ""
    channel: Channel = Channel.OTHER
    score: int | None = None
    tags: tuple[str, ...] = ()
    owner: str = ""
    is_start: bool = False
    is_end: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    KIND: ClassVar[str] = "flow"
    id: str
    source_id: str
    target_id: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class PainPoint:
    KIND: ClassVar[str] = "painpoint"
    id: str
    touchpoint_id: str
    text: str
    severity: int = 3
    kind: PainKind = PainKind.EMOTIONAL
    dimension: Servqual | None = None
    votes: int = 0


@dataclass(frozen=True, slots=True)
class Action:
    KIND: ClassVar[str] = "action"
    id: str
    title: str
    description: str = ""
    pain_point_ids: tuple[str, ...] = ()
    finding_ids: tuple[str, ...] = ()
    owner_lane_id: str | None = None
    owner_person: str = ""
    priority: Priority = Priority.MEDIUM
    impact: int = 3
    effort: int = 3
    status: Status = Status.IDEA
    due: dt.date | None = None
    rank: float = 0.0


@dataclass(frozen=True, slots=True)
class Setting:
    """A workshop setting such as an analysis threshold; ``id`` is the setting's key."""

    KIND: ClassVar[str] = "setting"
    id: str
    value: str


@dataclass(frozen=True, slots=True)
class Dismissal:
    """A finding the room dismissed; ``id`` is the finding's stable id."""

    KIND: ClassVar[str] = "dismissal"
    id: str
    note: str = ""
    dismissed_on: dt.date | None = field(default=None)


Entity = WorkshopInfo | Stage | Lane | TouchPoint | Flow | PainPoint | Action | Setting | Dismissal

ENTITY_TYPES: tuple[type[Entity], ...] = (
    WorkshopInfo, Stage, Lane, TouchPoint, Flow, PainPoint, Action, Setting, Dismissal,
)
KINDS: tuple[str, ...] = tuple(t.KIND for t in ENTITY_TYPES)
TYPE_OF_KIND: dict[str, type[Entity]] = {t.KIND: t for t in ENTITY_TYPES}
