"""Help > About, and the application icon from ``resources/`` (a checkout or the built app)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from journeymapper import __version__, app_root

if TYPE_CHECKING:  # the box is made when asked for: its class costs start-up time
    from PySide6.QtWidgets import QMessageBox

NAME = "JourneyMapper"
PURPOSE = ("Map a customer journey live in the workshop room and see where customers are "
           "handed from silo to silo.")
LICENCE = ("Licence: proprietary. Uses Qt and Qt for Python (PySide6) under the LGPLv3, "
           "matplotlib, NetworkX, SQLAlchemy, Alembic and openpyxl under their own licences.")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resources_dir() -> Path:
    """``resources/`` beside the package in a checkout, or inside a PyInstaller bundle."""
    return app_root() / "resources"


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    """The application icon (the SVG plus the rendered PNGs); an empty icon if the resources
    are not installed (``icon.isNull()``: keep a drawn fallback then)."""
    folder = resources_dir()
    icon = QIcon()
    for size in ICON_SIZES:
        png = folder / "icons" / f"journeymapper-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = folder / "journeymapper.svg"
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


def versions_line() -> str:
    import platform  # its regular expressions cost start-up time; only About needs it

    return (f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {platform.python_version()}")


def about_html() -> str:
    return (f"<h2>{NAME} {__version__}</h2>"
            f"<p>{PURPOSE}</p>"
            f"<p style='color:gray'>{versions_line()}</p>"
            f"<p style='font-size:small'>{LICENCE}</p>")


def about_box(parent: QWidget | None) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(f"About {NAME}")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    icon = app_icon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(96, 96))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_about(parent: QWidget | None) -> QMessageBox:
    """Show the About box (window-modal, returns at once); Esc or Close dismisses it."""
    box = about_box(parent)
    box.open()
    return box
