"""The view's painting: a frozen picture of the still map during a drag (DESIGN.md §11), the
overview switch when zoomed far out, and the sticky headers drawn over the viewport."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from journeymapper.ui.session import Session

from .overview import THRESHOLD as OVERVIEW_SCALE
from .scene import MapScene
from .sticky import draw_sticky, sticky_needed


class FrozenView(QGraphicsView):
    """The painting half of MapView; MapView adds the API and the gestures."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here has its Python wrapper already. The one Qt makes has none, and
        # PySide6's first look at it tries every QWidget subclass it knows (~3 ms of start-up).
        self.setViewport(QWidget())
        self.session = session
        self._snapshot: QPixmap | None = None
        self._frozen: list[QGraphicsItem] = []
        self._scene: MapScene | None = None
        self._grabbing = False

    @property
    def map_scene(self) -> MapScene:
        assert self._scene is not None, "the view has been closed"
        return self._scene

    # -- freezing the still part of the map during a drag (DESIGN.md §11) -----------------------
    def freeze(self, moving: list[QGraphicsItem]) -> None:
        """Paint the map without ``moving`` into a pixmap and draw only the drag layer over it."""
        sc = self.map_scene
        for it in moving:
            it.setOpacity(0.0)
        if sc.overview.isVisible():
            sc.overview.skip = {getattr(it, "ref", ("", ""))[1] for it in moving}
            sc.overview.update()
        self._frozen = moving
        self._snapshot = self._picture()
        sc.set_frozen(True)
        self.viewport().update()

    def _picture(self) -> QPixmap:
        """The viewport painted without the drag layer and the sticky headers (drawn live)."""
        sc = self.map_scene
        self._grabbing = True
        self._snapshot = None
        sc.drag_layer.setOpacity(0.0)
        sc.static_layer.setOpacity(1.0)
        try:
            return self.viewport().grab()
        finally:
            self._grabbing = False
            sc.drag_layer.setOpacity(1.0)
            if sc.frozen:
                sc.static_layer.setOpacity(0.0)

    def unfreeze(self) -> None:
        if self._snapshot is None:
            return
        self._snapshot = None
        if self._scene is not None:
            self._scene.set_frozen(False)
            self._scene.overview.skip = set()
            self._scene.overview.update()
        for it in self._frozen:
            it.setOpacity(1.0)
        self._frozen = []
        self.viewport().update()

    def frozen(self) -> bool:
        return self._snapshot is not None

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if self._snapshot is not None:
            painter.save()
            painter.resetTransform()
            painter.drawPixmap(QPoint(0, 0), self._snapshot)
            painter.restore()
            return
        super().drawBackground(painter, rect)

    def paintEvent(self, event: QPaintEvent) -> None:
        sc = self._scene
        if sc is not None and self._snapshot is None:  # zoomed far out: one item draws the map
            sc.set_overview(self.transform().m11() < OVERVIEW_SCALE)
        super().paintEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if not self._grabbing:
            draw_sticky(self, painter)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if any(sticky_needed(self)):  # the sticky headers stay put: repaint, do not scroll
            self.viewport().update()
        if self._snapshot is not None:  # the picture no longer lines up: take it again
            self._snapshot = self._picture()
            self.viewport().update()

