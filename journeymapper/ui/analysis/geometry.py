"""What the overlay draws, worked out from an Analysis and the canvas layout: plain shapes in
scene coordinates (no graphics items), so a rebuild is cheap and easy to test."""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt

from journeymapper.analysis import Analysis, Finding, HandoffKind, Severity
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

FACING = (Layer.CUSTOMER, Layer.FRONTSTAGE)
CHUNK = 400


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


@dataclass
class Scenery:
    hatches: list[Hatch] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    bounds: QRectF = field(default_factory=QRectF)


def build_scenery(view: MapView, analysis: Analysis,
                  hairlines: Hairlines | None = None) -> Scenery:
    steps = scenery_steps(view, analysis, hairlines)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def scenery_steps(view: MapView, analysis: Analysis, hairlines: Hairlines | None = None,
                  chunk: int = CHUNK) -> Generator[None, None, Scenery]:
    """:func:`build_scenery` in slices of about ``chunk`` hand-offs or findings each, so a big
    map's overlay is built between frames (the caller restarts it if the map changes)."""
    sc = view.map_scene
    lay, doc = sc.layout, sc.doc
    cards, flows = lay.cards, sc.flows
    out = Scenery()
    lines = hairlines if hairlines is not None else Hairlines()
    open_ = [f for f in analysis.findings if not f.dismissed]
    gone = _dismissed_flows(analysis.findings)

    def band(fid: str, color: str, style: Qt.PenStyle) -> None:
        item = flows.get(fid)
        if item is not None:
            far = lines.of(fid, item) if style is Qt.PenStyle.SolidLine else []
            out.bands.append(Band(fid, color, style, item.boundingRect(), far))

    # hand-offs: a band on each flow, a badge where the work arrives
    arrivals: Counter[tuple[str, HandoffKind]] = Counter()
    carried: dict[str, list[tuple[str, str]]] = {}
    for i, h in enumerate(analysis.handoffs):
        if i % chunk == chunk - 1:
            yield
        if gone and all(f in gone for f in h.flow_ids):
            continue
        if any(t not in cards for t in h.touchpoint_ids):
            continue
        color, style, _, _, _ = HANDOFF_STYLE[h.kind]
        for fid in h.flow_ids:
            band(fid, color, style)
        if h.kind is HandoffKind.CUSTOMER_CARRIED:
            mid = h.touchpoint_ids[1]
            out.outlines.append(Outline(cards[mid].adjusted(-5, -5, 5, 5), color, 4.0,
                                        Qt.PenStyle.SolidLine))
            carried.setdefault(mid, []).append((h.from_lane_id, h.to_lane_id))
        else:
            arrivals[(h.touchpoint_ids[-1], h.kind)] += 1
    for (tp, kind), n in arrivals.items():
        color, _, shape, symbol, label = HANDOFF_STYLE[kind]
        r = cards[tp]
        text = symbol if n == 1 else f"{symbol}{n}"
        out.tags.append(Tag(QPointF(r.left() - 2, r.center().y()), text, color,
                            f"{n} {label}{'s' if n > 1 else ''} arrive here", shape, rank=2))
    color = HANDOFF_STYLE[HandoffKind.CUSTOMER_CARRIED][0]
    names = {ln.id: ln.name for ln in doc.lanes}
    for tp, pairs in carried.items():
        r = cards[tp]
        legs = [f"{names.get(a, '?')} → {names.get(b, '?')}" for a, b in dict.fromkeys(pairs)]
        tip = "The customer carries the work between departments here:\n" + "\n".join(legs)
        out.tags.append(Tag(QPointF(r.center().x(), r.bottom() + 15), "◆ carries " + legs[0],
                            color, tip, None, align="center", max_width=r.width() + 16))

    weakest = _weakest(analysis)
    stage_tags: dict[str, list[Finding]] = {}
    card_tags: dict[str, list[Finding]] = {}
    for i, f in enumerate(open_):
        if i % chunk == chunk - 1:
            yield
        k = f.kind
        if k in ("ping-pong", "cycle"):
            for fid in f.flow_ids:
                band(fid, LOOP_COLOR, Qt.PenStyle.SolidLine)
            first = next((t for t in f.touchpoint_ids if t in cards), None)
            if first is not None:
                r = cards[first]
                out.tags.append(Tag(QPointF(r.right() - 12, r.bottom() + 2), "↻", LOOP_COLOR,
                                    f"{f.title}\n{f.message}", Badge.CIRCLE, f.id, rank=1))
        elif k == "weak-link":
            for t in f.touchpoint_ids[:1]:
                if t not in cards:
                    continue
                r = cards[t]
                strong = t == weakest
                out.outlines.append(Outline(r.adjusted(-6, -6, 6, 6), WEAK_COLOR,
                                            7.0 if strong else 4.5, Qt.PenStyle.DashLine))
                score = doc.touchpoints[t].score
                label = "WEAKEST LINK" if strong else "weak link"
                text = f"{label} {score}/10" if score is not None else label
                out.tags.append(Tag(QPointF(r.left() - 6, r.top() + 3), text, WEAK_COLOR,
                                    f"{f.title}\n{f.message}\n→ {f.suggestion}", None, f.id,
                                    scale=1.3 if strong else 1.0))
        elif k in STAGE_TAGS:
            for s in f.stage_ids:
                stage_tags.setdefault(s, []).append(f)
        elif k in CARD_TAGS:
            for t in f.touchpoint_ids[:1]:
                card_tags.setdefault(t, []).append(f)
        elif k == "bottleneck-lane":
            for ln in f.lane_ids:
                if ln not in lay.lane_y:
                    continue
                hr = lay.lane_header_rect(ln)
                out.outlines.append(Outline(hr.adjusted(3, 3, -3, -3), BOTTLENECK_COLOR, 5.0,
                                            Qt.PenStyle.SolidLine))
                n = sum(v for (a, b), v in analysis.matrix.items() if ln in (a, b))
                out.tags.append(Tag(QPointF(hr.left() + 18, hr.bottom() - 8),
                                    f"bottleneck · {n} hand-offs", BOTTLENECK_COLOR,
                                    f"{f.title}\n{f.message}\n→ {f.suggestion}", None, f.id))
    yield
    _stage_marks(view, stage_tags, out)
    for i, (t, fs) in enumerate(card_tags.items()):
        if i % chunk == chunk - 1:
            yield
        if t not in cards:
            continue
        r = cards[t]
        tip = "\n\n".join(f"{x.title}\n{x.message}\n→ {x.suggestion}" for x in fs)
        loud = [x for x in fs if x.severity is not Severity.INFO]
        if loud:  # warnings get words; info-level gaps a small "i" (read it in the tooltip)
            out.tags.append(Tag(QPointF(r.right() + 4, r.top() + 3),
                                " · ".join(CARD_TAGS[x.kind] for x in loud), GAP_COLOR, tip,
                                None, loud[0].id, align="right", rank=1))
        else:
            out.tags.append(Tag(QPointF(r.right() - 4, r.bottom() - 2), "i", GAP_COLOR, tip,
                                Badge.CIRCLE, fs[0].id, scale=0.85, rank=3))
    out.tags.sort(key=lambda t: t.rank)
    out.bounds = QRectF(-20, -20, lay.width + 40, lay.height + 40)
    return out


def _stage_marks(view: MapView, found: dict[str, list[Finding]], out: Scenery) -> None:
    sc = view.map_scene
    lay, doc = sc.layout, sc.doc
    facing = [ln.id for ln in doc.lanes if ln.layer in FACING and ln.id in lay.lane_y]
    for s, fs in found.items():
        if s not in lay.stage_x:
            continue
        kinds = {f.kind for f in fs}
        if "gap-empty-stage" in kinds:
            r = lay.stage_rect(s)
            out.hatches.append(Hatch(QRectF(r.left(), lay.grid_top, r.width(),
                                            lay.height - lay.grid_top), GAP_COLOR))
        elif "gap-no-customer-contact" in kinds:
            for ln in facing:
                if not lay.cells.get((s, ln)):
                    out.hatches.append(Hatch(lay.cell_rect(s, ln), GAP_COLOR))
        x, w = lay.stage_x[s]
        text = " · ".join(STAGE_TAGS[f.kind] for f in fs)
        tip = "\n\n".join(f"{f.title}\n{f.message}\n→ {f.suggestion}" for f in fs)
        out.tags.append(Tag(QPointF(x + w - 4, lay.height + 10), text, GAP_COLOR, tip, None,
                            fs[0].id, align="right", max_width=w - 8))


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
