"""Start-up set-up of the interpreter: PySide6's per-module source check answers as before, only
faster (``journeymapper.ui.qt_boot``), and the garbage collector, off while the window is built,
is back on once the window has been painted (``journeymapper open``)."""

from __future__ import annotations

import argparse
import gc
import importlib
import shutil
import sys
from pathlib import Path

import pytest
from test_window_fixtures import jm_settings  # noqa: F401

from journeymapper.ui import qt_boot

ROOT = Path(__file__).resolve().parents[1]


def test_the_fast_source_check_answers_as_pyside6_does() -> None:
    feature = sys.modules["shibokensupport.feature"]
    fast = feature._mod_uses_pyside
    assert getattr(fast, "jm_fast", False), "journeymapper.ui did not install the fast check"
    original = fast.__closure__[0].cell_contents  # what PySide6 itself would answer
    names = ["journeymapper.ui.window", "journeymapper.ui.canvas.scene", "journeymapper.model",
             "journeymapper.store.workshop", "journeymapper.analysis.graph", "json", "sys",
             "enum", "PySide6.QtCore", "sqlite3", "shiboken6"]
    answers = {}
    for name in names:
        module = importlib.import_module(name)
        answers[name] = fast(module)
        assert answers[name] == original(module), name
    # both answers occur, so the comparison means something
    assert answers["journeymapper.ui.window"] and not answers["journeymapper.model"]
    assert qt_boot.speed_up_feature_check()  # idempotent: still the one wrapper
    assert feature._mod_uses_pyside is fast


def test_a_module_without_a_source_file_gets_pyside6s_answer(tmp_path: Path) -> None:
    feature = sys.modules["shibokensupport.feature"]
    fake = type(sys)("jm_no_source")
    fake.__file__ = str(tmp_path / "gone.py")  # named, but not there
    assert feature._mod_uses_pyside(fake) is False


@pytest.fixture
def collector_restored():  # type: ignore[no-untyped-def]
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_off_until_the_first_paint_then_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None,
        jm_settings: Path) -> None:  # noqa: F811
    from journeymapper.commands import open as open_command
    from journeymapper.ui import app as ui_app

    sample = tmp_path / "surgeon-practice.jmw"
    shutil.copyfile(ROOT / "workshops" / "surgeon-practice.jmw", sample)
    seen: dict[str, object] = {}
    real_open_path = ui_app.Workbench.open_path
    real_collect = ui_app._collect_again

    def open_path(self, path, parent=None):  # type: ignore[no-untyped-def]
        seen["enabled while building"] = gc.isenabled()
        return real_open_path(self, path, parent)

    def collect_again() -> None:
        seen["switched on after paint"] = True
        real_collect()

    monkeypatch.setattr(ui_app.Workbench, "open_path", open_path)
    monkeypatch.setattr(ui_app, "_collect_again", collect_again)
    gc.enable()
    frozen_before = gc.get_freeze_count()
    args = argparse.Namespace(path=str(sample), screenshot=str(tmp_path / "shot.png"),
                              presentation=False)
    assert open_command.run(args) == 0
    assert (tmp_path / "shot.png").is_file()
    assert seen == {"enabled while building": False, "switched on after paint": True}
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen_before  # start-up's objects left the collector's walk


def test_the_collector_comes_back_when_the_workshop_cannot_open(
        tmp_path: Path, collector_restored: None, jm_settings: Path) -> None:  # noqa: F811
    from journeymapper.commands import open as open_command

    bad = tmp_path / "not-a-workshop.jmw"
    bad.write_text("hello")
    gc.enable()
    args = argparse.Namespace(path=str(bad), screenshot=str(tmp_path / "shot.png"),
                              presentation=False)
    assert open_command.run(args) == 2  # bad input
    assert gc.isenabled()
