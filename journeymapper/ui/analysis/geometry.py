"""What the overlay draws, worked out from an Analysis and the canvas layout: plain shapes in
scene coordinates (no graphics items), so a rebuild is cheap and easy to test."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from itertools import chain, pairwise
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt

from journeymapper.analysis import Analysis, Finding, HandoffKind, Severity
from journeymapper.analysis.findings import drain
from journeymapper.model import Layer

from .style import (
    BOTTLENECK_COLOR,
    CARD_TAGS,
    GAP_COLOR,
    HANDOFF_STYLE,
    LOOP_COLOR,
    STAGE_TAGS,
    WEAK_COLOR,
    Badge,
)

if TYPE_CHECKING:
    from journeymapper.ui.canvas import MapView
    from journeymapper.ui.canvas.items import FlowItem
    from journeymapper.ui.canvas.layout import Layout

FACING = (Layer.CUSTOMER, Layer.FRONTSTAGE)
CARRIED = HandoffKind.CUSTOMER_CARRIED
CHUNK = 400
BADGE_STEP = 28.0  # between the badges of hand-offs of different kinds arriving at one card


@dataclass(slots=True)
class Band:
    """A highlighted flow: the flow's own outline (looked up when painted, so a rebuild never
    strokes thousands of paths) filled and stroked in a kind's colour."""

    flow_id: str
    color: str
    style: Qt.PenStyle
    bounds: QRectF
    lines: list[QLineF]  # solid (story) bands: the route as segments, drawn when far out


class Hairlines:
    """Each flow's route as line segments, kept while the flow's route object is unchanged
    (the canvas replaces it when it re-routes), so rebuilds re-split only moved flows."""

    def __init__(self) -> None:
        self._lines: dict[str, tuple[object, list[QLineF]]] = {}

    def of(self, fid: str, item: object) -> list[QLineF]:
        poly_of = getattr(item, "polyline", None)
        poly = poly_of() if poly_of is not None else None
        got = self._lines.get(fid)
        if got is not None and got[0] is poly:
            return got[1]
        lines = [QLineF(a, b) for a, b in pairwise(poly)] if poly is not None else []
        self._lines[fid] = (poly, lines)
        return lines


@dataclass
class Outline:
    rect: QRectF
    color: str
    width: float
    style: Qt.PenStyle


@dataclass
class Hatch:
    rect: QRectF
    color: str


@dataclass
class Tag:
    """A small labelled marker with a tooltip (a graphics item of its own)."""

    anchor: QPointF  # where the tag's centre (badges) or its bottom-left corner (pills) goes
    text: str
    color: str
    tooltip: str
    badge: Badge | None = None  # a shaped badge with a symbol and count; None: a text pill
    finding_id: str = ""
    align: str = "left"  # pills: which end of the pill sits at the anchor (left/center/right)
    scale: float = 1.0  # type size relative to the theme's small type
    max_width: float = 0.0  # pills: elide the text to this width (0: no limit)
    rank: int = 0  # 0 tells the story (weak links, carried, stage gaps) ... 3 fine print
    hang: bool = False  # pills: the anchor is the top of the pill, not its bottom


@dataclass
class Scenery:
    hatches: list[Hatch] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    bounds: QRectF = field(default_factory=QRectF)


def build_scenery(view: MapView, analysis: Analysis,
                  cache: SceneryCache | None = None) -> Scenery:
    return drain(scenery_steps(view, analysis, cache))


def scenery_steps(view: MapView, analysis: Analysis, cache: SceneryCache | None = None,
                  chunk: int = CHUNK) -> Generator[None, None, Scenery]:
    """:func:`build_scenery` in slices of about ``chunk`` shapes made each, so a big map's
    overlay is built between frames (the caller restarts it if the map changes). With a
    ``cache`` that built the previous overlay, only what an edit changed is made again."""
    return (cache if cache is not None else SceneryCache()).steps(view, analysis, chunk)


@dataclass(slots=True, eq=False)
class _Piece:
    """The shapes made from one hand-off, finding, badge or stage, with what they were made
    from: ``obj`` (the hand-off or finding itself, or the findings of a card or stage),
    ``extra`` (further inputs, compared with ``==``) and the cards and flows whose geometry
    they read. A hand-off's piece also says where its work arrives (``arrive``) or which
    customer card carries it (``carry``), for the badges that count them."""

    obj: object
    extra: object
    cards: tuple[str, ...] = ()
    flows: tuple[str, ...] = ()
    bands: list[Band] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    hatches: list[Hatch] = field(default_factory=list)
    arrive: tuple[str, HandoffKind] | None = None
    carry: tuple[str, tuple[str, str]] | None = None


class SceneryCache:
    """The overlay's shapes piece by piece, kept between builds.

    Hand-offs and drawn findings are looked up by identity: the live analysis hands back the
    very same objects for what an edit did not change, so after an edit only the new objects
    are drawn again, and the rest of the map costs a few C-level passes over the lists (a piece
    holds its object, so the id cannot be reused while the piece is kept). A new analysis made
    from scratch (other objects, though equal) is drawn again whole, a slice at a time. Badges,
    stage marks and card tags are keyed by card or stage and compared with what they were made
    from. A piece is also dropped when the geometry of a card or flow it read changes: a card's
    rectangle (by value; a layout never changes a rectangle in place) or a flow's route object
    (the canvas replaces it when it re-routes). What the whole overlay reads (lane names, the
    grid's corner, dismissed hand-offs) drops every piece when it changes. Pieces are assembled
    in the analysis's order, so a build gives exactly what a fresh build gives."""

    def __init__(self) -> None:
        self.hairlines = Hairlines()
        self._tables: dict[str, dict[Any, _Piece]] = {n: {} for n in "hacfst"}
        self._by_card: dict[str, set[tuple[str, Any]]] = {}
        self._by_flow: dict[str, set[tuple[str, Any]]] = {}
        self._frame: object = None
        self._rects: dict[str, QRectF] = {}
        self._routes: dict[str, object] = {}
        self.made = 0  # pieces made in the last build (the rest were reused)

    def clear(self) -> None:
        for t in self._tables.values():
            t.clear()
        self._by_card.clear()
        self._by_flow.clear()
        self._frame = None

    def _drop(self, index: dict[str, set[tuple[str, Any]]], ids: list[str]) -> None:
        tables = self._tables
        for x in ids:
            for name, key in index.pop(x, ()):
                tables[name].pop(key, None)

    def _invalidate(self, frame: object, cards: dict[str, QRectF],
                    flows: dict[str, FlowItem]) -> None:
        routes: dict[str, object] = {fid: item.polyline() for fid, item in flows.items()}
        if frame != self._frame:
            self.clear()
            self._frame = frame
        else:
            old = self._rects
            dirty = [t for t, r in cards.items()
                     if (o := old.get(t)) is not r and (o is None or o != r)]
            dirty += [t for t in old if t not in cards]
            self._drop(self._by_card, dirty)
            before = self._routes
            moved = [f for f, r in routes.items() if before.get(f) is not r]
            moved += [f for f in before if f not in routes]
            self._drop(self._by_flow, moved)
        self._rects = dict(cards)
        self._routes = routes

    def _keep(self, name: str, key: Any, piece: _Piece) -> _Piece:
        self._tables[name][key] = piece
        for t in piece.cards:
            self._by_card.setdefault(t, set()).add((name, key))
        for f in piece.flows:
            self._by_flow.setdefault(f, set()).add((name, key))
        self.made += 1
        return piece

    def steps(self, view: MapView, analysis: Analysis,
              chunk: int = CHUNK) -> Generator[None, None, Scenery]:
        sc = view.map_scene
        lay, doc = sc.layout, sc.doc
        cards, flows = lay.cards, sc.flows
        gone = _dismissed_flows(analysis.findings)
        frame = (tuple(doc.lanes), frozenset(gone), lay.grid_left, lay.grid_top)
        self._invalidate(frame, cards, flows)
        self.made = 0
        tables = self._tables
        lines = self.hairlines

        def band(p: _Piece, fid: str, color: str, style: Qt.PenStyle) -> None:
            item = flows.get(fid)
            if item is not None:
                far = lines.of(fid, item) if style is Qt.PenStyle.SolidLine else []
                p.bands.append(Band(fid, color, style, item.boundingRect(), far))

        # hand-offs: a band on each flow, a badge where the work arrives
        hand = analysis.handoffs
        table = tables["h"]
        todo = [h for h in hand if (p := table.get(id(h))) is None or p.obj is not h]
        for i, h in enumerate(todo):
            if i % chunk == chunk - 1:
                yield
            p = _Piece(h, None, h.touchpoint_ids, h.flow_ids)
            self._keep("h", id(h), p)
            if gone and all(f in gone for f in h.flow_ids):
                continue  # dismissed: not drawn
            if any(t not in cards for t in h.touchpoint_ids):
                continue
            color, style, _, _, _ = HANDOFF_STYLE[h.kind]
            for fid in h.flow_ids:
                band(p, fid, color, style)
            if h.kind is CARRIED:
                mid = h.touchpoint_ids[1]
                p.outlines.append(Outline(cards[mid].adjusted(-5, -5, 5, 5), color, 4.0,
                                          Qt.PenStyle.SolidLine))
                p.carry = (mid, (h.from_lane_id, h.to_lane_id))
            else:
                p.arrive = (h.touchpoint_ids[-1], h.kind)
        ids = list(map(id, hand))
        used = list(map(table.__getitem__, ids))
        tables["h"] = dict(zip(ids, used, strict=True))  # drop what the analysis let go
        arrivals = Counter(filter(None, map(attrgetter("arrive"), used)))
        carried: dict[str, list[tuple[str, str]]] = {}
        for mid, pair in filter(None, map(attrgetter("carry"), used)):
            carried.setdefault(mid, []).append(pair)
        yield

        table = tables["a"]
        kinds_at: dict[str, list[HandoffKind]] = {}  # a card where two kinds arrive: a column
        for tp, kind in arrivals:
            kinds_at.setdefault(tp, []).append(kind)
        stacked = {k: (n, kinds_at[k[0]].index(k[1]), len(kinds_at[k[0]]))
                   for k, n in arrivals.items()}
        for (tp, kind), key in [(k, e) for k, e in stacked.items()
                                if (p := table.get(k)) is None or p.extra != e]:
            n, i, of = key
            color, _, shape, symbol, label = HANDOFF_STYLE[kind]
            r = cards[tp]
            text = symbol if n == 1 else f"{symbol}{n}"
            self._keep("a", (tp, kind), _Piece(None, key, (tp,), tags=[Tag(
                QPointF(r.left() - 5, r.center().y() + (i - (of - 1) / 2) * BADGE_STEP), text,
                color, f"{n} {label}{'s' if n > 1 else ''} arrive here", shape, rank=2)]))
        badges = list(map(table.__getitem__, arrivals))
        tables["a"] = dict(zip(arrivals, badges, strict=True))
        used += badges
        color = HANDOFF_STYLE[HandoffKind.CUSTOMER_CARRIED][0]
        names = {ln.id: ln.name for ln in doc.lanes}
        table = tables["c"]
        for tp, pairs in carried.items():
            legs = [f"{names.get(a, '?')} → {names.get(b, '?')}" for a, b in dict.fromkeys(pairs)]
            p = table.get(tp)
            if p is None or p.extra != legs:
                r = cards[tp]
                tip = "The customer carries the work between departments here:\n" + "\n".join(legs)
                p = self._keep("c", tp, _Piece(None, legs, (tp,), tags=[Tag(
                    QPointF(r.center().x(), r.bottom() + 15), "◆ carries " + legs[0], color,
                    tip, None, align="center", max_width=r.width() + 16)]))
            used.append(p)
        yield

        # findings: loops, weak links and bottleneck lanes drawn each; gaps as stage and card
        # tags (the kinds are disjoint)
        open_ = [f for f in analysis.findings if not f.dismissed]
        drawn = [f for f in open_ if f.kind in _DRAWN]
        weakest = _weakest(analysis)

        def extra_of(f: Finding) -> object:
            if f.kind == "weak-link":
                t = f.touchpoint_ids[0] if f.touchpoint_ids else ""
                tp_ = doc.touchpoints.get(t)
                return (t == weakest, tp_.score if tp_ is not None else None)
            if f.kind == "bottleneck-lane":
                return tuple((sum(v for (a, b), v in analysis.matrix.items() if ln in (a, b)),
                              lay.lane_y.get(ln)) for ln in f.lane_ids)
            return None

        table = tables["f"]
        todo_f = [f for f in drawn if (p := table.get(id(f))) is None or p.obj is not f
                  or (f.kind in _EXTRA and p.extra != extra_of(f))]
        for i, f in enumerate(todo_f):
            if i % chunk == chunk - 1:
                yield
            self._keep("f", id(f), self._finding(f, extra_of(f), lay, band))
        ids = list(map(id, drawn))
        got = list(map(table.__getitem__, ids))
        tables["f"] = dict(zip(ids, got, strict=True))
        used += got
        stage_tags: dict[str, list[Finding]] = {}
        for f in open_:
            if f.kind in STAGE_TAGS:
                for s in f.stage_ids:
                    stage_tags.setdefault(s, []).append(f)
        card_tags: dict[str, list[Finding]] = {}
        for f in open_:
            if f.kind in CARD_TAGS:
                for t in f.touchpoint_ids[:1]:
                    card_tags.setdefault(t, []).append(f)
        yield
        self._stage_marks(view, stage_tags, used.append)
        table = tables["t"]
        weak = {f.touchpoint_ids[0] for f in drawn if f.kind == "weak-link" and f.touchpoint_ids}
        for t, fs in card_tags.items():
            if t not in cards:
                continue
            p = table.get(t)
            if p is None or p.obj != fs or p.extra != (t in weak):  # (objects compare at C speed)
                p = self._keep("t", t, _Piece(fs, t in weak, (t,),
                                              tags=[_card_tag(cards[t], fs, t in weak)]))
            used.append(p)

        def joined(part: str) -> list[Any]:
            return list(chain.from_iterable(map(attrgetter(part), used)))

        out = Scenery(joined("hatches"), joined("bands"), joined("outlines"), joined("tags"))
        out.tags.sort(key=attrgetter("rank"))  # stable: map order within a rank
        out.bounds = QRectF(-20, -20, lay.width + 40, lay.height + 40)
        return out

    def _finding(self, f: Finding, extra: object, lay: Layout,
                 band: Callable[[_Piece, str, str, Qt.PenStyle], None]) -> _Piece:
        k, cards = f.kind, lay.cards
        if k in ("ping-pong", "cycle"):
            p = _Piece(f, extra, f.touchpoint_ids, f.flow_ids)
            for fid in f.flow_ids:
                band(p, fid, LOOP_COLOR, Qt.PenStyle.SolidLine)
            first = next((t for t in f.touchpoint_ids if t in cards), None)
            if first is not None:
                r = cards[first]
                p.tags.append(Tag(QPointF(r.right() - 12, r.bottom() + 2), "↻", LOOP_COLOR,
                                  f"{f.title}\n{f.message}", Badge.CIRCLE, f.id, rank=1))
            return p
        if k == "weak-link":
            p = _Piece(f, extra, f.touchpoint_ids[:1])
            strong, score = extra if isinstance(extra, tuple) else (False, None)
            for t in f.touchpoint_ids[:1]:
                if t not in cards:
                    continue
                r = cards[t]
                p.outlines.append(Outline(r.adjusted(-6, -6, 6, 6), WEAK_COLOR,
                                          7.0 if strong else 4.5, Qt.PenStyle.DashLine))
                label = "WEAKEST LINK" if strong else "weak link"
                text = f"{label} {score}/10" if score is not None else label
                # the weakest's bigger tag reaches higher: a little lower, clear of the badges
                # on the bottom edge of a card above
                p.tags.append(Tag(QPointF(r.left() - 6, r.top() + (6 if strong else 3)), text,
                                  WEAK_COLOR,
                                  f"{f.title}\n{f.message}\n→ {f.suggestion}", None, f.id,
                                  scale=1.3 if strong else 1.0))
            return p
        # bottleneck-lane: the lane's header (the grid is part of the frame)
        p = _Piece(f, extra)
        counts = extra if isinstance(extra, tuple) else ()
        for ln, (n, _) in zip(f.lane_ids, counts, strict=False):
            if ln not in lay.lane_y:
                continue
            hr = lay.lane_header_rect(ln)
            p.outlines.append(Outline(hr.adjusted(3, 3, -3, -3), BOTTLENECK_COLOR, 5.0,
                                      Qt.PenStyle.SolidLine))
            p.tags.append(Tag(QPointF(hr.left() + 18, hr.bottom() - 8),
                              f"bottleneck · {n} hand-offs", BOTTLENECK_COLOR,
                              f"{f.title}\n{f.message}\n→ {f.suggestion}", None, f.id))
        return p

    def _stage_marks(self, view: MapView, found: dict[str, list[Finding]],
                     take: Callable[[_Piece], None]) -> None:
        sc = view.map_scene
        lay, doc = sc.layout, sc.doc
        facing = [ln.id for ln in doc.lanes if ln.layer in FACING and ln.id in lay.lane_y]
        for s, fs in found.items():
            if s not in lay.stage_x:
                continue
            empty = tuple(not lay.cells.get((s, ln)) for ln in facing)
            where = (empty, lay.stage_x[s], lay.height, tuple(lay.lane_y[ln] for ln in facing))
            p = self._tables["s"].get(s)
            if p is None or p.extra != where or p.obj != fs:
                p = self._keep("s", s, _stage_piece(lay, s, fs, facing, empty))
                p.extra = where
            take(p)


_DRAWN = frozenset({"ping-pong", "cycle", "weak-link", "bottleneck-lane"})
_EXTRA = frozenset({"weak-link", "bottleneck-lane"})  # drawn from more than the finding


def _card_tag(r: QRectF, fs: list[Finding], weak: bool = False) -> Tag:
    tip = "\n\n".join(f"{x.title}\n{x.message}\n→ {x.suggestion}" for x in fs)
    loud = [x for x in fs if x.severity is not Severity.INFO]
    if loud:  # warnings get words; info-level gaps a small "i" (read it in the tooltip)
        # on the top edge's right; a weak link's card has its tag on the top edge's left,
        # which a narrow card's two tags would share: this one goes on the bottom edge then
        return Tag(QPointF(r.right() + 4, r.bottom() - 3 if weak else r.top() + 3),
                   " · ".join(CARD_TAGS[x.kind] for x in loud), GAP_COLOR, tip,
                   None, loud[0].id, align="right", rank=1, hang=weak)
    return Tag(QPointF(r.right() - 4, r.bottom() - 2), "i", GAP_COLOR, tip,
               Badge.CIRCLE, fs[0].id, scale=0.85, rank=3)


def _stage_piece(lay: Layout, s: str, fs: list[Finding], facing: list[str],
                 empty: tuple[bool, ...]) -> _Piece:
    p = _Piece(fs, empty)
    kinds = {f.kind for f in fs}
    if "gap-empty-stage" in kinds:
        r = lay.stage_rect(s)
        p.hatches.append(Hatch(QRectF(r.left(), lay.grid_top, r.width(),
                                      lay.height - lay.grid_top), GAP_COLOR))
    elif "gap-no-customer-contact" in kinds:
        for ln, hollow in zip(facing, empty, strict=True):
            if hollow:
                p.hatches.append(Hatch(lay.cell_rect(s, ln), GAP_COLOR))
    x, w = lay.stage_x[s]
    text = " · ".join(STAGE_TAGS[f.kind] for f in fs)
    tip = "\n\n".join(f"{f.title}\n{f.message}\n→ {f.suggestion}" for f in fs)
    # hanging from the map's bottom edge, clear of the badges on the last lane's cards
    p.tags.append(Tag(QPointF(x + w - 4, lay.height - 1), text, GAP_COLOR, tip, None,
                      fs[0].id, align="right", max_width=w - 8, hang=True))
    return p


def _dismissed_flows(findings: list[Finding]) -> set[str]:
    """Flows of dismissed hand-off findings: their hand-offs are not drawn."""
    out: set[str] = set()
    for f in findings:
        if f.dismissed and f.kind in ("handoff", "customer-carried"):
            out.update(f.flow_ids)
    return out


def _weakest(a: Analysis) -> str | None:
    w = a.summary.get("weakest_touchpoint")
    return str(w.get("id")) if isinstance(w, dict) and w.get("id") else None
