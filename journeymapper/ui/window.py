"""The main window: the map in the middle, docks around it, menus, title and status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QLineEdit, QMainWindow, QToolBar

from journeymapper.model import INFO_ID, Change, Document, PainPoint, combine, edits
from journeymapper.ui import plain, settings
from journeymapper.ui.actions import WindowActions
from journeymapper.ui.analysis.dock import FindingsDock
from journeymapper.ui.backlog import install_backlog
from journeymapper.ui.canvas import MapView
from journeymapper.ui.docks.history import HistoryDock
from journeymapper.ui.docks.inspector import InspectorDock
from journeymapper.ui.docks.painpoints import PainPointsDock
from journeymapper.ui.presentation import Presentation
from journeymapper.ui.session import Session

if TYPE_CHECKING:
    from journeymapper.analysis.settings import Settings
    from journeymapper.prefs import Preferences
    from journeymapper.ui.analysis import AnalysisController
    from journeymapper.ui.app import Workbench
    from journeymapper.ui.dialogs.painpoint import PainPointDialog

Ref = tuple[str, str]
# The actions that change the workshop (off while it is open read-only).
EDITING_ACTIONS = ("cut", "paste", "duplicate", "delete", "rename", "add_card", "connect",
                   "pain_point", "vote", "add_stage", "add_lane",
                   *(f"score_{n}" for n in range(1, 11)), "score_none")


def top_pain_point(pps: list[PainPoint]) -> PainPoint | None:
    """The pain point a vote on a card goes to: most votes, then most severe."""
    return min(pps, key=lambda p: (-p.votes, -p.severity, p.id), default=None)


WARM_UP_MS = 600
TITLE_BAR, FRAME_SIDE = 32, 4  # px of a window's frame: its title bar, its other sides (about)
ANALYSIS_FALLBACK_MS = 300  # the analysis starts after the first paint, or this long after showing


def jmw_paths(mime: Any) -> list[Path]:
    """The .jmw files in a drag (the start page's rule; imported on the first drag)."""
    from journeymapper.ui.start_page import jmw_paths as paths

    return paths(mime)


def warm_up_store() -> None:
    from journeymapper.store import warm_up

    warm_up()


class MainWindow(QMainWindow):
    closed = Signal(object)  # this window, after its session is closed

    def __init__(self, session: Session, controller: Workbench) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAcceptDrops(True)  # drop .jmw files on the window to open them
        self.session = session
        self.controller = controller
        self.pain_dialog: PainPointDialog | None = None
        self.view = MapView(session, self)
        self.setCentralWidget(self.view)
        self.view.viewport().installEventFilter(self)
        self.inspector = InspectorDock(session, self)
        self.painpoints = PainPointsDock(session, self)
        self.history = HistoryDock(session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.painpoints)
        self.tabifyDockWidget(self.painpoints, self.history)
        self.painpoints.raise_()
        self.backlog_parts = install_backlog(
            self, self.view, session, open_path=lambda p: controller.open_path(p, self))
        # The findings dock is a tab from the start (a tab, not a third row: the window fits
        # 768 px); the analysis behind it (controller, map overlay) is made right after the
        # window's first paint (``analysis``), the dock's content when it is first shown.
        self.findings = FindingsDock(None, self.view, session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings)
        self.tabifyDockWidget(self.painpoints, self.findings)
        self._analysis: AnalysisController | None = None
        self._prefs_: Preferences | None = None
        self._overlay_before_presenting: bool | None = None
        self.painpoints.raise_()  # in the room, pain points come first among the tabs
        self._first_show = True
        self._closing = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_once)
        self._layout_restored = False
        self.presentation = Presentation(self)
        self.actions_ = WindowActions(self)
        self._notice = QLabel()
        self._notice.setTextFormat(Qt.TextFormat.PlainText)  # it may name a file
        self.statusBar().addPermanentWidget(self._notice)
        self.view.selectionChangedIds.connect(self._selection_changed)
        self.painpoints.painPointSelected.connect(self._pain_point_picked)
        self.inspector.painPointChosen.connect(self.painpoints.select)
        requested = getattr(self.view, "painPointRequested", None)
        if requested is not None:  # the map's context menu asks for a pain point on a card
            requested.connect(self.add_pain_point_to)
        session.changed.connect(self._on_change)
        session.error.connect(self._on_error)
        self._restore_layout()
        self._show_notice()
        self.update_title()
        self._offer_edits(not session.doc.read_only)  # a window keeps its file (save as: a new one)

    # -- parts ---------------------------------------------------------------------------------
    @property
    def analysis(self) -> AnalysisController:
        """The live analysis (controller, overlay, findings): made on first use, or right after
        the first paint (the map overlay is empty until the first result anyway)."""
        if self._analysis is None:
            from journeymapper.ui.analysis.install import install_analysis

            self._analysis = install_analysis(self, self.view, self.session, dock=self.findings)
            self._analysis.settings_for = self._analysis_settings
        return self._analysis

    def _start_analysis(self) -> None:
        if not self._closing:
            self.analysis  # noqa: B018 - made now, after the first paint

    @property
    def _prefs(self) -> Preferences:
        if self._prefs_ is None:
            from journeymapper.ui.preferences import load_preferences

            self._prefs_ = load_preferences()
        return self._prefs_

    @_prefs.setter
    def _prefs(self, value: Preferences) -> None:
        self._prefs_ = value

    def docks(self) -> list[QDockWidget]:
        return [self.inspector, self.painpoints, self.history, self.findings,
                *self.backlog_parts.docks()]

    def toolbars(self) -> list[QToolBar]:
        return self.findChildren(QToolBar)

    @property
    def file_path(self) -> Path | None:
        path = getattr(self.session.file, "path", None)
        return Path(path) if path else None

    def update_title(self) -> None:
        path = self.file_path
        state = ("read-only" if self.session.doc.read_only else "saved") if path else "not saved"
        parts = [self.session.doc.info.title, path.name if path else None, state]
        self.setWindowTitle(" — ".join(p for p in parts if p))
        self.setWindowFilePath(str(path) if path else "")

    def _offer_edits(self, writable: bool) -> None:
        """A read-only workshop offers no edits (menus, toolbar, keys): each would be refused."""
        for name in EDITING_ACTIONS:
            self.actions_[name].setEnabled(writable)
        self.backlog_parts.import_action.setEnabled(writable)

    def _show_notice(self) -> None:
        """The file's notice (read-only, recovered...) for as long as the window shows it: once,
        at the right of the status bar (a passing message beside it said the same twice)."""
        notice = getattr(self.session.file, "notice", None)
        self._notice.setText(str(notice) if notice else "")
        self._notice.setToolTip(plain.tip(str(notice)) if notice else "")

    def _on_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QApplication.beep()

    def _on_change(self, change: Change) -> None:
        if change.touches("info"):
            self.update_title()

    # -- selection -----------------------------------------------------------------------------
    def selected(self) -> list[Ref]:
        return list(self.view.selected())

    def selected_card(self) -> str | None:
        cards = [i for k, i in self.selected() if k == "touchpoint"]
        return cards[0] if len(cards) == 1 else None

    def _selection_changed(self, refs: list[Ref]) -> None:
        self.inspector.show_refs(list(refs))

    def _pain_point_picked(self, pp_id: str) -> None:
        pp = self.session.doc.pain_points.get(pp_id)
        if pp is None:
            return
        if self.selected() != [("touchpoint", pp.touchpoint_id)]:
            self.view.select_entities([("touchpoint", pp.touchpoint_id)])
        self.inspector.show_entity("painpoint", pp_id)

    # -- commands ------------------------------------------------------------------------------
    def add_pain_point(self) -> None:
        """P: the quick-entry dialog for the selected card (non-blocking; Enter adds)."""
        tp_id = self.selected_card()
        if tp_id is None:
            self.statusBar().showMessage("Select one card first, then press P.", 6000)
            return
        self.add_pain_point_to(tp_id)

    def add_pain_point_to(self, tp_id: str) -> None:
        if self.session.doc.read_only or tp_id not in self.session.doc.touchpoints:
            return
        if self.pain_dialog is not None:
            self.pain_dialog.reject()
        from journeymapper.ui.dialogs.painpoint import PainPointDialog  # first asked for here

        dlg = PainPointDialog(self.session.doc.touchpoint(tp_id).title, self)
        dlg.accepted.connect(lambda: self._pain_point_entered(tp_id, dlg))
        dlg.finished.connect(lambda _r: self._pain_dialog_done(dlg))
        self.pain_dialog = dlg
        dlg.open()

    def _pain_dialog_done(self, dlg: PainPointDialog) -> None:
        if self.pain_dialog is dlg:
            self.pain_dialog = None
        dlg.deleteLater()

    def _pain_point_entered(self, tp_id: str, dlg: PainPointDialog) -> None:
        if self.session.doc.touchpoints.get(tp_id) is None:
            return
        edit = edits.add_pain_point(self.session.doc, tp_id, dlg.text.text(), dlg.severity(),
                                    dlg.kind(), dlg.servqual())
        self.session.do(edit)

    def vote(self) -> None:
        """V: +1 on the pain point picked in the list if it is on the selected card, else on the
        card's top pain point; a card with no pain point opens the pain point entry instead."""
        tp_id = self.selected_card()
        if tp_id is None:
            picked = self.painpoints.current_id()
            if picked is None:
                self.statusBar().showMessage("Select a card or a pain point, then press V.", 6000)
                return
            self._vote_on(picked)
            return
        pps = self.session.doc.pain_points_of(tp_id)
        picked = self.painpoints.current_id()
        target = next((p for p in pps if p.id == picked), None) or top_pain_point(pps)
        if target is None:
            self.add_pain_point()
            return
        self._vote_on(target.id)

    def _vote_on(self, pp_id: str) -> None:
        """One vote, said in the status bar: the count on the card's badge is small on the map."""
        edit = edits.vote(self.session.doc, pp_id)
        if self.session.do(edit):
            self.statusBar().showMessage(edit.label, 4000)

    def score_cards(self, score: int | None) -> None:
        """1 … 9 and 0 (10) on the map: the selected cards' satisfaction score, one undo step;
        Backspace clears it."""
        doc = self.session.doc
        cards = [i for k, i in self.selected() if k == "touchpoint" and i in doc.touchpoints]
        if not cards:
            self.statusBar().showMessage("Select a card, then press 1 … 9, or 0 for 10.", 6000)
            return
        steps = [edits.update_touchpoint(doc, t, score=score) for t in cards]
        if len(cards) == 1:
            edit = steps[0]
        else:
            said = f"{score} out of 10" if score is not None else "no score"
            edit = combine(f"Score {len(cards)} cards: {said}", *steps)
        if edit.ops and self.session.do(edit):
            self.statusBar().showMessage(edit.label, 4000)

    def delete_selection(self) -> None:
        """Delete what is selected on the map as one undo step (cards take their flows along)."""
        doc, refs = self.session.doc, self.selected()
        delete = getattr(self.view, "delete_selection", None)
        if callable(delete):
            delete()
            return
        if not refs:
            return
        stack = self.session.undo_stack
        stack.beginMacro("Delete selection")
        try:
            flows = [i for k, i in refs if k == "flow" and i in doc.flows]
            if flows:
                self.session.do(edits.remove_flows(doc, flows))
            cards = [i for k, i in refs if k == "touchpoint" and i in doc.touchpoints]
            if cards:
                self.session.do(edits.remove_touchpoints(doc, cards))
            for kind, eid in refs:
                if kind == "stage" and doc.get("stage", eid):
                    self.session.do(edits.remove_stage(doc, eid))
                elif kind == "lane" and doc.get("lane", eid):
                    self.session.do(edits.remove_lane(doc, eid))
        finally:
            stack.endMacro()

    def cut_selection(self) -> None:
        if getattr(self.view, "copy_selection", lambda: False)():
            self.delete_selection()

    def add_stage(self) -> None:
        self._add_and_name(edits.add_stage(self.session.doc, "New stage"), "stage")

    def add_lane(self) -> None:
        self._add_and_name(edits.add_lane(self.session.doc, "New lane"), "lane")

    def _add_and_name(self, edit: Any, kind: str) -> None:
        if self.session.do(edit):
            eid = edit.ops[-1].entity.id
            self.view.select_entities([(kind, eid)])
            self.inspector.show_entity(kind, eid)
            name = self.inspector.field("name").widget
            name.setFocus()
            if isinstance(name, QLineEdit):
                name.selectAll()

    def edit_workshop_title(self) -> None:
        self.view.select_entities([], center=False)
        self.inspector.show_entity("info", INFO_ID)
        title = self.inspector.field("title").widget
        title.setFocus()
        if isinstance(title, QLineEdit):
            title.selectAll()

    def set_overlay(self) -> None:
        self.view.set_overlay_visible(self.actions_["overlay"].isChecked())

    def toggle_overlay(self) -> None:
        self.actions_["overlay"].trigger()

    def show_preferences(self) -> None:
        from journeymapper.ui.preferences import apply_theme, load_preferences, show_preferences

        if show_preferences(self):
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, load_preferences().theme)
            self.preferences_changed()

    def preferences_changed(self) -> None:
        """New default thresholds: the analysis recomputes with them."""
        from journeymapper.ui.preferences import load_preferences

        self._prefs = load_preferences()
        self.analysis.schedule()

    def _analysis_settings(self, doc: Document) -> Settings:
        """The user's default thresholds, under the workshop's own settings."""
        from journeymapper.analysis.settings import Settings
        from journeymapper.prefs import analysis_values

        return Settings.from_values(analysis_values(self._prefs, doc.settings))

    def save_as(self) -> None:
        self.controller.save_as(self)

    def export_workbook(self) -> None:
        from journeymapper.ui.backlog.io_dialogs import export_workbook_dialog

        path = export_workbook_dialog(self, self.session, ask_save=self.controller.ask_save_path,
                                      notify=self.controller.show_error)
        if path is not None:
            self.statusBar().showMessage(f"Exported to {path}", 10000)

    def export_picture(self) -> None:
        from journeymapper.ui.render import render_map

        path = self.controller.ask_save_path(self, "Export picture", self._suggest(".png"),
                                             "Pictures (*.png *.svg *.pdf)")
        if not path:
            return
        overlay = self.view.overlay_visible()  # the picture shows what the room sees
        if overlay:
            from journeymapper.ui.analysis.install import register_render_overlay

            register_render_overlay()
        self._run_export(lambda: render_map(self.session.doc, Path(path), overlay=overlay), path)

    def _suggest(self, suffix: str) -> str:
        path = self.file_path
        return str(path.with_suffix(suffix)) if path else f"workshop{suffix}"

    def _run_export(self, job: Any, path: str) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job()
        except Exception as exc:
            self.controller.show_error(self, "Export failed", f"{Path(path).name}: {exc}")
        else:
            self.statusBar().showMessage(f"Exported to {path}", 10000)
        finally:
            QApplication.restoreOverrideCursor()

    # -- presentation and layout ---------------------------------------------------------------
    def presentation_changed(self, on: bool) -> None:
        self.actions_["present"].setChecked(on)
        overlay = self.actions_["overlay"]
        if on:  # the overlay is on by default on the projector; leaving puts it back as it was
            self._overlay_before_presenting = overlay.isChecked()
            if not overlay.isChecked():
                overlay.trigger()
        elif self._overlay_before_presenting is not None:
            if overlay.isChecked() != self._overlay_before_presenting:
                overlay.trigger()
            self._overlay_before_presenting = None

    def _restore_layout(self) -> None:
        if getattr(self.controller, "picture_size", None) is not None:
            # An offscreen picture has the default layout at its own size, whatever window the
            # user left last: a remembered maximised state would shrink it to the offscreen
            # screen (800x800) once shown.
            self.first_run = self.was_maximized = False
            return
        geometry, state = settings.window_state()
        self.first_run = geometry is None
        self.was_maximized = geometry is not None and settings.window_was_maximized()
        if geometry is not None:
            self.restoreGeometry(geometry)
            self._fit_on_screen()
        else:
            self.resize(1440, 900)
        if state is not None:
            self._layout_restored = self.restoreState(state)

    def _fit_on_screen(self) -> None:
        """A window remembered from a larger screen (the laptop was on a 1080p projector) came
        back partly below a 720p one, the backlog out of reach (Qt moves a restored window only
        when it is wholly off screen): it is moved, and shrunk if need be, into the screen's
        free area, with room above for the title bar."""
        if self.windowState() & (Qt.WindowState.WindowMaximized
                                 | Qt.WindowState.WindowFullScreen):
            return
        screen = self.screen()
        if screen is None:
            return
        free, g = screen.availableGeometry(), self.geometry()  # g: without the window's frame
        w = min(g.width(), free.width() - 2 * FRAME_SIDE)
        h = min(g.height(), free.height() - TITLE_BAR - FRAME_SIDE)
        x = max(free.left() + FRAME_SIDE, min(g.x(), free.x() + free.width() - FRAME_SIDE - w))
        y = max(free.top() + TITLE_BAR, min(g.y(), free.y() + free.height() - FRAME_SIDE - h))
        if (x, y, w, h) != (g.x(), g.y(), g.width(), g.height()):
            self.setGeometry(x, y, w, h)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if not self._layout_restored:  # first run: room for the inspector's fields
                self.resizeDocks([self.inspector], [max(380, self.width() // 4)],
                                 Qt.Orientation.Horizontal)
                self.resizeDocks([self.inspector, self.painpoints], [420, 380],
                                 Qt.Orientation.Vertical)
            self._fit_timer.start()  # fit once the view has its final size
            # The store imports its SQL layer lazily (fast start); load it once the window is up
            # rather than on the facilitator's first edit.
            QTimer.singleShot(WARM_UP_MS, warm_up_store)
            # Normally the map's first paint starts the analysis (eventFilter); should the map not
            # be painted (a minimised window), it starts anyway.
            QTimer.singleShot(ANALYSIS_FALLBACK_MS, self, self._start_analysis)

    def _fit_once(self) -> None:
        if self.isVisible():
            self.view.fit_all()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if jmw_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if jmw_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = jmw_paths(event.mimeData())
        event.acceptProposedAction()
        for path in paths:  # each workshop opens in its own window
            self.controller.open_path(path, self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Files dropped on the map open as workshops (the scene would swallow the drop); the
        map's first paint starts the analysis, once that paint pass is over."""
        if self._analysis is None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._start_analysis)
            return False
        if isinstance(event, QDragEnterEvent | QDragMoveEvent | QDropEvent) and \
                jmw_paths(event.mimeData()):
            if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
                self.dropEvent(event)
            else:
                event.acceptProposedAction()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.presentation.leave()  # remember the normal layout, not the full-screen one
        if getattr(self.controller, "picture_size", None) is None:  # not the offscreen picture's
            settings.save_window_state(self.saveGeometry(), self.saveState(), self.isMaximized())
        self.presentation.timer.stop()
        if self.pain_dialog is not None:
            self.pain_dialog.reject()
        super().closeEvent(event)
        cleanup = getattr(self.view, "cleanup", None)
        if callable(cleanup):  # the map lets go of the session and its scene now
            cleanup()
        if self._analysis is not None:
            self._analysis.stop()
        self.session.close()
        wf = self.session.file
        close = getattr(wf, "close", None)
        if callable(close):
            close()
        self.closed.emit(self)
