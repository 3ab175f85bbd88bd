"""The overlay after an edit: kept pieces give exactly what a fresh build gives, only what the
edit touched is made again, and the refresh comes before the edit's repaint (the moved card and
its hand-offs show in the same frame)."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from journeymapper.analysis import LiveAnalysis
from journeymapper.model import Document, Edit, Lane, TouchPoint, edits
from journeymapper.ui.analysis import controller as controller_module
from journeymapper.ui.analysis import install_analysis
from journeymapper.ui.analysis import overlay as overlay_module
from journeymapper.ui.analysis.geometry import SceneryCache, build_scenery
from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session


def make_document(n_touchpoints: int, n_flows: int, seed: int) -> Document:
    """A generated workshop (the benchmarks' generator)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from _gen import make_document as make

    return make(n_touchpoints, n_flows, seed=seed)

class Map:
    def __init__(self, qtbot: QtBot, doc: Document) -> None:
        self.doc = doc
        self.session = Session(doc)
        self.window = QMainWindow()
        qtbot.addWidget(self.window)
        self.view = MapView(self.session, self.window)
        self.window.setCentralWidget(self.view)
        self.window.resize(1400, 900)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.view.fit_all()

    def close(self) -> None:
        self.view.cleanup()
        self.window.close()
        self.session.close()


@pytest.fixture
def big_map(qtbot: QtBot) -> Iterator[Map]:
    m = Map(qtbot, make_document(300, 430, seed=7))
    yield m
    m.close()


def random_edit(doc: Document, rnd: random.Random) -> Edit:
    """One edit of the kinds a workshop makes: moves, new and removed flows and cards,
    retitles, scores, a renamed lane, a dismissed finding."""
    tps: list[TouchPoint] = list(doc.touchpoints.values())
    stages = [s.id for s in doc.stages]
    lanes: list[Lane] = list(doc.lanes)
    tp = rnd.choice(tps)
    kind = rnd.randrange(9)
    if kind <= 2:
        return edits.move_touchpoint(doc, tp.id, rnd.choice(stages), rnd.choice(lanes).id)
    if kind == 3:
        other = rnd.choice(tps)
        if other.id == tp.id or any(f.source_id == tp.id and f.target_id == other.id
                                    for f in doc.flows_from(tp.id)):
            return edits.update_touchpoint(doc, tp.id, title=f"{tp.title}!")
        return edits.add_flow(doc, tp.id, other.id)
    if kind == 4 and doc.flows:
        return edits.remove_flows(doc, [rnd.choice(list(doc.flows))])
    if kind == 5:
        return edits.remove_touchpoints(doc, [tp.id])
    if kind == 6:
        return edits.update_touchpoint(doc, tp.id, title=f"{tp.title} (again)",
                                       score=rnd.choice([None, 2, 5, 9]))
    if kind == 7:
        lane = rnd.choice(lanes)
        return edits.rename_lane(doc, lane.id, f"{lane.name}+")
    return edits.add_touchpoint(doc, rnd.choice(stages), rnd.choice(lanes).id, "New moment")


def test_kept_pieces_give_what_a_fresh_build_gives(qtbot: QtBot, big_map: Map) -> None:
    doc, view = big_map.doc, big_map.view
    live, cache = LiveAnalysis(), SceneryCache()
    build_scenery(view, live.refresh(doc), cache)
    rnd = random.Random(11)
    made: list[int] = []
    for step in range(60):
        assert big_map.session.do(random_edit(doc, rnd)), step
        analysis = live.refresh(doc)
        if step % 7 == 3 and analysis.findings:  # dismiss one now and then
            f = rnd.choice(analysis.findings)
            big_map.session.do(edits.restore_finding(doc, f.id) if f.dismissed
                               else edits.dismiss_finding(doc, f.id))
            analysis = live.refresh(doc)
        kept = build_scenery(view, analysis, cache)
        assert kept == build_scenery(view, analysis), f"edit {step}"
        made.append(cache.made)
    assert len(set(made)) > 1


def test_a_move_remakes_only_what_it_touched(qtbot: QtBot, big_map: Map) -> None:
    doc, view = big_map.doc, big_map.view
    live, cache = LiveAnalysis(), SceneryCache()
    first = build_scenery(view, live.refresh(doc), cache)
    everything = cache.made
    assert everything > 300
    tp = next(t for t in doc.touchpoints.values() if doc.flows_from(t.id)
              and doc.cell(t.stage_id, t.lane_id).index(t) > 0)
    # within its own cell, to the front: the cell's cards move, the rest of the map does not
    assert big_map.session.do(edits.move_touchpoint(doc, tp.id, tp.stage_id, tp.lane_id, 0))
    again = build_scenery(view, live.refresh(doc), cache)
    assert 0 < cache.made < everything / 10
    assert len(again.bands) == len(first.bands)


def test_overlay_shows_an_edit_in_the_frame_that_shows_the_edit(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # The order is what is tested, not the speed: budgets no busy machine can overrun.
    monkeypatch.setattr(controller_module, "NOW_S", 5.0)
    monkeypatch.setattr(overlay_module, "NOW_S", 5.0)
    m = Map(qtbot, make_document(200, 290, seed=3))
    ctl = install_analysis(m.window, m.view, m.session)
    overlay = ctl.overlay
    assert overlay is not None
    shown = overlay
    try:
        m.view.set_overlay_visible(True)
        qtbot.waitUntil(lambda: overlay.analysis is not None
                        and overlay.analysis.revision == m.doc.revision and not ctl.busy(),
                        timeout=10000)
        seen: list[int] = []

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and not seen:
                    a = shown.analysis
                    seen.append(a.revision if a is not None else -1)
                return False

        probe = FirstPaint()
        m.view.viewport().installEventFilter(probe)
        tps = list(m.doc.touchpoints.values())
        stages = [s.id for s in m.doc.stages]
        for i in range(5):
            seen.clear()
            tp = tps[i * 13]
            to = stages[(stages.index(tp.stage_id) + 1) % len(stages)]
            assert m.session.do(edits.move_touchpoint(m.doc, tp.id, to, tp.lane_id))
            qtbot.waitUntil(lambda: bool(seen))
            assert seen == [m.doc.revision], f"round {i}: the first paint showed an old overlay"
        m.view.viewport().removeEventFilter(probe)
    finally:
        ctl.stop()
        overlay.detach()
        m.close()
