"""The application: one ``Workbench`` owns the open windows, the start page and the dialogs that
ask for files; ``run`` is what ``journeymapper [PATH]`` calls."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from journeymapper import __version__
from journeymapper.model.templates import TEMPLATES, build
from journeymapper.samples import copy_sample, default_workspace
from journeymapper.ui import clipboard_guard, settings
from journeymapper.ui.about import app_icon
from journeymapper.ui.dialogs.errors import show_error
from journeymapper.ui.prefs import apply_theme, saved_theme
from journeymapper.ui.session import Session
from journeymapper.ui.window import MainWindow

if TYPE_CHECKING:
    from journeymapper.ui.start_page import StartPage

FILTER = "JourneyMapper workshops (*.jmw)"


def _ask_open(parent: QWidget | None) -> str | None:
    from PySide6.QtWidgets import QFileDialog  # here: made when first needed, not at start-up

    path, _ = QFileDialog.getOpenFileName(parent, "Open workshop", str(default_workspace()), FILTER)
    return path or None


def _ask_save(parent: QWidget | None, title: str, suggested: str, filt: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filt)
    return path or None


class Workbench(QObject):
    """Opens workshops into windows and keeps the app alive when a file is refused.

    The file and error dialogs are plain callables so tests can answer them without a human.
    """

    def __init__(self, workspace: Path | None = None) -> None:
        super().__init__()
        self.windows: list[MainWindow] = []
        self.start_page: StartPage | None = None
        self.workspace = workspace or default_workspace()
        self.ask_open_path: Callable[[QWidget | None], str | None] = _ask_open
        self.ask_save_path: Callable[[QWidget | None, str, str, str], str | None] = _ask_save
        self.show_error: Callable[[QWidget | None, str, str], None] = show_error
        # Windows open at this size instead of maximised or as remembered (pictures taken
        # offscreen, whose screen is small: laid out once, at the picture's size).
        self.picture_size: tuple[int, int] | None = None

    # -- opening -------------------------------------------------------------------------------
    def open_path(self, path: str | Path, parent: QWidget | None = None) -> MainWindow | None:
        from journeymapper.store import StoreError, WorkshopFile

        path = Path(path)
        for w in self.windows:
            if w.file_path and w.file_path.resolve() == path.resolve():
                w.raise_()
                w.activateWindow()
                return w
        try:
            wf = WorkshopFile.open(path, read_only_if_locked=True)
        except StoreError as exc:
            self.show_error(parent or self.start_page, "Cannot open workshop", str(exc))
            if not path.exists():
                settings.remove_recent(path)
            return None
        return self._window_for(wf)

    def _window_for(self, wf: object, like: MainWindow | None = None) -> MainWindow:
        session = Session(wf.document, wf)  # type: ignore[attr-defined]
        w = MainWindow(session, self)
        w.closed.connect(self._window_closed)
        if like is not None:
            w.restoreGeometry(like.saveGeometry())
            w.restoreState(like.saveState())
        self.windows.append(w)
        if self.picture_size is not None:  # a picture taken offscreen: not a workshop opened
            w.resize(*self.picture_size)
            w.show()
        else:
            settings.add_recent(Path(wf.path), w.session.doc.info.title)  # type: ignore[attr-defined]
            if w.first_run or w.was_maximized:  # a projector wants the whole screen
                w.showMaximized()
            else:
                w.show()
        w.view.fit_all()
        if self.start_page is not None:
            self.start_page.close()
        return w

    def open_dialog(self, parent: QWidget | None = None) -> MainWindow | None:
        path = self.ask_open_path(parent)
        return self.open_path(path, parent) if path else None

    def open_sample(self, sample: Path) -> MainWindow | None:
        """Open the user's copy of a shipped sample (made on first use), never the sample."""
        try:
            copy = copy_sample(sample.stem, self.workspace)
        except OSError as exc:
            self.show_error(self.start_page, "Cannot copy the sample", str(exc))
            return None
        return self.open_path(copy)

    def new_workshop(self, template: str, parent: QWidget | None = None) -> MainWindow | None:
        from journeymapper.store import StoreError, WorkshopFile

        tpl = TEMPLATES[template]
        self.workspace.mkdir(parents=True, exist_ok=True)  # where the file dialog starts
        suggested = self.workspace / f"{template}.jmw"
        path = self.ask_save_path(parent or self.start_page, "Save the new workshop as",
                                  str(suggested), FILTER)
        if not path:
            return None
        target = Path(path).with_suffix(".jmw")
        named = target.stem.replace("-", " ").replace("_", " ").strip()
        title = tpl.title if target.stem == template or not named else named[:1].upper() + named[1:]
        try:
            wf = WorkshopFile.create(target, build(template, title), overwrite=True)
        except StoreError as exc:
            self.show_error(parent, "Cannot create workshop", str(exc))
            return None
        w = self._window_for(wf)
        w.edit_workshop_title()  # the first thing to do with a new workshop is to name it
        return w

    def save_as(self, window: MainWindow) -> MainWindow | None:
        from journeymapper.store import StoreError

        wf = window.session.file
        if wf is None:
            return None
        current = window.file_path
        path = self.ask_save_path(window, "Save workshop as",
                                  str(current.with_name(current.stem + " copy.jmw")) if current
                                  else "workshop.jmw", FILTER)
        if not path:
            return None
        try:
            target = Path(path).with_suffix(".jmw")
            new = wf.save_as(target, overwrite=True)  # type: ignore[attr-defined]
        except StoreError as exc:
            self.show_error(window, "Cannot save a copy", str(exc))
            return None
        w = self._window_for(new, like=window)
        window.close()
        return w

    # -- start page and quitting -----------------------------------------------------------------
    def show_start_page(self) -> StartPage:
        if self.start_page is None:
            from journeymapper.ui.start_page import StartPage

            page = StartPage(settings.recent_entries())
            page.setWindowIcon(app_icon())
            page.templateChosen.connect(lambda name: self.new_workshop(name))
            page.openRequested.connect(lambda: self.open_dialog(self.start_page))
            page.fileChosen.connect(lambda p: self.open_path(p, self.start_page))
            page.sampleChosen.connect(self.open_sample)
            page.destroyed.connect(self._start_page_gone)
            self.start_page = page
        self.start_page.show()
        self.start_page.raise_()
        return self.start_page

    def _start_page_gone(self) -> None:
        self.start_page = None

    def close_workshop(self, w: MainWindow) -> None:
        """File > Close: the last workshop closed leaves the start page, not an empty screen."""
        if w.close() and not self.windows:
            self.show_start_page()

    def _window_closed(self, w: MainWindow) -> None:
        if w in self.windows:
            self.windows.remove(w)
        if self.picture_size is None and w.file_path is not None:  # renamed while open
            settings.retitle_recent(w.file_path, w.session.doc.info.title)

    def quit(self) -> None:
        for w in list(self.windows):
            w.close()
        if self.start_page is not None:
            self.start_page.close()


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANISATION)
    app.setOrganizationDomain("journeymapper.example")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("journeymapper")
    apply_theme(app, saved_theme())
    clipboard_guard.install()
    return app


PICTURE_SIZE = (1920, 1080)


def screenshot(window: QWidget, out: Path, size: tuple[int, int] = PICTURE_SIZE,
               present: bool = False) -> None:
    """Render ``window`` at ``size`` (offscreen is fine) and save it as a picture."""
    window.show()
    if isinstance(window, MainWindow) and present:
        window.presentation.enter()
    # Neither maximised nor full screen: the picture has the size asked for, whatever the screen.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*size)
    for _ in range(3):
        QApplication.processEvents()
    if isinstance(window, MainWindow):
        window.view.fit_all()
        QApplication.processEvents()
        if window.view.overlay_visible():  # presentation: the picture shows the analysis too
            ctl = window.analysis
            ctl.refresh_now()
            if ctl.overlay is not None:
                ctl.overlay.rebuild()
            QApplication.processEvents()
    window.grab().save(str(out))


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, after the first paint of ``widget`` is over."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._then is not None and event.type() == QEvent.Type.Paint:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


def _collect_again() -> None:
    """The collector back on after start-up; what start-up made is frozen as it is (it lives as
    long as the app: a full pass over it would only cost time)."""
    gc.freeze()
    gc.enable()


# What Qt's offscreen platform says each time a window is shown or resized: nothing is wrong, and
# a picture taken from the command line should print nothing but a real problem.
_OFFSCREEN_CHATTER = ("This plugin does not support propagateSizeHints()",
                      "This plugin does not support raise()")  # the start page raises itself


def _quiet_offscreen_chatter() -> None:
    from PySide6.QtCore import (
        QMessageLogContext,
        QtMsgType,
        qFormatLogMessage,
        qInstallMessageHandler,
    )

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message not in _OFFSCREEN_CHATTER:  # the rest as Qt itself would print it
            print(qFormatLogMessage(mode, context, message), file=sys.stderr)

    qInstallMessageHandler(handler)


def run(path: str | None, screenshot_to: str | None = None, present: bool = False,
        collect_after_paint: bool = False) -> int:
    """Open ``path`` (or the start page) and run the event loop; with ``screenshot_to``, save a
    picture of the window instead and return (2, bad input, if the workshop could not be
    opened, as every other command).
    ``collect_after_paint``: the caller switched the garbage collector off for start-up; it is
    switched back on once the first window has been painted."""
    app = make_app()
    bench = Workbench()
    if screenshot_to:
        _quiet_offscreen_chatter()
        bench.show_error = lambda _p, _t, msg: print(f"journeymapper: {msg}", file=sys.stderr)
        bench.picture_size = PICTURE_SIZE
    target: QWidget | None = bench.open_path(path) if path else None
    if target is None:
        if screenshot_to and path:
            return 2
        target = bench.show_start_page()
    if collect_after_paint:
        _AfterFirstPaint(target, _collect_again)
    if screenshot_to:
        screenshot(target, Path(screenshot_to), present=present)
        bench.quit()
        return 0
    return app.exec()
