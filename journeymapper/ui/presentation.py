"""Presentation mode for the projector (F5 enters, Esc leaves).

Full screen, docks, toolbars, menus and status bar hidden, the map in its presentation style.
Keys: Left/Right focus the previous/next stage, Home shows the whole map; T starts/pauses the
exercise timer, + / - add or take a minute. N new card, P pain point, V vote and O overlay are the
window's own shortcuts and work here too.
Leaving restores the window's geometry, dock layout and view exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QTransform
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QLabel, QWidget

if TYPE_CHECKING:
    from journeymapper.ui.window import MainWindow

DEFAULT_MINUTES = 15
STRIP_PAD = 10  # above and below the timer, in the strip it gets under the map


class Badge(QLabel):
    """Large text over a corner of the map, readable from the back of the room."""

    def __init__(self, parent: QWidget, top: bool, right: bool = False) -> None:
        super().__init__(parent)
        self.top = top
        self.right = right or top
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)  # stage names as typed
        parent.installEventFilter(self)
        self.hide()

    def show_text(self, text: str, colour: str = "white", size: int = 40) -> None:
        self.setStyleSheet(
            f"QLabel {{ color: {colour}; background: rgba(10, 16, 28, 215); border-radius: 18px;"
            f" font-size: {size}px; font-weight: 700; padding: 8px 28px; }}")
        self.setText(text)
        self.adjustSize()
        self._place()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            y = 24 if self.top else parent.height() - self.height() - 24
            self.move(parent.width() - self.width() - 32 if self.right else 32, y)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False


class TimerLabel(Badge):
    """The exercise countdown in a strip under the map (over the map it covered a stage's name
    or a card, whichever corner it took); T starts and pauses it, + / - add or take a minute.
    ``parent`` is the map's view: the strip is a viewport margin, so the map fits above it."""

    def __init__(self, parent: QAbstractScrollArea, room_changed: Callable[[], None]) -> None:
        super().__init__(parent, top=False)
        self.setObjectName("exerciseTimer")
        self.setTextFormat(Qt.TextFormat.RichText)  # "paused" in smaller type
        self.view = parent
        self.room_changed = room_changed  # the map lost or got back the strip: fit it again
        self._own_palette: QPalette | None = None  # the view's, while the strip has the map's
        self.remaining = DEFAULT_MINUTES * 60
        self.running = False
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.tick)
        self._paint()

    def _show_in_strip(self) -> None:
        self.show()
        self.raise_()
        strip = self.height() + 2 * STRIP_PAD
        if self.view.viewportMargins().bottom() != strip:
            self._paint_strip_as_the_map()
            self.view.setViewportMargins(0, 0, 0, strip)
            self._place()
            self.room_changed()

    def _paint_strip_as_the_map(self) -> None:
        """The strip is the view's own background, the window's grey: on the wall it is part of
        the map, so it gets the map's paper (the viewport's colour outside the scene)."""
        if self._own_palette is None:
            self._own_palette = QPalette(self.view.palette())
        paper = self.view.viewport().palette().color(QPalette.ColorRole.Base)
        theme = getattr(getattr(self.view, "map_scene", None), "theme", None)
        if theme is not None:
            paper = QColor(theme.background)
        palette = QPalette(self.view.palette())
        palette.setColor(QPalette.ColorRole.Window, paper)
        self.view.setPalette(palette)
        self.view.setAutoFillBackground(True)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:  # the right end of the strip under the map
            self.move(parent.width() - self.width() - 32, parent.height() - self.height()
                      - STRIP_PAD)

    def toggle(self) -> None:
        self._show_in_strip()
        if self.remaining <= 0:
            self.remaining = DEFAULT_MINUTES * 60
        self.running = not self.running
        if self.running:
            self._tick.start()
        else:
            self._tick.stop()
        self._paint()

    def adjust(self, minutes: int) -> None:
        self._show_in_strip()
        self.remaining = max(0, min(180 * 60, self.remaining + 60 * minutes))
        self._paint()

    def stop(self) -> None:
        self.running = False
        self._tick.stop()
        self.hide()
        if self.view.viewportMargins().bottom():
            self.view.setViewportMargins(0, 0, 0, 0)
        if self._own_palette is not None:
            self.view.setPalette(self._own_palette)
            self._own_palette = None

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
        return f"{m:02d}:{s:02d}" + ("" if self.running else " paused")

    def _paint(self) -> None:
        colour = "#ff5a4f" if self.remaining <= 60 else ("#ffd34f" if not self.running else "white")
        text = self.text_shown()
        if text.endswith(" paused"):
            text = text.replace(" paused", "<span style='font-size:30px'>&nbsp;paused</span>")
        self.show_text(text, colour, 72)


class Presentation(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.stage_index = -1  # -1: the whole map
        self.timer = TimerLabel(window.view, self._refit)
        # the focused stage's name, bottom right: the lane names stay on the left while a stage
        # is in focus, and the caption covered the last one
        self.caption = Badge(window.view.viewport(), top=False, right=True)
        self.caption.setObjectName("stageCaption")
        self._saved: tuple[QRect, QByteArray, Qt.WindowState, bool, bool] | None = None
        # the view's scale, scroll position, frame, and whether it was fitted (fit mode)
        self._view_saved: tuple[QTransform, int, int, QFrame.Shape, bool] | None = None
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
                            v.verticalScrollBar().value(), v.frameShape(), v.fitted())
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
        v.setFrameShape(QFrame.Shape.NoFrame)  # nothing but the map on the wall
        for set_policy in (v.setHorizontalScrollBarPolicy, v.setVerticalScrollBarPolicy):
            set_policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.caption.hide()
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
        for set_policy in (w.view.setHorizontalScrollBarPolicy,
                           w.view.setVerticalScrollBarPolicy):
            set_policy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self._view_saved is not None:
            t, h, vv, frame, fitted = self._view_saved
            w.view.setFrameShape(frame)
            if fitted:  # fitted again to the window's own size, once it has it back
                w.view.fit_all()
            else:
                w.view.leave_fit()
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
        stage_id = self.focused_stage()
        self.window.view.focus_stage(stage_id)
        if stage_id is None:
            self.caption.hide()
        else:
            name = self.window.session.doc.stage(stage_id).name
            self.caption.show_text(f"{self.stage_index + 1} / {n}   {name}")
            self.caption.show()
            self.caption.raise_()

    def next_stage(self) -> None:
        self._go(self.stage_index + 1)

    def previous_stage(self) -> None:
        self._go(self.stage_index - 1)

    def _refit(self) -> None:
        """The map's room changed (the timer's strip came or went): show the same part again."""
        if self.active:
            self.window.view.focus_stage(self.focused_stage())

    def show_all(self) -> None:
        self._go(-1)
