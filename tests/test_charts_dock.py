"""The charts dock: every chart of a sample shows as a picture; edits re-render after a pause;
"Save charts…" writes PNG and SVG to the folder chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from test_backlog_fixtures import Bench, bench  # noqa: F401

from journeymapper.model import edits
from journeymapper.ui.backlog.chart_jobs import CHART_TITLES

LEFT = Qt.MouseButton.LeftButton


def show_charts(b: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    charts = b.parts.charts
    charts.show()
    charts.raise_()
    qtbot.waitUntil(lambda: len(charts.pixmaps) == len(CHART_TITLES), timeout=60000)


def test_every_chart_shows_a_picture(bench: Bench, qtbot) -> None:  # noqa: F811
    charts = bench.parts.charts
    show_charts(bench, qtbot)
    assert set(charts.pixmaps) == set(CHART_TITLES)
    for i in range(charts.picker.count()):
        charts.picker.setCurrentIndex(i)
        pm = charts.image.pixmap()
        assert not pm.isNull() and pm.width() > 100 and pm.height() > 100
        full = charts.pixmaps[charts.current_name()]
        assert full.width() >= 800  # rendered at print resolution, scaled to the dock
    assert charts.shown_revision == bench.session.doc.revision


def test_an_edit_re_renders_after_a_pause(bench: Bench, qtbot) -> None:  # noqa: F811
    charts, s = bench.parts.charts, bench.session
    show_charts(bench, qtbot)
    tp = next(iter(s.doc.touchpoints))
    with qtbot.waitSignal(charts.rendered, timeout=60000):
        s.do(edits.update_touchpoint(s.doc, tp, score=1))
        assert charts.shown_revision != s.doc.revision  # not at once: after the idle timer
    assert charts.shown_revision == s.doc.revision


def test_refresh_and_save_buttons(bench: Bench, qtbot, tmp_path: Path) -> None:  # noqa: F811
    charts = bench.parts.charts
    show_charts(bench, qtbot)
    with qtbot.waitSignal(charts.rendered, timeout=60000):
        qtbot.mouseClick(charts.refresh_button, LEFT)
    out = tmp_path / "charts"
    charts.ask_folder = lambda _parent: str(out)
    qtbot.mouseClick(charts.save_button, LEFT)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{n}.{ext}" for n in CHART_TITLES for ext in ("png", "svg"))
    assert all(p.stat().st_size > 1000 for p in out.iterdir())


def test_double_click_floats_the_chart_large_and_back(bench: Bench, qtbot) -> None:  # noqa: F811
    from PySide6.QtWidgets import QApplication

    charts = bench.parts.charts
    show_charts(bench, qtbot)
    qtbot.mouseDClick(charts.image, LEFT)
    qtbot.mouseRelease(charts.image, LEFT)  # QTest's double-click leaves the button "held"
    room = charts.screen().availableGeometry()
    assert charts.isFloating() and charts.width() == min(1280, room.width() * 3 // 4)
    qtbot.waitUntil(lambda: charts.image.pixmap().width() > charts.width() * 0.6)
    qtbot.mouseDClick(charts.image, LEFT)
    qtbot.mouseRelease(charts.image, LEFT)
    assert not charts.isFloating()
    assert QApplication.mouseButtons() == Qt.MouseButton.NoButton


def test_no_render_while_a_mouse_button_is_held(bench: Bench, qtbot) -> None:  # noqa: F811
    from PySide6.QtWidgets import QApplication

    charts, s, view = bench.parts.charts, bench.session, bench.view
    show_charts(bench, qtbot)
    corner = view.viewport().rect().bottomRight() - view.viewport().rect().center() / 8
    qtbot.mousePress(view.viewport(), LEFT, pos=corner)
    assert QApplication.mouseButtons() == LEFT
    tp = next(iter(s.doc.touchpoints))
    s.do(edits.update_touchpoint(s.doc, tp, score=2))
    qtbot.wait(3 * 500)  # three idle periods pass while the button is down
    assert charts.shown_revision != s.doc.revision
    with qtbot.waitSignal(charts.rendered, timeout=60000):
        qtbot.mouseRelease(view.viewport(), LEFT, pos=corner)
    assert charts.shown_revision == s.doc.revision
