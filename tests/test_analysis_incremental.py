"""The live refresh after an edit (updated from what the edit changed) is exactly a fresh
``analyze``: long random sequences of the edits a workshop makes, on generated and sample maps."""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from journeymapper.analysis import Analysis, LiveAnalysis, Settings, analyze
from journeymapper.model import Channel, Document, Edit, Layer, Status, edits, jsonform, templates

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from _gen import make_document


def same(got: Analysis, want: Analysis) -> None:
    assert got.revision == want.revision
    assert got.handoffs == want.handoffs
    assert got.matrix == want.matrix and list(got.matrix) == list(want.matrix)
    assert got.per_stage == want.per_stage
    assert [f.id for f in got.findings] == [f.id for f in want.findings]
    assert got.findings == want.findings
    assert got.summary == want.summary and list(got.summary) == list(want.summary)
    assert got.betweenness == want.betweenness


def typical_edit(rnd: random.Random, doc: Document, last: Analysis | None) -> Edit:
    """One of the live edits: move, retitle, score, flows, pain points, dismissals..."""
    tps = sorted(doc.touchpoints)
    stages = [s.id for s in doc.stages]
    lanes = [ln.id for ln in doc.lanes]
    t = doc.touchpoints[rnd.choice(tps)]

    def move() -> Edit:
        return edits.move_touchpoint(doc, t.id, rnd.choice(stages), rnd.choice(lanes))

    def within() -> Edit:
        return edits.move_touchpoint(doc, t.id, t.stage_id, t.lane_id, rnd.randrange(4))

    def flow() -> Edit:
        a, b = rnd.sample(tps, 2)
        f = doc.flow_between(a, b)
        return edits.remove_flows(doc, [f.id]) if f else edits.add_flow(doc, a, b)

    def drop_flow() -> Edit:
        flows = sorted(doc.flows)
        return edits.remove_flows(doc, [rnd.choice(flows)]) if flows else flow()

    def dismiss() -> Edit:
        if last is None or not last.findings:
            return move()
        f = rnd.choice(last.findings)
        if f.dismissed:
            return edits.restore_finding(doc, f.id)
        return edits.dismiss_finding(doc, f.id)

    def pain() -> Edit:
        return edits.add_pain_point(doc, t.id, f"Pain {rnd.randrange(99)}", rnd.randint(1, 5),
                                    votes=rnd.randrange(3))

    def act() -> Edit:
        pps = sorted(doc.pain_points)
        if not pps:
            return pain()
        p = rnd.choice(pps)
        acts = doc.actions_for_pain_point(p)
        if acts and rnd.random() < 0.5:
            return edits.update_action(doc, acts[0].id, status=rnd.choice(list(Status)))
        if acts and rnd.random() < 0.5:
            return edits.remove_pain_points(doc, [p])
        return edits.add_action(doc, "Fix it", pain_point_ids=[p])

    choices: list[Callable[[], Edit]] = [
        move, move, move, within, flow, flow, drop_flow, dismiss, pain, act,
        lambda: edits.update_touchpoint(doc, t.id, title=f"Card {rnd.randrange(999)}"),
        lambda: edits.update_touchpoint(doc, t.id, score=rnd.choice([None, *range(0, 11)])),
        lambda: edits.update_touchpoint(doc, t.id, score=rnd.choice([None, *range(0, 11)])),
        lambda: edits.update_touchpoint(doc, t.id, channel=rnd.choice(list(Channel))),
        lambda: edits.update_touchpoint(doc, t.id, tags=rnd.choice([(), ("review",), ("x",)])),
        lambda: edits.update_touchpoint(doc, t.id, is_start=rnd.random() < 0.3,
                                        is_end=rnd.random() < 0.3),
        lambda: edits.update_touchpoint(doc, t.id, owner=rnd.choice(["", "Ann"])),
    ]
    return rnd.choice(choices)()


def bulk_edit(rnd: random.Random, doc: Document) -> Edit:
    """An edit that may take the full path: lanes, stages, settings, cards added or removed."""
    stages = [s.id for s in doc.stages]
    lanes = [ln.id for ln in doc.lanes]
    tps = sorted(doc.touchpoints)
    choices: list[Callable[[], Edit]] = [
        lambda: edits.rename_lane(doc, rnd.choice(lanes), f"Lane {rnd.randrange(99)}"),
        lambda: edits.update_lane(doc, rnd.choice(lanes), layer=rnd.choice([*Layer, None]),
                                  owner=rnd.choice(["", "Bo"])),
        lambda: edits.move_stage(doc, rnd.choice(stages), rnd.randrange(len(stages))),
        lambda: edits.move_lane(doc, rnd.choice(lanes), rnd.randrange(len(lanes))),
        lambda: edits.set_setting(doc, "weak_link_gap", str(rnd.choice([1, 2, 3]))),
        lambda: edits.add_touchpoint(doc, rnd.choice(stages), rnd.choice(lanes), "New",
                                     score=rnd.choice([None, 2, 9])),
        lambda: (edits.remove_touchpoints(doc, [rnd.choice(tps)]) if len(tps) > 3
                 else edits.add_touchpoint(doc, stages[0], lanes[0], "New")),
        lambda: edits.move_touchpoints(doc, [(t, rnd.choice(stages), rnd.choice(lanes))
                                             for t in rnd.sample(tps, min(3, len(tps)))]),
    ]
    return rnd.choice(choices)()


def run_sequence(doc: Document, seed: int, n: int, settings: Settings | None = None) -> int:
    """Apply ``n`` edits; after each compare a refresh and a sliced job with ``analyze``.
    Returns how many refreshes were incremental."""
    rnd = random.Random(seed)
    live, sliced = LiveAnalysis(), LiveAnalysis()
    last = live.refresh(doc, settings)
    same(last, analyze(doc, settings))
    incremental = 0
    for _ in range(n):
        edit = bulk_edit(rnd, doc) if rnd.random() < 0.08 else typical_edit(rnd, doc, last)
        doc.apply(edit)
        want = analyze(doc, settings)
        prev = last
        last = live.refresh(doc, settings)
        incremental += live.incremental
        same(last, want)
        before = {f.id: f for f in prev.findings}
        # An unchanged finding is the very same object when the refresh was incremental.
        if live.incremental:
            assert all(before[f.id] is f for f in last.findings
                       if f.id in before and before[f.id] == f and f.kind != "bottleneck-lane")
        job = sliced.start(doc, settings)
        while not job.step():
            pass
        assert job.result is not None
        same(job.result, want)
    return incremental


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_map_after_many_edits(seed: int) -> None:
    doc = make_document(160, 230, seed=seed)
    assert run_sequence(doc, seed, 250) > 150  # most of them took the incremental path


@pytest.mark.parametrize("name", ["service-blueprint", "client-engagement"])
def test_template_after_many_edits(name: str) -> None:
    doc = templates.build(name)
    rnd = random.Random(5)
    stages, lanes = [s.id for s in doc.stages], [ln.id for ln in doc.lanes]
    for i in range(30):
        doc.apply(edits.add_touchpoint(doc, rnd.choice(stages), rnd.choice(lanes), f"Card {i}",
                                       score=rnd.choice([None, 3, 6, 9, 10])))
    tps = sorted(doc.touchpoints)
    for _ in range(45):
        a, b = rnd.sample(tps, 2)
        if not doc.flow_between(a, b):
            doc.apply(edits.add_flow(doc, a, b))
    run_sequence(doc, 5, 150)


@pytest.mark.parametrize("name", ["surgeon-practice", "tv-subscription", "client-engagement"])
def test_sample_after_many_edits(name: str, sample_doc: Callable[[str], Document]) -> None:
    doc = jsonform.from_data(jsonform.to_data(sample_doc(name)))
    run_sequence(doc, 11, 200)


def test_small_caps_and_no_flows() -> None:
    # A cut loop list and few cards; then a map that loses all its flows and gets one back.
    doc = make_document(40, 60, seed=4)
    run_sequence(doc, 4, 120, Settings(cycle_max_count=1, weak_link_gap=1.0))
    live = LiveAnalysis()
    live.refresh(doc)
    doc.apply(edits.remove_flows(doc, list(doc.flows)))
    same(live.refresh(doc), analyze(doc))
    a, b = sorted(doc.touchpoints)[:2]
    doc.apply(edits.add_flow(doc, a, b))
    same(live.refresh(doc), analyze(doc))


def test_unchanged_findings_are_the_same_objects() -> None:
    doc = make_document(300, 440, seed=2)
    live = LiveAnalysis()
    before = live.refresh(doc)
    t = next(f.touchpoint_ids[0] for f in before.findings if f.kind == "gap-dead-end")
    doc.apply(edits.update_touchpoint(doc, t, title="Renamed card"))
    after = live.refresh(doc)
    assert live.incremental
    same(after, analyze(doc))
    old = {f.id: f for f in before.findings}
    kept = [f for f in after.findings if old.get(f.id) is f]
    changed = [f for f in after.findings if old.get(f.id) is not f]
    assert changed and all("Renamed card" in f.message or "Renamed card" in f.title
                           or f.kind == "bottleneck-lane" for f in changed)
    assert len(kept) > len(after.findings) - 20
    held = {h.flow_ids: h for h in before.handoffs}
    assert sum(held.get(h.flow_ids) is h for h in after.handoffs) >= len(after.handoffs) - 10


def test_unreachable_part_kept_up_to_date() -> None:
    # Edits aimed at the unreachable part (most of a generated map): its sources moved to
    # other cells, flows added and removed between its cards; the roots and the cards each
    # names must stay those of a fresh pass, and the whole result that of ``analyze``.
    from journeymapper.analysis import gaps
    from journeymapper.analysis.graph import Journey

    doc = make_document(220, 320, seed=6)
    rnd = random.Random(6)
    stages, lanes = [s.id for s in doc.stages], [ln.id for ln in doc.lanes]
    live = LiveAnalysis()
    live.refresh(doc)
    kinds: Counter[str] = Counter()
    for _ in range(300):
        inc = live._inc
        assert inc is not None
        left = sorted(inc.un.lab)
        sources = [t for t in left if not inc.j.pred[t]]
        r = rnd.random()
        if r < 0.35 and sources:
            t = rnd.choice(sources)
            edit = edits.move_touchpoint(doc, t, rnd.choice(stages), rnd.choice(lanes))
        elif r < 0.7 and len(left) > 1:
            a, b = rnd.sample(left, 2)
            f = doc.flow_between(a, b)
            edit = edits.remove_flows(doc, [f.id]) if f else edits.add_flow(doc, a, b)
        elif r < 0.85:
            edit = edits.remove_flows(doc, [rnd.choice(sorted(doc.flows))])
        else:
            a, b = rnd.sample(sorted(doc.touchpoints), 2)
            f = doc.flow_between(a, b)
            edit = edits.remove_flows(doc, [f.id]) if f else edits.add_flow(doc, a, b)
        doc.apply(edit)
        got = live.refresh(doc)
        if not live.incremental:
            continue
        kinds[edit.label] += 1
        j = Journey.of(doc, Settings.from_document(doc))
        want = gaps.unreachable_roots(j, gaps.reachable_from(j, gaps.starts(j)), gaps.isolated(j))
        assert sorted(live._inc.un.roots()) == sorted(want)
        same(got, analyze(doc))
    assert sum(kinds.values()) > 200, kinds
