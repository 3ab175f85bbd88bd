"""The shipped samples tell their story through the analysis (copies, never the tracked files)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES

from journeymapper.analysis import analysis_to_json, analyze
from journeymapper.store import WorkshopFile


def test_surgeon_practice_shows_the_weak_reception_call_and_the_carried_handoff(
        sample_copy: Callable[[str], Path]) -> None:
    with WorkshopFile.open(sample_copy("surgeon-practice")) as wf:
        doc = wf.document
        a = analyze(doc)
    lane_names = {ln.id: ln.name for ln in doc.lanes}
    weakest = a.summary["weakest_touchpoint"]
    assert isinstance(weakest, dict) and weakest["lane"] == "Reception"
    weak = [f for f in a.findings if f.kind == "weak-link"]
    assert weakest["id"] in {t for f in weak for t in f.touchpoint_ids}
    carried = {(lane_names[h.from_lane_id], lane_names[h.to_lane_id]) for h in a.handoffs
               if h.kind.value == "customer-carried"}
    assert any(a_ == "Reception" and b.startswith("Surgeon") for a_, b in carried)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_analyses_to_valid_json(name: str,
                                             sample_copy: Callable[[str], Path]) -> None:
    with WorkshopFile.open(sample_copy(name)) as wf:
        doc = wf.document
        a = analyze(doc, include_betweenness=True)
        data = analysis_to_json(doc, a)
    assert json.loads(json.dumps(data)) == data
    assert a.findings and len({f.id for f in a.findings}) == len(a.findings)
    for f in a.findings:
        assert set(f.touchpoint_ids) <= set(doc.touchpoints)
