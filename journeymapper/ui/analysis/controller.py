"""AnalysisController: the live analysis of one open workshop, refreshed after every change in
slices on the GUI thread (the analysis reads the live Document, so never in a thread).

After an edit the refresh runs in an event of its own, posted at high priority so that it comes
before the repaint the edit asked for: the live analysis only redoes what the edit changed (a
few ms at 2,000 cards), so the result is usually ready within NOW_S and announced at once, and
the map and its overlay show the edit in the same frame. Many edits in one event-loop turn
cost one refresh. A refresh that needs longer (the first, a big edit) goes on in timer ticks of
about 5 ms, and a result finished in a tick is announced on the *next* tick so that the last
slice and the overlay's rebuild never share one event. While a card drag is
under way (the view shows a frozen picture) the refresh waits; an edit during a refresh makes
the job stale and it starts again, so a result always describes the current document.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

from journeymapper.analysis import Analysis, AnalysisJob, Finding, LiveAnalysis, Settings
from journeymapper.model import Change, Document
from journeymapper.ui.session import Session

if TYPE_CHECKING:
    from .dock import FindingsDock
    from .overlay import MapOverlay

SLICE_S = 0.005  # CPU time per tick (a step is 1 to 4 ms at 2,000 cards: ticks stay < 10 ms)
NOW_S = 0.012  # the refresh right after an edit: this long at most, then ticks as above
FIRST_DELAY_MS = 250  # the first analysis waits for the window's first paint
DRAG_WAIT_MS = 40  # while a drag is under way, look again this much later
_REFRESH = QEvent.Type(QEvent.registerEventType())  # "refresh now", posted after an edit


_loader: threading.Thread | None = None


def load_in_background() -> threading.Thread:
    """Import NetworkX and the analysis's modules on a thread of their own (once a process):
    importing them took 60 to 120 ms, one block on the GUI thread at the first analysis. The
    GUI thread keeps running meanwhile (the interpreter switches threads every few ms); the
    controller starts analysing once the thread is done, so it never waits on an import
    lock."""
    global _loader
    if _loader is None:
        def load() -> None:
            import networkx  # noqa: F401

            from journeymapper.analysis import engine, incremental  # noqa: F401

        _loader = threading.Thread(target=load, name="analysis-import", daemon=True)
        _loader.start()
    return _loader


class AnalysisController(QObject):
    analysisReady = Signal(object)  # Analysis
    busyChanged = Signal(bool)

    def __init__(self, session: Session, parent: QObject | None = None,
                 is_dragging: object = None) -> None:
        super().__init__(parent)
        self.session = session
        self.live = LiveAnalysis()
        self._is_dragging = is_dragging  # a callable -> bool (the view's frozen()), or None
        self._job: AnalysisJob | None = None
        self._ready: Analysis | None = None
        self._current: Analysis | None = None
        self._extra: list[Finding] = []  # betweenness findings computed on demand
        self.discarded = 0  # stale jobs thrown away (a test and a benchmark read this)
        self.longest_slice = 0.0  # seconds: the longest tick spent in analysis
        self._stopped = False
        self._froze = False  # whether this controller has called gc.freeze()
        self._posted = False  # a _REFRESH event is on its way
        self._gc_held = False  # whether this controller switched the collector off for a job
        self.overlay: MapOverlay | None = None  # set by install_analysis
        self.dock: FindingsDock | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        # Thresholds to analyse with; the window sets this to the user's defaults under the
        # workshop's own settings. None: the workshop's settings alone.
        self.settings_for: Callable[[Document], Settings] | None = None
        session.changed.connect(self._on_change)
        load_in_background()
        # After the first paint: networkx loads then, not while the window is still opening.
        self.schedule(FIRST_DELAY_MS)

    def _settings(self, doc: Document) -> Settings | None:
        return self.settings_for(doc) if self.settings_for is not None else None

    # -- public -----------------------------------------------------------------------------------
    def current(self) -> Analysis | None:
        return self._current

    def busy(self) -> bool:
        return self._job is not None or self._ready is not None

    def schedule(self, delay_ms: int = 0) -> None:
        """Refresh soon (coalesces: many changes in one event-loop turn cost one refresh)."""
        if not self._timer.isActive():
            self._timer.start(delay_ms)

    def refresh_now(self) -> Analysis:
        """Analyse synchronously (pictures, tests) and announce the result."""
        self._timer.stop()
        self._job = None
        self._ready = None
        load_in_background().join()
        doc = self.session.doc
        result = self._with_extra(self.live.refresh(doc, self._settings(doc)))
        self._apply(result)
        return result

    def compute_betweenness(self) -> list[Finding]:
        """The slow bottleneck-touchpoint findings, on demand; kept and merged into later
        results until the cards they name are gone."""
        from journeymapper.analysis import betweenness_findings

        self._extra = betweenness_findings(self.session.doc)
        if self._current is not None:
            self._apply(self._with_extra(self._current))
        return list(self._extra)

    def stop(self) -> None:
        self._timer.stop()
        self._job = None
        self._ready = None
        self._release_gc()
        if self._stopped:
            return
        self._stopped = True
        if self._froze:  # what the closed workshop leaves behind may be collected again
            gc.unfreeze()
            self._froze = False
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.changed.disconnect(self._on_change)

    # -- the refresh ------------------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        self._ready = None  # a finished result no longer describes the document
        if self._stopped or self._posted:
            return
        self._posted = True
        QCoreApplication.postEvent(self, QEvent(_REFRESH),
                                   Qt.EventPriority.HighEventPriority.value)

    def event(self, e: QEvent) -> bool:
        if e.type() == _REFRESH:
            self._posted = False
            if not self._stopped:
                self._tick(NOW_S, now=True)
            return True
        return super().event(e)

    def _dragging(self) -> bool:
        fn = self._is_dragging
        return bool(fn()) if callable(fn) else False

    def _tick(self, budget: float = SLICE_S, now: bool = False) -> None:
        """Run the refresh for ``budget`` seconds; ``now``: announce a finished result at once
        (the refresh right after an edit) rather than on the next tick."""
        doc = self.session.doc
        if self._ready is not None:
            ready, self._ready = self._ready, None
            if ready.revision == doc.revision:
                self._apply(ready)
                return
            self.discarded += 1
        if self._dragging() or load_in_background().is_alive():
            self._timer.start(DRAG_WAIT_MS)  # look again a little later
            return
        if self._job is None or self._job.stale:
            if self._job is not None:
                self.discarded += 1
            else:
                self.busyChanged.emit(True)
            self._job = self.live.start(doc, self._settings(doc))
            self._hold_gc()
        t0 = time.perf_counter()
        finished = self._job.run_for(budget)
        self.longest_slice = max(self.longest_slice, time.perf_counter() - t0)
        if finished and self._job.result is not None:
            result = self._with_extra(self._job.result)
            self._job = None
            if now:
                self._timer.stop()
                self._apply(result)
                return
            self._ready = result
        self._timer.start(0)

    def _hold_gc(self) -> None:
        """No automatic collector pass while a refresh runs: a full pass over a big map's new
        state took 20 to 30 ms, and landed inside a slice. :meth:`_freeze` freezes what the
        refresh made when the result is applied, and switches the collector back on."""
        if gc.isenabled():
            gc.disable()
            self._gc_held = True

    def _release_gc(self) -> None:
        if self._gc_held:
            gc.enable()
            self._gc_held = False

    def _apply(self, result: Analysis) -> None:
        self._freeze()
        self._current = result
        self.busyChanged.emit(False)
        self.analysisReady.emit(result)

    def _freeze(self) -> None:
        """After each analysis: move the objects alive now (the map, its canvas items, NetworkX's
        graph, the analysis just made) out of the garbage collector's reach. Its full passes
        over a 2,000-card map took 30 to 100 ms, the longest freezes after an edit; with the
        long-lived objects frozen a pass only walks what was made since. After a short refresh
        the young generations are collected first (about 1 ms), so that only garbage that
        already survived two passes is frozen with them. After a refresh that ran with the
        collector held (:meth:`_hold_gc`) everything it made is still young, and collecting it
        took 30 to 60 ms at 5,000 cards: it is frozen as it is. What is frozen stays until
        :meth:`stop` hands everything back to the collector (cyclic garbage of those refreshes
        included; the analysis makes little: its results are plain trees)."""
        if not self._gc_held:
            gc.collect(1)
        gc.freeze()
        self._froze = True
        self._release_gc()

    def _with_extra(self, a: Analysis) -> Analysis:
        """``a`` with the on-demand betweenness findings (dismissal as the document says now)."""
        doc = self.session.doc
        self._extra = [f for f in self._extra if all(t in doc.touchpoints
                                                     for t in f.touchpoint_ids)]
        if not self._extra:
            return a
        known = {f.id for f in a.findings}
        extra = [dataclasses.replace(f, dismissed=f.id in doc.dismissed) for f in self._extra
                 if f.id not in known]
        return dataclasses.replace(a, findings=[*a.findings, *extra])
