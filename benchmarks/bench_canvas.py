"""Canvas benchmark: a generated 2,000-card / 3,000-flow map (and 5,000 / 7,500) against a bare
QGraphicsScene of the same number of plain QGraphicsRectItems and lines, moved the same way.

Run ``python benchmarks/bench_canvas.py [--sizes 2000:3000 5000:7500] [--frames 40]``.

``--edit`` adds an edit on the whole map in view with the analysis overlay on (viewport 1600x1000):
``session.do`` of moving one card to another cell (CPU, median) against ``Document.apply`` of the
same edit on a copy with no listeners; then, the overlay rebuilt for the edit with the viewport's
updates held back, ONE full ``viewport().repaint()`` (CPU, median): everything the first frame
after the edit has to paint, against painting as many plain rectangles and lines with QPainter.

Every figure is measured with real mouse events sent to the view's viewport (QTest), and each
frame is forced to paint synchronously with ``viewport().repaint()``; a frame's time is the mouse
move plus the repaint. Ratios are ours / baseline, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import make_document
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
)

from journeymapper.model import Document
from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session

W, H = 1600, 900
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def ms(t: float) -> float:
    return t * 1000.0


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


# -- the two subjects share one driver -----------------------------------------------------------
class Subject:
    view: QGraphicsView
    rects: list[QRectF]  # one rectangle per card, scene coordinates

    def select(self, idx: list[int]) -> None:
        raise NotImplementedError

    def fit(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()


class Ours(Subject):
    def __init__(self, doc: Document) -> None:
        self.session = Session(doc)
        self.map = MapView(self.session)
        self.view = self.map
        self.ids = sorted(doc.touchpoints, key=lambda i: (doc.touchpoints[i].stage_id, i))
        self.rects = [self.map.card_rect(i) for i in self.ids]

    def select(self, idx: list[int]) -> None:
        self.map.select_entities([("touchpoint", self.ids[i]) for i in idx], center=False)

    def fit(self) -> None:
        self.map.fit_all()

    def close(self) -> None:
        self.map.cleanup()
        super().close()
        self.session.close()


class Bare(Subject):
    """The baseline: plain movable rects and lines at the same places, Qt's own item drag."""

    def __init__(self, doc: Document, like: Ours) -> None:
        self.scene = QGraphicsScene()
        lay = like.map.map_scene.layout
        self.scene.setSceneRect(QRectF(-60, -90, lay.width + 120, lay.height + 150))
        self.items: list[QGraphicsRectItem] = []
        pos: dict[str, QRectF] = {}
        for tid, r in zip(like.ids, like.rects, strict=True):
            it = QGraphicsRectItem(QRectF(0, 0, r.width(), r.height()))
            it.setPos(r.topLeft())
            it.setBrush(QColor("#FFFFFF"))
            it.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
            it.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
            self.scene.addItem(it)
            self.items.append(it)
            pos[tid] = r
        pen = QPen(QColor("#4A5560"), 1.8)
        for f in doc.flows.values():
            a, b = pos[f.source_id], pos[f.target_id]
            line = QGraphicsLineItem(a.right(), a.center().y(), b.left(), b.center().y())
            line.setPen(pen)
            self.scene.addItem(line)
        self.view = QGraphicsView(self.scene)
        self.rects = like.rects

    def select(self, idx: list[int]) -> None:
        self.scene.clearSelection()
        for i in idx:
            self.items[i].setSelected(True)

    def fit(self) -> None:
        r = self.scene.itemsBoundingRect()
        self.view.fitInView(r, Qt.AspectRatioMode.KeepAspectRatio)


def show(s: Subject) -> float:
    t0 = time.perf_counter()
    s.view.resize(W, H)
    s.view.show()
    QApplication.processEvents()
    s.view.viewport().repaint()
    return time.perf_counter() - t0


def frame() -> Callable[[QGraphicsView], None]:
    def paint(v: QGraphicsView) -> None:
        v.viewport().repaint()
    return paint


def drag(s: Subject, grab: int, frames: int, zoom_fit: bool
         ) -> tuple[list[float], float, float]:
    """Drag card ``grab`` down across lanes for ``frames`` moves; returns frame times, the
    time of the press plus the first move (when our view prepares the drag) and of the drop
    (release, the edit, the relayout and a repaint)."""
    v = s.view
    vp = v.viewport()
    if zoom_fit:
        s.fit()
    else:
        v.resetTransform()
        v.centerOn(s.rects[grab].center())
    QApplication.processEvents()
    vp.repaint()
    r = s.rects[grab]
    start = v.mapFromScene(QPointF(r.center().x() - r.width() * 0.2, r.center().y()))
    t0 = time.perf_counter()
    QTest.mousePress(vp, LEFT, NONE, start)
    QTest.mouseMove(vp, start + QPoint(8, 8))
    vp.repaint()
    first = time.perf_counter() - t0
    times: list[float] = []
    step = max(2, (H // 2) // frames) if not zoom_fit else max(1, (H // 3) // frames)
    p = start + QPoint(8, 8)
    for i in range(frames):
        p = p + QPoint(1 if i % 2 else 0, step if i < frames // 2 else -step)
        t = time.perf_counter()
        QTest.mouseMove(vp, p)
        vp.repaint()
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    QTest.mouseRelease(vp, LEFT, NONE, p)
    QApplication.processEvents()
    vp.repaint()
    return times, first, time.perf_counter() - t


def zoom_fit(s: Subject) -> float:
    s.view.resetTransform()
    QApplication.processEvents()
    s.view.viewport().repaint()
    t0 = time.perf_counter()
    s.fit()
    s.view.viewport().repaint()
    return time.perf_counter() - t0


def run(n_cards: int, n_flows: int, frames: int) -> list[tuple[str, float, float]]:
    doc = make_document(n_cards, n_flows, seed=1)
    rows: list[tuple[str, float, float]] = []
    t0 = time.perf_counter()
    ours = Ours(doc)
    built = time.perf_counter() - t0
    built += show(ours)
    t0 = time.perf_counter()
    bare = Bare(doc, ours)
    bare_built = time.perf_counter() - t0
    bare_built += show(bare)
    rows.append(("build scene + view + first paint", ms(built), ms(bare_built)))
    n = len(ours.rects)
    spread = list(range(0, n, max(1, n // 50)))[:50]
    grab = spread[len(spread) // 2]
    for label, sel, fit in (("drag 1 card, zoom 1:1", [grab], False),
                            ("drag 50 cards, zoom 1:1", spread, False),
                            ("drag 1 card, whole map in view", [grab], True),
                            ("drag 50 cards, whole map in view", spread, True)):
        res: dict[str, tuple[list[float], float, float]] = {}
        for name, s in (("ours", ours), ("bare", bare)):
            s.select(sel)
            times, first, drop = drag(s, grab, frames, fit)
            res[name] = ([ms(x) for x in times], ms(first), ms(drop))
            if name == "ours":  # put the cards back (the drag was one undo step)
                ours.session.undo_stack.undo()
        o, b = res["ours"], res["bare"]
        rows.append((f"{label}: frame p50", statistics.median(o[0]), statistics.median(b[0])))
        rows.append((f"{label}: frame p95", pct(o[0], 0.95), pct(b[0], 0.95)))
        rows.append((f"{label}: press + first move", o[1], b[1]))
        rows.append((f"{label}: drop", o[2], b[2]))
    rows.append(("zoom to fit + paint", ms(zoom_fit(ours)), ms(zoom_fit(bare))))
    ours.close()
    bare.close()
    QApplication.processEvents()
    return rows


def edit_and_repaint(n_cards: int, n_flows: int, rounds: int) -> list[tuple[str, float, float]]:
    from _rig import close_analysed, show_analysed
    from PySide6.QtGui import QPainter, QPixmap, QTransform
    from PySide6.QtWidgets import QMainWindow

    from journeymapper.model import edits
    from journeymapper.ui.analysis import install_analysis

    app = QApplication.instance()
    assert app is not None
    doc = make_document(n_cards, n_flows, seed=1)
    twin = make_document(n_cards, n_flows, seed=1)  # the baseline applies the same edits
    session = Session(doc)
    win = QMainWindow()
    view = MapView(session, win)
    win.setCentralWidget(view)
    ctl = install_analysis(win, view, session)
    overlay = ctl.overlay
    assert overlay is not None
    win.resize(1600, 1000)
    win.show()
    vp = view.viewport()
    QApplication.processEvents()
    win.resize(win.width() + 1600 - vp.width(), win.height() + 1000 - vp.height())
    show_analysed(view, ctl)
    stages = [st.id for st in doc.stages]
    tps = list(doc.touchpoints)
    sync, base_sync, paint = [], [], []
    for i in range(rounds):
        tp = doc.touchpoints[tps[(i * 37) % len(tps)]]
        to = stages[(stages.index(tp.stage_id) + 1) % len(stages)]
        e = edits.move_touchpoint(doc, tp.id, to, tp.lane_id)
        c0 = time.thread_time()
        twin.apply(e)
        base_sync.append(time.thread_time() - c0)
        vp.setUpdatesEnabled(False)
        c0 = time.thread_time()
        session.do(e)
        sync.append(time.thread_time() - c0)
        while (overlay.analysis is None or overlay.analysis.revision != doc.revision
               or ctl.busy()):
            QApplication.processEvents()
        for _ in range(5):
            QApplication.processEvents()
        vp.setUpdatesEnabled(True)
        c0 = time.thread_time()
        vp.repaint()
        paint.append(time.thread_time() - c0)
    # the baseline frame: as many plain rectangles and lines, painted with QPainter
    lay = view.map_scene.layout
    rects = list(lay.cards.values())
    lines = [(lay.cards[f.source_id], lay.cards[f.target_id]) for f in doc.flows.values()]
    pix = QPixmap(vp.size())
    k = min(vp.width() / lay.width, vp.height() / lay.height)
    bare: list[float] = []
    for _ in range(rounds):
        c0 = time.thread_time()
        pix.fill(QColor("#FFFFFF"))
        p = QPainter(pix)
        p.setTransform(QTransform.fromScale(k, k))
        p.setPen(QPen(QColor("#4A5560"), 0))
        for a, b in lines:
            p.drawLine(a.topRight(), b.topLeft())
        p.setBrush(QColor("#FFFFFF"))
        for r in rects:
            p.drawRect(r)
        p.end()
        bare.append(time.thread_time() - c0)
    close_analysed(win, view, ctl, session)
    QApplication.processEvents()
    return [("edit: session.do, move 1 card (cpu) vs apply", ms(statistics.median(sync)),
             ms(statistics.median(base_sync))),
            ("edit: next full repaint, overlay on (cpu) vs rects", ms(statistics.median(paint)),
             ms(statistics.median(bare)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="*", default=["2000:3000", "5000:7500"])
    ap.add_argument("--frames", type=int, default=40)
    ap.add_argument("--edit", action="store_true", help="only the edit + repaint figures")
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    assert app is not None
    for size in args.sizes:
        c, f = (int(x) for x in size.split(":"))
        print(f"\n{c} cards, {f} flows, viewport {W}x{H} (ms; ratio = ours / bare scene)")
        print(f"{'measure':48} {'ours':>9} {'bare':>9} {'ratio':>7}")
        rows = (edit_and_repaint(c, f, args.rounds) if args.edit
                else [*run(c, f, args.frames), *edit_and_repaint(c, f, args.rounds)])
        for label, o, b in rows:
            print(f"{label:48} {o:9.2f} {b:9.2f} {o / b if b else float('nan'):7.2f}")


if __name__ == "__main__":
    main()
