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
        palette = _projector_palette(palette)
    font.setPointSizeF(base_pt * (1.3 if theme == "projector" else 1.0))
    app.setFont(font)
    app.setPalette(palette)


def type_scale(app: QApplication | None = None) -> float:
    """How much larger than the desktop's own the theme makes the type (1.3 for projector, 1 for
    the others, or before any theme is applied): for widgets that size their own text."""
    if app is None:
        inst = QApplication.instance()
        app = inst if isinstance(inst, QApplication) else None
    if app is None:
        return 1.0
    base = app.property("jm_base_pt")
    now = app.font().pointSizeF()
    return now / base if isinstance(base, float) and base > 0 and now > 0 else 1.0


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
    _set_disabled(p, text="#7F858A", base="#2B2F33", highlight="#4A4F55",
                  highlighted_text="#A9AEB3")
    return p


def _projector_palette(light: QPalette) -> QPalette:
    """The light palette with black-on-white text. The colours are set for the active and the
    inactive groups only: set for every group, black text made disabled Undo, Cut or a read-only
    field look as live as the rest."""
    p = QPalette(light)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.ButtonText):
            p.setColor(group, role, QColor("#000000"))
        p.setColor(group, QPalette.ColorRole.Base, QColor("#FFFFFF"))
        p.setColor(group, QPalette.ColorRole.Highlight, QColor("#0044CC"))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    # darker than the light theme's grey (#BEBEBE), which a projector washes out; still far
    # from the black of live text
    _set_disabled(p, text="#808080", base=light.color(QPalette.ColorGroup.Disabled,
                                                      QPalette.ColorRole.Window).name(),
                  highlight="#9A9A9A", highlighted_text="#F2F2F2")
    return p


def _set_disabled(p: QPalette, text: str, base: str, highlight: str,
                  highlighted_text: str) -> None:
    """The Disabled group: greyed text, a field's base like the window, a grey selection."""
    d = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(d, role, QColor(text))
    p.setColor(d, QPalette.ColorRole.Base, QColor(base))
    p.setColor(d, QPalette.ColorRole.Highlight, QColor(highlight))
    p.setColor(d, QPalette.ColorRole.HighlightedText, QColor(highlighted_text))
