"""Stage and lane headers, and the background grid with lane bands and blueprint lines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.model import BLUEPRINT_LINES, Lane, Layer, Stage
from journeymapper.ui import plain
from journeymapper.ui.theme import LAYER_LABELS, Theme, lane_color

from .glyphs import wrap_lines
from .items import Z_GRID, Z_HEADER
from .layout import Layout


class HeaderItem(QGraphicsItem):
    """A stage column header (top) or a lane row header (left)."""

    def __init__(self, kind: str, entity_id: str, theme: Theme) -> None:
        super().__init__()
        self.ref = (kind, entity_id)
        self.theme = theme
        self.title = ""
        self.subtitle = ""
        self.color = QColor(theme.header_bg)
        self.peer_longest = 0.0  # widest word among this kind's names, at the theme's size
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(Z_HEADER)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_stage(self, st: Stage) -> None:
        self.title = st.name
        self.subtitle = st.description
        self.setToolTip(plain.tip(f"{st.name}\n{st.description}".strip()))
        self.update()

    def set_lane(self, ln: Lane) -> None:
        self.title = ln.name
        self.subtitle = LAYER_LABELS.get(ln.layer, "")
        self.color = QColor(lane_color(ln.color, ln.layer))
        tip = f"{ln.name}\nLayer: {ln.layer.value if ln.layer else 'none'}"
        self.setToolTip(plain.tip(tip + (f"\nOwner: {ln.owner}" if ln.owner else "")))
        self.update()

    def set_rect(self, r: QRectF) -> None:
        if r != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(r)

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        r = self._rect
        lane = self.ref[0] == "lane"
        bg = QColor(t.header_bg)
        p.fillRect(r, bg)
        p.setPen(QPen(QColor(t.grid_line), 1))
        p.drawLine(r.topRight(), r.bottomRight())
        p.drawLine(r.bottomLeft(), r.bottomRight())
        if lane:  # the lane colour as a broad swatch on the left
            p.fillRect(QRectF(r.left(), r.top(), 14, r.height()), self.color)
        if self.isSelected():
            p.setPen(QPen(QColor(t.selection), 4))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r.adjusted(2, 2, -2, -2))
        p.setPen(QColor(t.header_fg))
        pad = 24.0 if lane else 14.0
        inner = r.adjusted(pad, 8, -10, -8)
        # zoomed out, headers grow (up to 1.8x) so that the names stay legible
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        grow = min(1.8, max(1.0, 0.6 / lod)) if lod > 0 else 1.0
        pt = t.header_pt * grow
        font = t.font(pt, bold=True)
        fm = QFontMetricsF(font)
        # one size for all headers of a kind: the one at which every name's longest word fits
        longest = max([self.peer_longest * grow,
                       *(fm.horizontalAdvance(w) for w in self.title.split())])
        if longest > inner.width():
            font = t.font(pt * max(0.5 if grow > 1 else 0.7, inner.width() / longest), bold=True)
            fm = QFontMetricsF(font)
        small = t.font(t.small_pt)
        sfm = QFontMetricsF(small)
        font, fm, lines = fit_lines(self.title, t, font, inner, 3 if lane else 2)
        sub = self.subtitle if grow < 1.15 else ""
        if not lane and sub:  # a stage description gets one line if the title leaves room
            sub = sfm.elidedText(sub, Qt.TextElideMode.ElideRight, inner.width())
            if fm.lineSpacing() * len(lines) + sfm.lineSpacing() > inner.height():
                sub = ""
        total = fm.lineSpacing() * len(lines) + (sfm.lineSpacing() + 2 if sub else 0)
        y = inner.top() + max(0.0, (inner.height() - total) / 2)
        p.setFont(font)
        align = Qt.AlignmentFlag.AlignLeft if lane else Qt.AlignmentFlag.AlignHCenter
        for line in lines:
            p.drawText(QRectF(inner.left(), y, inner.width(), fm.lineSpacing()), align, line)
            y += fm.lineSpacing()
        if sub:
            p.setFont(small)
            c = QColor(self.color if lane else t.header_fg)
            if not lane:
                c.setAlpha(200)
            p.setPen(c)
            p.drawText(QRectF(inner.left(), y + 2, inner.width(), sfm.lineSpacing()), align, sub)


def fit_lines(title: str, t: Theme, font: QFont, inner: QRectF,
              max_lines: int) -> tuple[QFont, QFontMetricsF, list[str]]:
    """``title`` wrapped to ``inner``'s width in ``font``, made smaller (not below the theme's
    small type) until its lines fit ``inner``'s height: a header grown when zoomed out, or the
    projector's large type, wrapped "Install & set up" to two lines taller than the header, and
    its second line was cut off. At the smallest size, the lines that fit, the last elided."""
    fm = QFontMetricsF(font)
    lines = wrap_lines(title, fm, inner.width(), max_lines)
    floor = min(t.small_pt, font.pointSizeF())
    while len(lines) * fm.lineSpacing() > inner.height() and font.pointSizeF() > floor:
        over = inner.height() / (len(lines) * fm.lineSpacing())
        font = t.font(max(floor, font.pointSizeF() * min(0.95, max(0.8, over))), bold=True)
        fm = QFontMetricsF(font)
        lines = wrap_lines(title, fm, inner.width(), max_lines)
    room = max(1, int(inner.height() // fm.lineSpacing()))
    if len(lines) > room:
        lines = wrap_lines(title, fm, inner.width(), room)
    return font, fm, lines


class GridItem(QGraphicsItem):
    """Lane bands, cell lines and the service-blueprint lines with their labels."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.layout: Layout | None = None
        self.lanes: list[Lane] = []
        self.tags: BlueprintTags | None = None  # the lines' name tags, drawn above the flows
        self._tag_boxes: list[tuple[QRectF, str]] | None = None  # worked out per layout
        self._keepout: tuple[QRectF, ...] = ()  # the overlay's tags, which the names slide past
        self.setZValue(Z_GRID)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_layout(self, layout: Layout, lanes: list[Lane]) -> None:
        self.prepareGeometryChange()
        if self.tags is not None:
            self.tags.prepareGeometryChange()
            self.tags.update()
        self.layout = layout
        self.lanes = lanes
        self._tag_boxes = None
        self.update()

    def boundingRect(self) -> QRectF:
        lay = self.layout
        return QRectF(0, 0, lay.width, lay.height) if lay else QRectF()

    def blueprint_lines(self) -> list[tuple[float, str]]:
        """(y, label) of every blueprint line: above the first lane of a deeper layer."""
        lay = self.layout
        out: list[tuple[float, str]] = []
        if lay is None:
            return out
        prev: Layer | None = None
        for ln in self.lanes:
            if ln.layer is not None and ln.id in lay.lane_y:
                for layer, label in BLUEPRINT_LINES.items():
                    if prev is not None and prev.depth < layer.depth <= ln.layer.depth:
                        out.append((lay.lane_y[ln.id][0], label))
                prev = ln.layer if prev is None or ln.layer.depth >= prev.depth else prev
        return out

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lay, t = self.layout, self.theme
        if lay is None:
            return
        exposed = option.exposedRect
        p.fillRect(exposed, QColor(t.background))
        gl, gt = lay.grid_left, lay.grid_top
        for ln in self.lanes:
            if ln.id not in lay.lane_y:
                continue
            y, h = lay.lane_y[ln.id]
            c = QColor(lane_color(ln.color, ln.layer))
            c.setAlpha(t.lane_tint_alpha)
            p.fillRect(QRectF(gl, y, lay.width - gl, h), c)
        p.setPen(QPen(QColor(t.grid_line), 1))
        for s in lay.stage_ids:
            x, w = lay.stage_x[s]
            p.drawLine(QPointF(x + w, gt), QPointF(x + w, lay.height))
        for ln_id in lay.lane_ids:
            y, h = lay.lane_y[ln_id]
            p.drawLine(QPointF(gl, y + h), QPointF(lay.width, y + h))
        self._paint_blueprint(p, lay)

    def _paint_blueprint(self, p: QPainter, lay: Layout) -> None:
        t = self.theme
        p.setPen(QPen(QColor(t.blueprint_line), t.blueprint_w, Qt.PenStyle.DashLine))
        for y, _label in self.blueprint_lines():
            p.drawLine(QPointF(lay.grid_left, y), QPointF(lay.width, y))

    def tag_boxes(self) -> list[tuple[QRectF, str]]:
        """Where the lines' name tags go: on each line, at the left of every few stage columns
        (so one is always in view), inside the cells' padding. Worked out once per layout (the
        tags' bounding rect and shape ask for them on every paint and hit test); a new theme
        comes with a new layout."""
        if self._tag_boxes is None:
            self._tag_boxes = self._place_tags()
        return self._tag_boxes

    def tag_rows(self) -> list[tuple[float, float]]:
        """The top and bottom of each row of name tags (a name only ever slides along its row)."""
        return sorted({(box.top(), box.bottom()) for box, _text in self.tag_boxes()})

    def set_keepout(self, rects: Sequence[QRectF]) -> list[QRectF]:
        """Places (the analysis overlay's tags, which sit on the cards' top edges) that the lines'
        name tags slide right along their line to keep clear of. Gives the name tags' new boxes
        where they moved."""
        rects = tuple(rects)
        if rects == self._keepout:
            return []
        old = self.tag_boxes()
        self._keepout = rects
        self._tag_boxes = None
        moved = [box for (box, _text), (was, _t) in zip(self.tag_boxes(), old, strict=True)
                 if box != was]
        if moved and self.tags is not None:
            self.tags.prepareGeometryChange()
            self.tags.update()
        return moved

    def _clear_of_keepout(self, box: QRectF) -> QRectF:
        """``box`` slid right until it covers none of the keep-out places (each push moves it
        past one place for good, so this ends)."""
        pushed = True
        while pushed:
            pushed = False
            for r in self._keepout:
                if r.intersects(box):
                    box.moveLeft(r.right() + 4)
                    pushed = True
        return box

    def _place_tags(self) -> list[tuple[QRectF, str]]:
        lay, t = self.layout, self.theme
        if lay is None:
            return []
        fm = QFontMetricsF(t.font(t.small_pt, bold=True))
        out: list[tuple[QRectF, str]] = []
        seen: dict[float, int] = {}
        for y, label in self.blueprint_lines():
            k = seen.get(y, 0)
            seen[y] = k + 1
            text = label.upper()
            w, h = fm.horizontalAdvance(text) + 14, fm.height() + 4
            for i, s in enumerate(lay.stage_ids):
                home = QRectF(lay.stage_x[s][0] + 8, y - h / 2 + k * (h + 2), w, h)
                if i % 4 or home.right() > lay.width - 4:
                    continue
                box = self._clear_of_keepout(QRectF(home))
                # pushed off the map's end, a name stays home (under the tag) rather than go:
                # the same names whatever the overlay shows
                out.append((box if box.right() <= lay.width - 4 else home, text))
        return out

    def paint_tags(self, p: QPainter) -> None:
        """The lines' name tags (``BlueprintTags`` paints them above the flows)."""
        t = self.theme
        p.setFont(t.font(t.small_pt, bold=True))
        for box, text in self.tag_boxes():
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(t.blueprint_line))
            p.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            p.setPen(QColor("#FFFFFF"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class BlueprintTags(QGraphicsItem):
    """The blueprint lines' name tags, above the flows and cards (a flow crossing a lane line
    struck its name through); the dashed lines stay in the grid, under everything. The tags sit
    on the lines, inside the cells' padding, so they never cover a card."""

    def __init__(self, grid: GridItem) -> None:
        super().__init__()
        self.grid = grid
        grid.tags = self
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks go to what is below

    def boundingRect(self) -> QRectF:
        out = QRectF()
        for box, _text in self.grid.tag_boxes():
            out = out.united(box)
        return out

    def shape(self) -> QPainterPath:  # the tags alone, not the whole map, for hit tests
        path = QPainterPath()
        for box, _text in self.grid.tag_boxes():
            path.addRect(box)
        return path

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        self.grid.paint_tags(p)
