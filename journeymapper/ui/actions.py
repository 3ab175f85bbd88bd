"""The main window's menus, toolbar and shortcuts.

Every action is also added to the window itself, so its shortcut still works while the menu bar
is hidden (presentation mode).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from journeymapper.model.templates import TEMPLATES
from journeymapper.model.text import shorten
from journeymapper.ui import about, plain
from journeymapper.ui.dialogs import help as help_dialogs

if TYPE_CHECKING:
    from journeymapper.ui.window import MainWindow

Keys = str | QKeySequence.StandardKey | list[QKeySequence] | None
STEP_ROOM = 60  # characters of an undo step's name in the Edit menu


def name_step(action: QAction, word: str, step: str) -> None:
    """Undo/Redo in the Edit menu name the step, cut short (a card's whole title in it made the
    window wider than the screen), with the whole name in the tooltip."""
    if not shiboken6.isValid(action):  # the window is gone; its stack lets go of its steps
        return
    full = f"{word} {step}" if step else word
    short = shorten(full, STEP_ROOM)
    action.setText("&" + short.replace("&", "&&"))  # a title's "&" is not a mnemonic
    action.setToolTip(plain.tip(full))


class WindowActions:
    def __init__(self, w: MainWindow) -> None:
        self.w = w
        self.by_name: dict[str, QAction] = {}
        c, v = w.controller, w.view
        bar = w.menuBar()

        file = bar.addMenu("&File")
        new = file.addMenu("&New from template")
        for tpl in TEMPLATES.values():
            a = self._act(f"new:{tpl.name}", tpl.title, partial(c.new_workshop, tpl.name, w))
            a.setStatusTip(tpl.description)
            new.addAction(a)
        file.addAction(self._act("open", "&Open…", lambda: c.open_dialog(w),
                                 QKeySequence.StandardKey.Open))
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addAction(self._act("start", "Start page", c.show_start_page))
        file.addSeparator()
        file.addAction(self._act("save_as", "Save &as…", w.save_as,
                                 QKeySequence.StandardKey.SaveAs))
        export = file.addMenu("&Export")
        export.addAction(self._act("export_xlsx", "Excel workbook (.xlsx)…", w.export_workbook))
        export.addAction(self._act("export_picture", "Picture of the map (PNG, SVG, PDF)…",
                                   w.export_picture))
        file.addAction(w.backlog_parts.import_action)
        self.by_name["import_table"] = w.backlog_parts.import_action
        file.addSeparator()
        file.addAction(self._act("close", "&Close", partial(c.close_workshop, w),
                                 QKeySequence.StandardKey.Close))
        file.addAction(self._act("quit", "&Quit", c.quit, QKeySequence.StandardKey.Quit))

        edit = bar.addMenu("&Edit")
        stack = w.session.undo_stack
        undo = stack.createUndoAction(w, "&Undo")
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = stack.createRedoAction(w, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for name, a, word, changed in (("undo", undo, "Undo", stack.undoTextChanged),
                                       ("redo", redo, "Redo", stack.redoTextChanged)):
            a.setIconText(word)  # the toolbar's button: one word, whatever the step
            changed.connect(partial(name_step, a, word))  # after the stack's own naming
            name_step(a, word, stack.undoText() if name == "undo" else stack.redoText())
            self.by_name[name] = a
            w.addAction(a)
            edit.addAction(a)
        edit.addSeparator()
        std = QKeySequence.StandardKey
        copy, paste = getattr(v, "copy_selection", None), getattr(v, "paste", None)
        duplicate = getattr(v, "duplicate_selection", None)
        if callable(copy):
            edit.addAction(self._act("cut", "Cu&t", w.cut_selection, std.Cut, on_map=True))
            edit.addAction(self._act("copy", "&Copy", copy, std.Copy, on_map=True))
        if callable(paste):
            edit.addAction(self._act("paste", "&Paste", paste, std.Paste, on_map=True))
        if callable(duplicate):
            edit.addAction(self._act("duplicate", "&Duplicate", duplicate, "Ctrl+D", on_map=True))
        edit.addAction(self._act("delete", "De&lete", w.delete_selection,
                                 QKeySequence.StandardKey.Delete, on_map=True))
        edit.addSeparator()
        rename = getattr(v, "rename_selected", None)
        if callable(rename):
            edit.addAction(self._act("rename", "&Rename in place", rename, "F2", on_map=True))
        edit.addAction(self._act("add_card", "Add &card", v.add_card_in_selected_cell, "N",
                                 on_map=True))
        edit.addAction(self._act("connect", "Co&nnect cards (draw a flow)", v.start_connect_mode))
        edit.addAction(self._act("pain_point", "Add &pain point…", w.add_pain_point, "P"))
        edit.addAction(self._act("vote", "&Vote on pain point", w.vote, "V"))
        score = edit.addMenu("&Score the selected cards")  # the room's "how was it, 1 to 10?"
        for n in range(1, 11):
            score.addAction(self._act(f"score_{n}", f"{n} out of 10", partial(w.score_cards, n),
                                      str(n % 10), on_map=True))
        score.addSeparator()
        score.addAction(self._act("score_none", "No score", partial(w.score_cards, None),
                                  "Backspace", on_map=True))
        edit.addSeparator()
        edit.addAction(self._act("add_stage", "Add &stage", w.add_stage))
        edit.addAction(self._act("add_lane", "Add &lane", w.add_lane))
        edit.addSeparator()
        # No standard Preferences key on Linux and Windows: Ctrl+, as in most editors.
        edit.addAction(self._act("preferences", "Pr&eferences…", w.show_preferences, "Ctrl+,"))

        view = bar.addMenu("&View")
        view.addAction(self._act("zoom_in", "Zoom &in", v.zoom_in,
                                 [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")]))
        view.addAction(self._act("zoom_out", "Zoom &out", v.zoom_out, "Ctrl+-"))
        view.addAction(self._act("fit", "&Fit map", v.fit_all, "Ctrl+0"))
        overlay = self._act("overlay", "Analysis &overlay", w.set_overlay, "O")
        overlay.setCheckable(True)
        overlay.setChecked(v.overlay_visible())
        view.addAction(overlay)
        present = self._act("present", "&Presentation mode", w.presentation.toggle, "F5")
        present.setCheckable(True)
        view.addAction(present)
        view.addSeparator()
        docks = view.addMenu("&Panels")
        for dock in w.docks():
            docks.addAction(dock.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._act("keys", "&Keys for the workshop room",
                                      lambda: help_dialogs.show_keys(w), "F1"))
        help_menu.addAction(self._act("about", "&About JourneyMapper",
                                      lambda: about.show_about(w)))

        tools = QToolBar("Map tools", w)
        tools.setObjectName("mapTools")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("undo", "redo", "add_card", "pain_point", "vote", "zoom_out", "zoom_in", "fit",
                     "overlay", "present"):
            tools.addAction(self.by_name[name])
        w.addToolBar(tools)
        view.addAction(tools.toggleViewAction())
        self.toolbar = tools

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def _act(self, name: str, text: str, slot: Callable[[], object], keys: Keys = None,
             on_map: bool = False) -> QAction:
        """An action whose keys work anywhere in the window, or with ``on_map`` only while the
        map has the focus (Delete or Ctrl+C in a text field or a list must stay theirs)."""
        a = QAction(text, self.w)
        a.setObjectName(f"action.{name}")
        if isinstance(keys, list):
            a.setShortcuts(keys)
        elif isinstance(keys, QKeySequence.StandardKey):
            a.setShortcuts(QKeySequence.keyBindings(keys))
        elif keys:
            a.setShortcut(QKeySequence(keys))
        a.triggered.connect(lambda _checked=False: slot())
        if on_map:
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.w.view.addAction(a)
        else:
            self.w.addAction(a)
        self.by_name[name] = a
        return a

    def _fill_recent(self) -> None:
        from journeymapper.ui import settings

        menu: QMenu = self.recent_menu
        menu.clear()
        menu.setToolTipsVisible(True)
        paths = settings.recent_entries()
        for n, (p, title) in enumerate(paths, 1):
            label = settings.recent_label(p, title).replace("&", "&&")
            a = menu.addAction(f"&{n} {label}" if n < 10 else label)
            a.setToolTip(plain.tip(str(p)))
            a.triggered.connect(lambda _c=False, p=p: self.w.controller.open_path(p, self.w))
        if not paths:
            menu.addAction("No recent workshops").setEnabled(False)
