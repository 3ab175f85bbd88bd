"""In-place editors: lane, priority and status combos, 1-5 spin boxes, a clearable date.

Each editor gets its own merge key, so whatever one editor commits is one undo step.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from . import columns as C
from .table_model import BacklogModel

Index = QModelIndex | QPersistentModelIndex
NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as "no date" (special value text)
_serial = itertools.count(1)


class DueEdit(QDateEdit):
    """A date edit that can be empty: Delete or Backspace on the whole field clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("no date")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                (self.date() == NO_DATE or event.modifiers() & Qt.KeyboardModifier.ControlModifier
                 or len(self.lineEdit().selectedText()) == len(self.text())):
            self.setDate(NO_DATE)
            return
        super().keyPressEvent(event)

    def value(self) -> QDate:
        return QDate() if self.date() == NO_DATE else self.date()


class BacklogDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        model = _source(index)
        if model is not None:  # a fresh merge key for this editor's commits
            model.merge_key = f"backlog:{next(_serial)}"
        col = index.column()
        editor: QWidget
        if col in (C.PRIORITY, C.STATUS, C.LANE):
            combo = QComboBox(parent)
            if col == C.LANE and model is not None:
                combo.addItem("(no owner)", "")
                for lane in model.session.doc.lanes:
                    combo.addItem(lane.name, lane.id)
            else:
                for v in (C.PRIORITIES if col == C.PRIORITY else C.STATUSES):
                    combo.addItem(str(v), str(v))
            editor = combo
        elif col in (C.IMPACT, C.EFFORT):
            spin = QSpinBox(parent)
            spin.setRange(1, 5)
            spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
            editor = spin
        elif col == C.DUE:
            editor = DueEdit(parent)
        else:
            line = QLineEdit(parent)
            line.setFrame(False)
            editor = line
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value: Any = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            i = editor.findData(str(value or ""))
            editor.setCurrentIndex(max(0, i))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, DueEdit):
            editor.setDate(value if isinstance(value, QDate) and value.isValid()
                           else NO_DATE)
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        value: Any
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            value = editor.value()
        elif isinstance(editor, DueEdit):
            value = editor.value()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        rect = option.rect
        hint = editor.sizeHint()
        if rect.width() < hint.width():  # combos and dates may overhang a narrow column
            rect.setWidth(hint.width())
        editor.setGeometry(rect)


def _source(index: Index) -> BacklogModel | None:
    model: object = index.model()
    while model is not None and not isinstance(model, BacklogModel):
        model = getattr(model, "sourceModel", lambda: None)()
    return model
