"""The analysis overlay on a real MapView: it follows the overlay switch, tells the surgeon
story, refreshes after a real card drag, and the controller never applies a stale result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from journeymapper.analysis import Analysis
from journeymapper.model import Document, Layer, edits
from journeymapper.store import WorkshopFile
from journeymapper.ui.analysis import (
    AnalysisController,
    FindingsDock,
    MapOverlay,
    install_analysis,
)
from journeymapper.ui.analysis.items import TagItem
from journeymapper.ui.canvas import MapView
from journeymapper.ui.session import Session


class Rig:
    def __init__(self, qtbot: QtBot, doc: Document, wf: WorkshopFile | None = None) -> None:
        self.wf = wf
        self.session = Session(doc, wf)
        self.window = QMainWindow()
        qtbot.addWidget(self.window)
        self.view = MapView(self.session, self.window)
        self.window.setCentralWidget(self.view)
        self.controller: AnalysisController = install_analysis(self.window, self.view,
                                                               self.session)
        assert self.controller.overlay is not None and self.controller.dock is not None
        self.overlay: MapOverlay = self.controller.overlay
        self.dock: FindingsDock = self.controller.dock
        self.window.resize(1600, 1000)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.view.fit_all()
        qtbot.waitUntil(lambda: self.controller.current() is not None)

    def show_overlay(self, qtbot: QtBot) -> None:
        """Switch the overlay on and wait until it shows the current analysis."""
        self.view.set_overlay_visible(True)
        qtbot.waitUntil(lambda: self.overlay.analysis is not None
                        and self.overlay.analysis is self.controller.current())

    def close(self) -> None:
        self.controller.stop()
        self.overlay.detach()
        self.view.cleanup()
        self.window.close()
        self.session.close()
        if self.wf is not None:
            self.wf.close()


@pytest.fixture
def surgeon(qtbot: QtBot, sample_copy: Any) -> Iterator[Rig]:
    wf = WorkshopFile.open(sample_copy("surgeon-practice"))
    rig = Rig(qtbot, wf.document, wf)
    yield rig
    rig.close()


def tag_texts(overlay: MapOverlay) -> list[str]:
    return [it.tag.text for it in overlay.items() if isinstance(it, TagItem)]


def test_overlay_follows_the_overlay_switch(qtbot: QtBot, surgeon: Rig) -> None:
    view, overlay = surgeon.view, surgeon.overlay
    assert not view.overlay_visible()
    assert overlay.analysis is None  # nothing is built while the overlay is off
    surgeon.show_overlay(qtbot)
    assert overlay.scenery.bands and overlay.scenery.outlines
    assert all(it.isVisible() for it in overlay.items())
    assert overlay.legend.isVisible()
    view.set_overlay_visible(False)
    assert not any(it.isVisible() for it in overlay.items())
    assert not overlay.legend.isVisible()
    view.set_overlay_visible(True)
    assert overlay.shapes.isVisible()


def test_line_names_slide_clear_of_the_overlay_tags(qtbot: QtBot, surgeon: Rig) -> None:
    """On the surgeon map a weak-link tag and a dead-end tag sat on "LINE OF INTERACTION" and
    "LINE OF INTERNAL INTERACTION": with the overlay shown the names move along their lines, no
    flow label is left under a moved name, and they go home when it is hidden."""
    sc = surgeon.view.map_scene
    home = [QRectF(box) for box, _text in sc.grid.tag_boxes()]

    def overlay_tags() -> list[QRectF]:
        return [it.mapRectToScene(it.boundingRect()) for it in surgeon.overlay.items()
                if isinstance(it, TagItem)]

    labelled = [f for f, item in sc.flows.items() if item.label]
    for f in labelled:  # every label placed, as a close view draws them
        sc.flows[f]._label_rect()
    surgeon.show_overlay(qtbot)
    tags = overlay_tags()
    assert any(t.intersects(b) for t in tags for b in home)  # the clash this test is about
    boxes = [box for box, _text in sc.grid.tag_boxes()]
    assert len(boxes) == len(home)
    assert not [b for b in boxes for t in tags if t.adjusted(2, 2, -2, -2).intersects(b)]
    moved = [(a, b) for a, b in zip(home, boxes, strict=True) if a != b]
    assert moved and all(b.top() == a.top() and b.left() > a.left() for a, b in moved)
    labels = [sc.flows[f]._label_rect() for f in labelled]  # a moved name's labels: again
    assert labels and not [lb for lb in labels for _a, b in moved if lb.intersects(b)]
    surgeon.view.set_overlay_visible(False)
    assert [box for box, _text in sc.grid.tag_boxes()] == home


@pytest.mark.parametrize("name", ["surgeon-practice", "tv-subscription", "client-engagement"])
def test_no_overlay_tag_covers_another(qtbot: QtBot, sample_copy: Any, name: str) -> None:
    """Found on the samples: a weak link's tag and a dead end's on one narrow card, the badges
    of two kinds of hand-off arriving at one card, a stage's tag and the last lane's "i"
    badges, the weakest link's big tag and the badge of the card above it."""
    wf = WorkshopFile.open(sample_copy(name))
    rig = Rig(qtbot, wf.document, wf)
    try:
        rig.window.resize(1600, 700)  # wide: the map's height sets the scale, no room below
        rig.show_overlay(qtbot)
        for presenting in (False, True):  # the projector theme's type is bigger
            if presenting:
                rig.view.set_presentation(True)
                rig.overlay.rebuild()
            tags = [(it.tag.text, it.mapRectToScene(it.boundingRect()).adjusted(3, 3, -3, -3))
                    for it in rig.overlay.items() if isinstance(it, TagItem)]
            assert len(tags) > 25
            clashes = [(a, b) for i, (a, ra) in enumerate(tags) for b, rb in tags[i + 1:]
                       if ra.intersects(rb)]
            assert not clashes, (presenting, clashes)
            seen = rig.view.mapToScene(rig.view.viewport().rect()).boundingRect()
            cut = [text for text, r in tags if not seen.contains(r)]  # the whole map in view:
            assert rig.view.fitted() and not cut, (presenting, cut)  # every tag too
    finally:
        rig.close()


def test_surgeon_overlay_shows_weakest_link_and_carried_handoff(qtbot: QtBot,
                                                               surgeon: Rig) -> None:
    surgeon.show_overlay(qtbot)
    doc = surgeon.session.doc
    texts = tag_texts(surgeon.overlay)
    assert "WEAKEST LINK 3/10" in texts
    weakest = next(it for it in surgeon.overlay.items()
                   if isinstance(it, TagItem) and it.tag.text.startswith("WEAKEST"))
    call = next(t for t in doc.touchpoints.values() if t.title == "Booking call with reception")
    assert surgeon.view.card_rect(call.id).adjusted(-10, -30, 10, 10).contains(weakest.pos())
    carried = [t for t in texts if t.startswith("◆ carries Reception → Surgeon")]
    assert carried, texts
    # the carried path: reception card -> patient card -> surgeon lane card, outlined patient card
    a = surgeon.controller.current()
    assert a is not None
    lanes = {ln.id: ln for ln in doc.lanes}
    path = next(h for h in a.handoffs if h.kind.value == "customer-carried"
                and lanes[h.from_lane_id].name == "Reception"
                and lanes[h.to_lane_id].name.startswith("Surgeon"))
    assert lanes[doc.touchpoints[path.touchpoint_ids[1]].lane_id].layer is Layer.CUSTOMER
    mid = surgeon.view.card_rect(path.touchpoint_ids[1])
    assert any(o.rect.contains(mid) for o in surgeon.overlay.scenery.outlines)


def test_overlay_refreshes_after_a_card_drag(qtbot: QtBot, surgeon: Rig) -> None:
    view, doc, ctl = surgeon.view, surgeon.session.doc, surgeon.controller
    surgeon.show_overlay(qtbot)
    call = next(t for t in doc.touchpoints.values() if t.title == "Booking call with reception")
    target_stage = doc.stages[-1].id
    src = view.card_rect(call.id).center()
    dst = view.cell_rect(target_stage, call.lane_id).center()
    before = ctl.current()
    with qtbot.waitSignal(ctl.analysisReady, timeout=10000) as got:
        w = view.viewport()
        pa, pb = view.mapFromScene(src), view.mapFromScene(dst)
        qtbot.mousePress(w, Qt.MouseButton.LeftButton, pos=pa)
        for i in range(1, 9):
            qtbot.mouseMove(w, pa + (pb - pa) * (i / 8))
        qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, pos=pb)
    assert doc.touchpoints[call.id].stage_id == target_stage
    result: Analysis = got.args[0]
    assert result is ctl.current() and result is not before
    assert result.revision == doc.revision
    qtbot.waitUntil(lambda: surgeon.overlay.analysis is result)
    weakest = next(it for it in surgeon.overlay.items()
                   if isinstance(it, TagItem) and it.tag.text.startswith("WEAKEST"))
    new_rect = view.card_rect(call.id)
    assert new_rect.adjusted(-10, -30, 10, 10).contains(weakest.pos())


def test_overlay_follows_a_relayout_without_an_edit(qtbot: QtBot, surgeon: Rig) -> None:
    """The projector theme moves every card without a model change."""
    view, overlay = surgeon.view, surgeon.overlay
    surgeon.show_overlay(qtbot)
    builds = overlay.builds
    view.set_presentation(True)
    qtbot.waitUntil(lambda: overlay.builds > builds)
    call = next(t for t in surgeon.session.doc.touchpoints.values()
                if t.title == "Booking call with reception")
    weakest = next(it for it in overlay.items()
                   if isinstance(it, TagItem) and it.tag.text.startswith("WEAKEST"))
    assert view.card_rect(call.id).adjusted(-10, -30, 10, 10).contains(weakest.pos())


def test_controller_discards_a_stale_result(qtbot: QtBot) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from _gen import make_document

    doc = make_document(2000, 2900, seed=1)
    rig = Rig(qtbot, doc)
    try:
        ctl = rig.controller
        seen: list[Analysis] = []
        ctl.analysisReady.connect(seen.append)
        tps = list(doc.touchpoints.values())
        # a renamed lane is read by every sentence: the whole analysis, over many slices
        rig.session.do(edits.rename_lane(doc, doc.lanes[1].id, "Front desk"))
        qtbot.waitUntil(lambda: ctl._job is not None and not ctl._job.done)  # one slice ran
        rig.session.do(edits.update_touchpoint(doc, tps[1].id, title="Second edit"))
        qtbot.waitUntil(lambda: bool(seen) and not ctl.busy(), timeout=20000)
        assert ctl.discarded >= 1
        assert all(a.revision == doc.revision for a in seen)
        assert ctl.current() is seen[-1]
    finally:
        rig.close()


def test_clicks_go_through_the_overlay_to_the_cards(qtbot: QtBot, surgeon: Rig) -> None:
    view, doc = surgeon.view, surgeon.session.doc
    surgeon.show_overlay(qtbot)
    call = next(t for t in doc.touchpoints.values() if t.title == "Booking call with reception")
    r = view.card_rect(call.id)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(QPointF(r.center().x(), r.center().y())) + QPoint(0, 0))
    assert view.selected() == [("touchpoint", call.id)]


def test_collector_is_held_while_a_refresh_runs_and_given_back(qtbot: QtBot) -> None:
    """No automatic collector pass lands inside a refresh's slices (on a 5,000-card map one
    took 20-30 ms); the collector is on again once the result is in, or the workshop closes."""
    import gc
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from _gen import make_document

    doc = make_document(2000, 2900, seed=2)
    rig = Rig(qtbot, doc)
    try:
        ctl = rig.controller
        qtbot.waitUntil(lambda: not ctl.busy(), timeout=20000)
        assert gc.isenabled()
        rig.session.do(edits.rename_lane(doc, doc.lanes[2].id, "Desk"))  # a multi-slice refresh
        qtbot.waitUntil(lambda: ctl._job is not None and not ctl._job.done)
        assert not gc.isenabled()
        qtbot.waitUntil(lambda: not ctl.busy(), timeout=20000)
        assert gc.isenabled()
        assert ctl.current() is not None and ctl.current().revision == doc.revision
        rig.session.do(edits.rename_lane(doc, doc.lanes[2].id, "Front desk"))
        qtbot.waitUntil(lambda: ctl._job is not None and not ctl._job.done)
        ctl.stop()  # the window closes mid-refresh
        assert gc.isenabled()
    finally:
        gc.enable()
        rig.close()


def test_analysis_waits_for_its_modules_to_load_off_the_gui_thread(
        qtbot: QtBot, sample_copy: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """NetworkX and the analysis load on a thread of their own (imported on the GUI thread they
    blocked it 130-170 ms): until that thread is done the controller does not start, so it never
    waits on an import lock."""
    import threading

    from journeymapper.ui.analysis import controller as controller_module

    go = threading.Event()
    loader = threading.Thread(target=go.wait, name="analysis-import", daemon=True)
    loader.start()
    monkeypatch.setattr(controller_module, "_loader", loader)
    wf = WorkshopFile.open(sample_copy("surgeon-practice"))
    session = Session(wf.document, wf)
    window = QMainWindow()
    qtbot.addWidget(window)
    view = MapView(session, window)
    window.setCentralWidget(view)
    ctl = install_analysis(window, view, session)
    try:
        window.show()
        qtbot.wait(controller_module.FIRST_DELAY_MS + 300)
        assert ctl.current() is None and ctl._job is None  # still waiting for the loader
        go.set()
        qtbot.waitUntil(lambda: ctl.current() is not None, timeout=10000)
        assert ctl.current().revision == session.doc.revision
    finally:
        go.set()
        ctl.stop()
        assert ctl.overlay is not None
        ctl.overlay.detach()
        view.cleanup()
        window.close()
        session.close()
        wf.close()
