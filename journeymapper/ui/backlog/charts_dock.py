"""The charts dock: the export module's charts, rendered in the background after the map
has been still for a moment, with a picker and "Save charts…" (PNG and SVG) to a folder.

The dock starts as a tab behind the pain points (shown, but covered), so its content (and the
chart jobs' module) is built when it comes to the front or is first used (the first render, half
a second after the window shows), not before the window's first paint. The dock itself exists at
once: its objectName lets ``QMainWindow.restoreState`` place it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model import Change
from journeymapper.ui.docks.lazy import LazyDock
from journeymapper.ui.session import Session

if TYPE_CHECKING:
    from .chart_jobs import ChartSet, ChartWorker

IDLE_MS = 500  # render once the map has been still this long
FolderAsker = Callable[[QWidget], str | None]
# Made by ``_build_content`` when the dock comes to the front or on first access (LazyDock).
CONTENT = frozenset({"picker", "refresh_button", "save_button", "image", "scroller", "status",
                     "_worker"})


def ask_folder(parent: QWidget) -> str | None:
    from PySide6.QtWidgets import QFileDialog  # here: made when first needed, not at start-up

    return QFileDialog.getExistingDirectory(parent, "Save charts to folder") or None


class _Relay(QObject):
    """Carries a result from the worker thread to the GUI thread (a queued signal)."""

    ready = Signal(object)


class ChartsDock(LazyDock):
    rendered = Signal()  # new pictures are shown
    CONTENT = CONTENT

    def __init__(self, session: Session, parent: QWidget | None = None,
                 ask_folder: FolderAsker = ask_folder) -> None:
        super().__init__("Charts", parent)
        self.setObjectName("chartsDock")
        self.session = session
        self.ask_folder = ask_folder
        self.pixmaps: dict[str, QPixmap] = {}
        self.shown_revision = -1
        self._busy = False
        self._dirty = True
        self._relay = _Relay(self)
        self._relay.ready.connect(self._apply)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self._idle)
        session.changed.connect(self._on_change)

    # -- content, built on demand (LazyDock) ---------------------------------------------------
    def _build_content(self) -> None:
        from .chart_jobs import CHART_TITLES, ChartWorker

        self._worker: ChartWorker = ChartWorker()
        self.destroyed.connect(self._worker.shutdown)
        self.picker = QComboBox()
        self.picker.setObjectName("chartPicker")
        for name, title in CHART_TITLES.items():
            self.picker.addItem(title, name)
        self.picker.currentIndexChanged.connect(lambda _i: self._show_current())
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button = QPushButton("Save charts…")
        self.save_button.clicked.connect(self.save_charts)
        self.image = QLabel("Charts appear here")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("background: white; color: #868E96;")
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)  # the chart is scaled to fit, never cropped
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.image.setMinimumSize(1, 1)
        self.image.setToolTip("Double-click: a large floating window (and back)")
        self.image.installEventFilter(self)
        self.scroller.setWidget(self.image)
        self.status = QLabel()
        self.status.setStyleSheet("color: #868E96;")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a folder's name, an error
        bar = QHBoxLayout()
        bar.addWidget(self.picker, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.save_button)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.scroller, 1)
        lay.addWidget(self.status)
        self.setWidget(box)

    # -- when to render ------------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        self._dirty = True
        self._timer.start()  # restarts: typing or dragging keeps pushing the render back

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._timer.start()

    def _idle(self) -> None:
        if not self._dirty:
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._timer.start()  # a drag is under way: wait for it to end
            return
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Render now (in the background); a render under way is followed by one more."""
        if self._busy:
            self._dirty = True
            return
        self._busy = True
        self._dirty = False
        self.status.setText("Drawing charts…")
        self._worker.submit(self.session.doc, self._deliver)

    def _deliver(self, result: ChartSet) -> None:
        """In the worker thread: hand the result over (a queued signal), unless the dock is gone."""
        with contextlib.suppress(RuntimeError):  # the window closed while they were drawn
            self._relay.ready.emit(result)

    def _apply(self, result: ChartSet) -> None:
        self._busy = False
        if result.error:
            self.status.setText(f"The charts could not be drawn: {result.error}")
        else:
            self.pixmaps = {}
            for name, png in result.charts:
                pm = QPixmap()
                pm.loadFromData(png, "PNG")
                self.pixmaps[name] = pm
            self.shown_revision = result.revision
            self.status.setText("")
            self._show_current()
            self.rendered.emit()
        if self._dirty or result.revision != self.session.doc.revision:
            self._dirty = True
            self._timer.start()

    # -- showing -------------------------------------------------------------------------------
    def current_name(self) -> str:
        return str(self.picker.currentData())

    def _show_current(self) -> None:
        pm = self.pixmaps.get(self.current_name())
        if pm is None or pm.isNull():
            self.image.setPixmap(QPixmap())
            self.image.setText("Drawing charts…" if self._busy else "No chart yet")
            return
        room = self.scroller.viewport().size()
        if pm.width() > room.width() or pm.height() > room.height():
            pm = pm.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pm)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.image and event.type() == QEvent.Type.MouseButtonDblClick:
            self.toggle_large()
            return True
        return super().eventFilter(obj, event)

    def toggle_large(self) -> None:
        """Float the dock at a size a room can read, or put it back."""
        if self.isFloating():
            self.setFloating(False)
            return
        self.setFloating(True)
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width() * 3 // 4), min(900, screen.height() * 3 // 4))
        self.move(screen.center() - self.rect().center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.built():
            self._show_current()

    def save_charts(self) -> list[Path]:
        folder = self.ask_folder(self)
        if not folder:
            return []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        from .chart_jobs import save, snapshot

        try:
            written = save(snapshot(self.session.doc)[1], Path(folder))
        except OSError as exc:
            self.session.error.emit(f"Could not save the charts: {exc}")
            return []
        finally:
            QApplication.restoreOverrideCursor()
        self.status.setText(f"Saved {len(written)} files to {folder}")
        return written
