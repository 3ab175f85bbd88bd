"""F1 help with the keys for the workshop room, and the About box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

KEYS = (
    ("Map", (("Double-click a cell", "add a card there"), ("N / Insert", "new card in the cell"),
             ("F2 or Enter", "rename in place"), ("Arrows", "move between cards"),
             ("Drag from a card's right edge", "draw a flow to another card"),
             ("Edit > Connect cards", "join the two selected cards"),
             ("Delete", "delete the selection"), ("Ctrl+C / Ctrl+V / Ctrl+D",
                                                  "copy, paste, duplicate"))),
    ("Room", (("P", "pain point on the selected card: type it, Ctrl+1-5 severity (1-5 off "
                    "the text), Enter adds"),
              ("V", "vote: the picked or most-voted pain point of the card"),
              ("O", "analysis overlay on/off"), ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"))),
    ("Presentation (F5)", (("Left / Right", "previous / next stage"), ("Home", "whole map"),
                           ("T", "start / pause the exercise timer"),
                           ("+ / -", "a minute more / less"), ("Esc", "leave"))),
    ("View", (("Ctrl+plus / Ctrl+minus", "zoom"), ("Ctrl+0", "fit the map"))),
)


def keys_html() -> str:
    parts = []
    for title, rows in KEYS:
        cells = "".join(f"<tr><td style='padding-right:14px'><b>{k}</b></td><td>{v}</td></tr>"
                        for k, v in rows)
        parts.append(f"<h3>{title}</h3><table>{cells}</table>")
    return "".join(parts)


def show_keys(parent: QWidget | None) -> None:
    from PySide6.QtWidgets import QMessageBox  # here: made when first needed, not at start-up

    box = QMessageBox(QMessageBox.Icon.NoIcon, "Keys for the workshop room", keys_html(),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("keysHelp")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
