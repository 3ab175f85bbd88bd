"""Error messages the user must see: one line from the core, and what to do about it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal warning box with the core's one-line ``message``."""
    from PySide6.QtWidgets import QMessageBox  # here: made when first needed, not at start-up

    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorDialog")
    box.setInformativeText("Nothing was changed. Choose another file or start a new workshop.")
    box.exec()
    box.deleteLater()
