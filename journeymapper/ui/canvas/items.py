"""Graphics items for cards and flows. Items only draw: they hold display values and ids, and
every change the user makes goes through the view's gestures as a model edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.model import Channel, Document, Flow, TouchPoint, zone_of
from journeymapper.ui import plain
from journeymapper.ui.theme import ZONE_COLORS, ZONE_SYMBOLS, Theme

from .glyphs import draw_channel, wrap_lines
from .routing import Shape, arrow_head, route

Z_GRID, Z_FLOW, Z_CARD, Z_HEADER, Z_OVERLAY, Z_DRAG, Z_EDITOR = 0, 5, 10, 20, 30, 40, 50
HANDLE_R = 7.0
POSTER = 1.45  # type scale of the simplified card drawn when zoomed out
POSTER_BELOW = 0.55  # the view scale under which a card is drawn as a poster
THIN = 1.6  # flows thinner than this many device pixels are drawn as 1-pixel lines


@dataclass(frozen=True)
class CardFace:
    """What a card shows; comparing faces tells whether a repaint is needed."""

    title: str
    channel: Channel
    score: int | None
    pains: int
    max_severity: int
    votes: int
    is_start: bool
    is_end: bool
    tooltip: str

    @classmethod
    def of(cls, doc: Document, tp: TouchPoint) -> CardFace:
        pps = doc.pain_points_of(tp.id)
        tip = tp.title if not tp.notes else f"{tp.title}\n\n{tp.notes}"
        if pps:
            tip += "\n\nPain points:\n" + "\n".join(f"• [{p.severity}] {p.text}" for p in pps)
        return cls(tp.title, tp.channel, tp.score, len(pps),
                   max((p.severity for p in pps), default=0), sum(p.votes for p in pps),
                   tp.is_start, tp.is_end, tip)


_METRICS: dict[tuple[str, float, bool], QFontMetricsF] = {}


def card_metrics(theme: Theme, pt: float, bold: bool) -> QFontMetricsF:
    """The metrics of one of the theme's fonts, made once (every card's face needs them)."""
    key = (theme.family, pt, bold)
    fm = _METRICS.get(key)
    if fm is None:
        fm = _METRICS[key] = QFontMetricsF(theme.font(pt, bold=bold))
    return fm


class CardItem(QGraphicsItem):
    def __init__(self, tp_id: str, face: CardFace, theme: Theme) -> None:
        super().__init__()
        self.ref = ("touchpoint", tp_id)
        self.theme = theme
        self.face = face
        self._lines: list[str] = []
        self._big_lines: list[str] | None = None
        self.hovered = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_CARD)
        self.set_face(face)

    @property
    def tp_id(self) -> str:
        return self.ref[1]

    def set_face(self, face: CardFace) -> None:
        self.face = face
        t = self.theme
        fm = card_metrics(t, t.card_pt, True)
        top = 10 + t.small_pt * 1.9
        footer = card_metrics(t, t.small_pt, True).height() + 9 if (
            face.pains or face.votes or face.is_start or face.is_end) else 6
        fit = max(1, int((t.card_h - top - footer) // fm.lineSpacing()))
        self._lines = wrap_lines(face.title or "(untitled)", fm, t.card_w - 22,
                                 min(t.title_lines, fit))
        self._big_lines = None  # the poster version, wrapped when first drawn
        self.setToolTip(plain.tip(face.tooltip))
        self.update()

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.theme.card_w, self.theme.card_h)

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, self.theme.card_w + HANDLE_R + 8, self.theme.card_h + 8)

    def shape(self) -> QPainterPath:
        p = QPainterPath()
        p.addRect(QRectF(0, 0, self.theme.card_w + HANDLE_R, self.theme.card_h))
        return p

    def on_handle(self, local: QPointF) -> bool:
        """Whether ``local`` is on the right-edge connector (drag from there draws a flow)."""
        return local.x() >= self.theme.card_w - 12 and 0 <= local.y() <= self.theme.card_h

    def hoverEnterEvent(self, event: object) -> None:
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: object) -> None:
        self.hovered = False
        self.update()

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t, f = self.theme, self.face
        r = self.rect()
        zone = zone_of(f.score)
        accent = QColor(ZONE_COLORS[zone]) if zone else QColor(t.card_border)
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        sel = self.isSelected()
        if lod < 0.22:  # far away: a coloured block is all anyone can see
            p.fillRect(r, QColor(t.card_bg))
            p.fillRect(QRectF(0, 0, 14, r.height()), accent)
            if sel:
                p.fillRect(r, QColor(t.selection))
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(t.selection) if sel else QColor(t.card_border),
                   t.card_border_w * (2.4 if sel else 1))
        p.setPen(pen)
        p.setBrush(QColor(t.card_bg))
        p.drawRoundedRect(r, 6, 6)
        # zone stripe on the left edge
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(0, 0, 7, r.height()), 3, 3)
        p.fillPath(stripe, accent if zone else QColor(t.grid_line))
        if lod < POSTER_BELOW:
            self._paint_poster(p, r)
            return
        icon = t.small_pt * 1.9
        draw_channel(p, f.channel, QRectF(14, 7, icon, icon), QColor(t.card_border))
        self._paint_badge(p, r)
        # title
        p.setPen(QColor(t.card_fg))
        font = t.font(t.card_pt, bold=True)
        p.setFont(font)
        lh = card_metrics(t, t.card_pt, True).lineSpacing()
        y = 10 + icon
        for line in self._lines:
            p.drawText(QRectF(14, y, r.width() - 22, lh), Qt.AlignmentFlag.AlignLeft, line)
            y += lh
        self._paint_footer(p, r)
        if sel or self.hovered:
            p.setPen(QPen(QColor(t.selection), 2))
            p.setBrush(QColor("#FFFFFF"))
            p.drawEllipse(QPointF(r.right(), r.center().y()), HANDLE_R * 0.8, HANDLE_R * 0.8)

    def _paint_poster(self, p: QPainter, r: QRectF) -> None:
        """Zoomed out: the badge, the pain marker and the title, all larger; nothing else."""
        t, f = self.theme, self.face
        h = self._paint_badge(p, r, POSTER)
        if f.pains:
            tri = QPainterPath()
            x, y = 14.0, 7.0
            tri.moveTo(x + h * 0.55, y)
            tri.lineTo(x + h * 1.1, y + h)
            tri.lineTo(x, y + h)
            tri.closeSubpath()
            p.fillPath(tri, QColor(t.pain))
            p.setPen(QColor("#FFFFFF"))
            p.setFont(t.font(t.small_pt * POSTER * 0.8, bold=True))
            p.drawText(QRectF(x, y + h * 0.25, h * 1.1, h * 0.75), Qt.AlignmentFlag.AlignCenter,
                       str(f.pains))
        font = t.font(t.card_pt * POSTER, bold=True)
        big = QFontMetricsF(font)
        if self._big_lines is None:  # fewer, bigger words
            room = t.card_h - 14 - h
            self._big_lines = wrap_lines(f.title or "(untitled)", big, t.card_w - 20,
                                         max(1, int(room // big.lineSpacing())))
        p.setFont(font)
        p.setPen(QColor(t.card_fg))
        lh = big.lineSpacing()
        y = 10 + h
        for line in self._big_lines:
            p.drawText(QRectF(12, y, r.width() - 18, lh), Qt.AlignmentFlag.AlignLeft, line)
            y += lh

    def _paint_badge(self, p: QPainter, r: QRectF, k: float = 1.0) -> float:
        t, f = self.theme, self.face
        zone = zone_of(f.score)
        font = t.font(t.small_pt * 1.15 * k, bold=True)
        p.setFont(font)
        fm = card_metrics(t, t.small_pt * 1.15 * k, True)
        if f.score is None or zone is None:
            text, bg, fg = "–", QColor("#ECEFF1"), QColor(t.card_fg)
        else:
            text, bg, fg = f"{ZONE_SYMBOLS[zone]} {f.score}", QColor(ZONE_COLORS[zone]), QColor(
                "#000000" if zone.value == "indifferent" else "#FFFFFF")
        w = fm.horizontalAdvance(text) + 12 * k
        h = fm.height() + 4 * k
        b = QRectF(r.right() - w - 8, 7, w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(bg)
        p.drawRoundedRect(b, h / 2, h / 2)
        p.setPen(fg)
        p.drawText(b, Qt.AlignmentFlag.AlignCenter, text)
        return h

    def _paint_footer(self, p: QPainter, r: QRectF) -> None:
        t, f = self.theme, self.face
        font = t.font(t.small_pt, bold=True)
        fm = card_metrics(t, t.small_pt, True)
        p.setFont(font)
        h = fm.height()
        y = r.bottom() - h - 7
        x = 14.0
        if f.pains:
            tri = QPainterPath()
            tri.moveTo(x + h * 0.5, y)
            tri.lineTo(x + h, y + h)
            tri.lineTo(x, y + h)
            tri.closeSubpath()
            p.fillPath(tri, QColor(t.pain))
            p.setPen(QColor("#FFFFFF"))
            p.drawText(QRectF(x, y + h * 0.2, h, h * 0.8), Qt.AlignmentFlag.AlignCenter, "!")
            p.setPen(QColor(t.pain))
            text = f"{f.pains} · sev {f.max_severity}"
            p.drawText(QRectF(x + h + 4, y, 140, h), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, text)
        if f.votes:
            d = h * 0.55
            shown = min(f.votes, 5)
            xr = r.right() - 10
            if f.votes > 5:
                more = f"+{f.votes - 5}"
                wm = fm.horizontalAdvance(more)
                p.setPen(QColor(t.vote))
                p.drawText(QRectF(xr - wm, y, wm, h), Qt.AlignmentFlag.AlignVCenter, more)
                xr -= wm + 3
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(t.vote))
            for i in range(shown):
                p.drawEllipse(QRectF(xr - (i + 1) * (d + 3), y + (h - d) / 2, d, d))
        if f.is_start or f.is_end:
            label = "START" if f.is_start else "END"
            p.setPen(QColor(t.card_border))
            p.drawText(QRectF(r.center().x() - 30, y, 60, h), Qt.AlignmentFlag.AlignCenter, label)


_PENS: dict[tuple[str, float, bool, bool], QPen] = {}
_BRUSHES: dict[str, QBrush] = {}


def _pen(color: str, width: float, dashed: bool, cosmetic: bool) -> QPen:
    """Flow pens are few: make each once (a paint per flow is on the hot path)."""
    key = (color, width, dashed, cosmetic)
    pen = _PENS.get(key)
    if pen is None:
        pen = QPen(QColor(color), width,
                   Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.FlatCap)
        pen.setCosmetic(cosmetic)
        _PENS[key] = pen
    return pen


def _brush(color: str) -> QBrush:
    b = _BRUSHES.get(color)
    if b is None:
        # with the style: no detour through QBrush's gradient overloads (see matrix._background)
        b = _BRUSHES[color] = QBrush(QColor(color), Qt.BrushStyle.SolidPattern)
    return b


# Where a flow's label may go, in order: how far along the flow, and above (-20), across (-9)
# or below (+2) the line there. Half-way above it first.
LABEL_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88)
LABEL_DY = (-20.0, -9.0, 2.0)


LABEL_W = 120.0  # a flow label's widest box; a longer label is elided


LABEL_H = 18.0


def _label_box(at: QPointF, width: float = LABEL_W) -> QRectF:
    """The label's box for its place ``at`` (top centre)."""
    return QRectF(at.x() - width / 2, at.y(), width, LABEL_H)


class FlowItem(QGraphicsItem):
    def __init__(self, flow: Flow, theme: Theme) -> None:
        super().__init__()
        self.ref = ("flow", flow.id)
        self.source_id = flow.source_id
        self.target_id = flow.target_id
        self.label = flow.label
        self.theme = theme
        self._path = QPainterPath()
        self._shape: QPainterPath | None = None
        self._head = QPolygonF()
        self._poly = QPolygonF()
        self._bounds = QRectF()
        self.loop = False  # a feedback loop to an earlier stage: drawn dashed
        self.route_key: object = None  # what the route was made from (the scene compares it)
        # the scene's: whether this flow's label box would be hidden there (under a card or a
        # header, or over another flow's label), and that it was put there
        self.label_blocked: Callable[[str, QRectF], bool] | None = None
        self.label_placed: Callable[[str, QRectF | None], None] | None = None
        self._label_at: QPointF | None = None  # None: not placed yet (see _label_rect)
        self._label_text = ""  # elided to LABEL_W, and its box's width, for _label_for
        self._label_w = LABEL_W
        self._label_for: tuple[str, Theme] | None = None
        self._line_bounds = QRectF()  # the line and its head, without the label
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(Z_FLOW)

    def set_flow(self, flow: Flow) -> None:
        relabel = flow.label != self.label
        self.source_id, self.target_id, self.label = flow.source_id, flow.target_id, flow.label
        if relabel:
            self.prepareGeometryChange()
            self._place_label()
        self.update()

    def set_ends(self, src: QRectF, dst: QRectF, channel_y: float | None = None,
                 offset: float = 0.0, clear: tuple[bool, bool, bool] = (True, True, True),
                 ) -> None:
        t = self.theme
        path, tip, direction, shape = route(src, dst, channel_y=channel_y,
                                            gutter=t.cell_pad * 0.6, clear=clear[0],
                                            offset=offset, up_clear=clear[1],
                                            down_clear=clear[2])
        self.loop = shape is Shape.LOOP
        self.set_path(path, tip, direction)

    def set_path(self, path: QPainterPath, tip: QPointF, direction: QPointF) -> None:
        self.prepareGeometryChange()
        self._path = path
        self._head = arrow_head(tip, direction, 6 + self.theme.flow_w * 2.5)
        self._shape = None  # stroked on demand: only hit tests need it
        self._poly = QPolygonF([QPointF(e.x, e.y) for e in
                                (path.elementAt(i) for i in range(path.elementCount()))])
        pad = max(5.0, self.theme.flow_w * 2) + 2
        self._line_bounds = path.controlPointRect().united(self._head.boundingRect()).adjusted(
            -pad, -pad, pad, pad)
        self._place_label()

    def _place_label(self) -> None:
        """The label's text and the room its places may take; the bounds take that room in.
        Where in it the label goes is found when it is first drawn (``_label_rect``): a map seen
        from far, where labels are not drawn, never pays for the search."""
        self._bounds = QRectF(self._line_bounds)
        self._label_at = None
        if self.label_placed is not None:
            self.label_placed(self.ref[1], None)  # its place went with its old route
        if self.label:
            if self._label_for != (self.label, self.theme):  # a reroute keeps its text
                fm = QFontMetricsF(self.theme.font(self.theme.small_pt))
                self._label_text = fm.elidedText(self.label, Qt.TextElideMode.ElideRight,
                                                 LABEL_W - 8)
                self._label_w = fm.horizontalAdvance(self._label_text) + 8
                self._label_for = (self.label, self.theme)
            # every place is a point of the path (inside its control points) moved by LABEL_DY
            half = self._label_w / 2
            self._bounds = self._bounds.united(self._path.controlPointRect().adjusted(
                -half, min(LABEL_DY), half, max(LABEL_DY) + LABEL_H))

    def _label_place(self) -> QPointF:
        """Half-way along the flow, or the nearest of a few points along it where the label is
        not hidden (cards are drawn above flows) and hides no other label."""
        blocked = self.label_blocked
        first = self._path.pointAtPercent(LABEL_ALONG[0]) + QPointF(0, LABEL_DY[0])
        if blocked is None:
            return first
        for t in LABEL_ALONG:
            on_line = self._path.pointAtPercent(t)
            for dy in LABEL_DY:
                at = on_line + QPointF(0, dy)
                if not blocked(self.ref[1], _label_box(at, self._label_w)):
                    return at
        return first

    def forget_label_place(self) -> None:
        """Something is now drawn over the label's place: look for one again when next drawn."""
        self._label_at = None
        if self.label_placed is not None:
            self.label_placed(self.ref[1], None)
        self.update()

    def _label_rect(self) -> QRectF:
        """The label's box, its place found the first time it is asked for."""
        if self._label_at is None:
            self._label_at = self._label_place()
            if self.label_placed is not None:
                self.label_placed(self.ref[1], _label_box(self._label_at, self._label_w))
        return _label_box(self._label_at, self._label_w)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def polyline(self) -> QPolygonF:
        """The path's corner and control points: the flow's outline at a glance."""
        return self._poly

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(max(10.0, self.theme.flow_w * 4))
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        sel = self.isSelected()
        color = t.flow_selected if sel else t.flow
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        if lod < 0.3:  # far away: a hairline is all that shows, and it is much cheaper
            p.setPen(_pen(color, 1.0, False, True))
            p.drawPolyline(self._poly)
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = t.flow_w * (1.8 if sel else 1.0)
        # on screen a one-pixel line looks the same and strokes many times faster
        thin = w * lod < THIN and getattr(self.scene(), "fast_flows", False)
        p.setPen(_pen(color, 1.0 if thin else w, self.loop, thin))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self._path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_brush(color))
        p.drawPolygon(self._head)
        if self.label and lod >= 0.55:
            p.setFont(t.font(t.small_pt))
            box = self._label_rect()
            text = self._label_text
            p.setBrush(QColor(t.background))
            p.drawRoundedRect(box, 4, 4)
            p.setPen(QColor(color))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
