"""Flow paths between two card rectangles.

- forward (target in a later column): a smooth S-curve from the source's right edge to the
  target's left edge;
- in one column with nothing in between: a vertical arrow between bottom and top edges;
- in one column with cards in between: an orthogonal bracket in the gutter on the right;
- backward (a loop to an earlier stage): an orthogonal loop through the channel above the cards
  of the upper lane, dashed by the item so it reads as feedback.

``offset`` shifts both ends sideways so that a pair of opposite flows does not overlap.
"""

from __future__ import annotations

import math
from enum import Enum

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF


class Shape(Enum):
    FORWARD = "forward"
    VERTICAL = "vertical"
    BRACKET = "bracket"
    LOOP = "loop"


def classify(src: QRectF, dst: QRectF, clear: bool) -> Shape:
    """``clear``: nothing stands between the two cards if they share a column."""
    if dst.left() >= src.right() + 6:
        return Shape.FORWARD
    if same_column(src, dst):
        return Shape.VERTICAL if clear else Shape.BRACKET
    return Shape.LOOP


def same_column(src: QRectF, dst: QRectF) -> bool:
    return (dst.right() > src.left() - 6 and dst.left() < src.right() + 6
            and (dst.top() >= src.bottom() or dst.bottom() <= src.top()))


def corridor(src: QRectF, dst: QRectF) -> QRectF:
    """The space a vertical arrow between two cards of one column passes through."""
    top, bottom = (src.bottom(), dst.top()) if dst.top() >= src.bottom() else (
        dst.bottom(), src.top())
    left, right = max(src.left(), dst.left()), min(src.right(), dst.right())
    return QRectF(left, top + 1, max(1.0, right - left), max(0.0, bottom - top - 2))


def _rounded(points: list[QPointF], radius: float) -> QPainterPath:
    """An orthogonal polyline with rounded corners."""
    path = QPainterPath(points[0])
    for i in range(1, len(points) - 1):
        p0, p1, p2 = points[i - 1], points[i], points[i + 1]
        d1 = math.hypot(p1.x() - p0.x(), p1.y() - p0.y()) or 1.0
        d2 = math.hypot(p2.x() - p1.x(), p2.y() - p1.y()) or 1.0
        r = min(radius, d1 / 2, d2 / 2)
        a = QPointF(p1.x() - (p1.x() - p0.x()) * r / d1, p1.y() - (p1.y() - p0.y()) * r / d1)
        b = QPointF(p1.x() + (p2.x() - p1.x()) * r / d2, p1.y() + (p2.y() - p1.y()) * r / d2)
        path.lineTo(a)
        path.quadTo(p1, b)
    path.lineTo(points[-1])
    return path


def loop_ends(src: QRectF, dst: QRectF) -> tuple[QPointF, QPointF]:
    """Where a loop leaves the source's top and enters the target's top."""
    return (QPointF(src.center().x() + src.width() * 0.25, src.top()),
            QPointF(dst.center().x() - dst.width() * 0.25, dst.top()))


def route(src: QRectF, dst: QRectF, *, channel_y: float | None = None, gutter: float = 12.0,
          clear: bool = True, offset: float = 0.0, up_clear: bool = True,
          down_clear: bool = True) -> tuple[QPainterPath, QPointF, QPointF, Shape]:
    """The path, its end point, the unit direction it arrives in, and its shape."""
    shape = classify(src, dst, clear)
    if shape is Shape.FORWARD:
        a = QPointF(src.right(), src.center().y() + offset)
        b = QPointF(dst.left(), dst.center().y() + offset)
        d = max(24.0, (b.x() - a.x()) * 0.5)
        path = QPainterPath(a)
        path.cubicTo(QPointF(a.x() + d, a.y()), QPointF(b.x() - d, b.y()), b)
        return path, b, _unit(QPointF(b.x() - d, b.y()), b), shape
    if shape is Shape.VERTICAL:
        down = dst.top() >= src.bottom()
        a = QPointF(src.center().x() + offset, src.bottom() if down else src.top())
        b = QPointF(dst.center().x() + offset, dst.top() if down else dst.bottom())
        path = QPainterPath(a)
        d = (b.y() - a.y()) * 0.5
        path.cubicTo(QPointF(a.x(), a.y() + d), QPointF(b.x(), b.y() - d), b)
        return path, b, QPointF(0.0, 1.0 if down else -1.0), shape
    if shape is Shape.BRACKET:
        # out of the source's upper half, into the target's lower half, so that the brackets
        # of a card's in- and out-flows stay apart
        a = QPointF(src.right(), src.top() + src.height() * 0.4)
        b = QPointF(dst.right(), dst.top() + dst.height() * 0.62)
        x = max(a.x(), b.x()) + gutter * (1.0 if b.y() > a.y() else 1.6) + abs(offset)
        path = _rounded([a, QPointF(x, a.y()), QPointF(x, b.y()), b], 10.0)
        return path, b, QPointF(-1.0, 0.0), shape
    top = channel_y if channel_y is not None else min(src.top(), dst.top()) - 10.0
    top -= offset * 0.5
    a, b = loop_ends(src, dst)
    pts = [a, QPointF(a.x(), top)]
    if not up_clear:  # a card above the source: leave by its right edge and the gutter
        gx = src.right() + gutter
        pts = [QPointF(src.right(), src.center().y()), QPointF(gx, src.center().y()),
               QPointF(gx, top)]
    if down_clear:
        pts += [QPointF(b.x(), top), b]
        direction = QPointF(0.0, 1.0)
    else:  # a card above the target: come down its left gutter and enter its left edge
        gx = dst.left() - gutter
        b = QPointF(dst.left(), dst.center().y())
        pts += [QPointF(gx, top), QPointF(gx, b.y()), b]
        direction = QPointF(1.0, 0.0)
    return _rounded(pts, 12.0), b, direction, shape


def _unit(a: QPointF, b: QPointF) -> QPointF:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    n = math.hypot(dx, dy) or 1.0
    return QPointF(dx / n, dy / n)


def arrow_head(tip: QPointF, direction: QPointF, size: float) -> QPolygonF:
    ux, uy = direction.x(), direction.y()
    bx, by = tip.x() - ux * size, tip.y() - uy * size
    px, py = -uy * size * 0.5, ux * size * 0.5
    return QPolygonF([tip, QPointF(bx + px, by + py), QPointF(bx - px, by - py)])


def straight(a: QPointF, b: QPointF) -> tuple[QPainterPath, QPointF, QPointF]:
    """A provisional path while a flow is being drawn."""
    path = QPainterPath(a)
    d = max(24.0, abs(b.x() - a.x()) * 0.5)
    c2 = QPointF(b.x() - d, b.y())
    path.cubicTo(QPointF(a.x() + d, a.y()), c2, b)
    return path, b, _unit(c2, b)
