"""Presentation mode for the projector (F5 enters, Esc leaves).

Full screen, docks, toolbars, menus and status bar hidden, the map in its presentation style.
Keys: Left/Right focus the previous/next stage, Home shows the whole map; T starts/pauses the
exercise timer, + / - add or take a minute. N new card, P pain point, V vote and O overlay are the
window's own shortcuts and work here too.
Leaving restores the window's geometry, dock layout and view exactly as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTransform
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from journeymapper.ui.window import MainWindow

DEFAULT_MINUTES = 15


class TimerLabel(QLabel):
    """A large countdown over the view's top-right corner, readable from the back of the room."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseTimer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining = DEFAULT_MINUTES * 60
        self.running = False
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.tick)
        parent.installEventFilter(self)
        self.hide()
        self._paint()

    def toggle(self) -> None:
        self.show()
        self.raise_()
        if self.remaining <= 0:
            self.remaining = DEFAULT_MINUTES * 60
        self.running = not self.running
        if self.running:
            self._tick.start()
        else:
            self._tick.stop()
        self._paint()

    def adjust(self, minutes: int) -> None:
        self.show()
        self.raise_()
        self.remaining = max(0, min(180 * 60, self.remaining + 60 * minutes))
        self._paint()

    def stop(self) -> None:
        self.running = False
        self._tick.stop()
        self.hide()

    def tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        if self.remaining == 0:
            self.running = False
            self._tick.stop()
        self._paint()

    def text_shown(self) -> str:
        if self.remaining == 0:
            return "Time!"
        m, s = divmod(self.remaining, 60)
        return f"{m:02d}:{s:02d}" + ("" if self.running else "  ⏸")

    def _paint(self) -> None:
        colour = "#ff5a4f" if self.remaining <= 60 else ("#ffd34f" if not self.running else "white")
        self.setStyleSheet(
            f"QLabel {{ color: {colour}; background: rgba(10, 16, 28, 215); border-radius: 18px;"
            " font-size: 72px; font-weight: 700; padding: 8px 28px; }")
        self.setText(self.text_shown())
        self.adjustSize()
        self._place()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 32, 24)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False


class Presentation(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.stage_index = -1  # -1: the whole map
        self.timer = TimerLabel(window.view.viewport())
        self._saved: tuple[QRect, QByteArray, Qt.WindowState, bool, bool] | None = None
        self._view_saved: tuple[QTransform, int, int] | None = None
        self.actions: list[QAction] = []
        for keys, slot in (
            ("Esc", self.leave), ("Right", self.next_stage), ("Left", self.previous_stage),
            ("Home", self.show_all), ("T", self.timer.toggle),
            ("+", lambda: self.timer.adjust(1)), ("=", lambda: self.timer.adjust(1)),
            ("-", lambda: self.timer.adjust(-1)),
        ):
            act = QAction(keys, window)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            act.setEnabled(False)
            window.addAction(act)
            self.actions.append(act)

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        if self.active:
            return
        w = self.window
        self._saved = (w.geometry(), w.saveState(), w.windowState(),
                       w.menuBar().isVisible(), w.statusBar().isVisible())
        v = w.view
        self._view_saved = (v.transform(), v.horizontalScrollBar().value(),
                            v.verticalScrollBar().value())
        self.active = True
        for dock in w.docks():
            dock.hide()
        for bar in w.toolbars():
            bar.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        for act in self.actions:
            act.setEnabled(True)
        w.showFullScreen()
        keep = v.selected()
        v.set_presentation(True)
        v.select_entities(keep, center=False)
        self.stage_index = -1
        v.focus_stage(None)
        v.setFocus()
        w.presentation_changed(True)

    def leave(self) -> None:
        if not self.active or self._saved is None:
            return
        w = self.window
        geometry, state, win_state, menu_on, status_on = self._saved
        self.active = False
        self.timer.stop()
        for act in self.actions:
            act.setEnabled(False)
        keep = w.view.selected()
        w.view.set_presentation(False)
        w.view.select_entities(keep, center=False)
        if win_state & Qt.WindowState.WindowMaximized:
            w.showMaximized()
        else:
            w.showNormal()
            w.setGeometry(geometry)
        w.restoreState(state)
        w.menuBar().setVisible(menu_on)
        w.statusBar().setVisible(status_on)
        if self._view_saved is not None:
            t, h, vv = self._view_saved
            w.view.setTransform(t)
            w.view.horizontalScrollBar().setValue(h)
            w.view.verticalScrollBar().setValue(vv)
        self._saved = self._view_saved = None
        w.presentation_changed(False)

    # -- navigation ----------------------------------------------------------------------------
    def focused_stage(self) -> str | None:
        stages = self.window.session.doc.stages
        return stages[self.stage_index].id if 0 <= self.stage_index < len(stages) else None

    def _go(self, index: int) -> None:
        n = len(self.window.session.doc.stages)
        self.stage_index = max(-1, min(n - 1, index))
        self.window.view.focus_stage(self.focused_stage())

    def next_stage(self) -> None:
        self._go(self.stage_index + 1)

    def previous_stage(self) -> None:
        self._go(self.stage_index - 1)

    def show_all(self) -> None:
        self._go(-1)
