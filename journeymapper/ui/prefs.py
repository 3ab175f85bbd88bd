"""What start-up needs of the preferences, without the dialog or the analysis: the saved theme
and ``apply_theme``. (The dialog and the full ``Preferences`` are in
``journeymapper.ui.preferences``, imported when first used.)"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEME_KEY = "theme"  # as journeymapper.prefs.THEME_KEY
THEMES = ("light", "dark", "projector")  # as journeymapper.prefs.THEMES (a test compares them)
DEFAULT_THEME = "light"


def saved_theme(store: QSettings | None = None) -> str:
    """The theme ``load_preferences(store).theme`` gives, read alone (no analysis imported)."""
    if store is None:
        from journeymapper.ui import settings

        store = settings.store()
    theme = str(store.value(THEME_KEY, DEFAULT_THEME)).strip().lower()
    return theme if theme in THEMES else DEFAULT_THEME


def apply_theme(app: QApplication, theme: str) -> None:
    """The widgets' palette for ``theme``: light is the style's own, dark a Fusion dark palette,
    projector the light palette with larger type and black-on-white text. (The map has its own
    colours: ``journeymapper.ui.theme``.)"""
    original = app.property("jm_style")
    if not isinstance(original, str):
        original = app.style().name() if app.style() is not None else "fusion"
        app.setProperty("jm_style", original)
    app.setStyle("Fusion" if theme == "dark" else original)
    style = app.style()
    palette = style.standardPalette() if style is not None else QPalette()
    font = app.font()
    base_pt = app.property("jm_base_pt")
    if not isinstance(base_pt, float):
        base_pt = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        app.setProperty("jm_base_pt", base_pt)
    if theme == "dark":
        palette = _dark_palette()
    elif theme == "projector":
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.ButtonText):
            palette.setColor(role, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#0044CC"))
    font.setPointSizeF(base_pt * (1.3 if theme == "projector" else 1.0))
    app.setFont(font)
    app.setPalette(palette)


def _dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2B2F33", QPalette.ColorRole.WindowText: "#E8EAED",
        QPalette.ColorRole.Base: "#1F2226", QPalette.ColorRole.AlternateBase: "#2B2F33",
        QPalette.ColorRole.ToolTipBase: "#E8EAED", QPalette.ColorRole.ToolTipText: "#1F2226",
        QPalette.ColorRole.Text: "#E8EAED", QPalette.ColorRole.Button: "#33383D",
        QPalette.ColorRole.ButtonText: "#E8EAED", QPalette.ColorRole.BrightText: "#FF6B5F",
        QPalette.ColorRole.Highlight: "#4C8BF5", QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.Link: "#8AB4F8", QPalette.ColorRole.PlaceholderText: "#9AA0A6",
    }
    for role, value in colours.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7F858A"))
    return p
