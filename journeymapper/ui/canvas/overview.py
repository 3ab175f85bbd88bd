"""The whole map at a glance: when the view is zoomed out so far that cards are coloured blocks,
ONE item draws every card and flow (rectangles grouped by colour, all flows as one hairline
path) instead of thousands of items each drawing themselves. The card and flow items stay in the
scene for hit tests and selection; only their drawing is switched off (their layer's opacity).

The item keeps its picture in a device pixmap (Qt's DeviceCoordinateCache): a frame that changes
nothing of the map only blits it. An edit marks just the areas of the cards and flows it changed
(:meth:`OverviewItem.touch`); those are painted again, the rest of the picture stays.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.model import zone_of
from journeymapper.ui.theme import ZONE_COLORS

from .items import CardItem

if TYPE_CHECKING:
    from .scene import MapScene

THRESHOLD = 0.22  # below this view scale the overview draws the map
Block = tuple[QRectF, str, QRectF]  # a card's rectangle, zone colour and zone stripe
PATCH = 0.8  # repaint only the changed areas while they cover less than this share of the map


class OverviewItem(QGraphicsItem):
    def __init__(self, scene: MapScene) -> None:
        super().__init__()
        self.map = scene
        self._skip: set[str] = set()  # cards and flows being dragged (drawn by the drag layer)
        self._flows: QPainterPath | None = None
        self._blocks: tuple[list[QRectF], dict[str, list[QRectF]]] | None = None
        # what is drawn: each card's rectangle and stripe colour, each flow's hairline
        self._cards: dict[str, Block] | None = None
        self._lines: dict[str, tuple[QRectF, QPolygonF]] | None = None
        self._selected: dict[str, QRectF] = {}
        self._stale = False  # changed while hidden: paint everything when shown
        self.setZValue(1)
        self.setVisible(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @property
    def skip(self) -> set[str]:
        return self._skip

    @skip.setter
    def skip(self, ids: set[str]) -> None:
        self._skip = ids
        self.update()

    def invalidate(self) -> None:
        self._flows = None
        self._blocks = None
        self._cards = self._lines = None
        self._selected = {}
        self.update()

    def update_all(self) -> None:
        """Paint the whole picture again (when shown after changes made while hidden)."""
        if self._stale:
            self._stale = False
            self.update()

    def touch(self, cards: Iterable[str], flows: Iterable[str]) -> None:
        """Cards whose place or colour changed and flows whose route changed (or that came or
        went): draw their old and new areas again, nothing else."""
        if self._cards is None or self._lines is None:
            self.invalidate()
            return
        sc, dirty = self.map, []
        lay_cards, items = sc.layout.cards, sc.cards
        for tid in set(cards):
            was = self._cards.pop(tid, None)
            if was is not None:
                dirty.append(was[0])
            r = lay_cards.get(tid)
            if r is not None and tid in items:
                self._cards[tid] = self._block(tid, r)
                dirty.append(r)
        for fid in set(flows):
            had = self._lines.pop(fid, None)
            if had is not None:
                dirty.append(had[0])
            item = sc.flows.get(fid)
            if item is not None:
                line = self._line(item.polyline())
                self._lines[fid] = line
                dirty.append(line[0])
        if not dirty:
            return
        self._flows = None
        self._blocks = None
        if not self.isVisible():
            self._stale = True
            return
        # Qt paints the union of the marked areas anyway: mark it once
        area = QRectF()
        for r in dirty:
            area |= r
        self.update(area.adjusted(-2, -2, 2, 2))

    def selection_changed(self) -> None:
        """The scene's selection changed: repaint the cards whose highlight came or went."""
        sc = self.map
        now = {i.ref[1]: sc.layout.cards[i.ref[1]] for i in sc.selectedItems()
               if isinstance(i, CardItem) and i.ref[1] in sc.layout.cards}
        was, self._selected = self._selected, now
        if not self.isVisible():
            return
        for tid in now.keys() ^ was.keys():
            r = now.get(tid) or was.get(tid)
            if r is not None:
                self.update(r.adjusted(-1, -1, 1, 1))

    def boundingRect(self) -> QRectF:
        lay = self.map.layout
        return QRectF(0, 0, lay.width, lay.height).adjusted(-40, -60, 40, 40)

    @staticmethod
    def _line(poly: QPolygonF) -> tuple[QRectF, QPolygonF]:
        return poly.boundingRect().adjusted(-1, -1, 1, 1), poly

    def _block(self, tid: str, r: QRectF) -> Block:
        """A card's rectangle, its zone colour and its zone stripe."""
        tp = self.map.doc.touchpoints.get(tid)
        zone = zone_of(tp.score) if tp is not None else None
        colour = ZONE_COLORS[zone] if zone else self.map.theme.grid_line
        return r, colour, QRectF(r.left(), r.top(), r.width() * 0.22, r.height())

    def _drawn(self) -> tuple[dict[str, Block], dict[str, tuple[QRectF, QPolygonF]]]:
        sc = self.map
        if self._cards is None:
            cards = sc.layout.cards
            self._cards = {tid: self._block(tid, cards[tid]) for tid in sc.cards
                           if tid in cards}
        if self._lines is None:
            self._lines = {fid: self._line(item.polyline()) for fid, item in sc.flows.items()}
        return self._cards, self._lines

    def _flow_path(self) -> QPainterPath:
        if self._flows is not None:
            return self._flows
        path = QPainterPath()
        for _, poly in self._drawn()[1].values():
            path.addPolygon(poly)
        self._flows = path
        return path

    def _card_blocks(self) -> tuple[list[QRectF], dict[str, list[QRectF]]]:
        """Every card's rectangle, and its zone stripe grouped by colour."""
        if self._blocks is None:
            self._blocks = self._group(self._drawn()[0].values())
        return self._blocks

    @staticmethod
    def _group(cards: Iterable[Block]) -> tuple[list[QRectF], dict[str, list[QRectF]]]:
        by_colour: dict[str, list[QRectF]] = defaultdict(list)
        blocks: list[QRectF] = []
        for r, colour, stripe in cards:
            blocks.append(r)
            by_colour[colour].append(stripe)
        return blocks, by_colour

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        sc, t = self.map, self.map.theme
        seen = option.exposedRect
        whole = self.boundingRect()
        skip = self._skip
        drawn_cards, drawn_lines = self._drawn()
        part = not skip and seen.width() * seen.height() < PATCH * whole.width() * whole.height()
        pen = QPen(QColor(t.flow), 1.0)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # hairlines: no need
        if part:  # only the areas an edit changed: draw what crosses them
            flows = QPainterPath()
            for r, poly in drawn_lines.values():
                if r.intersects(seen):
                    flows.addPolygon(poly)
            p.drawPath(flows)
            blocks, by_colour = self._group(c for c in drawn_cards.values()
                                            if c[0].intersects(seen))
        elif skip:
            flows = QPainterPath()
            for fid, (_, poly) in drawn_lines.items():
                item = sc.flows.get(fid)
                if fid in skip or item is None or item.source_id in skip \
                        or item.target_id in skip:
                    continue
                flows.addPolygon(poly)
            p.drawPath(flows)
            blocks, by_colour = self._group(c for tid, c in drawn_cards.items()
                                            if tid not in skip)
        else:
            p.drawPath(self._flow_path())
            blocks, by_colour = self._card_blocks()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(t.card_bg))
        p.drawRects(blocks)
        for colour, rects in by_colour.items():
            p.setBrush(QColor(colour))
            p.drawRects(rects)
        cards = sc.layout.cards
        selected = [cards[i.ref[1]] for i in sc.selectedItems()
                    if isinstance(i, CardItem) and i.ref[1] in cards]
        if selected:
            p.setBrush(QColor(t.selection))
            p.drawRects(selected)
