"""What start-up leaves until after the window's first paint behaves as before once made: the
live analysis (controller, overlay, findings) starts by itself right after the first paint, the
Findings tab is there from the start, and the theme read alone matches the full preferences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from test_window_fixtures import jm_settings  # noqa: F401

from journeymapper import prefs
from journeymapper.ui import prefs as ui_prefs
from journeymapper.ui import settings
from journeymapper.ui.app import Workbench
from journeymapper.ui.preferences import load_preferences

ROOT = Path(__file__).resolve().parents[1]


def _open(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    sample = tmp_path / "surgeon-practice.jmw"
    shutil.copyfile(ROOT / "workshops" / "surgeon-practice.jmw", sample)
    bench = Workbench(workspace=tmp_path)
    w = bench.open_path(sample)
    assert w is not None
    qtbot.addWidget(w)
    return w


def test_the_analysis_starts_after_the_first_paint(qtbot, tmp_path: Path) -> None:
    w = _open(qtbot, tmp_path)
    assert w.findings in w.docks() and w.findings.objectName() == "findingsDock"
    assert w.tabifiedDockWidgets(w.painpoints).count(w.findings) == 1
    qtbot.waitUntil(lambda: w._analysis is not None, timeout=10000)  # no one asked for it
    assert w.analysis.dock is w.findings and w.analysis.overlay is not None
    qtbot.waitUntil(lambda: w.analysis.current() is not None, timeout=20000)
    qtbot.waitUntil(lambda: w.findings.tree.topLevelItemCount() > 0, timeout=10000)


@pytest.mark.usefixtures("jm_settings")
def test_the_findings_content_is_made_once_the_window_has_painted(qtbot, tmp_path: Path) -> None:
    w = _open(qtbot, tmp_path)
    assert w.findings.widget() is None  # not yet: the window has not painted
    qtbot.waitUntil(lambda: w._analysis is not None, timeout=10000)
    body = w.findings.widget()
    assert body is not None and body.isAncestorOf(w.findings.tree)
    w.findings.raise_()
    qtbot.waitUntil(w.findings.tree.isVisible, timeout=5000)
    assert w.findings.widget() is body  # made once
    settings.save_window_state(w.saveGeometry(), w.saveState())  # as closing does
    again = _open(qtbot, tmp_path)
    assert again.findings.widget() is not None  # in front from the start: made at once


def test_a_findings_dock_makes_its_content_when_shown_or_asked(qtbot, tmp_path: Path) -> None:
    from journeymapper.ui.analysis.dock import FindingsDock

    w = _open(qtbot, tmp_path)
    shown = FindingsDock(None, w.view, w.session)
    qtbot.addWidget(shown)
    assert shown.widget() is None
    shown.show()
    assert shown.widget() is not None and shown.summary.text() == "Analysing…"
    asked = FindingsDock(None, w.view, w.session)
    qtbot.addWidget(asked)
    assert not asked.dismiss_btn.isEnabled()  # asking for a widget makes the content
    assert asked.widget() is not None and asked.tree.topLevelItemCount() == 0
    with pytest.raises(AttributeError, match="no_such_part"):
        _ = asked.no_such_part


def test_the_overlay_key_works_on_first_press(qtbot, tmp_path: Path) -> None:
    w = _open(qtbot, tmp_path)
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus, timeout=5000)
    before = w.view.overlay_visible()
    qtbot.keyClick(w.view, Qt.Key.Key_O)
    assert w.view.overlay_visible() is not before
    assert w.actions_["overlay"].isChecked() is not before


def test_the_theme_read_alone_is_the_preferences_theme(tmp_path: Path) -> None:
    assert ui_prefs.THEMES == prefs.THEMES and ui_prefs.THEME_KEY == prefs.THEME_KEY
    assert ui_prefs.DEFAULT_THEME == prefs.DEFAULT_THEME
    store = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    for value in (None, "dark", " Projector ", "neon", "light"):
        if value is None:
            store.remove("theme")
        else:
            store.setValue("theme", value)
        assert ui_prefs.saved_theme(store) == load_preferences(store).theme
