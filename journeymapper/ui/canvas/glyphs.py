"""Channel icons drawn with QPainter (no image assets) and small text helpers for cards."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from journeymapper.model import Channel


def draw_channel(p: QPainter, ch: Channel, r: QRectF, color: QColor) -> None:
    """Draw a simple glyph for ``ch`` inside the square ``r``."""
    s = r.width()
    pen = QPen(color, max(1.2, s * 0.1), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    p.save()
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    x, y = r.x(), r.y()
    if ch in (Channel.EMAIL, Channel.LETTER):
        env = QRectF(x + s * 0.08, y + s * 0.22, s * 0.84, s * 0.56)
        p.drawRect(env)
        p.drawPolyline([env.topLeft(), QPointF(env.center().x(), env.center().y() + s * 0.04),
                        env.topRight()])
        if ch is Channel.LETTER:  # a stamp
            p.setBrush(color)
            p.drawRect(QRectF(env.right() - s * 0.2, env.top() + s * 0.06, s * 0.12, s * 0.12))
    elif ch is Channel.PHONE:
        path = QPainterPath()
        path.moveTo(x + s * 0.18, y + s * 0.12)
        path.cubicTo(x + s * 0.02, y + s * 0.45, x + s * 0.45, y + s * 0.98, x + s * 0.86,
                     y + s * 0.84)
        p.setPen(QPen(color, s * 0.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawPath(path)
    elif ch is Channel.IN_PERSON:
        p.setBrush(color)
        p.drawEllipse(QRectF(x + s * 0.32, y + s * 0.06, s * 0.36, s * 0.36))
        body = QPainterPath()
        body.moveTo(x + s * 0.12, y + s * 0.96)
        body.cubicTo(x + s * 0.12, y + s * 0.5, x + s * 0.88, y + s * 0.5, x + s * 0.88,
                     y + s * 0.96)
        body.closeSubpath()
        p.drawPath(body)
    elif ch is Channel.WEB:
        c = QRectF(x + s * 0.08, y + s * 0.08, s * 0.84, s * 0.84)
        p.drawEllipse(c)
        p.drawEllipse(QRectF(c.center().x() - s * 0.18, c.top(), s * 0.36, c.height()))
        p.drawLine(QPointF(c.left(), c.center().y()), QPointF(c.right(), c.center().y()))
    elif ch is Channel.APP:
        frame = QRectF(x + s * 0.26, y + s * 0.04, s * 0.48, s * 0.92)
        p.drawRoundedRect(frame, s * 0.1, s * 0.1)
        p.setBrush(color)
        p.drawEllipse(QPointF(frame.center().x(), frame.bottom() - s * 0.13), s * 0.05, s * 0.05)
    else:
        p.setBrush(color)
        for i in range(3):
            p.drawEllipse(QPointF(x + s * (0.2 + 0.3 * i), y + s * 0.5), s * 0.08, s * 0.08)
    p.restore()


def wrap_lines(text: str, fm: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Word-wrap ``text`` to ``width``; the last line is elided if the text does not fit."""
    words = text.split()
    lines: list[str] = []
    cur = ""
    i = 0
    while i < len(words) and len(lines) < max_lines:
        w = words[i]
        cand = f"{cur} {w}" if cur else w
        if fm.horizontalAdvance(cand) <= width:
            cur = cand
            i += 1
            continue
        if not cur:  # a single word wider than the line: break it
            cur = fm.elidedText(w, Qt.TextElideMode.ElideRight, width)
            i += 1
        lines.append(cur)
        cur = ""
    if cur and len(lines) < max_lines:
        lines.append(cur)
    if i < len(words) and lines:
        rest = " ".join([lines[-1], *words[i:]])
        lines[-1] = fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines
