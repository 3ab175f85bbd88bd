"""The impact/effort matrix: every action a dot in its (effort, impact) cell, four quadrants.

Effort runs left (little) to right (a lot), impact bottom (little) to top (a lot). The dividing
lines pass through the middle value 3, so a 3 sits on a line. Each dot sits at the middle of
its cell, under its axis number; dots sharing a cell stack in it, each with its title beside it,
on the right, or on the left where that side has the room the right lacks. The scene is laid
out in view pixels (rebuilt on resize) so that the type keeps a size a room can read. Clicking a
dot emits ``actionClicked``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymapper.model import Action, Change, Priority
from journeymapper.ui.session import Session

from .columns import CLOSED

LEFT, TOP, BOTTOM = 56.0, 30.0, 54.0  # room for the quadrant names, axis numbers and titles
DOT = 18.0
LABEL_GAP = 6.0  # between a dot and its label
ID_KEY = 0  # QGraphicsItem.data key holding the action id
LABEL_PT, QUADRANT_PT, AXIS_PT = 12.0, 15.0, 11.0  # fixed sizes: the scene is in pixels
QUADRANTS = (  # name, impact high?, effort high?, fill, ink
    ("Quick wins", True, False, "#E3F6E7", "#2B8A3E"),
    ("Major projects", True, True, "#E4F0FB", "#1864AB"),
    ("Fill-ins", False, False, "#F3F4F6", "#495057"),
    ("Thankless tasks", False, True, "#FDECEC", "#C92A2A"),
)
DOT_COLOURS = {Priority.CRITICAL: "#C92A2A", Priority.HIGH: "#E8590C",
               Priority.MEDIUM: "#1F3A5F", Priority.LOW: "#5C7CFA"}


def quadrant_of(impact: int, effort: int) -> str | None:
    """The quadrant an action falls in; None on a dividing line (a middle value of 3)."""
    if impact == 3 or effort == 3:
        return None
    return next(q[0] for q in QUADRANTS if q[1] == (impact > 3) and q[2] == (effort > 3))


class Grid:
    """The plot area in view pixels: 5 x 5 cells, effort across, impact up."""

    def __init__(self, width: float, height: float) -> None:
        self.cw = max(60.0, (width - LEFT - 8) / 5)
        self.ch = max(22.0, (height - BOTTOM - TOP) / 5)

    @property
    def plot(self) -> QRectF:
        return QRectF(LEFT, TOP, self.cw * 5, self.ch * 5)

    def cell(self, impact: int, effort: int) -> QRectF:
        return QRectF(LEFT + (effort - 1) * self.cw, TOP + (5 - impact) * self.ch, self.cw,
                      self.ch)

    def dot_x(self, effort: int) -> float:
        """The middle of the cell, under the axis number (a 3 on the vertical line)."""
        return self.cell(1, effort).center().x()

    def quadrant(self, high_impact: bool, high_effort: bool) -> QRectF:
        p = self.plot
        w, h = p.width() / 2, p.height() / 2
        return QRectF(p.left() + (w if high_effort else 0), p.top() + (0 if high_impact else h),
                      w, h)


class ActionDot(QGraphicsEllipseItem):
    def __init__(self, a: Action, font: QFont, width: float,
                 others: Sequence[Action] = (), on_left: bool = False) -> None:
        """``others``: the actions of the same cell that have no line of their own (the cell
        is too low for a "+n more" line): the label ends with "+n" and the tooltip names them.
        ``width``: the room for the label; ``on_left``: the label ends at the dot."""
        super().__init__(-DOT / 2, -DOT / 2, DOT, DOT)
        self.action_id = a.id
        self.setData(ID_KEY, a.id)
        colour = QColor("#ADB5BD" if a.status in CLOSED else DOT_COLOURS[a.priority])
        self.setBrush(QBrush(colour, Qt.BrushStyle.SolidPattern))
        self.setPen(QPen(QColor("white"), 2))
        tip = f"{a.title}\nimpact {a.impact}, effort {a.effort}, {a.priority}, {a.status}"
        if others:
            tip += "\n\nAlso here:\n" + "\n".join(o.title for o in others)
        self.setToolTip(tip)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        label = QGraphicsSimpleTextItem(self)
        label.setFont(font)
        metrics = QFontMetricsF(font)
        suffix = f"  +{len(others)}" if others else ""
        room = max(20.0, width - metrics.horizontalAdvance(suffix))
        label.setText(metrics.elidedText(a.title, Qt.TextElideMode.ElideRight, room) + suffix)
        ink = QColor("#868E96" if a.status in CLOSED else "#212529")
        label.setBrush(QBrush(ink, Qt.BrushStyle.SolidPattern))
        b = label.boundingRect()
        label.setPos(-DOT / 2 - LABEL_GAP - b.width() if on_left else DOT / 2 + LABEL_GAP,
                     -b.height() / 2)
        # One chip behind the dot and its title, so that a title reads as its own dot's
        # whichever side it is on
        reach = LABEL_GAP + DOT / 2 + 3
        back = QGraphicsRectItem(b.adjusted(-3, 0, 3 + reach, 0) if on_left
                                 else b.adjusted(-reach, 0, 3, 0), label)
        back.setBrush(QBrush(QColor(255, 255, 255, 215), Qt.BrushStyle.SolidPattern))
        back.setPen(QPen(QColor("#CED4DA"), 1))
        back.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)  # under the dot
        self.label = label

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.isSelected():  # a ring instead of Qt's dashed box
            painter.setPen(QPen(QColor("#1971C2"), 4))
            painter.drawEllipse(self.rect().adjusted(-5, -5, 5, 5))
            from PySide6.QtWidgets import QStyle  # here: its enums cost start-up ~5 ms

            option.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, option, widget)


class ImpactEffortView(QGraphicsView):
    actionClicked = Signal(str)  # action id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewport(QWidget())  # wrapped already: see canvas.painting.FrozenView
        self.session = session
        self.setObjectName("impactEffortView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor("white"))
        self.font_ = QFont()
        self.font_.setPointSizeF(LABEL_PT)
        self.setMinimumSize(360, 200)
        self.dots: dict[str, ActionDot] = {}
        self.quadrant_labels: dict[str, QGraphicsSimpleTextItem] = {}
        self._selected: str | None = None
        # Built at the first paint after a resize (and on action edits while visible), not at
        # every resize the window's layout makes before its first paint (start-up built it 3x).
        self._stale = True
        session.changed.connect(self._on_change)

    # -- building (in view pixels, so the type stays the same size at any dock size) -------
    def _ensure_built(self) -> None:
        if self._stale:
            self.rebuild()

    def _rebuild_when_visible(self) -> None:
        if self.isVisible():
            self.rebuild()
        else:
            self._stale = True

    def rebuild(self) -> None:
        self._stale = False
        sc = self.scene()
        sc.clear()
        self.dots.clear()
        self.quadrant_labels.clear()
        vp = self.viewport().size()
        grid = Grid(vp.width(), vp.height())
        self._background(grid)
        line_h = max(DOT + 3, QFontMetricsF(self.font_).height() + 1)
        cells: dict[tuple[int, int], list[Action]] = {}
        for a in self.session.doc.actions:
            cells.setdefault((a.impact, a.effort), []).append(a)
        metrics = QFontMetricsF(self.font_)
        # Row by row (one impact), left to right: each cell's labels go right, up to the next
        # dot, or left where the right lacks their room and the left has more (nothing to the
        # left of a dot is taken by then but the labels already placed).
        taken: dict[int, float] = {}  # impact -> x up to which its row is taken
        for (impact, effort), acts in sorted(cells.items()):  # keys are unique: by key alone
            r = grid.cell(impact, effort)
            fit = max(1, int(r.height() // line_h))
            if len(acts) > fit:  # the rest go under "+n more"; the selected one stays in view
                acts.sort(key=lambda a: a.id != self._selected)
            # a "+n more" line where the cell has room for one, else "+n" on the last label
            more_line = len(acts) > fit >= 2
            shown = acts if len(acts) <= fit else acts[:fit - 1 if more_line else 1]
            hidden = acts[len(shown):]
            x = grid.dot_x(effort)
            nxt = next((e for e in range(effort + 1, 6) if (impact, e) in cells), None)
            right = grid.plot.right() if nxt is None else grid.dot_x(nxt) - DOT / 2 - 4
            room_right = right - x - DOT / 2 - LABEL_GAP - 6
            room_left = x - DOT / 2 - LABEL_GAP - 6 - taken.get(impact, grid.plot.left())
            suffix = f"  +{len(hidden)}" if hidden and not more_line else ""
            need = max(metrics.horizontalAdvance(a.title + suffix) for a in shown)
            on_left = need > room_right and room_left > room_right
            width = max(20.0, room_left if on_left else room_right)
            taken[impact] = x + DOT / 2 + (0.0 if on_left else LABEL_GAP + min(need, width))
            y0 = r.center().y() - (len(shown) + more_line - 1) * line_h / 2
            for n, a in enumerate(shown):
                last = n == len(shown) - 1
                dot = ActionDot(a, self.font_, width,
                                hidden if last and hidden and not more_line else (), on_left)
                dot.setPos(x, y0 + n * line_h)
                dot.setZValue(10)
                sc.addItem(dot)
                self.dots[a.id] = dot
            if more_line:
                more = sc.addSimpleText(f"+{len(acts) - len(shown)} more", self.font_)
                more.setBrush(QBrush(QColor("#495057"), Qt.BrushStyle.SolidPattern))
                y = y0 + len(shown) * line_h - more.boundingRect().height() / 2
                b = more.boundingRect()
                more.setPos(x - DOT / 2 - b.width() if on_left else x - DOT / 2, y)
                more.setToolTip("\n".join(a.title for a in acts[len(shown):]))
        sc.setSceneRect(QRectF(0, 0, vp.width(), vp.height()))
        self.select(self._selected)

    def _background(self, grid: Grid) -> None:
        sc = self.scene()
        big = QFont(self.font_)
        big.setPointSizeF(QUADRANT_PT)
        big.setBold(True)
        for name, hi_impact, hi_effort, fill, ink in QUADRANTS:
            r = grid.quadrant(hi_impact, hi_effort)
            # QBrush(colour) alone makes PySide6 try the gradient and image overloads first,
            # which builds their enum types (~3 ms of start-up); with the style it is direct.
            paper = QBrush(QColor(fill), Qt.BrushStyle.SolidPattern)
            sc.addRect(r, QPen(Qt.PenStyle.NoPen), paper).setZValue(-2)
            label = sc.addSimpleText(name, big)
            label.setBrush(QBrush(QColor(ink), Qt.BrushStyle.SolidPattern))
            b = label.boundingRect()
            # outside the plot, at its corners, so that no dot ever hides under a name
            label.setPos(r.right() - b.width() if hi_effort else r.left(),
                         r.top() - b.height() - 4 if hi_impact else r.bottom() + 24)
            label.setZValue(-1)
            label.setData(ID_KEY, f"quadrant:{name}")
            self.quadrant_labels[name] = label
        p = grid.plot
        thin = QPen(QColor("#DEE2E6"), 1)
        for i in range(6):
            sc.addLine(p.left() + i * grid.cw, p.top(), p.left() + i * grid.cw, p.bottom(), thin)
            sc.addLine(p.left(), p.top() + i * grid.ch, p.right(), p.top() + i * grid.ch, thin)
        axis = QPen(QColor("#495057"), 2)
        sc.addLine(p.center().x(), p.top(), p.center().x(), p.bottom(), axis)
        sc.addLine(p.left(), p.center().y(), p.right(), p.center().y(), axis)
        self._axis_labels(grid)

    def _axis_labels(self, grid: Grid) -> None:
        sc = self.scene()
        small = QFont(self.font_)
        small.setPointSizeF(AXIS_PT)
        p = grid.plot
        for v in range(1, 6):
            t = sc.addSimpleText(str(v), small)
            t.setBrush(QBrush(QColor("#495057"), Qt.BrushStyle.SolidPattern))
            c = grid.cell(1, v)
            t.setPos(c.center().x() - t.boundingRect().width() / 2, p.bottom() + 2)
            t = sc.addSimpleText(str(v), small)
            t.setBrush(QBrush(QColor("#495057"), Qt.BrushStyle.SolidPattern))
            c = grid.cell(v, 1)
            t.setPos(LEFT - 16, c.center().y() - t.boundingRect().height() / 2)
        bold = QFont(small)
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        # the long titles where they fit (beside the quadrant names under the plot, along its
        # height), else the short ones: never cut off, never over a name
        corner = max((self.quadrant_labels[n].boundingRect().width()
                      for n in ("Fill-ins", "Thankless tasks") if n in self.quadrant_labels),
                     default=0.0) + 12  # the wider name, at one end of the line under the plot
        room = p.width() / 2 - corner  # either side of the centre of the line under the plot
        across = next((t for t in ("Effort: little  →  a lot", "Effort  →")
                       if metrics.horizontalAdvance(t) / 2 <= room), None)  # none: too narrow
        up = "Impact: little  →  a lot"
        if metrics.horizontalAdvance(up) > p.height() + 2 * TOP:  # centred on the plot
            up = "Impact  →"
        if across is not None:
            x = sc.addSimpleText(across, bold)
            x.setPos(p.center().x() - x.boundingRect().width() / 2, p.bottom() + 24)
        y = sc.addSimpleText(up, bold)
        y.setRotation(-90)
        y.setPos(6, p.center().y() + y.boundingRect().width() / 2)

    # -- following the document and the table ------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.touches("action"):
            self._rebuild_when_visible()

    def select(self, action_id: str | None) -> None:
        self._selected = action_id
        if self._stale:  # the next build rings it
            return
        for aid, dot in self.dots.items():
            dot.setSelected(aid == action_id)
            if aid == action_id:
                dot.setZValue(100)

    def dot_at(self, action_id: str) -> ActionDot | None:
        self._ensure_built()
        return self.dots.get(action_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._stale = True  # built at the next paint: the window's layout resizes it repeatedly

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure_built()
        super().paintEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._ensure_built()
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, ActionDot):
            item = item.parentItem()
        if isinstance(item, ActionDot):
            self.select(item.action_id)
            self.actionClicked.emit(item.action_id)
            event.accept()
            return
        super().mousePressEvent(event)
