"""Field rules each entity must satisfy on its own, whatever the rest of the document holds."""

from __future__ import annotations

import math

from .entities import Action, Entity, Lane, PainPoint, Stage, TouchPoint, WorkshopInfo
from .enums import Layer
from .errors import EditError

MAX_TEXT = 20_000
MAX_NAME = 500


def _text(label: str, value: str, *, required: bool = False, limit: int = MAX_TEXT) -> None:
    if not isinstance(value, str):
        raise EditError(f"{label} must be text")
    if required and not value.strip():
        raise EditError(f"{label} cannot be empty")
    if len(value) > limit:
        raise EditError(f"{label} is longer than {limit} characters")


def _int_range(label: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise EditError(f"{label} must be a whole number from {low} to {high}, not {value!r}")


def _finite(label: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EditError(f"{label} must be a finite number")


def validate_fields(entity: Entity) -> None:
    """Raise :class:`EditError` naming the first field that breaks its rule."""
    if not entity.id or not isinstance(entity.id, str):
        raise EditError(f"a {entity.KIND} needs an id")
    match entity:
        case WorkshopInfo():
            _text("the workshop title", entity.title, required=True, limit=MAX_NAME)
        case Stage():
            _text("a stage name", entity.name, required=True, limit=MAX_NAME)
            _finite("a stage position", entity.position)
        case Lane():
            _text("a lane name", entity.name, required=True, limit=MAX_NAME)
            _finite("a lane position", entity.position)
            if entity.layer is not None and not isinstance(entity.layer, Layer):
                raise EditError(f"unknown layer {entity.layer!r}")
        case TouchPoint():
            _text("a touch-point title", entity.title, required=True, limit=MAX_NAME)
            _text("touch-point notes", entity.notes)
            _finite("a touch-point rank", entity.rank)
            if entity.score is not None:
                _int_range("a satisfaction score", entity.score, 0, 10)
        case PainPoint():
            _text("a pain point", entity.text, required=True)
            _int_range("a pain point's severity", entity.severity, 1, 5)
            votes = entity.votes
            if isinstance(votes, bool) or not isinstance(votes, int) or votes < 0:
                raise EditError("votes cannot go below zero")
        case Action():
            _text("an action title", entity.title, required=True, limit=MAX_NAME)
            _int_range("an action's impact", entity.impact, 1, 5)
            _int_range("an action's effort", entity.effort, 1, 5)
        case _:
            pass
