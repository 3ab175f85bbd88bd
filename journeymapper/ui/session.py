"""An open workshop in the window: its file, its document and the undo stack over its edits."""

from __future__ import annotations

import contextlib
import warnings

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymapper.model import Change, Document, Edit, EditError
from journeymapper.model.edits import quoted, update_label


class EditCommand(QUndoCommand):
    """Holds an edit (ids and entity values, never graphics items) and applies it to the Document.

    Typing in a field merges into one command: edits with the same ``merge_key`` that follow each
    other and touch the same entities collapse into one undo step.
    """

    def __init__(self, doc: Document, edit: Edit, merge_key: str | None = None) -> None:
        super().__init__(edit.label)
        self.doc = doc
        self.edit = edit
        self.merge_key = merge_key
        self._first = True

    def redo(self) -> None:
        if self._first:  # already applied by Session.do, which needs to see refusals first
            self._first = False
            return
        self.doc.apply(self.edit)

    def undo(self) -> None:
        self.doc.apply(self.edit.inverted())

    def id(self) -> int:
        return 0x4A4D if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        mine = {(op.kind, op.entity.id) for op in self.edit.ops}
        theirs = {(op.kind, op.entity.id) for op in other.edit.ops}
        if mine != theirs:
            return False
        label = self.edit.label
        first, last = self.edit.ops[0], other.edit.ops[-1]
        if len(mine) == 1 and first.before is not None and last.after is not None:
            # typing into a field: the step is named from the first value to the last
            label = update_label(first.before, last.after)
            self.setText(label)
        if self.merge_key and self.merge_key.startswith("new-card:"):
            # a new card and the title typed into it: the step is named by that title, not by
            # the placeholder the card was added with
            title = getattr(other.edit.ops[-1].after, "title", None)
            if title:
                label = f"Add touch-point {quoted(title)}"
                self.setText(label)
        self.edit = Edit(label, self.edit.ops + other.edit.ops)
        return True


class Session(QObject):
    """One open workshop. ``changed`` re-emits the Document's changes as a Qt signal."""

    changed = Signal(object)  # Change
    error = Signal(str)  # a one-line message for the status bar or a dialog

    def __init__(self, doc: Document, workshop_file: object | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.file = workshop_file  # journeymapper.store WorkshopFile, or None for a scratch map
        self.undo_stack = QUndoStack(self)
        self._unsubscribe = doc.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        self.changed.emit(change)

    def do(self, edit: Edit, merge_key: str | None = None) -> bool:
        """Apply ``edit`` as one undo step. A refused edit emits ``error`` and returns False."""
        if not edit:
            return False
        try:
            self.doc.apply(edit)
        except EditError as exc:
            self.error.emit(str(exc))
            return False
        self.undo_stack.push(EditCommand(self.doc, edit, merge_key))
        return True

    def close(self) -> None:
        self._unsubscribe()
        self.undo_stack.clear()
        # Drop every receiver: a lambda connected here (a dock's) holds its widget, which holds
        # this session; the link runs through Qt, where Python's collector cannot see the cycle.
        with warnings.catch_warnings():  # PySide warns when a signal had no receivers left
            warnings.simplefilter("ignore", RuntimeWarning)
            for signal in (self.changed, self.error):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect()
