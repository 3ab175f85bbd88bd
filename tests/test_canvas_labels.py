"""Flow labels go where they can be read: not under a card (cards are drawn above flows) or a
header, and not over another flow's label; half-way along the flow when that is free."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from journeymapper.model import Document, edits, templates
from journeymapper.store import WorkshopFile
from journeymapper.ui.canvas.scene import MapScene
from journeymapper.ui.session import Session
from journeymapper.ui.theme import theme_for


def _scene(doc: Document) -> MapScene:
    return MapScene(Session(doc), theme_for(False))


def _boxes(sc: MapScene) -> dict[str, QRectF]:
    return {fid: it.mapRectToScene(it._label_rect()) for fid, it in sc.flows.items() if it.label}


def _under_a_card(sc: MapScene, box: QRectF) -> list[str]:
    return [tid for tid, r in sc.layout.cards.items() if r.intersects(box)]


def test_a_label_half_way_under_a_card_moves_to_a_free_spot(qtbot: QtBot) -> None:
    doc = templates.build("service-blueprint", "Labels")
    st, ln = [s.id for s in doc.stages], [x.id for x in doc.lanes]
    for i, (s, x) in enumerate([(0, 0), (1, 0), (1, 1)]):
        doc.apply(edits.add_touchpoint(doc, st[s], ln[x], f"Card {i}", touchpoint_id=f"tp{i}"))
    # from the first card down into the next column's second lane: half-way, just above the
    # line, is under the cards of the first lane
    doc.apply(edits.add_flow(doc, "tp0", "tp2", "booking entered", flow_id="fl"))
    sc = _scene(doc)
    flow = sc.flows["fl"]
    half_way = flow._path.pointAtPercent(0.5)
    above_half_way = QRectF(half_way.x() - 30, half_way.y() - 20, 60, 18)
    assert _under_a_card(sc, above_half_way)  # where the label used to go
    box = _boxes(sc)["fl"]
    assert not _under_a_card(sc, box), box
    assert flow.boundingRect().contains(flow.mapRectFromScene(box))  # repainted with the flow
    # renaming the flow places its new label too
    doc.apply(edits.update_flow(doc, "fl", label="a longer label for the same flow"))
    flow.set_flow(doc.flow("fl"))
    assert not _under_a_card(sc, _boxes(sc)["fl"])


def test_the_samples_labels_hide_no_other_label(qtbot: QtBot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    with WorkshopFile.open(Path(sample_copy("surgeon-practice")), read_only=True) as wf:
        sc = _scene(wf.document)
    boxes = list(_boxes(sc).values())
    assert len(boxes) >= 10
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.intersects(b)]
    hidden = [b for b in boxes if _under_a_card(sc, b)]
    # A label on a short flow between two cards side by side has no free spot along it; with
    # every label half-way above its flow, 7 of this map's 15 were hidden.
    assert len(hidden) <= 2, hidden
