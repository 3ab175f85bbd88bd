"""Pictures of the map: PNG, SVG and PDF, in normal and presentation mode."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from journeymapper.model import Channel, Document, edits, templates
from journeymapper.ui.render import render_map


def _doc() -> Document:
    doc = templates.build("service-blueprint", "Surgeon practice")
    st, ln = [s.id for s in doc.stages], [x.id for x in doc.lanes]
    doc.apply(edits.add_touchpoint(doc, st[0], ln[0], "Calls reception", touchpoint_id="a",
                                   channel=Channel.PHONE, score=4))
    doc.apply(edits.add_touchpoint(doc, st[1], ln[1], "Receptionist books the slot",
                                   touchpoint_id="b", score=9))
    doc.apply(edits.add_flow(doc, "a", "b"))
    doc.apply(edits.add_pain_point(doc, "a", "Put on hold twice", 4, votes=3))
    return doc


@pytest.mark.parametrize("presentation", [False, True])
def test_png(qtbot: QtBot, tmp_path: Path, presentation: bool) -> None:
    out = tmp_path / "map.png"
    render_map(_doc(), out, presentation=presentation, width=1280, height=720)
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)
    colours = {img.pixelColor(x, y).name() for x in range(0, 1280, 16) for y in range(0, 720, 16)}
    assert len(colours) > 12  # not blank: headers, lanes, cards, badges
    assert QColor("#D55E00").name().lower() in {c.lower() for c in colours} or len(colours) > 30


def test_svg_has_text(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    render_map(_doc(), out)
    root = ET.parse(out).getroot()
    texts = "".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert "Calls reception" in texts or "Calls" in texts
    assert "Surgeon practice" in texts


def test_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    render_map(_doc(), out, presentation=True)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 2000


def test_unknown_extension_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="png"):
        render_map(_doc(), tmp_path / "map.bmp")


def test_overlay_builders_draw_into_the_overlay_layer(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QGraphicsRectItem

    from journeymapper.ui import render
    seen: list[bool] = []

    def builder(view: object) -> None:
        from journeymapper.ui.canvas import MapView
        assert isinstance(view, MapView)
        seen.append(view.overlay_visible())
        mark = QGraphicsRectItem(view.card_rect("a").adjusted(-6, -6, 6, 6), view.overlay_layer())
        mark.setBrush(QColor("#FF00FF"))

    render.register_overlay_builder(builder)
    try:
        out = tmp_path / "overlay.png"
        render_map(_doc(), out, overlay=True, width=800, height=450)
        render_map(_doc(), tmp_path / "plain.png", overlay=False, width=800, height=450)
    finally:
        render.OVERLAY_BUILDERS.remove(builder)
    assert seen == [True]
    def magenta(path: Path) -> int:
        img = QImage(str(path))
        return sum(1 for x in range(0, 800, 4) for y in range(0, 450, 4)
                   if img.pixelColor(x, y).name() == "#ff00ff")
    assert magenta(out) > 10
    assert magenta(tmp_path / "plain.png") == 0


def test_pdf_page_has_the_asked_shape(qtbot: QtBot, tmp_path: Path) -> None:
    import re
    out = tmp_path / "wide.pdf"
    render_map(_doc(), out, width=1920, height=1080)
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", out.read_bytes())
    assert box is not None
    w, h = float(box.group(1)), float(box.group(2))
    assert w > h and abs(w / h - 1920 / 1080) < 0.01


def test_blueprint_tags_sit_above_the_flows_and_leave_clicks_to_the_map(qtbot: QtBot) -> None:
    """A flow crossing a lane line used to strike its name tag through (the tags were painted
    with the grid, under the flows)."""
    from PySide6.QtGui import QTransform

    from journeymapper.ui.canvas.scene import MapScene
    from journeymapper.ui.session import Session

    scene = MapScene(Session(_doc()))
    tags = scene.blueprint_tags
    boxes = scene.grid.tag_boxes()
    assert {text for _b, text in boxes} == {"LINE OF INTERACTION", "LINE OF VISIBILITY",
                                           "LINE OF INTERNAL INTERACTION"}
    flow = next(iter(scene.flows.values()))
    assert tags.zValue() > scene.content_layer.zValue()  # flows and cards are in that layer
    assert scene.content_layer.isAncestorOf(flow)
    box = boxes[0][0]
    assert scene.itemAt(box.center(), QTransform()) is tags
    assert not tags.acceptedMouseButtons()  # a click there reaches the grid below
    card = scene.cards["a"]
    assert scene.itemAt(card.sceneBoundingRect().center(), QTransform()) is not tags
    for c in scene.cards.values():  # the tags sit in the cells' padding: no card is covered
        assert not any(c.sceneBoundingRect().intersects(b) for b, _t in boxes)


def test_png_is_as_tall_as_the_map_needs(qtbot: QtBot, tmp_path: Path) -> None:
    """A wide map fills the picture's width: at a fixed 1080 it sat between empty bands."""
    import shutil

    from journeymapper.store import WorkshopFile

    copy = tmp_path / "client-engagement.jmw"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "workshops" / copy.name, copy)
    wf = WorkshopFile.open(copy)
    try:
        doc = wf.document
    finally:
        wf.close()
    out = tmp_path / "wide.png"
    render_map(doc, out)
    img = QImage(str(out))
    assert img.width() == 1920 and 640 < img.height() < 1000  # four stages, six lanes
    background = img.pixelColor(img.width() // 2, img.height() - 2).name()
    # the map reaches within 40 px of the bottom and of both sides
    for x, y in ((img.width() // 2, img.height() - 40), (40, img.height() // 2),
                 (img.width() - 40, img.height() // 2)):
        assert img.pixelColor(x, y).name() != background, (x, y)
