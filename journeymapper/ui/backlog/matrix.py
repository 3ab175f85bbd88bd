"""The impact/effort matrix: every action a dot in its (effort, impact) cell, four quadrants.

Effort runs left (little) to right (a lot), impact bottom (little) to top (a lot). The dividing
lines pass through the middle value 3, so a 3 sits on a line. Each dot sits at the middle of
its cell, under its axis number; dots sharing a cell stack in it, each with its title beside it,
on the right, or on the left where that side has the room the right lacks. The scene is laid
out in view pixels (rebuilt on resize) so that the type keeps a size a room can read. Clicking a
dot emits ``actionClicked``; dragging it to another cell re-scores its action's impact and effort
(one undo step; Esc puts it back; not while the workshop is read-only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

from journeymapper.model import Action, Change, edits
from journeymapper.model.quadrants import (  # noqa: F401 (quadrant_of: the package's too)
    CLOSED_COLOUR,
    PRIORITY_COLOURS,
    QUADRANTS,
    quadrant_of,
)
from journeymapper.ui import plain
from journeymapper.ui.session import Session

from .columns import CLOSED

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

LEFT, TOP, BOTTOM = 56.0, 30.0, 54.0  # room for the quadrant names, axis numbers and titles
DOT = 18.0
FADED = 0.25  # the opacity of a dot the table's filter hides
RING = 8.0  # how far the selected dot's ring (5 px out, 4 px wide) reaches past the dot
LABEL_GAP = 6.0  # between a dot and its label
ID_KEY = 0  # QGraphicsItem.data key holding the action id
LABEL_PT, QUADRANT_PT, AXIS_PT = 12.0, 15.0, 11.0  # fixed sizes: the scene is in pixels
TAG_PT = 14.0  # the "impact 4 · effort 2" tag of a dragged dot, read from across the room
DRAG_INK = "#1971C2"  # the ring of the selected dot, and the cell a dragged dot would go to


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

    def cell_at(self, x: float, y: float) -> tuple[int, int]:
        """(impact, effort) of the cell holding scene point (x, y), the nearest one if outside."""
        effort = int((x - LEFT) // self.cw) + 1
        impact = 5 - int((y - TOP) // self.ch)
        return min(5, max(1, impact)), min(5, max(1, effort))

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
                 others: Sequence[Action] = (), on_left: bool = False,
                 movable: bool = True) -> None:
        """``others``: the actions of the same cell that have no line of their own (the cell
        is too low for a "+n more" line): the label ends with "+n" and the tooltip names them.
        ``width``: the room for the label; ``on_left``: the label ends at the dot; ``movable``:
        it can be dragged to another cell (the workshop is not read-only)."""
        super().__init__(-DOT / 2, -DOT / 2, DOT, DOT)
        self.action_id = a.id
        self.setData(ID_KEY, a.id)
        colour = QColor(CLOSED_COLOUR if a.status in CLOSED else PRIORITY_COLOURS[a.priority])
        self.setBrush(QBrush(colour, Qt.BrushStyle.SolidPattern))
        self.setPen(QPen(QColor("white"), 2))
        tip = f"{a.title}\nimpact {a.impact}, effort {a.effort}, {a.priority}, {a.status}"
        if movable:
            tip += "\nDrag to another cell to change its impact and effort."
        if others:
            tip += "\n\nAlso here:\n" + "\n".join(o.title for o in others)
        self.setToolTip(plain.tip(tip))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        # an open hand where the dot can be dragged (a closed one while it is), else a pointer
        self.setCursor(Qt.CursorShape.OpenHandCursor if movable
                       else Qt.CursorShape.PointingHandCursor)
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
        back.setPen(QPen(QColor("#CED4DA"), 1))
        back.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.chip = back
        self.set_lifted(False)
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)  # under the dot
        self.label = label

    def set_lifted(self, on: bool) -> None:
        """While dragged: over every other dot, its title on a chip that hides the ones under."""
        self.chip.setBrush(QBrush(QColor(255, 255, 255, 255 if on else 215),
                                  Qt.BrushStyle.SolidPattern))

    def boundingRect(self) -> QRectF:
        # the selection ring is drawn outside the dot: inside the item's bounds, or a dot no
        # longer selected kept bits of its ring on screen (Qt repaints only the bounds)
        return super().boundingRect().adjusted(-RING, -RING, RING, RING)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.isSelected():  # a ring instead of Qt's dashed box
            painter.setPen(QPen(QColor(DRAG_INK), 4))
            painter.drawEllipse(self.rect().adjusted(-5, -5, 5, 5))
            from PySide6.QtWidgets import QStyle  # here: its enums cost start-up ~5 ms

            option.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, option, widget)


@dataclass
class DotDrag:
    """A press on a movable dot, and the drag it becomes once the mouse has gone far enough.
    Holds the action's id, never the dot: a rebuild makes new dots (and ends the drag)."""

    action_id: str
    press: tuple[float, float]  # viewport point of the press
    home: tuple[float, float]  # the dot's scene position before the drag
    home_z: float
    cell: tuple[int, int]  # (impact, effort) of the action now
    target: tuple[int, int]  # where it would go on release
    started: bool = False
    cursor: Qt.CursorShape = Qt.CursorShape.ArrowCursor  # the viewport's, put back after
    marks: tuple[QGraphicsRectItem, QGraphicsRectItem, QGraphicsSimpleTextItem] | None = None


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
        self._shown: set[str] | None = None  # the actions the table's filter lets through
        self.grid = Grid(360, 200)  # the grid of the last build
        self.drag: DotDrag | None = None  # a press on a dot, until its release or Esc
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
        if self.drag is not None:  # its dot is about to go: put the viewport back first
            self.cancel_drag()
        sc = self.scene()
        sc.clear()
        self.dots.clear()
        self.quadrant_labels.clear()
        vp = self.viewport().size()
        self.grid = grid = Grid(vp.width(), vp.height())
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
                                hidden if last and hidden and not more_line else (), on_left,
                                movable=not self.session.doc.read_only)
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
                more.setToolTip(plain.tip("\n".join(a.title for a in acts[len(shown):])))
        sc.setSceneRect(QRectF(0, 0, vp.width(), vp.height()))
        self.select(self._selected)
        self.fade_except(self._shown)

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

    def fade_except(self, shown: set[str] | None) -> None:
        """The dots of actions the table's filter hides, faded (None: none hidden): the matrix
        still shows the whole backlog, and a click on a faded dot clears the filter, but it
        no longer looks as if the filter had not been applied."""
        self._shown = shown
        for aid, dot in self.dots.items():
            dot.setOpacity(1.0 if shown is None or aid in shown else FADED)

    def dot_at(self, action_id: str) -> ActionDot | None:
        self._ensure_built()
        return self.dots.get(action_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._stale = True  # built at the next paint: the window's layout resizes it repeatedly

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure_built()
        super().paintEvent(event)

    # -- clicking and dragging a dot ----------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._ensure_built()
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, ActionDot):
            item = item.parentItem()
        if isinstance(item, ActionDot):
            aid = item.action_id
            self.select(aid)
            self.actionClicked.emit(aid)
            dot = self.dots.get(aid)  # the same dot unless the click rebuilt the matrix
            if (event.button() == Qt.MouseButton.LeftButton and dot is not None
                    and not self.session.doc.read_only):
                a = self.session.doc.action(aid)
                p = event.position()
                self.drag = DotDrag(aid, (p.x(), p.y()), (dot.x(), dot.y()), dot.zValue(),
                                    (a.impact, a.effort), (a.impact, a.effort))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        d = self.drag
        if d is None:
            super().mouseMoveEvent(event)
            return
        dot = self.dots.get(d.action_id)
        if dot is None or not event.buttons() & Qt.MouseButton.LeftButton:  # release missed
            self.cancel_drag()
            super().mouseMoveEvent(event)
            return
        p = event.position()
        dx, dy = p.x() - d.press[0], p.y() - d.press[1]
        if not d.started:
            from PySide6.QtWidgets import QApplication  # made long before: a name, not a cost

            if abs(dx) + abs(dy) < QApplication.startDragDistance():
                event.accept()
                return  # still a click
            self._start_drag(d, dot)
        plot = self.grid.plot
        x = min(plot.right(), max(plot.left(), d.home[0] + dx))
        y = min(plot.bottom(), max(plot.top(), d.home[1] + dy))
        dot.setPos(x, y)
        d.target = self.grid.cell_at(x, y)
        self._show_target(d, x, y)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        d = self.drag
        if d is None:
            super().mouseReleaseEvent(event)
            return
        event.accept()
        if not d.started:  # a click: selected on the press
            self.drag = None
            return
        self.cancel_drag()  # the dot goes home; the edit's change moves it to its new cell
        if d.target != d.cell:
            impact, effort = d.target
            self.session.do(edits.update_action(self.session.doc, d.action_id,
                                                impact=impact, effort=effort))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.drag is not None and event.key() == Qt.Key.Key_Escape:
            self.cancel_drag()
            event.accept()
            return
        super().keyPressEvent(event)

    def cancel_drag(self) -> None:
        """End a press or drag on a dot without an edit: the dot back home, no marks."""
        d, self.drag = self.drag, None
        if d is None or not d.started:
            return
        self.viewport().setCursor(d.cursor)
        if d.marks is not None:
            for mark in d.marks[:2]:  # the text is the tag's child
                self.scene().removeItem(mark)
        dot = self.dots.get(d.action_id)
        if dot is not None:
            dot.setPos(*d.home)
            dot.setZValue(d.home_z)
            dot.set_lifted(False)

    def _start_drag(self, d: DotDrag, dot: ActionDot) -> None:
        d.started = True
        dot.setZValue(200)
        dot.set_lifted(True)
        d.cursor = self.viewport().cursor().shape()
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        ink = QColor(DRAG_INK)
        cell = QGraphicsRectItem()
        cell.setPen(QPen(ink, 3))
        fill = QColor(ink)
        fill.setAlpha(40)
        cell.setBrush(QBrush(fill, Qt.BrushStyle.SolidPattern))
        cell.setZValue(5)  # over the quadrants and lines, under the dots
        tag = QGraphicsRectItem()
        tag.setPen(QPen(Qt.PenStyle.NoPen))
        tag.setBrush(QBrush(ink.darker(140), Qt.BrushStyle.SolidPattern))
        tag.setZValue(300)
        text = QGraphicsSimpleTextItem(tag)
        font = QFont(self.font_)
        font.setPointSizeF(TAG_PT)
        font.setBold(True)
        text.setFont(font)
        text.setBrush(QBrush(QColor("white"), Qt.BrushStyle.SolidPattern))
        for mark in (cell, tag):
            self.scene().addItem(mark)
        d.marks = (cell, tag, text)

    def _show_target(self, d: DotDrag, x: float, y: float) -> None:
        """Ring the cell the dot would go to; name its values in a tag over the dot."""
        if d.marks is None:
            return
        cell, tag, text = d.marks
        impact, effort = d.target
        cell.setRect(self.grid.cell(impact, effort))
        text.setText(f"impact {impact} · effort {effort}")
        b = text.boundingRect()
        tag.setRect(QRectF(0, 0, b.width() + 16, b.height() + 6))
        text.setPos(8, 3)
        w, h = tag.rect().width(), tag.rect().height()
        top = y - DOT / 2 - 10 - h  # above the dot; under it where it would hide a quadrant name
        scene = self.sceneRect()
        tag.setPos(min(scene.right() - w - 2, max(2.0, x - w / 2)),
                   top if top >= self.grid.plot.top() else y + DOT / 2 + 10)
