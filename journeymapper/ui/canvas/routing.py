"""Flow paths between two card rectangles.

Forward flows leave the source's right edge and enter the target's left edge on a smooth S-curve;
flows within one stage column run between bottom and top edges; backward flows (feedback loops to
an earlier stage) arc over the cards from top edge to top edge so they read as loops.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF


def route(src: QRectF, dst: QRectF) -> tuple[QPainterPath, QPointF, QPointF]:
    """The path, its end point and the direction it arrives in (a unit vector)."""
    if dst.left() >= src.right() + 6:
        a = QPointF(src.right(), src.center().y())
        b = QPointF(dst.left(), dst.center().y())
        d = max(24.0, (b.x() - a.x()) * 0.5)
        c1, c2 = QPointF(a.x() + d, a.y()), QPointF(b.x() - d, b.y())
    elif dst.right() > src.left() - 6 and (dst.top() >= src.bottom() or dst.bottom() <= src.top()):
        down = dst.top() >= src.bottom()
        a = QPointF(src.center().x(), src.bottom() if down else src.top())
        b = QPointF(dst.center().x(), dst.top() if down else dst.bottom())
        d = max(16.0, abs(b.y() - a.y()) * 0.5) * (1 if down else -1)
        c1, c2 = QPointF(a.x(), a.y() + d), QPointF(b.x(), b.y() - d)
    else:  # backward or overlapping: a loop over the top
        a = QPointF(src.center().x() + src.width() * 0.2, src.top())
        b = QPointF(dst.center().x() - dst.width() * 0.2, dst.top())
        lift = 28.0 + 0.12 * abs(a.x() - b.x()) + 0.3 * abs(a.y() - b.y())
        top = min(a.y(), b.y()) - lift
        c1, c2 = QPointF(a.x(), top), QPointF(b.x(), top)
    path = QPainterPath(a)
    path.cubicTo(c1, c2, b)
    dx, dy = b.x() - c2.x(), b.y() - c2.y()
    n = math.hypot(dx, dy) or 1.0
    return path, b, QPointF(dx / n, dy / n)


def arrow_head(tip: QPointF, direction: QPointF, size: float) -> QPolygonF:
    ux, uy = direction.x(), direction.y()
    bx, by = tip.x() - ux * size, tip.y() - uy * size
    px, py = -uy * size * 0.5, ux * size * 0.5
    return QPolygonF([tip, QPointF(bx + px, by + py), QPointF(bx - px, by - py)])


def straight(a: QPointF, b: QPointF) -> tuple[QPainterPath, QPointF, QPointF]:
    """A provisional path while a flow is being drawn."""
    path = QPainterPath(a)
    d = max(24.0, abs(b.x() - a.x()) * 0.5)
    path.cubicTo(QPointF(a.x() + d, a.y()), QPointF(b.x() - d, b.y()), b)
    n = math.hypot(d, 0.0) or 1.0
    return path, b, QPointF(d / n, 0.0)
