"""Pictures of the map (PNG, SVG, PDF by extension), rendered offscreen from the canvas scene."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem

from journeymapper.model import Document

# Builders that draw the analysis overlay into a view's overlay layer (registered by the analysis
# UI); render_map(overlay=True) runs them on its offscreen view.
OVERLAY_BUILDERS: list[Callable[[object], None]] = []
SCREEN_DPI = 96  # the logical resolution the scene's fonts are laid out for


def register_overlay_builder(fn: Callable[[object], None]) -> None:
    if fn not in OVERLAY_BUILDERS:
        OVERLAY_BUILDERS.append(fn)


def _app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
                and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    assert isinstance(app, QApplication)
    return app


def render_map(doc: Document, out_path: Path, *, presentation: bool = False, width: int = 1920,
               height: int | None = None, overlay: bool = False) -> None:
    """Write a picture of ``doc``'s map; the format follows ``out_path``'s extension.

    Without ``height`` the picture is as tall as the map needs at ``width`` (a fixed 1080 left
    a wide map between empty bands), within a third and one and a half of the width."""
    _app()
    from journeymapper.ui.canvas import MapView
    from journeymapper.ui.session import Session

    out_path = Path(out_path)
    ext = out_path.suffix.lower()
    if ext not in (".png", ".svg", ".pdf"):
        raise ValueError(f"cannot render to {out_path.name}: use .png, .svg or .pdf")
    session = Session(doc)
    view = MapView(session)
    try:
        view.set_presentation(presentation)
        view.set_overlay_visible(overlay)
        if overlay:
            for build in OVERLAY_BUILDERS:
                build(view)
        scene = view.map_scene
        scene.fast_flows = False
        for it in scene.items():
            it.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        title = doc.info.title
        t = scene.theme
        font = t.font(t.header_pt * (1.25 if presentation else 1.1), bold=True)
        band = QFontMetricsF(font).height() + 20  # the title's band across the top
        src = view.fit_rect()
        if height is None:
            fitted = band + 28 + (width - 24) * src.height() / max(1.0, src.width())
            height = round(min(max(fitted, width / 3), width * 1.5))

        def paint(p: QPainter, w: float, h: float) -> None:
            p.setRenderHints(QPainter.RenderHint.Antialiasing
                             | QPainter.RenderHint.TextAntialiasing
                             | QPainter.RenderHint.SmoothPixmapTransform)
            p.fillRect(QRectF(0, 0, w, h), QColor(t.background))
            p.fillRect(QRectF(0, 0, w, band), QColor(t.header_bg))
            p.setFont(font)
            p.setPen(QColor(t.header_fg))
            p.drawText(QRectF(20, 0, w - 40, band), Qt.AlignmentFlag.AlignVCenter, title)
            room = QRectF(12, band + 8, w - 24, h - band - 20)
            k = min(room.width() / src.width(), room.height() / src.height())
            dst = QRectF(0, 0, src.width() * k, src.height() * k)
            dst.moveCenter(room.center())
            scene.render(p, dst, src, Qt.AspectRatioMode.KeepAspectRatio)

        out_path.parent.mkdir(parents=True, exist_ok=True)
        if ext == ".png":
            img = QImage(QSize(width, height), QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(QColor("#FFFFFF"))
            p = QPainter(img)
            paint(p, width, height)
            p.end()
            if not img.save(str(out_path)):
                raise OSError(f"could not write {out_path}")
        elif ext == ".svg":
            from PySide6.QtSvg import QSvgGenerator
            gen = QSvgGenerator()
            gen.setFileName(str(out_path))
            gen.setSize(QSize(width, height))
            gen.setViewBox(QRectF(0, 0, width, height))
            gen.setResolution(SCREEN_DPI)
            gen.setTitle(title)
            gen.setDescription("Journey map exported by JourneyMapper")
            p = QPainter(gen)
            paint(p, width, height)
            p.end()
        else:
            pdf = QPdfWriter(str(out_path))
            pdf.setResolution(SCREEN_DPI)  # type sizes in points come out as on screen
            # a page size is given upright; the orientation turns it
            upright = QSizeF(min(width, height), max(width, height))
            pdf.setPageLayout(QPageLayout(
                QPageSize(upright, QPageSize.Unit.Point, "map"),
                QPageLayout.Orientation.Landscape if width >= height
                else QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
            pdf.setTitle(title)
            p = QPainter(pdf)
            vp = p.viewport()
            paint(p, vp.width(), vp.height())
            p.end()
    finally:
        view.cleanup()
        view.deleteLater()
        session.close()
        session.deleteLater()
