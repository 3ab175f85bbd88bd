"""Pictures with the analysis overlay: the samples render with it, and the surgeon's picture
carries the story's colours (weak-link red, customer-carried pink) that the plain one lacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from journeymapper.store import WorkshopFile
from journeymapper.ui.analysis import register_render_overlay
from journeymapper.ui.analysis.style import HANDOFF_STYLE, WEAK_COLOR
from journeymapper.ui.render import render_map

CARRIED = HANDOFF_STYLE[next(k for k in HANDOFF_STYLE if k.value == "customer-carried")][0]


def count_near(img: QImage, color: str, tol: int = 18, step: int = 3) -> int:
    c = QColor(color)
    n = 0
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            p = img.pixelColor(x, y)
            if abs(p.red() - c.red()) + abs(p.green() - c.green()) + \
                    abs(p.blue() - c.blue()) <= tol:
                n += 1
    return n


def render(path: Path, out: Path, overlay: bool) -> QImage:
    wf = WorkshopFile.open(path)
    try:
        render_map(wf.document, out, overlay=overlay)
    finally:
        wf.close()
    img = QImage(str(out))
    assert img.width() == 1920 and 640 <= img.height() <= 2880  # as tall as the map needs
    return img


def test_surgeon_picture_shows_the_story(qapp: Any, sample_copy: Any, tmp_path: Path) -> None:
    register_render_overlay()
    src = sample_copy("surgeon-practice")
    plain = render(src, tmp_path / "plain.png", overlay=False)
    with_overlay = render(src, tmp_path / "overlay.png", overlay=True)
    assert count_near(with_overlay, WEAK_COLOR) > 2 * count_near(plain, WEAK_COLOR) + 200
    assert count_near(with_overlay, CARRIED) > count_near(plain, CARRIED) + 200


@pytest.mark.parametrize("name", ["tv-subscription", "client-engagement"])
def test_other_samples_render_with_overlay(qapp: Any, sample_copy: Any, tmp_path: Path,
                                           name: str) -> None:
    register_render_overlay()
    img = render(sample_copy(name), tmp_path / f"{name}.png", overlay=True)
    assert count_near(img, WEAK_COLOR) > 200
