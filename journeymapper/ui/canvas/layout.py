"""Pixels from model positions: column widths, row heights and a rectangle for every card.

A cell stacks up to ``theme.cards_per_column`` cards and then wraps into more columns; a stage
column is as wide as its busiest cell needs, a lane row as tall as its busiest cell needs.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtCore import QPointF, QRectF

from journeymapper.model import Document, TouchPoint
from journeymapper.ui.theme import Theme


@dataclass
class Layout:
    theme: Theme
    stage_ids: list[str] = field(default_factory=list)
    lane_ids: list[str] = field(default_factory=list)
    stage_x: dict[str, tuple[float, float]] = field(default_factory=dict)  # left, width
    lane_y: dict[str, tuple[float, float]] = field(default_factory=dict)  # top, height
    stage_cols: dict[str, int] = field(default_factory=dict)  # card columns per cell
    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # card ids in order
    cell_of: dict[str, tuple[str, str]] = field(default_factory=dict)  # card id -> its cell
    cards: dict[str, QRectF] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0

    @property
    def grid_left(self) -> float:
        return self.theme.lane_header_w

    @property
    def grid_top(self) -> float:
        return self.theme.stage_header_h

    def stage_rect(self, stage_id: str) -> QRectF:
        x, w = self.stage_x[stage_id]
        return QRectF(x, 0, w, self.height)

    def lane_rect(self, lane_id: str) -> QRectF:
        y, h = self.lane_y[lane_id]
        return QRectF(0, y, self.width, h)

    def stage_header_rect(self, stage_id: str) -> QRectF:
        x, w = self.stage_x[stage_id]
        return QRectF(x, 0, w, self.theme.stage_header_h)

    def lane_header_rect(self, lane_id: str) -> QRectF:
        y, h = self.lane_y[lane_id]
        return QRectF(0, y, self.theme.lane_header_w, h)

    def cell_rect(self, stage_id: str, lane_id: str) -> QRectF:
        x, w = self.stage_x[stage_id]
        y, h = self.lane_y[lane_id]
        return QRectF(x, y, w, h)

    @cached_property
    def _edges(self) -> tuple[list[float], list[float]]:
        """The stage columns' left edges and the lane rows' top edges, in order (compute_layout
        lays them side by side), for bisect. Made on first use, by when the layout is complete."""
        return ([self.stage_x[s][0] for s in self.stage_ids],
                [self.lane_y[ln][0] for ln in self.lane_ids])

    def cell_at(self, p: QPointF) -> tuple[str, str] | None:
        xs, ys = self._edges
        s = _span_at(xs, self.stage_ids, self.stage_x, p.x())
        ln = _span_at(ys, self.lane_ids, self.lane_y, p.y())
        return (s, ln) if s is not None and ln is not None else None

    def _spans_in(self, r: QRectF) -> tuple[list[str], list[str]]:
        """The stages and the lanes ``r`` overlaps (or touches)."""
        xs, ys = self._edges
        left, top = r.left(), r.top()
        s0, s1 = max(0, bisect_right(xs, left) - 1), bisect_right(xs, left + r.width())
        l0, l1 = max(0, bisect_right(ys, top) - 1), bisect_right(ys, top + r.height())
        return self.stage_ids[s0:s1], self.lane_ids[l0:l1]

    def cells_in(self, r: QRectF) -> list[tuple[str, str]]:
        """The cells ``r`` overlaps (or touches)."""
        stages, lanes = self._spans_in(r)
        return [(s, ln) for s in stages for ln in lanes]

    def cards_in(self, r: QRectF) -> Iterator[str]:
        """The cards whose rectangles ``r`` overlaps, found by slot (the cards of a cell sit in
        its grid of slots, slot_rect) rather than by trying every card of the cells; lazily,
        so that asking whether there is one stops at the first."""
        t = self.theme
        step_x, step_y, pad = t.card_w + t.card_gap, t.card_h + t.card_gap, t.cell_pad
        left, top = r.left(), r.top()
        right, bottom = left + r.width(), top + r.height()
        stages, lanes = self._spans_in(r)
        cells, cards = self.cells, self.cards
        for s in stages:
            cols = self.stage_cols.get(s, 1)
            x0 = self.stage_x[s][0] + pad
            c0 = max(0, math.floor((left - x0) / step_x))
            c1 = min(cols - 1, math.floor((right - x0) / step_x))
            if c1 < c0:
                continue
            for ln in lanes:
                ids = cells.get((s, ln))
                if not ids:
                    continue
                y0 = self.lane_y[ln][0] + pad
                r0 = max(0, math.floor((top - y0) / step_y))
                r1 = min((len(ids) - 1) // cols, math.floor((bottom - y0) / step_y))
                for row in range(r0, r1 + 1):
                    for col in range(c0, c1 + 1):
                        i = row * cols + col
                        if i < len(ids) and cards[ids[i]].intersects(r):
                            yield ids[i]

    def slot_rect(self, stage_id: str, lane_id: str, index: int) -> QRectF:
        """Where the ``index``-th card of a cell sits."""
        t = self.theme
        cols = self.stage_cols.get(stage_id, 1)
        x, _ = self.stage_x[stage_id]
        y, _ = self.lane_y[lane_id]
        r, c = divmod(index, cols)
        return QRectF(x + t.cell_pad + c * (t.card_w + t.card_gap),
                      y + t.cell_pad + r * (t.card_h + t.card_gap), t.card_w, t.card_h)

    def insertion_index(self, stage_id: str, lane_id: str, p: QPointF,
                        exclude: set[str] | frozenset[str] = frozenset()) -> int:
        """The index among the cell's cards (``exclude`` left out) a drop at ``p`` lands on."""
        t = self.theme
        cols = self.stage_cols.get(stage_id, 1)
        x, _ = self.stage_x[stage_id]
        y, _ = self.lane_y[lane_id]
        c = int(max(0, min(cols - 1, (p.x() - x - t.cell_pad) // (t.card_w + t.card_gap))))
        fr = (p.y() - y - t.cell_pad) / (t.card_h + t.card_gap)
        r = max(0, math.floor(fr + 0.5)) if cols == 1 else max(0, math.floor(fr))
        if cols > 1:  # before or after the card under the pointer, by which half it is on
            cx = x + t.cell_pad + c * (t.card_w + t.card_gap) + t.card_w / 2
            idx = r * cols + c + (1 if p.x() > cx else 0)
        else:
            idx = r
        others = [i for i in self.cells.get((stage_id, lane_id), []) if i not in exclude]
        return max(0, min(idx, len(others)))


def _span_at(edges: list[float], ids: list[str], spans: dict[str, tuple[float, float]],
             v: float) -> str | None:
    """The id whose span (start, size) holds ``v``, the spans lying side by side from
    ``edges``; None outside them all."""
    i = bisect_right(edges, v) - 1
    if i < 0:
        return None
    start, size = spans[ids[i]]
    return ids[i] if v < start + size else None


def _size(counts: dict[tuple[str, str], int], stage_ids: list[str], lane_ids: list[str],
          t: Theme, per: int) -> tuple[float, float]:
    """The map's width and height if cells stack ``per`` cards before wrapping."""
    w, h = t.lane_header_w, t.stage_header_h
    cols: dict[str, int] = {}
    for s in stage_ids:
        c = max(1, math.ceil(max((counts.get((s, ln), 0) for ln in lane_ids), default=0) / per))
        cols[s] = c
        w += max(t.min_cell_w, 2 * t.cell_pad + c * t.card_w + (c - 1) * t.card_gap)
    for ln in lane_ids:
        r = max(1, max((math.ceil(counts.get((s, ln), 0) / cols[s]) for s in stage_ids),
                       default=0))
        h += max(t.min_cell_h, 2 * t.cell_pad + r * t.card_h + (r - 1) * t.card_gap)
    return w, h


def cell_counts(doc: Document) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for tp in doc.touchpoints.values():
        counts[(tp.stage_id, tp.lane_id)] += 1
    return counts


def choose_stack(doc: Document, theme: Theme, current: int | None = None,
                 aspect: float = 16 / 9,
                 counts: dict[tuple[str, str], int] | None = None) -> int:
    """How many cards a cell stacks before wrapping: the choice (1 to 4) that gives the map the
    shape closest to a 16:9 screen. ``current`` is kept unless another choice is clearly better,
    so that adding one card does not reflow the whole map back and forth. ``counts`` (cards
    per cell, e.g. from :func:`group_cells`) saves counting the document's cards again."""
    if counts is None:
        counts = cell_counts(doc)
    stage_ids = [s.id for s in doc.stages]
    lane_ids = [ln.id for ln in doc.lanes]

    def misfit(per: int) -> float:
        w, h = _size(counts, stage_ids, lane_ids, theme, per)
        return abs(math.log((w / h) / aspect))

    scores = {per: misfit(per) for per in (1, 2, 3, 4)}
    best = min(scores, key=lambda p: (scores[p], abs(p - theme.cards_per_column)))
    if current in scores and scores[current] <= scores[best] + 0.25:
        return current
    return best


def group_cells(doc: Document, old: Layout | None = None,
                touched: Iterable[str] | None = None) -> Cells:
    """Every non-empty cell's card ids in order (rank, then id) and each card's cell.

    With ``old`` and ``touched`` (the cards an edit added, changed or removed) only the cells
    those cards left or entered are sorted again; the rest are the old layout's lists."""
    tps = doc.touchpoints
    if old is None or touched is None:
        groups: dict[tuple[str, str], list[TouchPoint]] = defaultdict(list)
        for tp in tps.values():
            groups[(tp.stage_id, tp.lane_id)].append(tp)
        cells: dict[tuple[str, str], list[str]] = {}
        cell_of: dict[str, tuple[str, str]] = {}
        for key, group in groups.items():
            group.sort(key=_order)
            cells[key] = ids = [tp.id for tp in group]
            for i in ids:
                cell_of[i] = key
        return Cells(cells, cell_of, None)
    cells, cell_of = dict(old.cells), dict(old.cell_of)
    dirty: set[tuple[str, str]] = set()
    arrived: dict[tuple[str, str], list[str]] = defaultdict(list)
    touched = set(touched)
    for tid in touched:
        was = cell_of.pop(tid, None)
        if was is not None:
            dirty.add(was)
        now = tps.get(tid)
        if now is not None:
            key = (now.stage_id, now.lane_id)
            dirty.add(key)
            arrived[key].append(tid)
    for key in dirty:
        members = [tps[i] for i in cells.get(key, ()) if i not in touched]
        members += [tps[i] for i in arrived.get(key, ())]
        if not members:
            cells.pop(key, None)
            continue
        members.sort(key=_order)
        cells[key] = ids = [tp.id for tp in members]
        for i in ids:
            cell_of[i] = key
    return Cells(cells, cell_of, dirty)


def _order(tp: TouchPoint) -> tuple[float, str]:
    return (tp.rank, tp.id)


@dataclass
class Cells:
    """Cards grouped by cell (see :func:`group_cells`); ``dirty``: the cells sorted again, or
    None when every cell was."""

    cells: dict[tuple[str, str], list[str]]
    cell_of: dict[str, tuple[str, str]]
    dirty: set[tuple[str, str]] | None

    def counts(self) -> dict[tuple[str, str], int]:
        return {k: len(v) for k, v in self.cells.items()}


def compute_layout(doc: Document, theme: Theme, stack: int | None = None,
                   old: Layout | None = None, grouped: Cells | None = None) -> Layout:
    """The layout of ``doc``. A card whose rectangle is the same as in the ``old`` layout keeps
    the old rectangle object (a rectangle is never changed in place, so ``is`` tells what
    moved). Given the cells ``grouped`` from ``old`` by :func:`group_cells` with ``touched``,
    only cells sorted again or whose column or row moved are placed again; the result is the
    same as a full layout's."""
    t = theme
    lay = Layout(theme=t)
    stages = doc.stages
    lanes = doc.lanes
    lay.stage_ids = [s.id for s in stages]
    lay.lane_ids = [ln.id for ln in lanes]
    g = grouped if grouped is not None else group_cells(doc)
    cells = g.cells
    per = max(1, stack or t.cards_per_column)
    # Columns per stage: enough that no cell in the column stacks more than `per` cards.
    x = t.lane_header_w
    for s in lay.stage_ids:
        most = max((len(cells.get((s, ln), ())) for ln in lay.lane_ids), default=0)
        cols = max(1, math.ceil(most / per))
        lay.stage_cols[s] = cols
        w = max(t.min_cell_w, 2 * t.cell_pad + cols * t.card_w + (cols - 1) * t.card_gap)
        lay.stage_x[s] = (x, w)
        x += w
    y = t.stage_header_h
    for ln in lay.lane_ids:
        rows = max((math.ceil(len(cells.get((s, ln), ())) / lay.stage_cols[s])
                    for s in lay.stage_ids), default=0)
        rows = max(1, rows)
        h = max(t.min_cell_h, 2 * t.cell_pad + rows * t.card_h + (rows - 1) * t.card_gap)
        lay.lane_y[ln] = (y, h)
        y += h
    lay.width, lay.height = x, y
    lay.cell_of = g.cell_of
    before = old.cards if old is not None and old.theme is t else {}
    dirty = g.dirty if g.dirty is not None and before else None
    same_stage: set[str] = set()
    same_lane: set[str] = set()
    if dirty is not None:
        assert old is not None
        lay.cards = dict(before)
        for tid in before:
            if tid not in g.cell_of:
                del lay.cards[tid]
        same_stage = {s for s in lay.stage_ids if old.stage_x.get(s) == lay.stage_x[s]
                      and old.stage_cols.get(s) == lay.stage_cols[s]}
        same_lane = {ln for ln in lay.lane_ids if old.lane_y.get(ln) == lay.lane_y[ln]}
    for key, ids in cells.items():
        if key[0] not in lay.stage_x or key[1] not in lay.lane_y:
            continue
        lay.cells[key] = ids
        if dirty is not None and key not in dirty and key[0] in same_stage and key[1] in same_lane:
            continue  # nothing in this cell moved: its cards keep their rectangles
        for i, tid in enumerate(ids):
            r = lay.slot_rect(key[0], key[1], i)
            was = before.get(tid)
            lay.cards[tid] = was if was is not None and was == r else r
    return lay
