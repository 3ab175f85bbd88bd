"""Editors for one entity field each. They report user edits only and never fight the cursor.

Each field emits ``edited(value)`` while the user types and ``finished()`` when the gesture ends
(focus leaves, Enter, a choice is made); ``set_value`` updates it from the model only when what the
widget holds differs, keeping the text cursor where it was.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)


class WheelScrollsPanel(QObject):
    """The wheel over a number or a choice that the user has not clicked into scrolls the panel
    it sits in, and changes nothing: scrolling the inspector to reach a field turned a card's
    score from 9 to 7 on the way, saved at once."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) \
                or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QCoreApplication.sendEvent(area.verticalScrollBar(), event)
        return True


class Field(QObject):
    edited = Signal(object)
    finished = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        if isinstance(widget, QAbstractSpinBox | QComboBox):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone gives no focus
            widget.installEventFilter(WheelScrollsPanel(widget))

    def value(self) -> Any:  # the widget's value in model terms
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, on: bool) -> None:
        """A read-only workshop's fields show their values and take no edits."""
        self.widget.setEnabled(not on)

    def set_value(self, value: Any) -> None:
        if self.value() != value:
            was = self.widget.blockSignals(True)
            try:
                self._show(value)
            finally:
                self.widget.blockSignals(was)


class LineField(Field):
    """Single-line text; ``parse``/``fmt`` adapt it to tags, dates and colours."""

    def __init__(self, placeholder: str = "") -> None:
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        super().__init__(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self.finished)

    def set_read_only(self, on: bool) -> None:
        self.edit.setReadOnly(on)  # the text can still be selected and copied

    def parse(self, text: str) -> Any:
        return text

    def fmt(self, value: Any) -> str:
        return "" if value is None else str(value)

    def valid(self, text: str) -> bool:
        return True

    def _typed(self, text: str) -> None:
        if self.valid(text):
            self.edited.emit(self.parse(text))

    def value(self) -> Any:
        text = self.edit.text()
        return self.parse(text) if self.valid(text) else object()

    def _show(self, value: Any) -> None:
        pos = self.edit.cursorPosition()
        self.edit.setText(self.fmt(value))
        self.edit.setCursorPosition(min(pos, len(self.edit.text())))


class TagsField(LineField):
    def __init__(self) -> None:
        super().__init__("comma, separated, tags")

    def parse(self, text: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))

    def fmt(self, value: Any) -> str:
        return ", ".join(value or ())


class DateField(LineField):
    def __init__(self) -> None:
        super().__init__("YYYY-MM-DD")

    def valid(self, text: str) -> bool:
        try:
            self.parse(text)
        except ValueError:
            return False
        return True

    def parse(self, text: str) -> dt.date | None:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None

    def fmt(self, value: Any) -> str:
        return value.isoformat() if value else ""


class ColorField(LineField):
    """A colour as ``#rrggbb`` (empty for the default), with a picker button beside it."""

    def __init__(self) -> None:
        super().__init__("#rrggbb (empty: default)")
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        self.pick = pick = QToolButton()
        pick.setText("…")
        pick.setToolTip("Choose a colour")
        pick.clicked.connect(self._pick)
        row.addWidget(pick)
        self.edit.setParent(box)
        self.setParent(box)
        self.widget = box

    def set_read_only(self, on: bool) -> None:
        super().set_read_only(on)
        self.pick.setEnabled(not on)

    def valid(self, text: str) -> bool:
        return not text.strip() or QColor.isValidColorName(text.strip())

    def parse(self, text: str) -> str | None:
        return text.strip() or None

    def _pick(self) -> None:
        from PySide6.QtWidgets import QColorDialog  # here: made when first used

        col = QColorDialog.getColor(QColor(self.edit.text() or "#ffffff"), self.widget)
        if col.isValid():
            self.edit.setText(col.name())
            self.edited.emit(col.name())
            self.finished.emit()


class _PlainText(QPlainTextEdit):
    focus_out = Signal()

    def focusOutEvent(self, e: QFocusEvent) -> None:
        super().focusOutEvent(e)
        self.focus_out.emit()


class TextField(Field):
    def __init__(self) -> None:
        self.edit = _PlainText()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(84)
        super().__init__(self.edit)
        self.edit.textChanged.connect(lambda: self.edited.emit(self.edit.toPlainText()))
        self.edit.focus_out.connect(self.finished)

    def set_read_only(self, on: bool) -> None:
        self.edit.setReadOnly(on)

    def value(self) -> str:
        return self.edit.toPlainText()

    def _show(self, value: Any) -> None:
        cur = self.edit.textCursor()
        pos = cur.position()
        self.edit.setPlainText(value or "")
        cur = self.edit.textCursor()
        cur.setPosition(min(pos, len(self.edit.toPlainText())), QTextCursor.MoveMode.MoveAnchor)
        self.edit.setTextCursor(cur)


class ChoiceField(Field):
    """An enum (optionally with “none”) in a combo box."""

    def __init__(self, enum: type[StrEnum], optional: bool = False) -> None:
        self.combo = QComboBox()
        super().__init__(self.combo)
        self._values: list[StrEnum | None] = [None] if optional else []
        self._values += list(enum)
        for v in self._values:
            self.combo.addItem("—" if v is None else str(v))
        self.combo.activated.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        self.edited.emit(self._values[index])
        self.finished.emit()

    def value(self) -> Any:
        i = self.combo.currentIndex()
        return self._values[i] if i >= 0 else object()

    def _show(self, value: Any) -> None:
        self.combo.setCurrentIndex(self._values.index(value) if value in self._values else -1)


class IntField(Field):
    """A whole number in a range; with ``optional`` the lowest step means “none”."""

    def __init__(self, low: int, high: int, optional: bool = False) -> None:
        self.spin = QSpinBox()
        self.optional = optional
        self.spin.setRange(low - 1 if optional else low, high)
        if optional:
            self.spin.setSpecialValueText("none")
        super().__init__(self.spin)
        self.spin.valueChanged.connect(lambda _v: self.edited.emit(self.value()))
        self.spin.editingFinished.connect(self.finished)

    def set_read_only(self, on: bool) -> None:
        self.spin.setReadOnly(on)  # no typing, no stepping

    def value(self) -> int | None:
        v = self.spin.value()
        return None if self.optional and v == self.spin.minimum() else v

    def _show(self, value: Any) -> None:
        self.spin.setValue(self.spin.minimum() if value is None else int(value))


class BoolField(Field):
    def __init__(self, text: str) -> None:
        self.box = QCheckBox(text)
        super().__init__(self.box)
        self.box.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self.edited.emit(on)
        self.finished.emit()

    def value(self) -> bool:
        return self.box.isChecked()

    def _show(self, value: Any) -> None:
        self.box.setChecked(bool(value))
