"""MapOverlay: draws the current analysis on the map, in items parented to the view's overlay
layer (so the window's overlay key, which shows and hides that layer, shows and hides it).

It rebuilds when a new analysis arrives and when the canvas lays the map out again (cards
moved, the projector theme switched on): the shapes are recomputed from the layout in a few
milliseconds and the tag items are reused, not recreated."""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsItem

from journeymapper.analysis import Analysis
from journeymapper.ui.canvas import MapView
from journeymapper.ui.canvas.scene import LayerItem, MapScene

from .geometry import Scenery, build_scenery
from .items import ShapesItem, TagItem
from .legend import LegendItem


class MapOverlay(QObject):
    def __init__(self, view: MapView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.analysis: Analysis | None = None
        self.root = LayerItem(0)
        self.root.setParentItem(view.overlay_layer())
        self.shapes = ShapesItem(self.root)
        self.shapes.on_paint = self._check_layout
        self.tags: list[TagItem] = []
        self.legend = LegendItem(QRectF(), self.root)
        self.scenery = Scenery()
        self._layout: object = None
        self.last_build_s = 0.0
        self.builds = 0
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.rebuild)
        view.map_scene.sceneRectChanged.connect(lambda _r: self._later.start(0))

    def alive(self) -> bool:
        return shiboken6.isValid(self.root) and _scene_of(self.view) is not None

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.rebuild()

    def visible(self) -> bool:
        return self.view.overlay_visible()

    def rebuild(self) -> None:
        """Recompute every shape from the current layout; reuse the tag items."""
        if self.analysis is None or not self.alive():
            return
        t0 = time.perf_counter()
        sc = self.view.map_scene
        self._layout = sc.layout
        self.scenery = s = build_scenery(self.view, self.analysis)
        self.shapes.set_scenery(s)
        self.legend.set_rect(QRectF(0, 0, sc.layout.grid_left, sc.layout.grid_top))
        pt = sc.theme.small_pt * 1.05
        while len(self.tags) < len(s.tags):
            self.tags.append(TagItem(self.root))
        for item, tag in zip(self.tags, s.tags, strict=False):
            item.set_tag(tag, pt)
            item.setVisible(True)
        for item in self.tags[len(s.tags):]:
            item.setVisible(False)
        self.builds += 1
        self.last_build_s = time.perf_counter() - t0

    def _check_layout(self) -> None:
        """Painting found the canvas laid out anew (no Change told us): rebuild soon."""
        sc = _scene_of(self.view)
        if sc is not None and sc.layout is not self._layout and not self._later.isActive():
            self._later.start(0)

    def items(self) -> list[QGraphicsItem]:
        """The overlay items in use (shown whenever the overlay layer is)."""
        return [self.shapes, *[t for t in self.tags if t.isVisibleTo(self.root)]]

    def detach(self) -> None:
        self._later.stop()
        if shiboken6.isValid(self.root) and self.root.scene() is not None:
            self.root.scene().removeItem(self.root)


def _scene_of(view: MapView) -> MapScene | None:
    """The view's scene, or None once the view has been closed."""
    try:
        return view.map_scene
    except (AssertionError, RuntimeError):
        return None
