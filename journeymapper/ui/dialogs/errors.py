"""Error messages the user must see: one line from the core, and what to do about it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def warn(parent: QWidget | None, title: str, message: str, then: str = "") -> None:
    """A modal warning box: ``message`` (plain text: it may quote a file's name or a title),
    and what to do next, ``then``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox  # here: made when first needed, not at start-up

    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if then:
        box.setInformativeText(then)
    box.exec()
    box.deleteLater()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal warning box with the core's one-line ``message``."""
    warn(parent, title, message,
         "Nothing was changed. Choose another file or start a new workshop.")
