"""The light, dark and projector themes on real widgets: disabled things look disabled, the start
page and the inspector take the theme's colours and type (also when it is switched live), and the
projector's stage headers hold their wrapped names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)
from test_window_fixtures import bench, jm_settings, window, workshop  # noqa: F401

from journeymapper.store import WorkshopFile
from journeymapper.ui.prefs import THEMES, apply_theme
from journeymapper.ui.start_page import StartPage

ROLE = QPalette.ColorRole
GROUP = QPalette.ColorGroup


@pytest.fixture
def app(qtbot) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    inst = QApplication.instance()
    assert isinstance(inst, QApplication)
    yield inst
    apply_theme(inst, "light")  # the next test's theme, whatever this one chose


def luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink(img: QImage, area: QRect) -> tuple[QColor, QColor]:
    """(background, ink) inside ``area`` of a grabbed widget: the most common colour, and the
    colour that contrasts with it most (the text's, anti-aliasing aside)."""
    counts: dict[int, int] = {}
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            rgb = img.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    bg = QColor.fromRgb(max(counts, key=lambda k: counts[k]))
    far = max(counts, key=lambda k: contrast(QColor.fromRgb(k), bg))
    return bg, QColor.fromRgb(far)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("theme", THEMES)
def test_disabled_text_looks_disabled_in_every_theme(app: QApplication, qtbot, theme: str) -> None:
    """Projector set its black text for every colour group: a disabled Undo, Cut or a read-only
    field looked as live as the rest."""
    apply_theme(app, theme)
    pal = app.palette()
    for role in (ROLE.WindowText, ROLE.Text, ROLE.ButtonText):
        live, dead = pal.color(GROUP.Active, role), pal.color(GROUP.Disabled, role)
        assert contrast(live, dead) > 1.8, (theme, role)
    # a disabled selection: its colours differ from a live one's
    assert (pal.color(GROUP.Disabled, ROLE.Highlight), pal.color(GROUP.Disabled,
            ROLE.HighlightedText)) != (pal.color(GROUP.Active, ROLE.Highlight),
                                       pal.color(GROUP.Active, ROLE.HighlightedText))
    # and on real widgets: the text of the disabled twin stands out far less from its ground
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    pairs: list[tuple[QWidget, QWidget]] = []
    for make in (lambda: QPushButton("Undo  Redo"), lambda: QLabel("Undo  Redo"),
                 lambda: QLineEdit("Undo  Redo")):
        live_w, dead_w = make(), make()
        dead_w.setEnabled(False)
        lay.addWidget(live_w)
        lay.addWidget(dead_w)
        pairs.append((live_w, dead_w))
    host.show()
    settle()
    for live_w, dead_w in pairs:
        seen = []
        for w in (live_w, dead_w):
            img = w.grab().toImage()
            r = img.rect()
            inner = QRect(4, r.height() // 4, min(r.width() - 8, 160), r.height() // 2)
            seen.append(contrast(*ink(img, inner)))
        assert seen[0] > 4.5, (theme, type(live_w).__name__, seen)
        assert seen[1] < seen[0] / 1.6, (theme, type(live_w).__name__, seen)


def _page(qtbot, tmp_path: Path) -> StartPage:  # type: ignore[no-untyped-def]
    recent = tmp_path / "recent.jmw"
    recent.write_bytes(b"")
    page = StartPage([(recent, "")])  # (path, title): a workshop without a known title
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    settle()
    return page


def _list_contrast(lst: QListWidget) -> float:
    img = lst.grab().toImage()
    first = lst.visualItemRect(lst.item(0))
    return contrast(*ink(img, first.adjusted(2, 2, -2, -2).intersected(img.rect())))


@pytest.mark.parametrize("theme", THEMES)
def test_start_page_lists_read_in_every_theme(app: QApplication, qtbot, tmp_path: Path,
                                             theme: str) -> None:
    """Dark: the recent and sample lists were light grey text on white, nearly invisible."""
    apply_theme(app, theme)
    page = _page(qtbot, tmp_path)
    for lst in (page.recent, page.samples):
        assert lst.count() > 0 and lst.isEnabled()
        assert _list_contrast(lst) > 7, theme
    if theme == "dark":  # the page itself is dark, not a light page in a dark app
        img = page.grab().toImage()
        assert QColor(img.pixel(5, 5)).lightness() < 80
        assert QColor(img.pixel(page.recent.geometry().center())).lightness() < 80


def test_start_page_follows_a_theme_switched_live(app: QApplication, qtbot,
                                                  tmp_path: Path) -> None:
    apply_theme(app, "light")
    page = _page(qtbot, tmp_path)
    heading = page.findChild(QLabel, "heading")
    assert heading is not None
    light_pt = heading.font().pointSizeF()
    light_list_pt = page.recent.font().pointSizeF()
    apply_theme(app, "dark")
    settle()
    assert _list_contrast(page.recent) > 7
    assert QColor(page.grab().toImage().pixel(5, 5)).lightness() < 80
    apply_theme(app, "projector")
    settle()
    assert _list_contrast(page.recent) > 7
    # the projector's larger type, on the page's own sizes too
    assert heading.font().pointSizeF() == pytest.approx(light_pt * 1.3, rel=0.02)
    assert page.recent.font().pointSizeF() == pytest.approx(light_list_pt * 1.3, rel=0.02)
    assert contrast(heading.palette().color(ROLE.WindowText),
                    page.palette().color(ROLE.Window)) > 7


def test_inspector_heading_follows_a_theme_switched_live(app: QApplication, window) -> None:  # noqa: F811
    """Dark, then projector: the heading kept dark's near-white text on projector's light grey."""
    heading = window.inspector._heading
    apply_theme(app, "light")
    settle()
    light_pt = heading.font().pointSizeF()
    assert heading.font().pointSizeF() > app.font().pointSizeF()
    apply_theme(app, "dark")
    settle()
    apply_theme(app, "projector")
    settle()
    fg = heading.palette().color(ROLE.WindowText)
    bg = window.inspector.widget().palette().color(ROLE.Window)
    assert contrast(fg, bg) > 7, (fg.name(), bg.name())
    img = heading.grab().toImage()
    assert contrast(*ink(img, img.rect().adjusted(0, 2, 0, -2))) > 7
    assert heading.font().pointSizeF() == pytest.approx(light_pt * 1.3, rel=0.02)


@pytest.mark.parametrize("sample", ["tv-subscription", "surgeon-practice"])
@pytest.mark.parametrize("lod", [1.0, 0.6, 0.5, 0.45, 0.4, 0.33])
def test_projector_stage_headers_hold_their_wrapped_names(qtbot, sample_copy, sample: str,
                                                          lod: float) -> None:
    """Zoomed out far enough for the names to grow, "Install & set up" and "Renew or leave"
    wrapped to two lines taller than the projector's header: the second was cut off."""
    from journeymapper.ui.canvas.scene import MapScene
    from journeymapper.ui.session import Session
    from journeymapper.ui.theme import PROJECTOR

    with WorkshopFile.open(sample_copy(sample), read_only=True) as wf:
        doc = wf.document
    sc = MapScene(Session(doc), PROJECTOR)
    assert sc.stage_headers
    pad = 6
    for h in sc.stage_headers.values():
        r = h.rect()
        size = (int(r.width() * lod) + 2 * pad, int(r.height() * lod) + 2 * pad + 200)
        img = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = QPainter(img)
        p.translate(pad, pad)
        p.scale(lod, lod)
        p.translate(-r.left(), -r.top())
        h.paint(p, QStyleOptionGraphicsItem(), None)
        p.end()
        bottom = pad + int(r.height() * lod) + 2  # the header's edge, and its 1 px grid line
        spilled = [(x, y) for y in range(bottom, img.height(), 2) for x in range(img.width())
                   if QColor.fromRgba(img.pixel(x, y)).alpha() > 0]
        assert not spilled, (sample, lod, h.title)
