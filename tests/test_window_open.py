"""Opening workshops into the window: samples, refused files, the start page, no leaks."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from test_window_fixtures import ROOT, bench, flush_deletes, jm_settings, shown, workshop  # noqa: F401

from journeymapper.ui import settings
from journeymapper.ui.start_page import StartPage
from journeymapper.ui.window import MainWindow

SAMPLES = sorted((ROOT / "workshops").glob("*.jmw"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_open_each_sample(bench, sample: Path, tmp_path: Path, qtbot) -> None:  # noqa: F811
    copy = tmp_path / sample.name
    shutil.copyfile(sample, copy)
    w = bench.open_path(copy)
    assert isinstance(w, MainWindow)
    shown(w)
    doc = w.session.doc
    assert doc.touchpoints and w.windowTitle() == f"{doc.info.title} — {sample.name} — saved"
    assert w.painpoints.tree.topLevelItemCount() == len(doc.pain_points)
    w.close()


def test_title_and_recent(bench, workshop: Path, qtbot) -> None:  # noqa: F811
    w = bench.open_path(workshop)
    assert w is not None
    assert w.windowTitle() == "Test workshop — test-workshop.jmw — saved"
    assert settings.recent_files() == [workshop.resolve()]
    w.close()
    workshop.unlink()
    assert settings.recent_files() == []  # missing files are pruned


def test_refused_file_shows_message_and_app_stays(bench, tmp_path: Path, qtbot) -> None:  # noqa: F811
    bad = tmp_path / "<b>garbage.jmw"  # a name that looks like markup is shown as it is
    bad.write_bytes(b"\x00\x01 this is not a workshop" * 40)
    original = bad.read_bytes()
    page = bench.show_start_page()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            assert box.textFormat() == Qt.TextFormat.PlainText
            seen.append(box.text())
            qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    assert bench.open_path(bad) is None
    assert len(seen) == 1 and "<b>garbage.jmw" in seen[0]
    assert bad.read_bytes() == original
    assert page.isVisible() and bench.start_page is page and not bench.windows


def test_start_page_template_and_sample(bench, tmp_path: Path, qtbot) -> None:  # noqa: F811
    page = bench.show_start_page()
    assert isinstance(page, StartPage)
    shown(page)
    qtbot.mouseClick(page.template_buttons["service-blueprint"], Qt.MouseButton.LeftButton)
    assert len(bench.windows) == 1
    w = bench.windows[0]
    assert w.file_path == tmp_path / "answer.jmw"
    assert w.session.doc.stages[0].name == "Aware"
    w.close()
    if not SAMPLES:
        return
    page = bench.show_start_page()
    original = SAMPLES[0].read_bytes()
    item = page.samples.item(0)
    page.samples.setCurrentItem(item)
    page.samples.setFocus()
    qtbot.keyClick(page.samples, Qt.Key.Key_Return)
    assert len(bench.windows) == 1
    opened = bench.windows[0].file_path
    assert opened is not None and opened.parent == tmp_path / "workspace"
    assert SAMPLES[0].read_bytes() == original  # the shipped sample is never the open file
    bench.windows[0].close()


def test_open_and_close_fifty_times_leaks_nothing(bench, workshop: Path, qtbot) -> None:  # noqa: F811
    refs: list[weakref.ref[object]] = []
    for _ in range(50):
        w = bench.open_path(workshop)
        assert w is not None
        refs += [weakref.ref(w.session), weakref.ref(w.session.doc)]
        w.close()
        del w
        flush_deletes()
    gc.collect()
    assert not bench.windows
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    alive = [r for r in refs if r() is not None]
    assert not alive, f"{len(alive)} sessions/documents still alive"


def test_start_page_ctrl_o_opens(bench, workshop: Path, qtbot) -> None:  # noqa: F811
    page = bench.show_start_page()
    bench.ask_open_path = lambda *_a: str(workshop)
    shown(page)
    qtbot.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert [w.file_path for w in bench.windows] == [workshop]
    flush_deletes()
    assert bench.start_page is None  # it closed once the workshop was open


def test_start_page_f1_shows_the_keys_and_ctrl_q_closes_it(bench, qtbot) -> None:  # noqa: F811
    """The start page has no menu bar: F1 and Ctrl+Q / Ctrl+W work there as in a workshop."""
    page = bench.show_start_page()
    shown(page)
    qtbot.keyClick(page, Qt.Key.Key_F1)
    box = page.findChild(QMessageBox, "keysHelp")
    assert box is not None and box.isVisible()
    box.close()
    qtbot.keyClick(page, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not page.isVisible()
    flush_deletes()
    page = bench.show_start_page()
    shown(page)
    qtbot.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not page.isVisible()


def test_a_window_remembered_from_a_larger_screen_comes_back_on_this_one(
        bench, workshop: Path, qtbot) -> None:  # noqa: F811
    """A laptop last used on a 1080p projector, now on a small screen: the remembered window
    came back with its bottom (the backlog) below the screen's edge."""
    w = bench.open_path(workshop)
    assert w is not None
    w.showNormal()
    w.setGeometry(300, 400, 1400, 900)  # far larger than the offscreen screen (800x800)
    settings.save_window_state(w.saveGeometry(), w.saveState())
    w.close()
    w = bench.open_path(workshop)
    assert w is not None and not w.first_run
    shown(w)
    free = w.screen().availableGeometry()
    g = w.geometry()
    assert free.contains(g) and g.top() >= free.top() + 32, (g, free)
    w.close()


def test_a_window_closed_maximised_opens_maximised(bench, workshop: Path, qtbot) -> None:  # noqa: F811
    """Qt restores a maximised window saved on a larger screen as a normal window of its least
    size (seen on a 1280x720 screen after a 1920x1080 one): the app keeps the fact itself."""
    w = bench.open_path(workshop)
    assert w is not None
    shown(w)
    w.showMaximized()
    qtbot.waitUntil(w.isMaximized, timeout=3000)
    w.close()
    assert settings.window_was_maximized()
    w = bench.open_path(workshop)
    assert w is not None and not w.first_run and w.was_maximized
    qtbot.waitUntil(w.isMaximized, timeout=3000)
    w.showNormal()
    w.close()
    assert not settings.window_was_maximized()
