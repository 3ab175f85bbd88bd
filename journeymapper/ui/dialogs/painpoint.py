"""Pain point quick entry: type what went wrong, pick severity and kind, press Enter.

Keys: 1-5 set the severity (Ctrl+1..5 while typing, since the text may hold digits);
Alt+E / Alt+O (or E / O off the text field) pick emotional / objective; Esc cancels.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from journeymapper.model import PainKind, Servqual

SEVERITY_WORDS = {1: "minor", 2: "annoying", 3: "bad", 4: "serious", 5: "critical"}
STYLE = """
QLineEdit { font-size: 13pt; padding: 4px; }
QPushButton[severity="true"] { padding: 6px 10px; }
QPushButton[severity="true"]:checked { background: #c2410c; color: white; font-weight: 600;
    border: 1px solid #7c2d12; border-radius: 4px; }
"""


class PainPointDialog(QDialog):
    def __init__(self, card_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("painPointDialog")
        self.setWindowTitle("Add pain point")
        self.setMinimumWidth(560)
        self.setStyleSheet(STYLE)
        self.text = QLineEdit()
        self.text.setPlaceholderText("What went wrong for the customer?")
        self.severity_group = QButtonGroup(self)
        sev_row = QHBoxLayout()
        for n in range(1, 6):
            b = QPushButton(f"{n} {SEVERITY_WORDS[n]}")
            b.setCheckable(True)
            b.setProperty("severity", True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.setAutoDefault(False)
            b.setToolTip(f"Severity {n} (key {n}, or Ctrl+{n} while typing)")
            self.severity_group.addButton(b, n)
            sev_row.addWidget(b)
        self.set_severity(3)
        self.emotional = QRadioButton("Emotional: how it felt (Alt+E)")
        self.objective = QRadioButton("Objective: was it resolved (Alt+O)")
        self.emotional.setChecked(True)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.emotional)
        kind_row.addWidget(self.objective)
        self.dimension = QComboBox()
        self.dimension.addItem("— none —", None)
        for d in Servqual:
            self.dimension.addItem(str(d), d)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add")
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        ok.setEnabled(False)
        form = QFormLayout(self)
        on = QLabel(f"On <b>{html.escape(card_title)}</b>")  # the title as typed, not markup
        on.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(on)
        form.addRow("Pain point", self.text)
        form.addRow("Severity", sev_row)
        form.addRow("Kind", kind_row)
        form.addRow("SERVQUAL", self.dimension)
        form.addRow(buttons)
        self.text.installEventFilter(self)
        self.text.setFocus()

    def set_severity(self, n: int) -> None:
        button = self.severity_group.button(n)
        if button is not None:
            button.setChecked(True)

    def severity(self) -> int:
        return max(1, self.severity_group.checkedId())

    def kind(self) -> PainKind:
        return PainKind.OBJECTIVE if self.objective.isChecked() else PainKind.EMOTIONAL

    def servqual(self) -> Servqual | None:
        data = self.dimension.currentData()
        return Servqual(data) if data else None

    def accept(self) -> None:
        if self.text.text().strip():
            super().accept()

    def _chord(self, e: QKeyEvent) -> bool:
        """Ctrl+1..5 severity, Alt+E / Alt+O kind: work even while the text field has focus."""
        key, mods = e.key(), e.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier and Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_severity(key - Qt.Key.Key_0)
        elif mods & Qt.KeyboardModifier.AltModifier and key == Qt.Key.Key_E:
            self.emotional.setChecked(True)
        elif mods & Qt.KeyboardModifier.AltModifier and key == Qt.Key.Key_O:
            self.objective.setChecked(True)
        else:
            return False
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._chord(event)
        return False

    def event(self, e: QEvent) -> bool:
        # the dialog's own keys (1-5 severity, E / O kind) before any of the window's: the map
        # scores its selected card with 1 … 0 and votes with V
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) \
                and not e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
                and (Qt.Key.Key_0 <= e.key() <= Qt.Key.Key_9
                     or e.key() in (Qt.Key.Key_E, Qt.Key.Key_O)):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = e.key()
        typing = self.text.hasFocus() or bool(e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if self._chord(e):
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and not typing:
            self.set_severity(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_E and not typing:
            self.emotional.setChecked(True)
        elif key == Qt.Key.Key_O and not typing:
            self.objective.setChecked(True)
        else:
            super().keyPressEvent(e)
