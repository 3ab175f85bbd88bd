"""Undo history dock: the session's QUndoStack in a QUndoView (click a line to go back there)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QUndoView, QWidget

from journeymapper.ui.session import Session


class HistoryDock(QDockWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Undo history", parent)
        self.setObjectName("history")
        self.view = QUndoView(session.undo_stack)
        self.view.setEmptyLabel("Opened")
        self.setWidget(self.view)
