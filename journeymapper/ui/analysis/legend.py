"""The overlay's legend, drawn in the map's top-left corner (above the lane headers, left of
the stage headers), so it shows on screen and in pictures and hides with the overlay."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.analysis import HandoffKind

from .style import GAP_COLOR, HANDOFF_STYLE, LOOP_COLOR, WEAK_COLOR, Badge

ENTRIES: list[tuple[str, str, Badge | None, str]] = [
    *[(HANDOFF_STYLE[k][0], HANDOFF_STYLE[k][3], HANDOFF_STYLE[k][2], label)
      for k, label in ((HandoffKind.BACKSTAGE, "backstage"), (HandoffKind.VISIBLE, "visible"),
                       (HandoffKind.CUSTOMER_CARRIED, "carried"))],
    (LOOP_COLOR, "↻", Badge.CIRCLE, "loop"),
    (WEAK_COLOR, "", None, "weak link"),
    (GAP_COLOR, "", None, "gap"),
]
TIP = ("Analysis overlay\n"
       "■ B blue, dotted: hand-off behind the scenes\n"
       "● V orange, dashed: hand-off in view of the customer\n"
       "◆ C pink, solid: the customer carries the work between two departments\n"
       "↻ green: ping-pong or loop\n"
       "red dashed outline: weak link (far below the rest of the journey)\n"
       "hatched: a gap (empty stage, no customer contact)\n"
       "red lane header: bottleneck lane")


class LegendItem(QGraphicsItem):
    def __init__(self, rect: QRectF, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self._rect = QRectF(rect)
        self.setToolTip(TIP)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rect(self, r: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(r)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if getattr(self.scene(), "frozen", False):
            return
        r = self._rect.adjusted(4, 4, -4, -4)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 235))
        p.drawRoundedRect(r, 5, 5)
        rows = (len(ENTRIES) + 1) // 2
        line = r.height() / rows
        f = QFont("DejaVu Sans")
        f.setPixelSize(max(6, int(min(line * 0.66, 15))))
        p.setFont(f)
        fm = QFontMetricsF(f)
        col_w = r.width() / 2
        for i, (color, symbol, badge, label) in enumerate(ENTRIES):
            x = r.left() + (i // rows) * col_w + 3
            y = r.top() + (i % rows) * line
            s = min(line - 3, 13.0)
            box = QRectF(x, y + (line - s) / 2, s, s)
            c = QColor(color)
            p.setPen(QPen(c, 1.5, Qt.PenStyle.DashLine) if badge is None else Qt.PenStyle.NoPen)
            p.setBrush(Qt.BrushStyle.NoBrush if badge is None else c)
            if badge is Badge.CIRCLE:
                p.drawEllipse(box)
            elif badge is Badge.DIAMOND:
                m = box.center()
                p.drawPolygon(QPolygonF([QPointF(m.x(), box.top()), QPointF(box.right(), m.y()),
                                         QPointF(m.x(), box.bottom()),
                                         QPointF(box.left(), m.y())]))
            elif badge is Badge.SQUARE:
                p.drawRect(box)
            elif label.startswith("gap"):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(color).lighter(150))
                p.drawRect(box)
                p.setBrush(Qt.BrushStyle.BDiagPattern)
                p.setBrush(QColor(color))
                p.drawRect(box.adjusted(0, s * 0.45, 0, -s * 0.45))
            else:
                p.drawRect(box)
            if symbol:
                p.setPen(QColor("#FFFFFF"))
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, symbol)
            p.setPen(QColor("#1B1F24"))
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, col_w - s - 8)
            p.drawText(QRectF(box.right() + 3, y, col_w - s - 6, line),
                       Qt.AlignmentFlag.AlignVCenter, text)
