"""Edit > Preferences: theme, default analysis thresholds and the folder for recovered files,
kept in QSettings (``journeymapper.ui.settings.store()`` unless a test passes its own).

``show_preferences(parent) -> bool`` runs the dialog and saves on OK; ``load_preferences`` gives
the saved values to whoever applies them (theme, analysis defaults, recovery).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journeymapper import prefs
from journeymapper.prefs import Preferences
from journeymapper.ui.prefs import apply_theme

__all__ = ["PreferencesDialog", "apply_theme", "load_preferences", "save_preferences",
           "show_preferences"]


def _store(store: QSettings | None) -> QSettings:
    if store is not None:
        return store
    from journeymapper.ui import settings

    return settings.store()


def load_preferences(store: QSettings | None = None) -> Preferences:
    s = _store(store)
    return Preferences.from_values({key: s.value(key) for key in s.allKeys()})


def save_preferences(p: Preferences, store: QSettings | None = None) -> None:
    s = _store(store)
    s.remove(prefs.ANALYSIS_PREFIX.rstrip("/"))  # thresholds back at their default are dropped
    for key, value in p.to_values().items():
        s.setValue(key, value)
    s.sync()


ThresholdEditor = QDoubleSpinBox | QSpinBox | QLineEdit


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, store: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle("Preferences")
        self.store = store
        self.editors: dict[str, ThresholdEditor] = {}
        current = load_preferences(store)

        self.theme = QComboBox()
        self.theme.setObjectName("prefs.theme")
        for name in prefs.THEMES:
            self.theme.addItem(prefs.THEME_LABELS[name], name)
        look = QGroupBox("Appearance")
        form = QFormLayout(look)
        form.addRow("&Theme:", self.theme)

        analysis = QGroupBox("Analysis defaults for every workshop")
        aform = QFormLayout(analysis)
        # (no part of the window sets a workshop's own values: they come with its file)
        note = QLabel("Every workshop uses these, except where its file brings a value of its own.")
        note.setWordWrap(True)
        aform.addRow(note)
        for key in prefs.THRESHOLD_KEYS:
            label, tip = prefs.THRESHOLD_HELP.get(key, (key.replace("_", " ").capitalize(), ""))
            editor = self._editor(key)
            editor.setToolTip(tip)
            aform.addRow(f"{label}:", editor)
            self.editors[key] = editor

        self.recovery = QLineEdit()
        self.recovery.setObjectName("prefs.recovery")
        self.recovery.setMinimumWidth(360)
        self.recovery.textChanged.connect(  # the whole path, however long the field cuts it
            lambda text: self.recovery.setToolTip(
                f"Where copies of workshops recovered after a crash are kept:\n{text}"))
        browse = QPushButton("&Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.recovery, 1)
        row.addWidget(browse)
        recovery = QGroupBox("Recovered files")
        rform = QFormLayout(recovery)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.recovery)
        rform.addRow(folder_label, row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setAutoDefault(False)
        restore.clicked.connect(lambda: self.set_values(Preferences()))
        self.buttons = buttons

        layout = QVBoxLayout(self)
        for part in (look, analysis, recovery):
            layout.addWidget(part)
        layout.addWidget(buttons)
        self.set_values(current)

    def _editor(self, key: str) -> ThresholdEditor:
        default = prefs.threshold_default(key)
        bounds = prefs.threshold_range(key)
        editor: ThresholdEditor
        if isinstance(default, float) and bounds:
            spin = QDoubleSpinBox()
            spin.setDecimals(2)
            spin.setSingleStep(0.1 if bounds[1] <= 1 else 0.5)
            spin.setRange(bounds[0], bounds[1])
            editor = spin
        elif isinstance(default, int) and bounds:
            ispin = QSpinBox()
            ispin.setRange(int(bounds[0]), int(min(bounds[1], 2**31 - 1)))
            editor = ispin
        else:
            editor = QLineEdit()
        if isinstance(editor, QAbstractSpinBox):
            editor.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        editor.setObjectName(f"prefs.{key}")
        return editor

    # -- values --------------------------------------------------------------------------------
    def set_values(self, p: Preferences) -> None:
        self.theme.setCurrentIndex(max(0, self.theme.findData(p.theme)))
        for key, editor in self.editors.items():
            value = p.threshold(key)
            if isinstance(editor, QLineEdit) or isinstance(value, tuple):
                if isinstance(editor, QLineEdit):
                    editor.setText(prefs.format_threshold(value))
            elif isinstance(editor, QDoubleSpinBox):
                editor.setValue(float(value))
            else:
                editor.setValue(int(value))
        self.recovery.setText(str(p.recovery_folder))

    def values(self) -> Preferences:
        thresholds: dict[str, str] = {}
        for key, editor in self.editors.items():
            text = editor.text() if isinstance(editor, QLineEdit) else \
                prefs.format_threshold(editor.value())
            normal = prefs.normalise_threshold(key, text)
            if normal is not None and normal != prefs.format_threshold(
                    prefs.threshold_default(key)):
                thresholds[key] = normal
        folder = self.recovery.text().strip()
        return Preferences(theme=str(self.theme.currentData()), thresholds=thresholds,
                           recovery_folder=Path(folder).expanduser() if folder
                           else prefs.default_recovery_folder())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for recovered files",
                                                  self.recovery.text())
        if folder:
            self.recovery.setText(folder)

    def accept(self) -> None:
        for editor in self.editors.values():
            if isinstance(editor, QAbstractSpinBox):
                editor.interpretText()  # a value typed but not yet committed counts
        save_preferences(self.values(), self.store)
        super().accept()


def show_preferences(parent: QWidget | None = None, store: QSettings | None = None) -> bool:
    """Run the dialog; True when the user pressed OK (and the preferences were saved)."""
    dialog = PreferencesDialog(parent, store)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
