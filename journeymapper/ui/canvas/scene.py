"""The map scene: observes the session's Document and keeps one item per stage, lane, card and flow.

It never edits the model. On each Change it rebuilds only the touched items, recomputes the layout
(cheap) and moves only the cards whose rectangle changed, re-routing only their flows.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from journeymapper.model import Change, Document, PainPoint
from journeymapper.ui.session import Session
from journeymapper.ui.theme import NORMAL, Theme

from .headers import GridItem, HeaderItem
from .items import HANDLE_R, Z_DRAG, Z_OVERLAY, CardFace, CardItem, FlowItem
from .layout import Layout, choose_stack, compute_layout
from .overview import OverviewItem
from .routing import corridor, loop_ends, same_column

MARGIN = 60.0
BULK = 300  # above this many moved items a relayout bypasses the BSP index


class LayerItem(QGraphicsItem):
    """An invisible parent that groups items into a layer (children keep their own events)."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pass


class MapScene(QGraphicsScene):
    def __init__(self, session: Session, theme: Theme = NORMAL,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.theme = theme
        self.frozen = False  # a drag is under way: the view shows a picture of the still map
        self.fast_flows = True  # thin flows as 1-pixel lines (pictures turn this off)
        self.cards: dict[str, CardItem] = {}
        self.flows: dict[str, FlowItem] = {}
        self.stage_headers: dict[str, HeaderItem] = {}
        self.lane_headers: dict[str, HeaderItem] = {}
        self.stack: int | None = None  # cards per stack in a cell, chosen for the map's shape
        self.layout: Layout = compute_layout(session.doc, theme)
        self.static_layer = LayerItem(0)
        self.overlay_layer = LayerItem(Z_OVERLAY)
        self.drag_layer = LayerItem(Z_DRAG)
        for layer in (self.static_layer, self.overlay_layer, self.drag_layer):
            self.addItem(layer)
        self.overlay_layer.setVisible(False)  # the analysis overlay is switched on when wanted
        self.grid = GridItem(theme)
        self.grid.setParentItem(self.static_layer)
        self.content_layer = LayerItem(1)  # cards and flows; headers sit above at Z_HEADER
        self.content_layer.setParentItem(self.static_layer)
        self.overview = OverviewItem(self)
        self.overview.setParentItem(self.static_layer)
        self.setBackgroundBrush(QColor(theme.background))
        self.rebuild()
        session.changed.connect(self._on_change)

    @property
    def doc(self) -> Document:
        return self.session.doc

    def detach(self) -> None:
        """Stop observing the session (the view calls this when it closes)."""
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.changed.disconnect(self._on_change)

    # -- building ---------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        if theme is self.theme:
            return
        self.theme = theme
        self.grid.theme = theme
        self.setBackgroundBrush(QColor(theme.background))
        self.rebuild()

    def set_overview(self, on: bool) -> None:
        """Draw the map with the one overview item instead of every card and flow."""
        if on == self.overview.isVisible():
            return
        self.overview.setVisible(on)
        self.content_layer.setOpacity(0.0 if on else 1.0)
        self._choose_index()

    def set_frozen(self, on: bool) -> None:
        """During a drag the still map is a picture (MapView.freeze) and only the drag layer
        draws; then the BSP index only costs: the ghost item spans the map and would be
        re-inserted into every leaf each frame."""
        self.frozen = on
        self.static_layer.setOpacity(0.0 if on else 1.0)
        self._choose_index()

    def _choose_index(self) -> None:
        # With the whole map in view, asking the BSP index for everything in sight costs more
        # than the frame; the overview's few top-level items need no index at all.
        plain = self.frozen or self.overview.isVisible()
        want = (QGraphicsScene.ItemIndexMethod.NoIndex if plain
                else QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        if self.itemIndexMethod() != want:
            self.setItemIndexMethod(want)

    def rebuild(self) -> None:
        for item in [*self.cards.values(), *self.flows.values(), *self.stage_headers.values(),
                     *self.lane_headers.values()]:
            self.removeItem(item)
        self.cards.clear()
        self.flows.clear()
        self.stage_headers.clear()
        self.lane_headers.clear()
        doc = self.doc
        for tp_id in doc.touchpoints:
            self._add_card(tp_id)
        for fid in doc.flows:
            self._add_flow(fid)
        self._sync_headers()
        self.relayout(force=True)
        self.overview.invalidate()

    def _add_card(self, tp_id: str) -> None:
        item = CardItem(tp_id, CardFace.of(self.doc, self.doc.touchpoint(tp_id)), self.theme)
        item.setParentItem(self.content_layer)
        self.cards[tp_id] = item

    def _add_flow(self, fid: str) -> None:
        item = FlowItem(self.doc.flow(fid), self.theme)
        item.setParentItem(self.content_layer)
        self.flows[fid] = item

    def _drop(self, table: dict[str, CardItem] | dict[str, FlowItem] | dict[str, HeaderItem],
              key: str) -> None:
        item = table.pop(key, None)
        if item is not None:
            self.removeItem(item)

    def _sync_headers(self) -> None:
        doc = self.doc
        for table, kind, ents in ((self.stage_headers, "stage", doc.stages),
                                  (self.lane_headers, "lane", doc.lanes)):
            ids = {e.id for e in ents}
            for gone in [k for k in table if k not in ids]:
                self._drop(table, gone)
            for e in ents:
                h = table.get(e.id)
                if h is None:
                    h = HeaderItem(kind, e.id, self.theme)
                    h.setParentItem(self.static_layer)
                    table[e.id] = h
                if kind == "stage":
                    h.set_stage(doc.stage(e.id))
                else:
                    h.set_lane(doc.lane(e.id))
            fm = QFontMetricsF(self.theme.font(self.theme.header_pt, bold=True))
            widest = max((fm.horizontalAdvance(w) for e in ents for w in e.name.split()),
                         default=0.0)
            for h in table.values():
                if h.peer_longest != widest:
                    h.peer_longest = widest
                    h.update()

    # -- observing --------------------------------------------------------------------------------
    def _on_change(self, ch: Change) -> None:
        doc = self.doc
        for fid in ch.removed.get("flow", ()):
            self._drop(self.flows, fid)
        for tid in ch.removed.get("touchpoint", ()):
            self._drop(self.cards, tid)
        for tid in ch.added.get("touchpoint", ()):
            self._add_card(tid)
        faces = set(ch.changed.get("touchpoint", ()))
        for op in ch.edit.ops:  # pain points change the face of their card
            for e in (op.before, op.after):
                if isinstance(e, PainPoint):
                    faces.add(e.touchpoint_id)
        for tid in faces:
            card = self.cards.get(tid)
            tp = doc.touchpoints.get(tid)
            if card is not None and tp is not None:
                face = CardFace.of(doc, tp)
                if face != card.face:
                    card.set_face(face)
        rerouted: set[str] = set()
        for fid in ch.added.get("flow", ()):
            self._add_flow(fid)
            rerouted.add(fid)
        for fid in ch.changed.get("flow", ()):
            if fid in self.flows:
                self.flows[fid].set_flow(doc.flow(fid))
                rerouted.add(fid)
        if ch.touches("stage", "lane"):
            self._sync_headers()
        if ch.touches("stage", "lane", "touchpoint"):
            self.relayout(extra_flows=rerouted, grid=ch.touches("lane"))
        else:
            self._route(rerouted)
        if ch.touches("touchpoint", "flow", "stage", "lane", "painpoint"):
            self.overview.invalidate()

    # -- geometry ---------------------------------------------------------------------------------
    def relayout(self, force: bool = False, extra_flows: Iterable[str] = (),
                 grid: bool = False) -> None:
        old = self.layout
        self.stack = choose_stack(self.doc, self.theme, None if force else self.stack)
        lay = compute_layout(self.doc, self.theme, self.stack)
        self.layout = lay
        moved = [tid for tid, r in lay.cards.items() if tid in self.cards and (
            force or old.cards.get(tid) != r or self.cards[tid].pos() != r.topLeft())]
        with self._bulk(len(moved) > BULK):
            for tid in moved:
                self.cards[tid].setPos(lay.cards[tid].topLeft())
        flows: set[str] = set(extra_flows)
        if force:
            flows.update(self.flows)
        else:
            for tid in moved:
                flows.update(f.id for f in self.doc.flows_from(tid))
                flows.update(f.id for f in self.doc.flows_to(tid))
        with self._bulk(len(moved) + len(flows) > BULK):
            self._route(flows)
        for sid, h in self.stage_headers.items():
            if sid in lay.stage_x:
                h.set_rect(lay.stage_header_rect(sid))
        for lid, h in self.lane_headers.items():
            if lid in lay.lane_y:
                h.set_rect(lay.lane_header_rect(lid))
        if force or grid or (old.width, old.height, old.stage_x, old.lane_y) != (
                lay.width, lay.height, lay.stage_x, lay.lane_y):
            self.grid.set_layout(lay, self.doc.lanes)
            self.setSceneRect(QRectF(-MARGIN, -MARGIN * 1.5, lay.width + 2 * MARGIN,
                                     lay.height + 2.5 * MARGIN))

    def _route(self, flow_ids: Iterable[str]) -> None:
        lay, doc = self.layout, self.doc
        cards = lay.cards
        self._columns: dict[str, tuple[list[float], list[float], list[str]]] = {}
        for fid in flow_ids:
            item = self.flows.get(fid)
            if item is None:
                continue
            a, b = cards.get(item.source_id), cards.get(item.target_id)
            if a is None or b is None:
                continue
            # loops run in the channel above the cards of the upper lane
            tps = doc.touchpoints
            lanes = [tps[i].lane_id for i in (item.source_id, item.target_id) if i in tps]
            tops = [lay.lane_y[ln][0] for ln in lanes if ln in lay.lane_y]
            channel = min(tops) + self.theme.cell_pad * 0.5 if tops else None
            # opposite flows between the same two cards sit side by side
            twin = doc.flow_between(item.target_id, item.source_id) is not None
            offset = (self.theme.flow_w * 3 + 4) * (1 if item.source_id < item.target_id else -1)
            ends = (item.source_id, item.target_id)
            clear = (True, True, True)
            if same_column(a, b):  # go straight only if no other card stands in the way
                clear = (self._clear(ends[0], corridor(a, b), ends), True, True)
            elif channel is not None and b.left() < a.right():  # a loop: can it rise and fall?
                pa, pb = loop_ends(a, b)
                up = QRectF(pa.x() - 1, channel, 2, max(0.0, pa.y() - channel - 1))
                down = QRectF(pb.x() - 1, channel, 2, max(0.0, pb.y() - channel - 1))
                clear = (True, self._clear(ends[0], up, ends), self._clear(ends[1], down, ends))
            item.set_ends(a, b, channel, offset if twin else 0.0, clear)

    def _clear(self, card: str, r: QRectF, ends: tuple[str, str]) -> bool:
        """Whether no card of ``card``'s column but ``ends`` overlaps ``r``."""
        stage_id = self.doc.touchpoints[card].stage_id
        # cards in one sub-column of a stage share their left edge and never overlap: keep them
        # sorted by top (then bottoms are sorted too) and look the corridor up by bisection
        lay = self.layout
        key = f"{stage_id}@{round(lay.cards[card].left())}"
        if key not in self._columns:
            found: dict[str, list[tuple[float, float, str]]] = {}
            for ln in lay.lane_ids:
                for c in lay.cells.get((stage_id, ln), ()):
                    rc = lay.cards[c]
                    found.setdefault(f"{stage_id}@{round(rc.left())}", []).append(
                        (rc.top(), rc.bottom(), c))
            for k, rows in found.items():
                rows.sort()
                self._columns[k] = ([a for a, _, _ in rows], [b for _, b, _ in rows],
                                    [c for _, _, c in rows])
        tops, bottoms, ids = self._columns.get(key, ([], [], []))
        lo = bisect.bisect_right(bottoms, r.top())
        hi = bisect.bisect_left(tops, r.bottom())
        return all(ids[i] in ends for i in range(lo, hi))

    @contextlib.contextmanager
    def _bulk(self, on: bool) -> Iterator[None]:
        """Many items move: update them without the BSP index, which is rebuilt once after
        (moving each item through the index costs several times more)."""
        if not on or self.itemIndexMethod() != QGraphicsScene.ItemIndexMethod.BspTreeIndex:
            yield
            return
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        try:
            yield
        finally:
            self._choose_index()

    # -- lookups ----------------------------------------------------------------------------------
    def item_for(self, kind: str, eid: str) -> QGraphicsItem | None:
        if kind == "touchpoint":
            return self.cards.get(eid)
        if kind == "flow":
            return self.flows.get(eid)
        if kind == "stage":
            return self.stage_headers.get(eid)
        if kind == "lane":
            return self.lane_headers.get(eid)
        return None

    def card_at(self, p: QPointF) -> CardItem | None:
        """The card under scene point ``p`` (its edge handle included), found from the layout,
        so it works while the overview draws the map."""
        lay = self.layout
        cell = lay.cell_at(p)
        if cell is None:
            return None
        for tid in lay.cells.get(cell, ()):
            if lay.cards[tid].adjusted(0, 0, HANDLE_R, 0).contains(p):
                return self.cards.get(tid)
        return None

    def model_item_count(self) -> int:
        return len(self.cards) + len(self.flows) + len(self.stage_headers) + len(self.lane_headers)
