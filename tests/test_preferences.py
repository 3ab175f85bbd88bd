"""Edit > Preferences with real key events, stored in a QSettings file under tmp_path; the About
box and the application icon."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from journeymapper import __version__, prefs
from journeymapper.prefs import Preferences
from journeymapper.ui.preferences import (
    PreferencesDialog,
    apply_theme,
    load_preferences,
    save_preferences,
    show_preferences,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[QSettings]:
    s = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


def _reread(store: QSettings) -> Preferences:
    """What a new run of the app would read from the file."""
    store.sync()
    return load_preferences(QSettings(store.fileName(), QSettings.Format.IniFormat))


def _type_into(qtbot, editor: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)


def _dialog(qtbot, store: QSettings) -> PreferencesDialog:  # type: ignore[no-untyped-def]
    d = PreferencesDialog(None, store)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(d.isVisible)
    return d


def test_change_a_threshold_with_keys_ok_persists(qtbot, store: QSettings) -> None:
    d = _dialog(qtbot, store)
    gap = d.findChild(QDoubleSpinBox, "prefs.weak_link_gap")
    assert gap is not None and gap.value() == 2.0
    _type_into(qtbot, gap, f"3{QLocale().decimalPoint()}5")
    cycles = d.findChild(QSpinBox, "prefs.cycle_max_length")
    assert cycles is not None
    _type_into(qtbot, cycles, "8")
    qtbot.keyClick(cycles, Qt.Key.Key_Return)  # Enter is the dialog's OK
    assert d.result() == PreferencesDialog.DialogCode.Accepted
    saved = _reread(store)
    assert saved.thresholds == {"weak_link_gap": "3.5", "cycle_max_length": "8"}
    assert saved.analysis_settings().weak_link_gap == 3.5
    assert saved.analysis_settings().cycle_max_length == 8
    assert QSettings(store.fileName(), QSettings.Format.IniFormat).value(
        "analysis/weak_link_gap") == "3.5"


def test_escape_cancels_without_saving(qtbot, store: QSettings) -> None:
    d = _dialog(qtbot, store)
    gap = d.findChild(QDoubleSpinBox, "prefs.weak_link_gap")
    assert gap is not None
    _type_into(qtbot, gap, "7")
    qtbot.keyClick(gap, Qt.Key.Key_Escape)
    assert d.result() == PreferencesDialog.DialogCode.Rejected
    assert _reread(store) == Preferences()


def test_theme_tags_and_folder_by_keyboard(qtbot, store: QSettings, tmp_path: Path) -> None:
    d = _dialog(qtbot, store)
    d.theme.setFocus()
    qtbot.keyClick(d.theme, Qt.Key.Key_Down)
    qtbot.keyClick(d.theme, Qt.Key.Key_Down)
    assert d.theme.currentData() == "projector"
    tags = d.findChild(QLineEdit, "prefs.review_tags")
    assert tags is not None and tags.text() == "review,feedback"
    _type_into(qtbot, tags, "Retro, Survey")
    _type_into(qtbot, d.recovery, str(tmp_path / "rescued"))
    qtbot.keyClick(d.recovery, Qt.Key.Key_Return)
    saved = _reread(store)
    assert saved.theme == "projector"
    assert saved.analysis_settings().review_tags == ("retro", "survey")
    assert saved.recovery_folder == tmp_path / "rescued"


def test_out_of_range_is_corrected_and_restore_defaults(qtbot, store: QSettings) -> None:
    save_preferences(Preferences(theme="dark", thresholds={"channel_gap": "4"}), store)
    d = _dialog(qtbot, store)
    assert d.theme.currentData() == "dark"
    weight = d.findChild(QDoubleSpinBox, "prefs.weakest_link_weight")
    assert weight is not None
    _type_into(qtbot, weight, "9")  # the range is 0 to 1
    d.accept()
    assert _reread(store).analysis_settings().weakest_link_weight <= 1.0
    d2 = _dialog(qtbot, store)
    assert d2.findChild(QDoubleSpinBox, "prefs.channel_gap").value() == 4.0  # type: ignore[union-attr]
    d2.buttons.button(d2.buttons.StandardButton.RestoreDefaults).click()
    d2.accept()
    assert _reread(store) == Preferences()


def test_show_preferences_is_modal_and_returns_true_on_ok(qtbot, store: QSettings) -> None:
    def answer() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, PreferencesDialog)
        spin = d.findChild(QSpinBox, "prefs.bottleneck_top")
        assert spin is not None
        _type_into(qtbot, spin, "5")
        qtbot.keyClick(spin, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    assert show_preferences(None, store) is True
    assert _reread(store).analysis_settings().bottleneck_top == 5


def test_apply_theme_sets_a_dark_palette_and_back(qtbot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette().color(app.palette().ColorRole.Window)
    size = app.font().pointSizeF()
    style = app.style().name()
    try:
        apply_theme(app, "dark")
        assert app.palette().color(app.palette().ColorRole.Window).lightness() < 80
        apply_theme(app, "projector")
        assert app.font().pointSizeF() > size
    finally:
        apply_theme(app, "light")
    assert app.font().pointSizeF() == pytest.approx(size)
    assert app.style().name() == style
    assert app.palette().color(app.palette().ColorRole.Window).lightness() >= \
        min(before.lightness(), 150)


def test_prefs_values_round_trip_and_workshop_wins() -> None:
    p = Preferences(theme="dark", thresholds={"channel_gap": "2.5"})
    assert Preferences.from_values(p.to_values()) == p
    assert Preferences.from_values({"theme": "neon", "analysis/channel_gap": "99"}) == Preferences()
    assert prefs.normalise_threshold("cycle_max_length", "abc") is None
    values = prefs.analysis_values(p, {"channel_gap": "1"})
    assert values["channel_gap"] == "1"


def test_about_box_names_version_and_toolkit(qtbot) -> None:
    from journeymapper.ui.about import about_box, app_icon, show_about

    assert not app_icon().isNull()
    assert {s.width() for s in app_icon().availableSizes()} >= {16, 32, 256}
    box = about_box(None)
    qtbot.addWidget(box)
    text = box.text()
    assert "JourneyMapper" in text and __version__ in text
    assert "PySide6" in text and "Python" in text and "Licence" in text
    shown = show_about(None)
    qtbot.waitUntil(shown.isVisible)
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())


def test_labels_speak_the_room_and_the_folder_shows_whole(qtbot, store: QSettings,
                                                         tmp_path: Path) -> None:
    """Labels in the facilitator's words (the measure's name stays in the tooltip), and a long
    recovery folder is shown whole in the field's tooltip."""
    dialog = PreferencesDialog(None, store)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QFormLayout, QLabel

    labels = [w.text() for w in dialog.findChildren(QLabel)
              if isinstance(w.parentWidget().layout(), QFormLayout) and w.text().endswith(":")]
    assert len(labels) >= len(prefs.THRESHOLD_KEYS)
    assert not [t for t in labels if "betweenness" in t.lower()], labels
    deep = tmp_path / ("a-very-long-folder-name-" * 6) / "Recovered"
    dialog.recovery.setFocus()
    qtbot.keyClick(dialog.recovery, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.recovery, str(deep))
    assert str(deep) in dialog.recovery.toolTip()
    assert dialog.values().recovery_folder == deep
