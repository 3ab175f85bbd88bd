"""The pure domain: entities, the Document, reversible edits and change events (no Qt, no SQL)."""

from . import edits
from .change import Change, Edit, Op, combine
from .document import Document
from .entities import (
    INFO_ID,
    KINDS,
    Action,
    Dismissal,
    Entity,
    Flow,
    Lane,
    PainPoint,
    Setting,
    Stage,
    TouchPoint,
    WorkshopInfo,
)
from .enums import (
    BLUEPRINT_LINES,
    LAYER_ORDER,
    Channel,
    Layer,
    PainKind,
    Priority,
    Servqual,
    Status,
    Zone,
    zone_of,
)
from .errors import EditError

__all__ = [
    "BLUEPRINT_LINES", "INFO_ID", "KINDS", "LAYER_ORDER", "Action", "Change", "Channel",
    "Dismissal", "Document", "Edit", "EditError", "Entity", "Flow", "Lane", "Layer", "Op",
    "PainKind", "PainPoint", "Priority", "Servqual", "Setting", "Stage", "Status", "TouchPoint",
    "WorkshopInfo", "Zone", "combine", "edits", "zone_of",
]
