"""After an edit the canvas lays out only what the edit touched (DESIGN.md §3, §11): the result
must be exactly what a full layout of the same document gives. Random edits of the kinds a
workshop makes on a generated map, each compared with a scene built afresh."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from journeymapper.model import Document, Edit, EditError, edits
from journeymapper.ui.canvas.scene import MapScene
from journeymapper.ui.session import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from _gen import make_document


def same_as_fresh(sc: MapScene) -> None:
    fresh = MapScene(sc.session)
    fresh.detach()
    try:
        a, b = sc.layout, fresh.layout
        assert sc.stack == fresh.stack
        assert (a.width, a.height, a.stage_x, a.lane_y, a.stage_cols) == (
            b.width, b.height, b.stage_x, b.lane_y, b.stage_cols)
        assert a.cells == b.cells
        assert a.cell_of == b.cell_of
        assert a.cards == b.cards
        assert sc.cards.keys() == fresh.cards.keys()
        for tid, card in sc.cards.items():
            assert card.pos() == fresh.cards[tid].pos(), tid
            assert card.face == fresh.cards[tid].face
        assert sc.flows.keys() == fresh.flows.keys()
        for fid, flow in sc.flows.items():
            other = fresh.flows[fid]
            assert flow.route_key == other.route_key, fid
            assert flow.polyline() == other.polyline(), fid
            assert flow.loop == other.loop
        # the overview draws what the items show
        drawn_cards, drawn_flows = sc.overview._drawn()
        assert {t: r for t, (r, _, _) in drawn_cards.items()} == a.cards
        assert {f: poly for f, (_, poly) in drawn_flows.items()} == {
            f: item.polyline() for f, item in sc.flows.items()}
    finally:
        fresh.clear()
        fresh.deleteLater()


def random_edit(doc: Document, rnd: random.Random) -> Edit:
    tps = list(doc.touchpoints)
    stages, lanes = [s.id for s in doc.stages], [ln.id for ln in doc.lanes]
    kind = rnd.choice(["move", "move", "move", "reorder", "add", "remove", "flow", "twin",
                       "unflow", "score", "many"])
    tid = rnd.choice(tps)
    tp = doc.touchpoint(tid)
    if kind == "move":
        return edits.move_touchpoint(doc, tid, rnd.choice(stages), rnd.choice(lanes),
                                     rnd.choice([None, 0, 1, 3]))
    if kind == "reorder":
        n = len(doc.cell(tp.stage_id, tp.lane_id))
        return edits.move_touchpoint(doc, tid, tp.stage_id, tp.lane_id, rnd.randrange(n))
    if kind == "add":
        return edits.add_touchpoint(doc, rnd.choice(stages), rnd.choice(lanes), "New card",
                                    rnd.choice([None, 0, 2]))
    if kind == "remove":
        return edits.remove_touchpoints(doc, rnd.sample(tps, rnd.choice([1, 1, 3])))
    if kind == "flow":
        return edits.add_flow(doc, tid, rnd.choice(tps))
    if kind == "twin":  # the reverse of an existing flow: both then sit side by side
        f = rnd.choice(list(doc.flows.values()))
        return edits.add_flow(doc, f.target_id, f.source_id)
    if kind == "unflow":
        return edits.remove_flows(doc, rnd.sample(list(doc.flows), 2))
    if kind == "score":
        return edits.update_touchpoint(doc, tid, score=rnd.choice([None, -2, 0, 3]))
    moves = [(t, rnd.choice(stages), rnd.choice(lanes)) for t in rnd.sample(tps, 6)]
    return edits.move_touchpoints(doc, moves)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_relayout_matches_a_full_one(qapp: QApplication, seed: int) -> None:
    rnd = random.Random(seed)
    doc = make_document(150, 220, seed=seed)
    session = Session(doc)
    sc = MapScene(session)
    try:
        done = 0
        while done < 40:
            try:
                edit = random_edit(doc, rnd)
            except EditError:  # e.g. a flow that exists already
                continue
            if not edit:
                continue
            session.do(edit)
            done += 1
            same_as_fresh(sc)
            if done % 10 == 0:  # undo goes through the same path
                session.undo_stack.undo()
                same_as_fresh(sc)
    finally:
        sc.detach()
        session.close()
