"""MapOverlay: draws the current analysis on the map, in items parented to the view's overlay
layer (so the window's overlay key, which shows and hides that layer, shows and hides it).

It rebuilds when a new analysis arrives and when the canvas lays the map out again (the
projector theme switched on). Shapes are kept piece by piece (:class:`SceneryCache`), so after
an edit only the pieces it changed are made again, at once; a big build (the first, a new
theme) runs a slice at a time between frames (restarted if the map changes meanwhile). The tag
items are reused, not recreated. While the overlay is switched off nothing is built; the first
paint after it is switched on asks for the build. ``rebuild()`` does it all at once (pictures,
tests)."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator

import shiboken6
from PySide6.QtCore import QObject, QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsItem

from journeymapper.analysis import Analysis
from journeymapper.ui.canvas import MapView
from journeymapper.ui.canvas.scene import LayerItem, MapScene

from .geometry import Scenery, SceneryCache, Tag, build_scenery, scenery_steps
from .items import ShapesItem, TagItem, tag_shape
from .legend import LegendItem

SLICE_S = 0.006  # build time per tick
NOW_S = 0.012  # a new analysis is built at once, in the same event, if it takes no longer
MAX_TAG_ITEMS = 200  # tags with items of their own (tooltips); the rest are painted in bulk


class MapOverlay(QObject):
    built = Signal()  # the overlay now shows ``analysis``

    def __init__(self, view: MapView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.analysis: Analysis | None = None
        self.root = LayerItem(0)
        self.root.setParentItem(view.overlay_layer())
        self.shapes = ShapesItem(self._flow_item, self.root)
        self.shapes.on_paint = self._check_layout
        self.tags: list[TagItem] = []
        # the tags near a row of the blueprint lines' names, and their rects (see _line_keepout)
        self._keepout_key: tuple[object, ...] = ()
        self._keepout_of: dict[int, tuple[Tag, QRectF | None]] = {}
        self.legend = LegendItem(QRectF(), self.root)
        lay = view.map_scene.layout
        self.scenery = Scenery(bounds=QRectF(-20, -20, lay.width + 40, lay.height + 40))
        self.shapes.scenery = self.scenery  # painted (so it can ask for a build) when shown
        self.legend.set_rect(QRectF(0, 0, lay.grid_left, lay.grid_top))
        self.cache = SceneryCache()  # the last build's shapes, piece by piece
        self._layout: object = None
        self.last_build_s = 0.0  # the last build's final slice (or the whole synchronous build)
        self.longest_step = 0.0
        self.builds = 0
        self.pending: Analysis | None = None  # being built
        self.expecting: Callable[[], bool] | None = None  # whether a new analysis is coming
        self._build: tuple[Generator[None, None, Scenery], object, int] | None = None
        self._built: Scenery | None = None  # a finished build waiting for the next tick
        self._steps = QTimer(self)
        self._steps.setSingleShot(True)
        self._steps.timeout.connect(self._step)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._relayout)
        view.map_scene.sceneRectChanged.connect(lambda _r: self._later.start(0))

    def alive(self) -> bool:
        return shiboken6.isValid(self.root) and _scene_of(self.view) is not None

    def show_analysis(self, analysis: Analysis) -> None:
        """Build the overlay for ``analysis`` a slice at a time; ``built`` fires when shown.
        While the overlay is switched off nothing is built: the first paint after it is
        switched on starts the build."""
        self.pending = analysis
        if self.visible():
            self._start_build()
            self._finish_now()

    def _finish_now(self) -> None:
        """Build right away for up to NOW_S (the controller announces a refresh after an edit
        before the edit's repaint): only the changed pieces are made again, so the map and its
        overlay show the edit in the same frame. What is not done by then goes on a slice per
        tick. (A build posted as an event of its own would come after the repaint: Qt queues
        events posted while it delivers others behind those already waiting.)"""
        sc = _scene_of(self.view)
        if sc is None or self._build is None or not shiboken6.isValid(self.root):
            return
        steps = self._build[0]
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < NOW_S:
            try:
                next(steps)
            except StopIteration as done:
                self._steps.stop()
                self._build = self._built = None
                assert self.pending is not None
                self.analysis, self.pending = self.pending, None
                self._apply(done.value, sc, t0)
                return
        self.longest_step = max(self.longest_step, time.perf_counter() - t0)

    def _start_build(self) -> None:
        sc = _scene_of(self.view)
        if sc is None or self.pending is None:
            return
        steps = scenery_steps(self.view, self.pending, self.cache)
        self._build = (steps, sc.layout, sc.doc.revision)
        self._built = None
        self._steps.start(0)

    def _step(self) -> None:
        """One slice of the build; restart it if the map changed under it."""
        sc = _scene_of(self.view)
        if sc is None or self._build is None or not shiboken6.isValid(self.root):
            return
        steps, layout, revision = self._build
        if sc.layout is not layout or sc.doc.revision != revision:
            self._start_build()
            return
        t0 = time.perf_counter()
        if self._built is not None:  # finished last tick: show it in a tick of its own
            self._build = None
            assert self.pending is not None
            self.analysis, self.pending = self.pending, None
            scenery, self._built = self._built, None
            self._apply(scenery, sc, t0)
            return
        while time.perf_counter() - t0 < SLICE_S:
            try:
                next(steps)
            except StopIteration as done:
                self._built = done.value
                break
        self.longest_step = max(self.longest_step, time.perf_counter() - t0)
        self._steps.start(0)

    def visible(self) -> bool:
        return self.view.overlay_visible()

    def rebuild(self) -> None:
        """Recompute every shape from the current layout now; reuse the tag items."""
        if self.pending is not None:
            self.analysis, self.pending = self.pending, None
        self._build = self._built = None
        if self.analysis is None or not self.alive():
            return
        sc = self.view.map_scene
        t0 = time.perf_counter()
        self._apply(build_scenery(self.view, self.analysis, self.cache), sc, t0)

    def _apply(self, s: Scenery, sc: MapScene, t0: float) -> None:
        self._layout = sc.layout
        self.scenery = s
        pt = sc.theme.small_pt * 1.05
        own, rest = s.tags[:MAX_TAG_ITEMS], s.tags[MAX_TAG_ITEMS:]
        self.shapes.set_scenery(s, rest, pt)
        sc.keep_line_tags_clear(self._line_keepout(s, sc, pt))
        self.legend.set_rect(QRectF(0, 0, sc.layout.grid_left, sc.layout.grid_top))
        while len(self.tags) < len(own):
            self.tags.append(TagItem(self.root))
        for item, tag in zip(self.tags, own, strict=False):
            if item.tag != tag or item.pt != pt:  # most tags stay as they were after an edit
                item.set_tag(tag, pt)
            item.setVisible(True)
        for item in self.tags[len(own):]:
            item.setVisible(False)
        self.builds += 1
        self.last_build_s = time.perf_counter() - t0
        self.built.emit()

    def _line_keepout(self, s: Scenery, sc: MapScene, pt: float) -> list[QRectF]:
        """The rects of the tags near a row of the blueprint lines' names, which the names slide
        clear of. Each tag is looked at once (most outlive a rebuild): a 2,000-card map has some
        3,000 tags, and asking each for its place costs ~5 ms."""
        rows = tuple((top - 40, bottom + 40) for top, bottom in sc.grid.tag_rows())  # tags are
        if (rows, pt) != self._keepout_key:  # shorter than 40
            self._keepout_key, self._keepout_of = (rows, pt), {}
        known, fresh = self._keepout_of, {}
        for t in s.tags:
            got = known.get(id(t))
            if got is None or got[0] is not t:
                y = t.anchor.y()
                near = any(top < y < bottom for top, bottom in rows)
                got = (t, tag_shape(t, pt)[1].translated(t.anchor) if near else None)
            fresh[id(t)] = got
        self._keepout_of = fresh
        return [r for _t, r in fresh.values() if r is not None]

    def _relayout(self) -> None:
        if self._build is not None or not self.visible():  # a build under way restarts on
            return  # the new layout itself; a hidden overlay is built when shown
        if self.expecting is not None and self.expecting():
            return  # a fresh analysis is on its way and will be built on the new layout
        if self.pending is None:
            self.pending = self.analysis
        self._start_build()

    def _flow_item(self, flow_id: str) -> QGraphicsItem | None:
        sc = _scene_of(self.view)
        return sc.flows.get(flow_id) if sc is not None else None

    def _check_layout(self) -> None:
        """Painting found the canvas laid out anew (no Change told us) or an analysis waiting
        since the overlay was switched off: build soon."""
        sc = _scene_of(self.view)
        if sc is None or self._later.isActive() or self._build is not None:
            return
        if sc.layout is not self._layout or self.pending is not None:
            self._later.start(0)

    def items(self) -> list[QGraphicsItem]:
        """The overlay items in use (shown whenever the overlay layer is)."""
        return [self.shapes, *[t for t in self.tags if t.isVisibleTo(self.root)]]

    def detach(self) -> None:
        self._later.stop()
        self._steps.stop()
        self._build = self._built = None
        if shiboken6.isValid(self.root) and self.root.scene() is not None:
            self.root.scene().removeItem(self.root)


def _scene_of(view: MapView) -> MapScene | None:
    """The view's scene, or None once the view has been closed."""
    try:
        return view.map_scene
    except (AssertionError, RuntimeError):
        return None
