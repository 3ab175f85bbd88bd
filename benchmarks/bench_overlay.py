"""From an edit to the refreshed analysis overlay, on generated maps of 500, 2,000 and 5,000 cards.

Run: ``python benchmarks/bench_overlay.py [--window] [--gc-freeze] [sizes...]`` (offscreen).
``--window`` measures the real MainWindow on a workshop file (each edit saved to SQLite, the
inspector, pain points, backlog and matrix docks reacting too) instead of a bare window; each
round then starts once the charts dock has redrawn (it does so on a Python thread half a second
after an edit, and competes for the interpreter while it draws). With
``--gc-freeze`` the objects of the open map are moved out of the garbage collector's reach
(``gc.freeze()``) first: the collector's full passes over a 5,000-card map are otherwise the
longest pauses. A real QMainWindow + MapView
+ Session with ``install_analysis`` (controller, overlay, findings dock), the overlay on and the
whole map in view. Each round moves one card to another cell through ``Session.do`` and spins
the event loop until the overlay shows the analysis of the new revision. Printed, as medians
over the rounds (wall clock, this process on a shared 2-core machine):

- ``edit->overlay``: from ``session.do`` to the overlay's ``built`` signal for the new revision
  (includes
  the canvas's own relayout in ``session.do``, every analysis slice, the overlay build);
- ``edit->frame``: from ``session.do`` to the end of the first repaint of the map that shows
  the new revision's overlay (what the room sees; the refresh runs before the edit's repaint,
  so this is usually the first repaint after the edit);
- ``edit (sync)``: ``session.do`` alone (document + canvas relayout; not the analysis's work);
- ``(cpu)``: the same in CPU time of the GUI thread (what the other engineers' jobs on this
  shared machine cannot inflate);
- ``longest block``: the longest single event the GUI thread handled after ``session.do``
  returned (analysis slice, overlay build, dock refill, the repaint...): the freeze a user
  could feel, wall clock and CPU (median over rounds, then the worst round);
- ``no-paint``: the longest event less the repaints inside it (Qt repaints inside the scene's
  queued update): the analysis's own events, the overlay build, the dock refill; median and
  worst round;
- ``slice``/``overlay``/``dock``: the longest analysis slice, overlay build, and dock refill;
- baselines in the same run: ``analyze(doc)`` whole (as if done in one go on the GUI thread), and
  the raw NetworkX calls it is built from on the same graph (DiGraph build, descendants from the
  starts, ``simple_cycles`` with the same length bound, a raw hand-off scan over the edges);
  ratios are edit->overlay / analyze and edit->overlay / raw NetworkX.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx
from _gen import make_document
from _rig import close_analysed, show_analysed
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from journeymapper.analysis import Settings, analyze
from journeymapper.model import Document, Layer, edits
from journeymapper.ui.analysis import install_analysis
from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session

ROUNDS = 9
freeze_gc = False  # --gc-freeze: gc.freeze() once the map is open (see the report)


class TimedApp(QApplication):
    """Times every event the GUI thread handles (the longest is the worst freeze)."""

    def __init__(self) -> None:
        super().__init__([])
        self.longest = 0.0
        self.longest_cpu = 0.0
        self.longest_work = 0.0  # the longest event, less the repaints inside it
        self._depth = 0
        self._painting = 0.0
        self.timing = False
        self.viewport: QObject | None = None  # whose first fresh repaint to time
        self.fresh: object = None  # a callable -> bool: the overlay shows the new revision
        self.frame_at: float | None = None  # when that repaint ended

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        if not self.timing:
            return super().notify(receiver, event)
        kind = event.type()
        paint = kind == QEvent.Type.Paint
        self._depth += 1
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            return super().notify(receiver, event)
        finally:
            t1 = time.perf_counter()
            self._depth -= 1
            if paint:  # Qt may paint inside another event (the scene's queued update)
                self._painting += t1 - t0
            if self._depth == 0:
                self.longest = max(self.longest, t1 - t0)
                self.longest_cpu = max(self.longest_cpu, time.thread_time() - c0)
                self.longest_work = max(self.longest_work, t1 - t0 - self._painting)
                self._painting = 0.0
            if (paint and receiver is self.viewport and self.frame_at is None
                    and self.fresh()):  # type: ignore[operator]
                self.frame_at = t1


def median_time(fn: object, n: int = 5) -> float:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def raw_networkx(doc: Document) -> float:
    """The raw NetworkX calls the analysis is built from, on the same graph (seconds)."""
    s = Settings.from_document(doc)
    lanes = {ln.id: ln for ln in doc.lanes}

    def run() -> None:
        g = nx.DiGraph()
        for t in doc.touchpoints.values():
            g.add_node(t.id, lane=t.lane_id, stage=t.stage_id, score=t.score)
        g.add_edges_from((f.source_id, f.target_id, {"flow": f.id}) for f in doc.flows.values())
        starts = [n for n in g if g.in_degree(n) == 0] or list(islice(g, 1))
        seen: set[str] = set()
        for n in starts:
            seen |= nx.descendants(g, n)
        list(islice(nx.simple_cycles(g, length_bound=s.cycle_max_length),
                    s.cycle_max_count + 1))
        lane = nx.get_node_attributes(g, "lane")
        [(u, v) for u, v in g.edges if lane[u] != lane[v]
         and lanes[lane[u]].layer is not Layer.CUSTOMER]

    return median_time(run)


def bench(app: TimedApp, n: int, tmp: Path | None = None) -> dict[str, float]:
    """One size. With ``tmp`` (--window): the real MainWindow on a workshop file in ``tmp``
    (every edit also saved, and every dock reacting), else a bare window with the map."""
    doc = make_document(n, int(n * 1.45), seed=1)
    real: object = None
    charts: Any = None  # the real window's charts dock (it redraws 0.5 s after an edit)
    if tmp is not None:
        from journeymapper.store import WorkshopFile
        from journeymapper.ui.app import Workbench

        path = tmp / f"bench-{n}.jmw"
        WorkshopFile.create(path, doc).close()
        bench_ = Workbench(workspace=tmp)
        opened = bench_.open_path(path)
        assert opened is not None
        real, win = bench_, opened
        session, view = opened.session, opened.view
        doc = session.doc
        opened.showNormal()
        ctl = opened.analysis
        charts = opened.findChild(QDockWidget, "chartsDock")
    else:
        session = Session(doc)
        win = QMainWindow()
        view = MapView(session, win)
        win.setCentralWidget(view)
        ctl = install_analysis(win, view, session)
    overlay, dock = ctl.overlay, ctl.dock
    assert overlay is not None and dock is not None
    win.resize(1600, 1000)
    win.show()
    show_analysed(view, ctl)
    if freeze_gc:  # what an app-level gc.freeze() after opening a workshop would give
        gc.collect()
        gc.freeze()
    base_analyze = median_time(lambda: analyze(doc), 3)
    base_nx = raw_networkx(doc)
    stages = [st.id for st in doc.stages]
    tps = list(doc.touchpoints.values())
    rows: dict[str, list[float]] = {k: [] for k in ("total", "cpu", "sync", "block", "block_cpu",
                                                    "slice", "overlay", "dock", "frame", "work")}
    built_at: list[tuple[float, float]] = []  # when the overlay finished a build (wall, cpu)
    overlay.built.connect(lambda: built_at.append((time.perf_counter(), time.thread_time())))
    app.viewport = view.viewport()
    app.fresh = lambda: (overlay.analysis is not None
                         and overlay.analysis.revision == doc.revision)
    for i in range(ROUNDS):
        tp = doc.touchpoints[tps[(i * 37) % len(tps)].id]
        to = stages[(stages.index(tp.stage_id) + 1) % len(stages)]
        ctl.longest_slice = 0.0
        app.longest = app.longest_cpu = app.longest_work = 0.0
        overlay.longest_step = 0.0
        dock.last_fill_s = 0.0
        app.frame_at = None
        built_at.clear()
        t0, c0 = time.perf_counter(), time.thread_time()
        session.do(edits.move_touchpoint(doc, tp.id, to, tp.lane_id))
        t_sync = time.perf_counter() - t0
        app.timing = True
        while overlay.analysis is None or overlay.analysis.revision != doc.revision:
            app.processEvents()
        assert built_at, "the overlay announces each build"
        total, cpu = built_at[-1][0] - t0, built_at[-1][1] - c0
        while ctl.busy() or dock._deferred.isActive() or app.frame_at is None:
            app.processEvents()
        app.timing = False
        while charts is not None and (charts._timer.isActive() or charts._busy):
            app.processEvents()  # the next edit comes to a resting window
        rows["frame"].append(app.frame_at - t0)
        rows["work"].append(app.longest_work)
        rows["total"].append(total)
        rows["sync"].append(t_sync)
        rows["cpu"].append(cpu)
        rows["block"].append(app.longest)
        rows["block_cpu"].append(app.longest_cpu)
        rows["slice"].append(ctl.longest_slice)
        rows["overlay"].append(max(overlay.last_build_s, overlay.longest_step))
        rows["dock"].append(dock.last_fill_s)
    if freeze_gc:
        gc.unfreeze()
    if real is not None:
        win.close()
        real.quit()  # type: ignore[attr-defined]
    else:
        close_analysed(win, view, ctl, session)
    app.processEvents()
    out = {k: statistics.median(v) for k, v in rows.items()}
    out["block_max"] = max(rows["block"])
    out["block_cpu_max"] = max(rows["block_cpu"])
    out["work_max"] = max(rows["work"])
    out["analyze"] = base_analyze
    out["nx"] = base_nx
    out["bands"] = float(len(overlay.scenery.bands))
    out["tags"] = float(len(overlay.scenery.tags))
    return out


def main() -> None:
    freeze = "--gc-freeze" in sys.argv
    tmp: Path | None = None
    if "--window" in sys.argv:  # the real window, its settings in a throwaway home
        tmp = Path(tempfile.mkdtemp(prefix="jm-bench-"))
        os.environ["HOME"] = str(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(tmp / ".config")
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [500, 2000, 5000]
    app = TimedApp()
    global freeze_gc
    freeze_gc = freeze
    ms = 1000.0
    print(f"{'cards':>6} {'edit->overlay':>13} {'(cpu)':>7} {'->frame':>8} {'edit(sync)':>10} "
          f"{'longest block':>13} {'(max)':>6} {'cpu':>5} {'(max)':>6} {'no-paint':>8} "
          f"{'(max)':>6} {'slice':>6} "
          f"{'overlay':>7} {'dock':>6} {'analyze()':>9} {'raw NX':>7} {'/analyze':>8} "
          f"{'/rawNX':>7} {'bands':>6} {'tags':>5}")
    for n in sizes:
        r = bench(app, n, tmp)
        print(f"{n:>6} {r['total'] * ms:>11.1f}ms {r['cpu'] * ms:>7.1f} "
              f"{r['frame'] * ms:>6.1f}ms {r['sync'] * ms:>8.1f}ms "
              f"{r['block'] * ms:>11.1f}ms {r['block_max'] * ms:>5.1f} "
              f"{r['block_cpu'] * ms:>5.1f} {r['block_cpu_max'] * ms:>6.1f} "
              f"{r['work'] * ms:>6.1f}ms {r['work_max'] * ms:>6.1f} "
              f"{r['slice'] * ms:>5.1f} {r['overlay'] * ms:>6.1f} {r['dock'] * ms:>5.1f} "
              f"{r['analyze'] * ms:>7.1f}ms {r['nx'] * ms:>5.1f}ms "
              f"{r['total'] / r['analyze']:>7.2f}x {r['total'] / r['nx']:>6.2f}x "
              f"{int(r['bands']):>6} {int(r['tags']):>5}", flush=True)
    print("targets: edit->overlay < 50 ms at 2,000 cards; longest block <= 16 ms")


if __name__ == "__main__":
    main()
