"""The analysis inside the main window: dock among the window's docks, live findings after an
edit, the overlay switched on while presenting and put back afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from test_window_fixtures import bench, jm_settings, shown, workshop  # noqa: F401

from journeymapper.analysis.settings import Settings
from journeymapper.model import edits
from journeymapper.prefs import Preferences


def test_the_analysis_runs_in_the_window_and_follows_edits(bench, sample_copy, qtbot) -> None:  # noqa: F811
    w = bench.open_path(sample_copy("surgeon-practice"))
    shown(w)
    assert w.analysis.dock in w.docks()
    qtbot.waitUntil(lambda: w.analysis.current() is not None, timeout=10000)
    kinds = {f.kind for f in w.analysis.current().findings}
    assert {"weak-link", "customer-carried"} <= kinds
    # Lift the weakest card above the rest: the weak-link finding on it goes away.
    before = w.analysis.current().revision
    w.session.do(edits.update_touchpoint(w.session.doc, "tp_rec-phone-call", score=10))
    qtbot.waitUntil(lambda: w.analysis.current().revision > before, timeout=10000)
    ids = {f.id for f in w.analysis.current().findings}
    assert "weak-link:tp_rec-phone-call" not in ids
    w.close()


def test_overlay_is_on_while_presenting_and_restored_after(bench, workshop: Path, qtbot) -> None:  # noqa: F811
    w = bench.open_path(workshop)
    shown(w)
    assert not w.view.overlay_visible()
    qtbot.keyClick(w.view, Qt.Key.Key_F5)
    assert w.presentation.active and w.view.overlay_visible()
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)
    assert not w.presentation.active and not w.view.overlay_visible()
    w.close()


def test_user_defaults_sit_under_the_workshop_settings(bench, workshop: Path, qtbot) -> None:  # noqa: F811
    w = bench.open_path(workshop)
    w._prefs = Preferences.from_values({"analysis/weak_link_gap": "4", "analysis/channel_gap": "5"})
    w.session.do(edits.set_setting(w.session.doc, "weak_link_gap", "1.5"))
    s = w._analysis_settings(w.session.doc)
    assert isinstance(s, Settings)
    assert (s.weak_link_gap, s.channel_gap) == (1.5, 5.0)
    w.close()
