"""Sticky headers: when the view is scrolled so that the lane or stage headers are out of sight,
their names are drawn along the viewport's left and top edges, so the room always knows which
department and which stage it is looking at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from journeymapper.ui.theme import lane_color

if TYPE_CHECKING:
    from .painting import FrozenView as MapView


def sticky_needed(view: MapView) -> tuple[bool, bool]:
    """(lanes, stages): whether each header band is scrolled out of sight."""
    sc = view._scene
    if sc is None:
        return False, False
    lay = sc.layout
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return (seen.left() > lay.grid_left * 0.15 and lay.width > seen.left(),
            seen.top() > lay.grid_top * 0.3 and lay.height > seen.top())


def draw_sticky(view: MapView, p: QPainter) -> None:
    lanes_off, stages_off = sticky_needed(view)
    if not (lanes_off or stages_off):
        return
    sc = view.map_scene
    lay, t = sc.layout, sc.theme
    doc = view.session.doc
    p.save()
    p.resetTransform()
    vw, vh = view.viewport().width(), view.viewport().height()
    font = t.font(t.small_pt * 1.35, bold=True)
    fm = QFontMetricsF(font)
    p.setFont(font)
    pad = 8.0
    bg = QColor(t.header_bg)
    bg.setAlpha(225)
    # What is left in view of a header band scrolled half out is covered: names cut at the
    # edge ("ent / MER" beside the sticky "Patient") read as a broken picture on a projector
    solid = QColor(t.header_bg)
    if stages_off:
        band = fm.height() + 2 * pad
        rest = view.mapFromScene(QPointF(0, lay.grid_top)).y()
        p.fillRect(QRectF(0, 0, vw, max(band, float(rest))), solid if rest > band else bg)
        for st in doc.stages:
            if st.id not in lay.stage_x:
                continue
            x, w = lay.stage_x[st.id]
            a = view.mapFromScene(QPointF(x, 0)).x()
            b = view.mapFromScene(QPointF(x + w, 0)).x()
            left, right = max(float(a), 0.0), min(float(b), float(vw))
            if right - left < 30:
                continue
            p.setPen(QColor(t.header_fg))
            text = fm.elidedText(st.name, Qt.TextElideMode.ElideRight, right - left - 2 * pad)
            p.drawText(QRectF(left, 0, right - left, band), Qt.AlignmentFlag.AlignCenter, text)
    if lanes_off:
        width = min(vw * 0.22, 320.0)
        top = fm.height() + 2 * pad if stages_off else 0.0
        rest = view.mapFromScene(QPointF(lay.grid_left, 0)).x()
        if rest > 0:
            p.fillRect(QRectF(0, top, float(rest), vh - top), solid)
        for ln in doc.lanes:
            if ln.id not in lay.lane_y:
                continue
            y, h = lay.lane_y[ln.id]
            a = view.mapFromScene(QPointF(0, y)).y()
            b = view.mapFromScene(QPointF(0, y + h)).y()
            y0, y1 = max(float(a), top), min(float(b), float(vh))
            if y1 - y0 < fm.height() + 4:
                continue
            text = fm.elidedText(ln.name, Qt.TextElideMode.ElideRight, width - 2 * pad - 8)
            tag = QRectF(0, y0 + 4, fm.horizontalAdvance(text) + 2 * pad + 8, fm.height() + pad)
            p.fillRect(tag, bg)
            swatch = QColor(lane_color(ln.color, ln.layer))
            p.fillRect(QRectF(0, tag.top(), 6, tag.height()), swatch)
            p.setPen(QColor(t.header_fg))
            p.drawText(tag.adjusted(pad + 6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)
    p.restore()
