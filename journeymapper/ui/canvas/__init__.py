"""The map canvas: a QGraphicsScene that mirrors the Document and a view that turns gestures
into model edits."""

from .scene import MapScene
from .view import MapView

__all__ = ["MapScene", "MapView"]
