"""The whole map at a glance: when the view is zoomed out so far that cards are coloured blocks,
ONE item draws every card and flow (rectangles grouped by colour, all flows as one hairline
path) instead of thousands of items each drawing themselves. The card and flow items stay in the
scene for hit tests and selection; only their drawing is switched off (their layer's opacity).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.model import zone_of
from journeymapper.ui.theme import ZONE_COLORS

from .items import CardItem

if TYPE_CHECKING:
    from .scene import MapScene

THRESHOLD = 0.22  # below this view scale the overview draws the map


class OverviewItem(QGraphicsItem):
    def __init__(self, scene: MapScene) -> None:
        super().__init__()
        self.map = scene
        self.skip: set[str] = set()  # cards and flows being dragged (drawn by the drag layer)
        self._flows: QPainterPath | None = None
        self._blocks: tuple[list[QRectF], dict[str, list[QRectF]]] | None = None
        self.setZValue(1)
        self.setVisible(False)

    def invalidate(self) -> None:
        self._flows = None
        self._blocks = None
        if self.isVisible():
            self.update()

    def boundingRect(self) -> QRectF:
        lay = self.map.layout
        return QRectF(0, 0, lay.width, lay.height).adjusted(-40, -60, 40, 40)

    def _flow_path(self) -> QPainterPath:
        skip = self.skip
        if self._flows is not None and not skip:
            return self._flows
        path = QPainterPath()
        for fid, item in self.map.flows.items():
            if fid in skip or item.source_id in skip or item.target_id in skip:
                continue
            path.addPolygon(item.polyline())
        if not skip:
            self._flows = path
        return path

    def _card_blocks(self) -> tuple[list[QRectF], dict[str, list[QRectF]]]:
        """Every card's rectangle, and its zone stripe grouped by colour."""
        if self._blocks is not None and not self.skip:
            return self._blocks
        sc, t = self.map, self.map.theme
        by_colour: dict[str, list[QRectF]] = defaultdict(list)
        blocks: list[QRectF] = []
        cards, tps = sc.layout.cards, sc.doc.touchpoints
        for tid in sc.cards:
            r = cards.get(tid)
            if r is None or tid in self.skip:
                continue
            blocks.append(r)
            zone = zone_of(tps[tid].score) if tid in tps else None
            by_colour[ZONE_COLORS[zone] if zone else t.grid_line].append(
                QRectF(r.left(), r.top(), r.width() * 0.22, r.height()))
        if not self.skip:
            self._blocks = (blocks, by_colour)
        return blocks, by_colour

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        sc, t = self.map, self.map.theme
        pen = QPen(QColor(t.flow), 1.0)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # hairlines: no need
        p.drawPath(self._flow_path())
        blocks, by_colour = self._card_blocks()
        cards = sc.layout.cards
        selected = [cards[i.ref[1]] for i in sc.selectedItems()
                    if isinstance(i, CardItem) and i.ref[1] in cards]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(t.card_bg))
        p.drawRects(blocks)
        for colour, rects in by_colour.items():
            p.setBrush(QColor(colour))
            p.drawRects(rects)
        if selected:
            p.setBrush(QColor(t.selection))
            p.drawRects(selected)
