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

from .headers import BlueprintTags, GridItem, HeaderItem
from .items import HANDLE_R, Z_DRAG, Z_OVERLAY, CardFace, CardItem, FlowItem
from .layout import Layout, choose_stack, compute_layout, group_cells
from .overview import OverviewItem
from .routing import corridor, loop_ends, same_column

MARGIN = 60.0
LABEL_BUCKET = 200.0  # the grid flow-label boxes are indexed on (scene units)
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
        # flows whose route threads between the other cards of a stage column (same-column
        # arrows, loops), by stage, so a relayout checks them again when that column changes
        self._threading: dict[str, set[str]] = {}
        self._threads: dict[str, set[str]] = {}
        # flow labels' boxes, and by bucket of LABEL_BUCKET squares (see _label_blocked)
        self._label_boxes: dict[str, QRectF] = {}
        self._label_index: dict[tuple[int, int], set[str]] = {}
        self._keepout: list[QRectF] = []  # the overlay's tags (see keep_line_tags_clear)
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
        self.blueprint_tags = BlueprintTags(self.grid)  # above the flows that cross the lines
        self.blueprint_tags.setParentItem(self.static_layer)
        self.blueprint_tags.setZValue(2)
        self.overview = OverviewItem(self)
        self.overview.setParentItem(self.static_layer)
        self.setBackgroundBrush(QColor(theme.background))
        self.rebuild()
        session.changed.connect(self._on_change)
        self.selectionChanged.connect(self.overview.selection_changed)

    @property
    def doc(self) -> Document:
        return self.session.doc

    def detach(self) -> None:
        """Stop observing the session (the view calls this when it closes)."""
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.changed.disconnect(self._on_change)
        with contextlib.suppress(RuntimeError, TypeError):
            self.selectionChanged.disconnect(self.overview.selection_changed)

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
        if on:
            self.overview.update_all()
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
        self._label_boxes.clear()
        self._label_index.clear()
        self._threading.clear()
        self._threads.clear()
        self.stage_headers.clear()
        self.lane_headers.clear()
        doc = self.doc
        for tp_id in doc.touchpoints:
            self._add_card(tp_id)
        for fid in doc.flows:
            self._add_flow(fid)
        self._sync_headers()
        self.relayout(force=True)

    def _add_card(self, tp_id: str) -> None:
        item = CardItem(tp_id, CardFace.of(self.doc, self.doc.touchpoint(tp_id)), self.theme)
        item.setParentItem(self.content_layer)
        self.cards[tp_id] = item

    def _add_flow(self, fid: str) -> None:
        item = FlowItem(self.doc.flow(fid), self.theme)
        item.label_blocked = self._label_blocked
        item.label_placed = self._label_placed
        item.setParentItem(self.content_layer)
        self.flows[fid] = item

    # -- where flow labels go: not under a card or a header, not over another label ---------------
    @staticmethod
    def _buckets(box: QRectF) -> list[tuple[int, int]]:
        k = LABEL_BUCKET
        return [(i, j) for i in range(int(box.left() // k), int(box.right() // k) + 1)
                for j in range(int(box.top() // k), int(box.bottom() // k) + 1)]

    def _label_blocked(self, fid: str, box: QRectF) -> bool:
        """Whether flow ``fid``'s label box would be hidden: over a header or a blueprint tag,
        under a card of a cell it overlaps, or over another label."""
        lay = self.layout
        if box.left() < lay.grid_left or box.top() < lay.grid_top:
            return True
        if next(lay.cards_in(box), None) is not None:
            return True
        if any(tag.intersects(box) for tag, _text in self.grid.tag_boxes()):
            return True  # the blueprint lines' name tags are drawn above the flows
        return any(other != fid and self._label_boxes[other].intersects(box)
                   for key in self._buckets(box) for other in self._label_index.get(key, ()))

    def keep_line_tags_clear(self, rects: list[QRectF] | None = None) -> None:
        """While the analysis overlay is shown, the blueprint lines' name tags slide along their
        line clear of its tags (``rects``, kept; None: the last ones given, as when the overlay
        is shown or hidden), and flow labels a moved name would cover look for a new place."""
        if rects is not None:
            self._keepout = list(rects)
        moved = self.grid.set_keepout(self._keepout if self.overlay_layer.isVisible() else ())
        for fid, placed in list(self._label_boxes.items()):
            if any(box.intersects(placed) for box in moved):
                self.flows[fid].forget_label_place()

    def _label_placed(self, fid: str, box: QRectF | None) -> None:
        old = self._label_boxes.pop(fid, None)
        if old is not None:
            for key in self._buckets(old):
                self._label_index.get(key, set()).discard(fid)
        if box is not None:
            self._label_boxes[fid] = QRectF(box)
            for key in self._buckets(box):
                self._label_index.setdefault(key, set()).add(fid)

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
        rerouted: set[str] = set()
        dirty_flows: set[str] = set()

        def twin_of(source: str, target: str) -> None:
            # an opposite flow between the same cards sits beside this one (or no longer does)
            back = doc.flow_between(target, source)
            if back is not None:
                rerouted.add(back.id)

        for fid in ch.removed.get("flow", ()):
            gone = self.flows.get(fid)
            if gone is not None:
                twin_of(gone.source_id, gone.target_id)
                self._unindex(fid)
                dirty_flows.add(fid)
            self._drop(self.flows, fid)
            self._label_placed(fid, None)
        for tid in ch.removed.get("touchpoint", ()):
            self._drop(self.cards, tid)
        for tid in ch.added.get("touchpoint", ()):
            self._add_card(tid)
        faces = set(ch.changed.get("touchpoint", ()))
        for op in ch.edit.ops:  # pain points change the face of their card
            for e in (op.before, op.after):
                if isinstance(e, PainPoint):
                    faces.add(e.touchpoint_id)
        refaced: list[str] = []
        for tid in faces:
            card = self.cards.get(tid)
            tp = doc.touchpoints.get(tid)
            if card is not None and tp is not None:
                face = CardFace.of(doc, tp)
                if face != card.face:
                    card.set_face(face)
                    refaced.append(tid)
        for fid in ch.added.get("flow", ()):
            self._add_flow(fid)
            rerouted.add(fid)
            f = doc.flow(fid)
            twin_of(f.source_id, f.target_id)
        for fid in ch.changed.get("flow", ()):
            if fid in self.flows:
                item = self.flows[fid]
                twin_of(item.source_id, item.target_id)
                item.set_flow(doc.flow(fid))
                item.route_key = None  # its ends may be other cards now
                rerouted.add(fid)
                twin_of(item.source_id, item.target_id)
        if ch.touches("stage", "lane"):
            self._sync_headers()
            self.relayout(extra_flows=rerouted, grid=ch.touches("lane"))
        elif ch.touches("touchpoint"):
            touched = {*ch.added.get("touchpoint", ()), *ch.changed.get("touchpoint", ()),
                       *ch.removed.get("touchpoint", ())}
            self.relayout(extra_flows=rerouted, touched=touched, refaced=refaced,
                          dirty_flows=dirty_flows)
        else:
            self.overview.touch(refaced, self._route(rerouted) | dirty_flows)

    # -- geometry ---------------------------------------------------------------------------------
    def relayout(self, force: bool = False, extra_flows: Iterable[str] = (),
                 grid: bool = False, touched: Iterable[str] | None = None,
                 refaced: Iterable[str] = (), dirty_flows: Iterable[str] = ()) -> None:
        """Lay the map out again. With ``touched`` (the cards an edit added, changed or
        removed; stages and lanes unchanged) only their cells are laid out again, only cards
        whose rectangle changed move, and only flows whose route can have changed (their cards
        moved, or a card came or went in a column they thread through) are routed again:
        the result is the same as a full relayout's, which ``force`` does."""
        old = self.layout
        doc = self.doc
        step = not force and touched is not None
        touched = set(touched or ())
        grouped = group_cells(doc, old, touched) if step else group_cells(doc)
        self.stack = choose_stack(doc, self.theme, None if force else self.stack,
                                  counts=grouped.counts())
        lay = compute_layout(doc, self.theme, self.stack, None if force else old, grouped)
        self.layout = lay
        cards = self.cards
        if step:
            before = old.cards
            moved = [tid for tid, r in lay.cards.items()
                     if before.get(tid) is not r and tid in cards]
            moving = set(moved)
            moved += [tid for tid in touched if tid in cards and tid not in moving
                      and cards[tid].pos() != lay.cards[tid].topLeft()]
        else:
            moved = [tid for tid, r in lay.cards.items() if tid in cards and (
                force or old.cards.get(tid) != r or cards[tid].pos() != r.topLeft())]
        with self._bulk(len(moved) > BULK):
            for tid in moved:
                cards[tid].setPos(lay.cards[tid].topLeft())
        flows: set[str] = set(extra_flows)
        if not step:
            flows.update(self.flows)
        else:
            stages: set[str] = {key[0] for key in (grouped.dirty or ())}
            for tid in moved:
                flows.update(f.id for f in doc.flows_from(tid))
                flows.update(f.id for f in doc.flows_to(tid))
                was = old.cell_of.get(tid)
                if was is not None:
                    stages.add(was[0])
                now = lay.cell_of.get(tid)
                if now is not None:
                    stages.add(now[0])
            for sid in stages:  # flows threading a column whose cards changed
                flows.update(self._threading.get(sid, ()))
        # the grid first: flow labels keep clear of its blueprint tags (_label_blocked)
        if force or grid or (old.width, old.height, old.stage_x, old.lane_y) != (
                lay.width, lay.height, lay.stage_x, lay.lane_y):
            self.grid.set_layout(lay, self.doc.lanes)
            self.setSceneRect(QRectF(-MARGIN, -MARGIN * 1.5, lay.width + 2 * MARGIN,
                                     lay.height + 2.5 * MARGIN))
        with self._bulk(len(moved) + len(flows) > BULK):
            routed = self._route(flows, force=force)
        for sid, h in self.stage_headers.items():
            if sid in lay.stage_x:
                h.set_rect(lay.stage_header_rect(sid))
        for lid, h in self.lane_headers.items():
            if lid in lay.lane_y:
                h.set_rect(lay.lane_header_rect(lid))
        if step:
            self.overview.touch([*moved, *refaced, *touched], routed | set(dirty_flows))
        else:
            self.overview.invalidate()

    def _unindex(self, fid: str) -> None:
        for sid in self._threads.pop(fid, ()):
            self._threading.get(sid, set()).discard(fid)

    def _route(self, flow_ids: Iterable[str], force: bool = False) -> set[str]:
        """Route the given flows again where what their route is made from changed (all of
        them with ``force``); return the ids of those routed again."""
        lay, doc = self.layout, self.doc
        cards = lay.cards
        tps = doc.touchpoints
        self._columns: dict[str, tuple[list[float], list[float], list[str]]] = {}
        done: set[str] = set()
        for fid in flow_ids:
            item = self.flows.get(fid)
            if item is None:
                continue
            a, b = cards.get(item.source_id), cards.get(item.target_id)
            if a is None or b is None:
                continue
            # loops run in the channel above the cards of the upper lane
            ends = (item.source_id, item.target_id)
            lanes = [tps[i].lane_id for i in ends if i in tps]
            tops = [lay.lane_y[ln][0] for ln in lanes if ln in lay.lane_y]
            channel = min(tops) + self.theme.cell_pad * 0.5 if tops else None
            # opposite flows between the same two cards sit side by side
            twin = doc.flow_between(item.target_id, item.source_id) is not None
            offset = (self.theme.flow_w * 3 + 4) * (1 if item.source_id < item.target_id else -1)
            clear = (True, True, True)
            threads = False  # whether the route depends on the other cards of its columns
            if same_column(a, b):  # go straight only if no other card stands in the way
                clear = (self._clear(ends[0], corridor(a, b), ends), True, True)
                threads = True
            elif channel is not None and b.left() < a.right():  # a loop: can it rise and fall?
                pa, pb = loop_ends(a, b)
                up = QRectF(pa.x() - 1, channel, 2, max(0.0, pa.y() - channel - 1))
                down = QRectF(pb.x() - 1, channel, 2, max(0.0, pb.y() - channel - 1))
                clear = (True, self._clear(ends[0], up, ends), self._clear(ends[1], down, ends))
                threads = True
            self._index(fid, ends, threads)
            key = (a, b, channel, offset if twin else 0.0, clear)
            if not force and key == item.route_key:
                continue  # the same route as before: keep it (and its path object)
            item.set_ends(a, b, channel, offset if twin else 0.0, clear)
            item.route_key = key
            done.add(fid)
        return done

    def _index(self, fid: str, ends: tuple[str, str], threads: bool) -> None:
        """Remember which stage columns a flow's route threads through (see relayout)."""
        tps = self.doc.touchpoints
        now = {tps[i].stage_id for i in ends if i in tps} if threads else set()
        was = self._threads.get(fid, set())
        if now == was:
            return
        for sid in was - now:
            self._threading.get(sid, set()).discard(fid)
        for sid in now - was:
            self._threading.setdefault(sid, set()).add(fid)
        if now:
            self._threads[fid] = now
        else:
            self._threads.pop(fid, None)

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
