"""Mouse tools: small handler objects the view feeds press/move/release to (one gesture, one edit).

- CardDrag: drags the selected cards as ghosts over a frozen picture of the map, shows the target
  cell and insertion point, and drops them with one edit.
- HeaderDrag: reorders a stage or a lane.
- ConnectDrag / ConnectClick: draw a flow from a card's edge handle, or click source then target.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
)

from journeymapper.model import Edit, EditError, edits

from .dropedit import drop_cards
from .ghosts import GhostsItem
from .items import CardItem
from .routing import arrow_head, route, straight

if TYPE_CHECKING:
    from .view import MapView

MAX_LIVE_FLOWS = 80  # above this, flows of moving cards are hidden during a drag, not re-routed


class Tool:
    def __init__(self, view: MapView) -> None:
        self.view = view

    def move(self, sp: QPointF, vp: QPointF) -> None:
        pass

    def release(self, sp: QPointF) -> None:
        pass

    def cancel(self) -> None:
        pass


class _Marker:
    """A highlighted target rectangle and an insertion bar in the drag layer."""

    def __init__(self, view: MapView) -> None:
        t = view.map_scene.theme
        layer = view.map_scene.drag_layer
        sel = QColor(t.selection)
        fill = QColor(sel)
        fill.setAlpha(40)
        self.cell = QGraphicsRectItem(layer)
        self.cell.setPen(QPen(sel, 2, Qt.PenStyle.DashLine))
        self.cell.setBrush(QBrush(fill, Qt.BrushStyle.SolidPattern))
        self.bar = QGraphicsRectItem(layer)
        self.bar.setPen(QPen(Qt.PenStyle.NoPen))
        self.bar.setBrush(QBrush(sel, Qt.BrushStyle.SolidPattern))
        self.cell.hide()
        self.bar.hide()

    def show(self, cell: QRectF | None, bar: QRectF | None) -> None:
        for item, r in ((self.cell, cell), (self.bar, bar)):
            if r is None:
                item.hide()
            else:
                item.setRect(r)
                item.show()

    def remove(self) -> None:
        for it in (self.cell, self.bar):
            sc = it.scene()
            if sc is not None:
                sc.removeItem(it)


def _autoscroll(view: MapView, vp: QPointF, margin: int = 28, step: int = 24) -> bool:
    """Scroll the view when a drag nears its edge; True if it scrolled."""
    w, h = view.viewport().width(), view.viewport().height()
    dx = -step if vp.x() < margin else step if vp.x() > w - margin else 0
    dy = -step if vp.y() < margin else step if vp.y() > h - margin else 0
    moved = False
    for bar, d in ((view.horizontalScrollBar(), dx), (view.verticalScrollBar(), dy)):
        if d:
            before = bar.value()
            bar.setValue(before + d)
            moved = moved or bar.value() != before
    return moved


def _passed_threshold(a: QPointF, b: QPointF) -> bool:
    return (a - b).manhattanLength() >= QApplication.startDragDistance()


class CardDrag(Tool):
    def __init__(self, view: MapView, grabbed: str, sp: QPointF, vp: QPointF) -> None:
        super().__init__(view)
        self.grabbed = grabbed
        self.press, self.press_vp = sp, vp
        self.started = False
        self.ids: list[str] = []
        self.ghosts: GhostsItem | None = None
        self.marker: _Marker | None = None

    def _start(self) -> None:
        v, sc = self.view, self.view.map_scene
        sel = [r[1] for r in v.selected() if r[0] == "touchpoint"]
        self.ids = sel if self.grabbed in sel else [self.grabbed]
        cards = sc.layout.cards
        moving: list[QGraphicsItem] = [sc.cards[tid] for tid in self.ids]
        doc = sc.doc
        flows = {f.id: f for tid in self.ids for f in (*doc.flows_from(tid), *doc.flows_to(tid))}
        moving += [sc.flows[fid] for fid in flows if fid in sc.flows]
        live = [(f.source_id, f.target_id) for f in flows.values()] if len(
            flows) <= MAX_LIVE_FLOWS else []
        scale = v.transform().m11() * v.devicePixelRatioF()
        self.ghosts = GhostsItem(sc.theme, [(sc.cards[t], cards[t]) for t in self.ids], scale,
                                 live, cards)
        self.ghosts.setParentItem(sc.drag_layer)
        self.marker = _Marker(v)
        v.freeze(moving)
        self.started = True

    def move(self, sp: QPointF, vp: QPointF) -> None:
        if not self.started:
            if not _passed_threshold(vp, self.press_vp):
                return
            self._start()
        assert self.ghosts is not None
        if _autoscroll(self.view, vp):
            sp = self.view.mapToScene(vp.toPoint())
        self.ghosts.set_delta(sp - self.press)
        self._show_target(sp)

    def _target(self, sp: QPointF) -> tuple[str, str, int] | None:
        lay = self.view.map_scene.layout
        cell = lay.cell_at(sp)
        if cell is None:
            return None
        return cell[0], cell[1], lay.insertion_index(cell[0], cell[1], sp, set(self.ids))

    def _show_target(self, sp: QPointF) -> None:
        assert self.marker is not None
        lay = self.view.map_scene.layout
        tgt = self._target(sp)
        if tgt is None:
            self.marker.show(None, None)
            return
        s, ln, idx = tgt
        slot = lay.slot_rect(s, ln, idx)
        t = lay.theme
        if lay.stage_cols.get(s, 1) == 1:
            bar = QRectF(slot.left(), slot.top() - t.card_gap / 2 - 2, slot.width(), 4)
        else:
            bar = QRectF(slot.left() - t.card_gap / 2 - 2, slot.top(), 4, slot.height())
        self.marker.show(lay.cell_rect(s, ln), bar)

    def _placements(self, sp: QPointF) -> list[tuple[str, str, str, int]]:
        lay = self.view.map_scene.layout
        main = self._target(sp)
        if main is None:
            return []
        out = [(self.grabbed, main[0], main[1], main[2])]
        gr = lay.cards[self.grabbed]
        d = sp - self.press
        for tid in self.ids:
            if tid == self.grabbed:
                continue
            # other cards keep their offset from the grabbed one, clamped into the grid
            c = lay.cards[tid].center() + d
            c.setX(min(max(c.x(), lay.grid_left + 1), lay.width - 1))
            c.setY(min(max(c.y(), lay.grid_top + 1), lay.height - 1))
            cell = lay.cell_at(c)
            if cell is None:
                continue
            if cell == (main[0], main[1]):  # same cell as the grabbed card: keep them together
                before = lay.cards[tid].top() < gr.top() or (
                    lay.cards[tid].top() == gr.top() and lay.cards[tid].left() < gr.left())
                out.append((tid, cell[0], cell[1], main[2] if before else main[2] + 1))
            else:
                out.append((tid, cell[0], cell[1],
                            lay.insertion_index(cell[0], cell[1], c, set(self.ids))))
        return out

    def _cleanup(self) -> None:
        sc = self.view.map_scene
        if self.ghosts is not None:
            sc.removeItem(self.ghosts)
            self.ghosts = None
        if self.marker:
            self.marker.remove()
            self.marker = None
        self.view.unfreeze()

    def release(self, sp: QPointF) -> None:
        if not self.started:  # a click: it selects just that card unless extending
            mods = QApplication.keyboardModifiers()
            if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.view.select_entities([("touchpoint", self.grabbed)], center=False)
            return
        placements = self._placements(sp)
        self._cleanup()
        doc = self.view.session.doc
        if placements:
            _do(self.view, lambda: drop_cards(doc, placements))

    def cancel(self) -> None:
        if self.started:
            self._cleanup()


class HeaderDrag(Tool):
    """Drag a stage header sideways or a lane header up and down to reorder it."""

    def __init__(self, view: MapView, ref: tuple[str, str], sp: QPointF, vp: QPointF) -> None:
        super().__init__(view)
        self.kind, self.eid = ref
        self.press, self.press_vp = sp, vp
        self.started = False
        self.ghost: QGraphicsRectItem | None = None
        self.marker: _Marker | None = None

    def _index(self, sp: QPointF) -> tuple[int, float]:
        lay = self.view.map_scene.layout
        if self.kind == "stage":
            spans = [(i, *lay.stage_x[i]) for i in lay.stage_ids]
            at = sp.x()
        else:
            spans = [(i, *lay.lane_y[i]) for i in lay.lane_ids]
            at = sp.y()
        others = [(i, a, w) for i, a, w in spans if i != self.eid]
        idx = sum(1 for _, a, w in others if a + w / 2 < at)
        edge = others[idx - 1][1] + others[idx - 1][2] if idx > 0 else (
            others[0][1] if others else 0.0)
        return idx, edge

    def move(self, sp: QPointF, vp: QPointF) -> None:
        sc = self.view.map_scene
        lay = sc.layout
        if not self.started:
            if not _passed_threshold(vp, self.press_vp):
                return
            self.started = True
            r = (lay.stage_header_rect(self.eid) if self.kind == "stage"
                 else lay.lane_header_rect(self.eid))
            self.ghost = QGraphicsRectItem(r, sc.drag_layer)
            c = QColor(sc.theme.selection)
            c.setAlpha(90)
            self.ghost.setBrush(QBrush(c, Qt.BrushStyle.SolidPattern))
            self.ghost.setPen(QPen(QColor(sc.theme.selection), 2))
            self.marker = _Marker(self.view)
        assert self.ghost is not None and self.marker is not None
        d = sp - self.press
        self.ghost.setPos(QPointF(d.x(), 0) if self.kind == "stage" else QPointF(0, d.y()))
        _, edge = self._index(sp)
        bar = (QRectF(edge - 3, 0, 6, lay.height) if self.kind == "stage"
               else QRectF(0, edge - 3, lay.width, 6))
        self.marker.show(None, bar)

    def _cleanup(self) -> None:
        sc = self.view.map_scene
        if self.ghost is not None:
            sc.removeItem(self.ghost)
            self.ghost = None
        if self.marker is not None:
            self.marker.remove()
            self.marker = None

    def release(self, sp: QPointF) -> None:
        if not self.started:
            return
        self._cleanup()
        idx, _ = self._index(sp)
        doc = self.view.session.doc
        if self.kind == "stage":
            _do(self.view, lambda: edits.move_stage(doc, self.eid, idx))
        else:
            _do(self.view, lambda: edits.move_lane(doc, self.eid, idx))

    def cancel(self) -> None:
        self._cleanup()


class ConnectDrag(Tool):
    """Drag from a card's right-edge handle to another card to draw a flow."""

    def __init__(self, view: MapView, source: str, sp: QPointF) -> None:
        super().__init__(view)
        self.source = source
        sc = view.map_scene
        self.path = QGraphicsPathItem(sc.drag_layer)
        self.path.setPen(QPen(QColor(sc.theme.selection), sc.theme.flow_w * 1.5,
                              Qt.PenStyle.DashLine))
        self.head = QGraphicsPathItem(sc.drag_layer)
        self.marker = _Marker(view)

    def target_at(self, sp: QPointF) -> str | None:
        card = self.view.map_scene.card_at(sp)
        return card.tp_id if card is not None and card.tp_id != self.source else None

    def move(self, sp: QPointF, vp: QPointF) -> None:
        lay = self.view.map_scene.layout
        src = lay.cards[self.source]
        tgt = self.target_at(sp)
        if tgt is not None:
            path, tip, direction, _ = route(src, lay.cards[tgt])
            self.marker.show(lay.cards[tgt].adjusted(-4, -4, 4, 4), None)
        else:
            path, tip, direction = straight(QPointF(src.right(), src.center().y()), sp)
            self.marker.show(None, None)
        self.path.setPath(path)
        hp = QPainterPath()
        hp.addPolygon(arrow_head(tip, direction, 14))
        self.head.setPath(hp)
        selection = QColor(self.view.map_scene.theme.selection)
        self.head.setBrush(QBrush(selection, Qt.BrushStyle.SolidPattern))

    def _cleanup(self) -> None:
        sc = self.view.map_scene
        sc.removeItem(self.path)
        sc.removeItem(self.head)
        self.marker.remove()

    def release(self, sp: QPointF) -> None:
        self._cleanup()
        tgt = self.target_at(sp)
        if tgt is not None:
            doc = self.view.session.doc
            _do(self.view, lambda: edits.add_flow(doc, self.source, tgt))

    def cancel(self) -> None:
        self._cleanup()


class ConnectClick(Tool):
    """The connect tool: click the source card, then the target card; anything else cancels."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.source: str | None = None

    def click(self, item: QGraphicsItem | None) -> None:
        v = self.view
        if not isinstance(item, CardItem):
            self.cancel()
            return
        if self.source is None or self.source == item.tp_id:
            self.source = item.tp_id
            v.select_entities([item.ref], center=False)
            return
        src, tgt = self.source, item.tp_id
        self.cancel()
        connect(v, src, tgt)

    def cancel(self) -> None:
        if self.view.tool is self:
            self.view.tool = None
        self.view.viewport().unsetCursor()


def connect(view: MapView, source_id: str, target_id: str) -> bool:
    """A flow from one card to another, as one undo step (refused with a message if there is
    one between them already)."""
    doc = view.session.doc
    return _do(view, lambda: edits.add_flow(doc, source_id, target_id))


def _do(view: MapView, make: Callable[[], Edit]) -> bool:
    """Build an edit (factories refuse with EditError) and apply it as one undo step."""
    try:
        edit = make()
    except EditError as exc:
        view.session.error.emit(str(exc))
        return False
    return view.session.do(edit)

