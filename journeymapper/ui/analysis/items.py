"""The overlay's graphics items: one item paints every band, hatch and outline (cheap to
rebuild, culled by the exposed rectangle), and small tag items carry labels and tooltips.

Neither takes mouse buttons, so clicks reach the cards below. During a card drag the view
shows a frozen picture that already contains the overlay, so both skip painting then."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .geometry import Scenery, Tag
from .style import TAG_FG, Badge

FAR = 0.3  # below this scale bands are drawn as hairlines
FONT = "DejaVu Sans"


def _frozen(item: QGraphicsItem) -> bool:
    return bool(getattr(item.scene(), "frozen", False))


class ShapesItem(QGraphicsItem):
    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.scenery = Scenery()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.on_paint: object = None  # called before painting (the overlay's layout check)

    def set_scenery(self, s: Scenery) -> None:
        self.prepareGeometryChange()
        self.scenery = s
        self.update()

    def boundingRect(self) -> QRectF:
        return self.scenery.bounds

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if callable(self.on_paint):
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
        for b in s.bands:
            if not b.bounds.intersects(seen):
                continue
            c = QColor(b.color)
            if lod < FAR:
                pen = QPen(c, 3.0)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.drawPolyline(b.poly)
                continue
            fill = QColor(c)
            fill.setAlpha(150 if b.style is Qt.PenStyle.SolidLine else 95)
            p.setBrush(fill)
            p.setPen(QPen(c, 2.5 if b.style is Qt.PenStyle.SolidLine else 2.0, b.style))
            p.drawPath(b.path)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for o in s.outlines:
            if o.rect.adjusted(-o.width, -o.width, o.width, o.width).intersects(seen):
                pen = QPen(QColor(o.color), o.width, o.style)
                if lod < FAR:
                    pen.setWidthF(max(2.0, o.width * lod * 2))
                    pen.setCosmetic(True)
                p.setPen(pen)
                p.drawRoundedRect(o.rect, 8, 8)


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
        pt *= tag.scale
        fm = QFontMetricsF(self._font(pt))
        h = fm.height() + 6
        self._text = tag.text
        if tag.badge is not None:
            w = max(h + 4, fm.horizontalAdvance(tag.text) + 14)
            self._rect = QRectF(-w / 2, -h / 2 - 2, w, h + 4)
        else:
            if tag.max_width > 0:
                self._text = fm.elidedText(tag.text, Qt.TextElideMode.ElideRight,
                                           tag.max_width - 14)
            w = fm.horizontalAdvance(self._text) + 14
            x = {"left": 0.0, "center": -w / 2, "right": -w}.get(tag.align, 0.0)
            self._rect = QRectF(x, -h, w, h)
        self.setZValue(2 if tag.scale > 1 else 1 if tag.badge is None else 0)
        self._pt = pt
        self.setPos(tag.anchor)
        self.setToolTip(tag.tooltip)
        self.update()

    @staticmethod
    def _font(pt: float) -> QFont:
        f = QFont(FONT)
        f.setPointSizeF(pt)
        f.setBold(True)
        return f

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if _frozen(self):
            return
        t, r = self.tag, self._rect
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(t.color)
        p.setPen(QPen(QColor("#FFFFFF"), 1.5))
        p.setBrush(color)
        if t.badge is Badge.CIRCLE:
            p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        elif t.badge is Badge.DIAMOND:
            c = r.center()
            w, h = r.width() / 2 + 3, r.height() / 2 + 3
            p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - h), QPointF(c.x() + w, c.y()),
                                     QPointF(c.x(), c.y() + h), QPointF(c.x() - w, c.y())]))
        elif t.badge is Badge.SQUARE:
            p.drawRect(r)
        else:
            p.drawRoundedRect(r, 4, 4)
        if lod < FAR:
            return
        p.setFont(self._font(self._pt))
        p.setPen(QColor(TAG_FG))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, self._text)
