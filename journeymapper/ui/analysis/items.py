"""The overlay's graphics items: one item paints every band, hatch and outline (cheap to
rebuild, culled by the exposed rectangle), and small tag items carry labels and tooltips.
On big maps only the most telling tags get items of their own; the rest are painted in bulk.

Neither takes mouse buttons, so clicks reach the cards below. During a card drag the view
shows a frozen picture that already contains the overlay, so both skip painting then."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.ui import plain

from .geometry import Scenery, Tag
from .style import TAG_FG, Badge

FAR = 0.3  # below this scale bands are hairlines and tags plain shapes
FONT = "DejaVu Sans"
_metrics: dict[float, tuple[QFont, QFontMetricsF]] = {}

FlowLookup = Callable[[str], QGraphicsItem | None]
T = TypeVar("T")
PATCH = 0.8  # a repaint of less than this share of the overlay draws only what crosses it


def _frozen(item: QGraphicsItem) -> bool:
    return bool(getattr(item.scene(), "frozen", False))


def tag_font(pt: float) -> tuple[QFont, QFontMetricsF]:
    got = _metrics.get(pt)
    if got is None:
        f = QFont(FONT)
        f.setPointSizeF(pt)
        f.setBold(True)
        got = _metrics[pt] = (f, QFontMetricsF(f))
    return got


def tag_shape(tag: Tag, pt: float) -> tuple[str, QRectF]:
    """The text shown and the tag's rectangle relative to its anchor."""
    fm = tag_font(pt * tag.scale)[1]
    h = fm.height() + 6
    text = tag.text
    if tag.badge is not None:
        w = max(h + 4, fm.horizontalAdvance(text) + 14)
        return text, QRectF(-w / 2, -h / 2 - 2, w, h + 4)
    if tag.max_width > 0:
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, tag.max_width - 14)
    w = fm.horizontalAdvance(text) + 14
    x = {"left": 0.0, "center": -w / 2, "right": -w}.get(tag.align, 0.0)
    return text, QRectF(x, 0.0 if tag.hang else -h, w, h)


def draw_tag(p: QPainter, tag: Tag, text: str, r: QRectF, pt: float, lod: float) -> None:
    p.setPen(QPen(QColor("#FFFFFF"), 1.5))
    p.setBrush(QColor(tag.color))
    if tag.badge is Badge.CIRCLE:
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
    elif tag.badge is Badge.DIAMOND:
        c = r.center()
        w, h = r.width() / 2 + 3, r.height() / 2 + 3
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - h), QPointF(c.x() + w, c.y()),
                                 QPointF(c.x(), c.y() + h), QPointF(c.x() - w, c.y())]))
    elif tag.badge is Badge.SQUARE:
        p.drawRect(r)
    else:
        p.drawRoundedRect(r, 4, 4)
    if lod < FAR:
        return
    p.setFont(tag_font(pt * tag.scale)[0])
    p.setPen(QColor(TAG_FG))
    p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)


def _changed(old: Sequence[T], new: Sequence[T], rect: Callable[[T], QRectF]) -> list[QRectF]:
    """The rectangles of the shapes in one list and not the other (compared by identity; the
    passes over the lists run in C, only the differences in Python)."""
    was = dict(zip(map(id, old), old, strict=True))
    now = dict(zip(map(id, new), new, strict=True))
    return ([rect(now[k]) for k in now.keys() - was.keys()]
            + [rect(was[k]) for k in was.keys() - now.keys()])


class ShapesItem(QGraphicsItem):
    def __init__(self, flows: FlowLookup, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.scenery = Scenery()
        self.flows = flows
        self.bulk: list[Tag] = []  # tags without items of their own
        self.pt = 8.0
        self._far: list[tuple[str, list[QLineF]]] | None = None  # per-colour hairlines
        self._far_boxes: list[tuple[str, QPainterPath]] | None = None  # outlines, likewise
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        # the picture is kept in a device pixmap; a new scenery repaints only what changed
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.on_paint: Callable[[], None] | None = None  # the overlay's layout check

    def set_scenery(self, s: Scenery, bulk: list[Tag], pt: float) -> None:
        old, old_bulk = self.scenery, self.bulk
        same_frame = pt == self.pt and s.bounds == old.bounds
        if not same_frame:
            self.prepareGeometryChange()
        self.scenery, self.bulk, self.pt = s, bulk, pt
        self._far = self._far_boxes = None
        if not same_frame:
            self.update()
            return
        # A rebuild reuses the shapes an edit did not change (the very same objects): repaint
        # the areas of those that came or went, nothing else.
        area = QRectF()
        for r in _changed(old.bands, s.bands, lambda b: b.bounds):
            area |= r
        for r in _changed(old.outlines, s.outlines,
                          lambda o: o.rect.adjusted(-o.width, -o.width, o.width, o.width)):
            area |= r
        for r in _changed(old.hatches, s.hatches, lambda h: h.rect):
            area |= r
        for r in _changed(old_bulk, bulk, lambda t: QRectF(t.anchor.x() - 160,
                                                           t.anchor.y() - 40, 320, 80)):
            area |= r
        if not area.isEmpty():
            self.update(area.adjusted(-3, -3, 3, 3))

    def boundingRect(self) -> QRectF:
        return self.scenery.bounds

    def _far_paths(self) -> list[tuple[str, list[QLineF]]]:
        """Far out, the bands that tell the story (customer-carried, loops: the solid ones) as
        line segments, one drawLines call per colour; the many plain hand-offs would only be
        noise at that scale and show again when zoomed in."""
        if self._far is None:
            lines: dict[str, list[QLineF]] = {}
            for b in self.scenery.bands:
                if b.style is Qt.PenStyle.SolidLine:
                    lines.setdefault(b.color, []).extend(b.lines)
            self._far = list(lines.items())
        return self._far

    def _far_outlines(self) -> list[tuple[str, QPainterPath]]:
        if self._far_boxes is None:
            paths: dict[str, QPainterPath] = {}
            for o in self.scenery.outlines:
                paths.setdefault(o.color, QPainterPath()).addRect(o.rect)
            self._far_boxes = list(paths.items())
        return self._far_boxes

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.on_paint is not None:
            self.on_paint()
        if _frozen(self):
            return
        s = self.scenery
        seen = option.exposedRect
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= FAR)
        for h in s.hatches:
            if h.rect.intersects(seen):
                c = QColor(h.color)
                c.setAlpha(46)
                p.fillRect(h.rect, c)
                c.setAlpha(120)
                p.fillRect(h.rect, QBrush(c, Qt.BrushStyle.BDiagPattern))
        if lod < FAR:  # far out: every kind's bands and boxes as one hairline path each
            p.setBrush(Qt.BrushStyle.NoBrush)
            b = s.bounds
            if seen.width() * seen.height() < PATCH * b.width() * b.height():
                self._paint_far_part(p, seen)  # a few changed areas: what crosses them
                return
            for color, lines in self._far_paths():
                p.setPen(QPen(QColor(color), 0))
                p.drawLines(lines)
            for color, path in self._far_outlines():
                p.setPen(QPen(QColor(color), 0))  # 1-pixel cosmetic: 4x faster than wider
                p.drawPath(path)
            return
        self._paint_bands(p, seen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for o in s.outlines:
            if o.rect.adjusted(-o.width, -o.width, o.width, o.width).intersects(seen):
                p.setPen(QPen(QColor(o.color), o.width, o.style))
                p.drawRoundedRect(o.rect, 8, 8)
        near = seen.adjusted(-160, -40, 160, 40)
        for tag in self.bulk:
            if near.contains(tag.anchor):
                text, r = tag_shape(tag, self.pt)
                draw_tag(p, tag, text, r.translated(tag.anchor), self.pt, lod)

    def _paint_far_part(self, p: QPainter, seen: QRectF) -> None:
        lines: dict[str, list[QLineF]] = {}
        for b in self.scenery.bands:
            if b.style is Qt.PenStyle.SolidLine and b.bounds.intersects(seen):
                lines.setdefault(b.color, []).extend(b.lines)
        for color, some in lines.items():
            p.setPen(QPen(QColor(color), 0))
            p.drawLines(some)
        boxes: dict[str, QPainterPath] = {}
        for o in self.scenery.outlines:
            if o.rect.intersects(seen):
                boxes.setdefault(o.color, QPainterPath()).addRect(o.rect)
        for color, path in boxes.items():
            p.setPen(QPen(QColor(color), 0))
            p.drawPath(path)

    def _paint_bands(self, p: QPainter, seen: QRectF) -> None:
        for b in self.scenery.bands:
            if not b.bounds.intersects(seen):
                continue
            item = self.flows(b.flow_id)
            if item is None:
                continue
            c = QColor(b.color)
            solid = b.style is Qt.PenStyle.SolidLine
            fill = QColor(c)
            fill.setAlpha(150 if solid else 95)
            p.setBrush(fill)
            p.setPen(QPen(c, 2.5 if solid else 2.0, b.style))
            p.drawPath(item.shape())


class TagItem(QGraphicsItem):
    """A badge (shape, symbol, count) or a text pill; its tooltip reads the finding out."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.tag = Tag(QPointF(), "", "#000000", "")
        self._rect = QRectF()
        self._pt = 8.0
        self._text = ""
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_tag(self, tag: Tag, pt: float) -> None:
        self.prepareGeometryChange()
        self.tag = tag
        self._text, self._rect = tag_shape(tag, pt)
        self._pt = pt
        self.setZValue(2 if tag.scale > 1 else 1 if tag.badge is None else 0)
        self.setPos(tag.anchor)
        self.setToolTip(plain.tip(tag.tooltip))
        self.update()

    @property
    def pt(self) -> float:
        return self._pt

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if _frozen(self):
            return
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        if lod < FAR and self.tag.rank > 0:  # far out only the story's own tags show
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_tag(p, self.tag, self._text, self._rect, self._pt, lod)
