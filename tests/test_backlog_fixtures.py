"""Fixtures for the backlog tests: a QMainWindow holding a map, the pain points dock and the
backlog docks over a copy of a sample workshop (imported by test_backlog_*, test_charts_dock*)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow

from journeymapper.model import Document
from journeymapper.store import WorkshopFile
from journeymapper.ui.backlog import BacklogParts, install_backlog
from journeymapper.ui.canvas import MapView
from journeymapper.ui.docks.painpoints import PainPointsDock
from journeymapper.ui.session import Session


@dataclass
class Bench:
    path: Path
    file: WorkshopFile
    session: Session
    window: QMainWindow
    view: MapView
    parts: BacklogParts


@pytest.fixture
def bench(qtbot, sample_copy) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    path = sample_copy("surgeon-practice")
    wf = WorkshopFile.open(path)
    session = Session(wf.document, wf)
    window = QMainWindow()
    qtbot.addWidget(window)
    view = MapView(session, window)
    window.setCentralWidget(view)
    pains = PainPointsDock(session, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, pains)
    parts = install_backlog(window, view, session)
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    for _ in range(3):
        QApplication.processEvents()
    yield Bench(path, wf, session, window, view, parts)
    window.close()
    view.cleanup()
    session.close()
    wf.close()


def reopen(path: Path) -> Document:
    """What is on disk now, read beside the open window."""
    wf = WorkshopFile.open(path, read_only_if_locked=True)
    try:
        return wf.document
    finally:
        wf.close()


def cell_point(table: QAbstractItemView, row: int, col: int) -> QPoint:
    index = table.model().index(row, col)
    table.scrollTo(index)
    return table.visualRect(index).center()
