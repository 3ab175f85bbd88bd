"""Property tests: what must hold for any journey, not only the hand-made ones."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_strategies import random_edit

from journeymapper.analysis import LiveAnalysis, Settings, analysis_to_json, analyze
from journeymapper.model import Document, Flow, Lane, Layer, Stage, TouchPoint, edits, templates

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LAYERS = st.sampled_from([*Layer, None])


@st.composite
def journeys(draw: st.DrawFn, max_lanes: int = 4) -> Document:
    n_st = draw(st.integers(1, 3))
    layers = draw(st.lists(LAYERS, min_size=1, max_size=max_lanes))
    n_tp = draw(st.integers(1, 10))
    cells = draw(st.lists(st.tuples(st.integers(0, n_st - 1), st.integers(0, len(layers) - 1)),
                          min_size=n_tp, max_size=n_tp))
    pairs = draw(st.lists(st.tuples(st.integers(0, n_tp - 1), st.integers(0, n_tp - 1)),
                          max_size=20))
    doc = Document()
    doc.load([
        *(Stage(f"s{i}", f"Stage {i}", float(i)) for i in range(n_st)),
        *(Lane(f"l{i}", f"Lane {i}", float(i), layer) for i, layer in enumerate(layers)),
        *(TouchPoint(f"t{i}", f"s{s}", f"l{ln}", f"Card {i}", rank=float(i),
                     score=draw(st.one_of(st.none(), st.integers(0, 10))))
          for i, (s, ln) in enumerate(cells)),
        *(Flow(f"t{a}-t{b}", f"t{a}", f"t{b}") for a, b in dict.fromkeys(pairs) if a != b),
    ])
    return doc


@SETTINGS
@given(journeys(), st.data())
def test_moving_a_card_within_its_own_cell_never_changes_the_handoffs(
        doc: Document, data: st.DataObject) -> None:
    capped = Settings(cycle_max_count=1)  # which loop is listed must not depend on history
    before, before_capped = analyze(doc), analyze(doc, capped)
    tp = doc.touchpoints[data.draw(st.sampled_from(sorted(doc.touchpoints)))]
    index = data.draw(st.integers(0, len(doc.cell(tp.stage_id, tp.lane_id))))
    doc.apply(edits.move_touchpoint(doc, tp.id, tp.stage_id, tp.lane_id, index))
    after = analyze(doc)
    assert analyze(doc, capped).findings == before_capped.findings
    assert after.handoffs == before.handoffs
    assert after.matrix == before.matrix and after.per_stage == before.per_stage
    assert [f.id for f in after.findings] == [f.id for f in before.findings]


@SETTINGS
@given(journeys(max_lanes=1))
def test_a_journey_in_one_lane_has_no_handoffs(doc: Document) -> None:
    a = analyze(doc, include_betweenness=True)
    assert a.handoffs == [] and a.matrix == {} and set(a.per_stage.values()) <= {0}
    kinds = {f.kind for f in a.findings}
    assert not kinds & {"handoff", "customer-carried", "ping-pong", "bottleneck-lane"}


@SETTINGS
@given(journeys())
def test_every_finding_names_existing_entities_and_ids_are_unique(doc: Document) -> None:
    a = analyze(doc, include_betweenness=True)
    assert len({f.id for f in a.findings}) == len(a.findings)
    for f in a.findings:
        assert f.id.startswith(f.kind + ":") and f.message and f.suggestion
        assert set(f.touchpoint_ids) <= set(doc.touchpoints)
        assert set(f.flow_ids) <= set(doc.flows)
    for h in a.handoffs:
        assert h.from_lane_id != h.to_lane_id
    assert sum(a.matrix.values()) == len(a.handoffs) == sum(a.per_stage.values())
    data = analysis_to_json(doc, a)
    assert json.loads(json.dumps(data)) == data


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.integers(1, 40), st.sampled_from([None, 1, 2]))
def test_live_refresh_equals_a_full_analysis_after_any_edits(data: st.DataObject, n: int,
                                                             cap: int | None) -> None:
    # With a small cap on the loops listed, the cut list must also match a fresh build.
    s = Settings() if cap is None else Settings(cycle_max_count=cap)
    doc = templates.build("service-blueprint")
    live = LiveAnalysis()
    for _ in range(n):
        doc.apply(random_edit(data, doc))
        got, want = live.refresh(doc, s), analyze(doc, s)
        assert (got.handoffs, got.findings, got.summary) == (want.handoffs, want.findings,
                                                             want.summary)


@SETTINGS
@given(journeys(), st.data(), st.sampled_from([None, 1, 3]))
def test_live_refresh_after_drawing_and_removing_flows(doc: Document, data: st.DataObject,
                                                       cap: int | None) -> None:
    # Flow edits patch the cached graph and loop list instead of rebuilding them.
    s = Settings() if cap is None else Settings(cycle_max_count=cap)
    live = LiveAnalysis()
    live.refresh(doc, s)
    ids = sorted(doc.touchpoints)
    for _ in range(data.draw(st.integers(1, 8))):
        a, b = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
        if a == b:
            continue
        f = doc.flow_between(a, b)
        doc.apply(edits.remove_flows(doc, [f.id]) if f else edits.add_flow(doc, a, b))
        got, want = live.refresh(doc, s), analyze(doc, s)
        assert (got.findings, got.summary) == (want.findings, want.summary)
