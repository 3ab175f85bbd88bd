"""Edits one by one: what they change, what they announce, and what they refuse."""

from __future__ import annotations

import pytest

from journeymapper.model import (
    Change,
    Document,
    EditError,
    Layer,
    PainKind,
    Zone,
    combine,
    edits,
    templates,
    zone_of,
)


@pytest.fixture
def doc() -> Document:
    d = templates.build("client-engagement", "Acme")
    s = [x.id for x in d.stages]
    ln = [x.id for x in d.lanes]
    d.apply(edits.add_touchpoint(d, s[0], ln[0], "Asks for help", touchpoint_id="tp_a", score=8))
    d.apply(edits.add_touchpoint(d, s[0], ln[1], "Discovery call", touchpoint_id="tp_b", score=4))
    d.apply(edits.add_touchpoint(d, s[1], ln[2], "Plan drafted", touchpoint_id="tp_c"))
    d.apply(edits.add_flow(d, "tp_a", "tp_b", flow_id="fl_ab"))
    d.apply(edits.add_flow(d, "tp_b", "tp_c", flow_id="fl_bc"))
    d.apply(edits.add_pain_point(d, "tp_b", "Nobody called back", 4, PainKind.OBJECTIVE,
                                 pain_point_id="pp_1"))
    d.apply(edits.add_action(d, "Call back within a day", action_id="ac_1",
                             pain_point_ids=["pp_1"], owner_lane_id=ln[1]))
    return d


def test_templates_have_the_documented_layouts() -> None:
    assert [s.name for s in templates.build("client-engagement").stages] == [
        "Investigate", "Plan", "Monitor", "Review"]
    assert [s.name for s in templates.build("interaction-cycle").stages] == [
        "Situation", "Goals and benefits", "Strategy", "Review"]
    bp = templates.build("service-blueprint")
    assert [ln.layer for ln in bp.lanes] == [Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE,
                                             Layer.SUPPORT]
    assert templates.build("blank").counts()["touchpoints"] == 0
    with pytest.raises(KeyError):
        templates.build("nope")


def test_change_names_added_changed_removed(doc: Document) -> None:
    heard: list[Change] = []
    doc.subscribe(heard.append)
    doc.apply(edits.update_touchpoint(doc, "tp_a", title="Asks a friend"))
    assert heard[-1].changed["touchpoint"] == {"tp_a"} and not heard[-1].added["touchpoint"]
    doc.apply(edits.remove_touchpoints(doc, ["tp_b"]))
    ch = heard[-1]
    assert ch.removed["touchpoint"] == {"tp_b"}
    assert ch.removed["flow"] == {"fl_ab", "fl_bc"}
    assert ch.removed["painpoint"] == {"pp_1"}
    assert ch.changed["action"] == {"ac_1"}  # unlinked from the removed pain point
    assert doc.action("ac_1").pain_point_ids == ()


def test_removing_a_lane_removes_its_contents_and_undo_restores_all(doc: Document) -> None:
    lane = doc.lanes[1].id
    before = doc.snapshot()
    edit = edits.remove_lane(doc, lane)
    doc.apply(edit)
    assert "tp_b" not in doc.touchpoints and not doc.flows and not doc.pain_points
    assert doc.action("ac_1").owner_lane_id is None and doc.action("ac_1").pain_point_ids == ()
    doc.apply(edit.inverted())
    assert doc.snapshot() == before


def test_removing_a_stage_removes_its_cards(doc: Document) -> None:
    first = doc.stages[0].id
    doc.apply(edits.remove_stage(doc, first))
    assert set(doc.touchpoints) == {"tp_c"} and len(doc.stages) == 3


def test_moves_and_order_in_cell(doc: Document) -> None:
    s0, l0 = doc.stages[0].id, doc.lanes[0].id
    doc.apply(edits.add_touchpoint(doc, s0, l0, "Second", touchpoint_id="tp_d"))
    doc.apply(edits.move_touchpoint(doc, "tp_b", s0, l0, 1))
    assert [t.id for t in doc.cell(s0, l0)] == ["tp_a", "tp_b", "tp_d"]
    doc.apply(edits.move_touchpoint(doc, "tp_d", s0, l0, 0))
    assert [t.id for t in doc.cell(s0, l0)] == ["tp_d", "tp_a", "tp_b"]
    # Many insertions at the same spot exhaust float gaps; the cell is renumbered, order kept.
    for i in range(80):
        doc.apply(edits.add_touchpoint(doc, s0, l0, f"n{i}", 1, touchpoint_id=f"tp_n{i}"))
    ids = [t.id for t in doc.cell(s0, l0)]
    assert ids[0] == "tp_d" and ids[1] == "tp_n79" and ids[-2:] == ["tp_a", "tp_b"]


def test_reordering_stages_and_lanes(doc: Document) -> None:
    names = [s.name for s in doc.stages]
    doc.apply(edits.move_stage(doc, doc.stages[3].id, 0))
    assert [s.name for s in doc.stages] == [names[3], *names[:3]]
    lanes = [x.name for x in doc.lanes]
    doc.apply(edits.move_lane(doc, doc.lanes[0].id, 10))
    assert [x.name for x in doc.lanes] == [*lanes[1:], lanes[0]]


def test_multi_card_move_is_one_edit(doc: Document) -> None:
    s3, l3 = doc.stages[3].id, doc.lanes[3].id
    edit = edits.move_touchpoints(doc, [("tp_a", s3, l3), ("tp_b", s3, l3)])
    doc.apply(edit)
    assert [t.id for t in doc.cell(s3, l3)] == ["tp_a", "tp_b"]
    doc.apply(edit.inverted())
    assert doc.touchpoint("tp_a").stage_id == doc.stages[0].id


@pytest.mark.parametrize("make, message", [
    (lambda d: edits.update_touchpoint(d, "tp_a", score=11), "from 0 to 10"),
    (lambda d: edits.add_flow(d, "tp_a", "tp_zz"), "no touch-point"),
    (lambda d: edits.add_flow(d, "tp_a", "tp_a"), "itself"),
    (lambda d: edits.add_flow(d, "tp_a", "tp_b"), "already a flow"),
    (lambda d: edits.move_touchpoint(d, "tp_a", d.stages[0].id, "ln_missing"), "no lane"),
    (lambda d: edits.add_pain_point(d, "tp_a", "x", severity=6), "severity"),
    (lambda d: edits.add_pain_point(d, "tp_a", "   "), "cannot be empty"),
    (lambda d: edits.vote(d, "pp_1", -1), "below zero"),
    (lambda d: edits.update_action(d, "ac_1", impact=0), "impact"),
    (lambda d: edits.add_stage(d, ""), "cannot be empty"),
    (lambda d: edits.update_touchpoint(d, "tp_a", colour="red"), "no field"),
])
def test_invalid_edits_are_refused_with_a_clear_message(doc: Document, make, message) -> None:  # type: ignore[no-untyped-def]
    before = doc.snapshot()
    with pytest.raises(EditError, match=message):
        doc.apply(make(doc))
    assert doc.snapshot() == before


def test_votes_and_combined_edits(doc: Document) -> None:
    e = combine("Two votes", edits.vote(doc, "pp_1"))
    doc.apply(e)
    e2 = edits.vote(doc, "pp_1")
    doc.apply(e2)
    assert doc.pain_point("pp_1").votes == 2
    doc.apply(e2.inverted())
    doc.apply(e.inverted())
    assert doc.pain_point("pp_1").votes == 0


def test_a_failing_persister_rolls_the_edit_back(doc: Document) -> None:
    before = doc.snapshot()

    def broken(_edit: object) -> None:
        raise OSError("disk full")

    doc.set_persister(broken)
    with pytest.raises(OSError):
        doc.apply(edits.update_touchpoint(doc, "tp_a", title="Lost"))
    assert doc.snapshot() == before


def test_zones() -> None:
    assert [zone_of(s) for s in (10, 9, 8.5, 7, 6.9, 0, None)] == [
        Zone.ADVOCATE, Zone.ADVOCATE, Zone.INDIFFERENT, Zone.INDIFFERENT, Zone.AT_RISK,
        Zone.AT_RISK, None]


def test_odd_characters_in_titles_are_kept_as_they_are(doc: Document) -> None:
    title = '=HYPERLINK("http://x","y") \x07 ünï 😀'
    doc.apply(edits.update_touchpoint(doc, "tp_a", title=title))
    assert doc.touchpoint("tp_a").title == title
