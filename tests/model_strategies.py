"""Hypothesis strategies that drive random, valid edits against a live Document.

Shared by the model's property tests and the store's save-and-reopen properties.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from journeymapper.model import (
    Channel,
    Document,
    Edit,
    Layer,
    PainKind,
    Priority,
    Servqual,
    Status,
    edits,
)

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1, max_size=20,
).filter(lambda s: s.strip() != "")
SCORES = st.one_of(st.none(), st.integers(0, 10))


def _pick(data: st.DataObject, items: list[str]) -> str:
    # Insertion order, not id order: ids are random, draws must not depend on them.
    return data.draw(st.sampled_from(items))


def random_edit(data: st.DataObject, doc: Document) -> Edit:
    """Draw one valid edit for the document's current state."""
    stages = [s.id for s in doc.stages]
    lanes = [lane.id for lane in doc.lanes]
    tps = list(doc.touchpoints)
    pps = list(doc.pain_points)
    acts = [a.id for a in doc.actions]
    flows = list(doc.flows)
    choices: list[Callable[[], Edit]] = [
        lambda: edits.add_stage(doc, data.draw(TEXT), data.draw(st.integers(0, 6))),
        lambda: edits.add_lane(doc, data.draw(TEXT), data.draw(st.sampled_from([*Layer, None])),
                               data.draw(st.integers(0, 6))),
        lambda: edits.update_info(doc, title=data.draw(TEXT),
                                  notes=data.draw(st.text(max_size=30))),
        lambda: edits.set_setting(doc, data.draw(st.sampled_from(["weak_link_gap", "x"])),
                                  str(data.draw(st.integers(0, 9)))),
    ]
    if stages:
        choices += [
            lambda: edits.rename_stage(doc, _pick(data, stages), data.draw(TEXT)),
            lambda: edits.move_stage(doc, _pick(data, stages), data.draw(st.integers(0, 6))),
            lambda: edits.remove_stage(doc, _pick(data, stages)),
        ]
    if lanes:
        choices += [
            lambda: edits.update_lane(doc, _pick(data, lanes), owner=data.draw(st.text(max_size=8)),
                                      layer=data.draw(st.sampled_from([*Layer, None]))),
            lambda: edits.move_lane(doc, _pick(data, lanes), data.draw(st.integers(0, 6))),
            lambda: edits.remove_lane(doc, _pick(data, lanes)),
        ]
    if stages and lanes:
        def add_tp() -> Edit:
            return edits.add_touchpoint(
                doc, _pick(data, stages), _pick(data, lanes), data.draw(TEXT),
                data.draw(st.one_of(st.none(), st.integers(0, 5))),
                score=data.draw(SCORES), channel=data.draw(st.sampled_from(list(Channel))),
                tags=tuple(data.draw(st.lists(TEXT, max_size=2))))
        choices += [add_tp, add_tp, add_tp]
        choices.append(lambda: edits.add_action(
            doc, data.draw(TEXT), owner_lane_id=data.draw(st.sampled_from([None, *lanes])),
            priority=data.draw(st.sampled_from(list(Priority))),
            status=data.draw(st.sampled_from(list(Status))), impact=data.draw(st.integers(1, 5))))
    if tps and stages and lanes:
        choices += [
            lambda: edits.update_touchpoint(doc, _pick(data, tps), title=data.draw(TEXT),
                                            score=data.draw(SCORES)),
            lambda: edits.move_touchpoint(doc, _pick(data, tps), _pick(data, stages),
                                          _pick(data, lanes), data.draw(st.integers(0, 4))),
            lambda: edits.remove_touchpoints(doc, {_pick(data, tps) for _ in range(2)}),
            lambda: edits.add_pain_point(doc, _pick(data, tps), data.draw(TEXT),
                                         data.draw(st.integers(1, 5)),
                                         data.draw(st.sampled_from(list(PainKind))),
                                         data.draw(st.sampled_from([None, *Servqual]))),
        ]
    if len(tps) >= 2:
        def add_flow() -> Edit:
            a, b = data.draw(st.lists(st.sampled_from(tps), min_size=2, max_size=2,
                                      unique=True))
            return edits.add_flow(doc, a, b) if not doc.flow_between(a, b) else Edit("noop", ())
        choices += [add_flow, add_flow]
    if flows:
        choices.append(lambda: edits.remove_flows(doc, [_pick(data, flows)]))
    if pps:
        choices += [
            lambda: edits.vote(doc, _pick(data, pps)),
            lambda: edits.update_pain_point(doc, _pick(data, pps),
                                            severity=data.draw(st.integers(1, 5))),
            lambda: edits.remove_pain_points(doc, [_pick(data, pps)]),
            lambda: edits.add_action(doc, data.draw(TEXT), pain_point_ids=[_pick(data, pps)]),
        ]
    if acts:
        choices += [
            lambda: edits.update_action(doc, _pick(data, acts), status=data.draw(
                st.sampled_from(list(Status))), effort=data.draw(st.integers(1, 5))),
            lambda: edits.remove_actions(doc, [_pick(data, acts)]),
        ]
    index = data.draw(st.integers(0, len(choices) - 1))
    return choices[index]()
