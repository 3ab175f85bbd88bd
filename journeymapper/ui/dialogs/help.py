"""F1 help with the keys for the workshop room, and the About box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

KEYS = (
    ("Map", (("Double-click a cell", "add a card there"),
             ("N / Insert", "new card in the cell (Esc takes it back)"),
             ("F2 or Enter", "rename in place (Esc leaves the name)"),
             ("Arrows", "move between cards"),
             ("Drag from a card's right edge", "draw a flow to another card"),
             ("Edit > Connect cards", "join the two selected cards"),
             ("Delete", "delete the selection"), ("Ctrl+C / Ctrl+V / Ctrl+D",
                                                  "copy, paste, duplicate"))),
    ("Room", (("P", "add a pain point to the selected card: type it, set its severity with "
                    "Ctrl+1 … Ctrl+5, Enter adds it"),
              ("V", "vote: the picked or most-voted pain point of the card"),
              ("1 … 9, 0", "score the selected cards 1 to 10 (0 is 10; Backspace clears)"),
              ("O", "analysis overlay on/off"), ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"))),
    ("Presentation (F5)", (("Left / Right", "previous / next stage"), ("Home", "whole map"),
                           ("T", "start / pause the exercise timer"),
                           ("+ / -", "a minute more / less"), ("Esc", "leave"))),
    ("View", (("Ctrl+plus / Ctrl+minus", "zoom"), ("Ctrl+0", "fit the map"))),
)


def keys_html() -> str:
    """One table for every section, so the keys and what they do line up down the page, in
    type a size up from the dialog's (read from a step back from the screen)."""
    rows = []
    for title, keys in KEYS:
        rows.append(f"<tr><td colspan='2' style='padding-top:12px; font-size:x-large;"
                    f" font-weight:600'>{title}</td></tr>")
        rows += [f"<tr><td style='padding-right:18px'><b>{k}</b></td><td>{v}</td></tr>"
                 for k, v in keys]
    return ("<div style='font-size:large'><table cellspacing='3' width='620'>"
            "<colgroup><col width='40%'><col width='60%'></colgroup>"
            f"{''.join(rows)}</table></div>")


def show_keys(parent: QWidget | None) -> None:
    from PySide6.QtWidgets import QMessageBox  # here: made when first needed, not at start-up

    box = QMessageBox(QMessageBox.Icon.NoIcon, "Keys for the workshop room", keys_html(),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("keysHelp")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
