"""What moves during a card drag, drawn by ONE item: the dragged cards as pictures taken at the
view's scale when the drag starts, and the flows that join them, re-routed every frame.

One item means one geometry change and one index update per frame however many cards move; the
rest of the map is a frozen picture behind it (MapView.freeze), so a frame costs about the same
on a map of 50 cards or 5,000.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.ui.theme import Theme

from .items import Z_DRAG, CardItem
from .routing import arrow_head, route


class GhostsItem(QGraphicsItem):
    def __init__(self, theme: Theme, cards: list[tuple[CardItem, QRectF]], scale: float,
                 flows: list[tuple[str, str]], rects: dict[str, QRectF]) -> None:
        super().__init__()
        self.theme = theme
        self.setZValue(Z_DRAG)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setOpacity(0.92)
        self.delta = QPointF()
        self.moving = {c.tp_id for c, _ in cards}
        self.rects = rects  # the layout's card rectangles (scene coordinates)
        self.flows = flows
        # (card rectangle, picture, the card's bounding rectangle in its own coordinates)
        self.pics: list[tuple[QRectF, QPixmap, QRectF]] = [
            (QRectF(r), self._picture(c, scale), c.boundingRect()) for c, r in cards]
        self._paths: list[tuple[QPainterPath, QPolygonF]] = []
        self._bounds = QRectF()
        self.set_delta(QPointF())

    @staticmethod
    def _picture(card: CardItem, scale: float) -> QPixmap:
        br = card.boundingRect()
        pix = QPixmap(max(1, math.ceil(br.width() * scale)), max(1, math.ceil(br.height() * scale)))
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.scale(scale, scale)
        p.translate(-br.topLeft())
        card.paint(p, QStyleOptionGraphicsItem(), None)
        p.end()
        return pix

    def rect_of(self, tp_id: str) -> QRectF:
        r = self.rects[tp_id]
        return r.translated(self.delta) if tp_id in self.moving else r

    def set_delta(self, d: QPointF) -> None:
        self.delta = QPointF(d)
        t = self.theme
        bounds = QRectF()
        for r, _, _ in self.pics:
            bounds = bounds.united(r.translated(d))
        self._paths = []
        for a, b in self.flows:
            path, tip, direction, _ = route(self.rect_of(a), self.rect_of(b))
            self._paths.append((path, arrow_head(tip, direction, 6 + t.flow_w * 2.5)))
            bounds = bounds.united(path.controlPointRect())
        self.prepareGeometryChange()
        self._bounds = bounds.adjusted(-12, -12, 12 + t.card_w * 0.1, 12)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        exposed = option.exposedRect
        color = QColor(t.flow_selected)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(color, 1.5 if t.flow_w < 2 else t.flow_w * 0.75)  # a light preview
        pen.setCosmetic(True)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        shown = [(path, head) for path, head in self._paths
                 if path.controlPointRect().intersects(exposed)]
        for path, _ in shown:
            p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(color, Qt.BrushStyle.SolidPattern))
        for _, head in shown:
            p.drawPolygon(head)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for r, pix, br in self.pics:
            target = QRectF(r.topLeft() + self.delta + br.topLeft(), br.size())
            if target.intersects(exposed):
                p.drawPixmap(target, pix, QRectF(pix.rect()))
