"""Fixtures for the window tests (imported by test_window_*, test_docks_*, test_presentation_*).

Settings go to a temp folder through Qt's own ``QSettings.setPath``; the file dialogs are the
Workbench's plain-callable seams, answered here with paths in tmp_path.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from journeymapper.model import edits
from journeymapper.model.templates import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def jm_settings(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


def shown(widget: QWidget) -> None:
    """Activate a shown window and let the window system catch up (offscreen is asynchronous)."""
    widget.activateWindow()
    for _ in range(3):
        QApplication.processEvents()
    assert widget.isVisible()


def flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    gc.collect()


@pytest.fixture
def bench(qtbot, jm_settings: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    from journeymapper.ui.app import Workbench, make_app

    make_app()
    before = {id(w) for w in QApplication.topLevelWidgets()}
    b = Workbench(workspace=tmp_path / "workspace")
    b.ask_save_path = lambda *_a: str(tmp_path / "answer.jmw")
    b.ask_open_path = lambda *_a: None
    yield b
    b.quit()
    flush_deletes()
    leaked = [w for w in QApplication.topLevelWidgets()
              if id(w) not in before and type(w).__name__ in
              ("MainWindow", "StartPage", "PainPointDialog", "QMessageBox")]
    assert not leaked, f"windows left open: {leaked}"


def make_workshop(path: Path) -> Path:
    """A small workshop on disk: client-engagement template, three cards, a flow, a pain point."""
    from journeymapper.store import WorkshopFile

    doc = build("client-engagement", "Test workshop")
    st, ln = doc.stages, doc.lanes
    e1 = edits.add_touchpoint(doc, st[0].id, ln[0].id, "Calls reception", touchpoint_id="tp-a")
    doc.apply(e1)
    doc.apply(edits.add_touchpoint(doc, st[1].id, ln[1].id, "Plan meeting", touchpoint_id="tp-b",
                                   score=7))
    doc.apply(edits.add_touchpoint(doc, st[2].id, ln[1].id, "Status report", touchpoint_id="tp-c"))
    doc.apply(edits.add_flow(doc, "tp-a", "tp-b"))
    doc.apply(edits.add_pain_point(doc, "tp-b", "Nobody called back", 4, pain_point_id="pp-1"))
    doc.apply(edits.add_pain_point(doc, "tp-b", "Rushed", 2, votes=3, pain_point_id="pp-2"))
    doc.revision = 0
    WorkshopFile.create(path, doc).close()
    return path


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    return make_workshop(tmp_path / "test-workshop.jmw")


@pytest.fixture
def window(bench, workshop: Path, qtbot):  # type: ignore[no-untyped-def]
    w = bench.open_path(workshop)
    assert w is not None
    w.resize(1400, 900)
    shown(w)
    w.view.setFocus()
    return w


def reopen(path: Path):  # type: ignore[no-untyped-def]
    """What is on disk now (read-only beside the window that has the file open)."""
    from journeymapper.store import WorkshopFile

    wf = WorkshopFile.open(path, read_only_if_locked=True)
    try:
        return wf.document
    finally:
        wf.close()
