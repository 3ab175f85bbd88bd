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


def test_layout_lookups_agree_with_a_scan_of_every_cell_and_card(sample_copy) -> None:  # type: ignore[no-untyped-def]
    """cell_at, cells_in and cards_in find by bisect and by slot; a scan of every stage, lane
    and card must give the same answers, edges and points outside the grid included."""
    import random

    from PySide6.QtCore import QPointF

    from journeymapper.ui.canvas.layout import compute_layout

    with WorkshopFile.open(Path(sample_copy("tv-subscription")), read_only=True) as wf:
        lay = compute_layout(wf.document, theme_for(False))

    def scan_cell(p: QPointF) -> tuple[str, str] | None:
        s = next((i for i in lay.stage_ids if lay.stage_x[i][0] <= p.x()
                  < lay.stage_x[i][0] + lay.stage_x[i][1]), None)
        ln = next((i for i in lay.lane_ids if lay.lane_y[i][0] <= p.y()
                   < lay.lane_y[i][0] + lay.lane_y[i][1]), None)
        return (s, ln) if s is not None and ln is not None else None

    rnd = random.Random(7)
    edges = [x for x, w in lay.stage_x.values()] + [x + w for x, w in lay.stage_x.values()]
    tops = [y for y, h in lay.lane_y.values()] + [y + h for y, h in lay.lane_y.values()]
    points = [QPointF(x, y) for x in edges for y in tops[:6]]
    points += [QPointF(rnd.uniform(-50, lay.width + 50), rnd.uniform(-50, lay.height + 50))
               for _ in range(500)]
    assert [lay.cell_at(p) for p in points] == [scan_cell(p) for p in points]
    for _ in range(500):
        box = QRectF(rnd.uniform(-50, lay.width), rnd.uniform(-50, lay.height),
                     rnd.uniform(1, 400), rnd.uniform(1, 200))
        assert sorted(lay.cards_in(box)) == sorted(
            tid for tid, r in lay.cards.items() if r.intersects(box)), box


def test_labels_are_placed_when_first_drawn(qtbot: QtBot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    """A map seen from far draws no labels, so it looks for no places for them (a full relayout
    of a big labelled map paid for every label); close up, the labels drawn get their places."""
    from PySide6.QtGui import QTransform

    from journeymapper.ui.canvas import MapView

    with WorkshopFile.open(Path(sample_copy("surgeon-practice")), read_only=True) as wf:
        doc = wf.document
    view = MapView(Session(doc))
    qtbot.addWidget(view)
    view.resize(400, 250)  # the whole map at a small scale: labels are not drawn
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    view.viewport().grab()
    labelled = [it for it in view.map_scene.flows.values() if it.label]
    assert labelled and all(it._label_at is None for it in labelled)
    view.resize(1400, 900)
    view.leave_fit()
    view.setTransform(QTransform.fromScale(1.0, 1.0))
    view.viewport().grab()
    placed = [it for it in labelled if it._label_at is not None]
    assert placed
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(it.sceneBoundingRect().intersects(seen) for it in placed)  # only those in view


def test_a_line_name_slid_onto_a_label_sends_the_label_elsewhere(qtbot: QtBot,
                                                                 sample_copy) -> None:  # type: ignore[no-untyped-def]
    """The overlay's tags push a blueprint line's name along its line (keep_line_tags_clear);
    a label it lands on is placed again, clear of it."""
    with WorkshopFile.open(Path(sample_copy("surgeon-practice")), read_only=True) as wf:
        sc = _scene(wf.document)
    labels = _boxes(sc)
    name, fid, label = next((box, f, lb) for box, _t in sc.grid.tag_boxes()
                            for f, lb in labels.items()
                            if lb.top() < box.bottom() and lb.bottom() > box.top()
                            and lb.left() > box.right())  # a label on the line, right of a name
    # an overlay tag over the name's left end, long enough to push the name onto the label
    keep = QRectF(name.left(), name.top(), label.left() + 10 - 4 - name.left(), name.height())
    sc.overlay_layer.setVisible(True)
    sc.keep_line_tags_clear([keep])
    moved = [box for box, _t in sc.grid.tag_boxes() if box.top() == name.top()
             and box.left() == keep.right() + 4]
    assert len(moved) == 1 and moved[0].intersects(label)
    again = _boxes(sc)[fid]
    assert again != label and not again.intersects(moved[0])
    sc.overlay_layer.setVisible(False)  # hidden overlay: the name goes home
    sc.keep_line_tags_clear()
    assert any(box == name for box, _t in sc.grid.tag_boxes())


def test_a_line_name_pushed_off_the_map_stays_home(qtbot: QtBot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    """Overlay tags up to the map's right end would push a name off it: it stays where it was
    (the names are the same whatever the overlay shows; the names' new places were matched
    one to one with the old, and a name that went missing raised)."""
    with WorkshopFile.open(Path(sample_copy("surgeon-practice")), read_only=True) as wf:
        sc = _scene(wf.document)
    home = [QRectF(box) for box, _t in sc.grid.tag_boxes()]
    name = home[0]
    wall = QRectF(name.left(), name.top(), sc.layout.width - name.left(), name.height())
    sc.overlay_layer.setVisible(True)
    sc.keep_line_tags_clear([wall])
    assert [box for box, _t in sc.grid.tag_boxes()] == home
