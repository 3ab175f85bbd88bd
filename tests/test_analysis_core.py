"""Edge cases, stable ids, dismissal, settings, the graph, the JSON form and the lazy import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_analysis_helpers import Dismissal, ids, journey, of_kind, run

from journeymapper.analysis import (
    LiveAnalysis,
    Settings,
    Severity,
    analysis_to_json,
    analyze,
    finding_id,
)
from journeymapper.analysis.graph import build_graph
from journeymapper.model import Document, Layer, edits, jsonform, templates

C, F, B, S = Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE, Layer.SUPPORT


def test_empty_workshop() -> None:
    a = analyze(Document())
    assert (a.handoffs, a.matrix, a.per_stage, a.findings) == ([], {}, {}, [])
    assert a.summary["mean_score"] is None and a.summary["journey_zone"] is None
    json.dumps(analysis_to_json(Document(), a))


def test_template_with_no_cards_lists_only_its_empty_stages() -> None:
    doc = templates.build("blank")
    a = analyze(doc)
    assert {f.kind for f in a.findings} == {"gap-empty-stage"}
    assert len(a.findings) == len(doc.stages) == 3


def test_one_card() -> None:
    # One frontstage card in an owned lane: nothing but the missing review loop.
    doc = journey(["S1"], [("fr", "Front", F)], {"a": ("S1", "fr", "Hello", {"score": 9})})
    a = run(doc)
    assert [f.id for f in a.findings] == ["gap-no-review:journey"]
    assert a.summary["journey_zone"] == "advocate"


def test_lanes_with_no_layer_are_frontstage() -> None:
    # Both lanes have no layer: a flow between them is a visible hand-off, and the stage has
    # customer contact.
    doc = journey(["S1"], [("x", "X", None), ("y", "Y", None)],
                  {"a": ("S1", "x", "A"), "b": ("S1", "y", "B")}, ["a-b"])
    a = run(doc)
    assert [h.kind.value for h in a.handoffs] == ["visible"]
    assert ids(a, "gap-no-customer-contact") == []
    assert build_graph(doc).nodes["a"]["layer"] is Layer.FRONTSTAGE


def test_build_graph_attributes() -> None:
    doc = journey(["S1", "S2"], [("cu", "Customer", C), ("ba", "Back", B)],
                  {"a": ("S1", "cu", "A", {"score": 7}), "b": ("S2", "ba", "B")}, ["a-b"])
    g = build_graph(doc)
    assert dict(g.nodes["a"]) == {"lane": "cu", "layer": Layer.CUSTOMER, "stage": "S1",
                                  "stage_index": 0, "score": 7}
    assert dict(g.nodes["b"])["stage_index"] == 1
    assert list(g.edges(data="flow")) == [("a", "b", "a-b")]


def test_finding_ids_are_stable_whatever_the_insertion_order() -> None:
    spec = (["S1", "S2", "S3"],
            [("cu", "Patient", C), ("re", "Reception", F), ("su", "Surgeon", F)],
            {"r1": ("S1", "re", "Call", {"score": 4}), "p1": ("S1", "cu", "Call again"),
             "s1": ("S2", "su", "See", {"score": 10}), "z": ("S3", "su", "Z", {"score": 9})},
            ["r1-p1", "p1-s1"])
    a1 = run(journey(*spec))
    rebuilt = jsonform.from_data(json.loads(json.dumps(jsonform.to_data(journey(*spec)))))
    a2 = run(rebuilt)
    assert [f.id for f in a1.findings] == [f.id for f in a2.findings]
    assert a1.findings == a2.findings
    assert finding_id("weak-link", ["r1"]) == "weak-link:r1"
    assert finding_id("x", ["b", "a", "b"]) == "x:a+b"
    assert finding_id("gap-no-review", []) == "gap-no-review:journey"


def test_findings_sorted_by_severity_then_kind() -> None:
    a = run(journey(["S1", "S2", "S3"],
                    [("cu", "Patient", C), ("re", "Reception", F), ("su", "Surgeon", F)],
                    {"r1": ("S1", "re", "Call", {"score": 4}), "p1": ("S1", "cu", "Call again"),
                     "s1": ("S2", "su", "See", {"score": 10})}, ["r1-p1", "p1-s1"]))
    keys = [(-f.severity.weight, f.kind) for f in a.findings]
    assert keys == sorted(keys)
    assert a.findings[0].severity is Severity.CRITICAL


def test_dismissed_findings_are_marked_and_left_out_of_the_counts() -> None:
    doc = journey(["S1", "S2"], [("fr", "Front", F)],
                  {"a": ("S1", "fr", "A"), "b": ("S2", "fr", "B")}, ["a-b"],
                  extra=[Dismissal("gap-no-review:journey")])
    a = run(doc)
    (f,) = of_kind(a, "gap-no-review")
    assert f.dismissed is True
    assert a.summary["dismissed"] == 1 and a.summary["findings"] == len(a.findings) - 1
    assert "gap-no-review" not in a.summary["by_kind"]  # type: ignore[operator]
    doc.apply(edits.restore_finding(doc, f.id))
    assert of_kind(analyze(doc), "gap-no-review")[0].dismissed is False


def test_settings_from_the_document() -> None:
    doc = journey(["S1"], [("fr", "Front", F)], {"a": ("S1", "fr", "A")}, settings={
        "weak_link_gap": "3.5", "cycle_max_length": "not a number", "channel_gap": "-1",
        "bottleneck_top": "5", "review_tags": " Check ,  AUDIT ,", "something_else": "x"})
    s = Settings.from_document(doc)
    assert s.weak_link_gap == 3.5
    assert s.cycle_max_length == Settings().cycle_max_length  # unreadable: default
    assert s.channel_gap == Settings().channel_gap  # out of range: default
    assert s.bottleneck_top == 5
    assert s.review_tags == ("check", "audit")
    # analyze() reads the workshop's own settings when none are given.
    assert analyze(doc).summary["findings"] == run(doc).summary["findings"]


def test_json_form() -> None:
    doc = journey(["S1", "S2"], [("cu", "Patient", C), ("re", "Reception", F),
                                 ("su", "Surgeon", F)],
                  {"r": ("S1", "re", "Call"), "p": ("S1", "cu", "Call again"),
                   "s": ("S2", "su", "See")}, ["r-p", "p-s"])
    data = analysis_to_json(doc, run(doc))
    assert set(data) >= {"handoffs", "matrix", "findings", "summary"}
    assert data["matrix"] == [{"from": {"id": "re", "name": "Reception"},
                               "to": {"id": "su", "name": "Surgeon"}, "count": 1}]
    (h,) = data["handoffs"]  # type: ignore[misc]
    assert h["kind"] == "customer-carried" and h["flow_ids"] == ["r-p", "p-s"]
    assert data["per_stage"] == [{"id": "S1", "name": "S1", "count": 0},
                                 {"id": "S2", "name": "S2", "count": 1}]
    f = data["findings"][0]  # type: ignore[index]
    assert f["severity"] == "critical" and f["dismissed"] is False
    assert json.loads(json.dumps(data)) == data


def test_live_refresh_matches_a_full_analysis_and_reuses_the_loops() -> None:
    doc = journey(["S1", "S2"], [("sa", "Sales", F), ("bi", "Billing", B)],
                  {"a": ("S1", "sa", "A", {"score": 9}), "b": ("S2", "bi", "B"),
                   "c": ("S2", "sa", "C", {"score": 4})}, ["a-b", "b-a", "b-c"])
    live = LiveAnalysis()
    assert live.refresh(doc).findings == analyze(doc).findings and live.reused is False
    doc.apply(edits.move_touchpoint(doc, "c", "S1", "bi"))  # same cards and flows
    assert live.refresh(doc).findings == analyze(doc).findings and live.reused is True
    assert live._graph.nodes["c"]["lane"] == "bi"
    doc.apply(edits.update_lane(doc, "bi", layer=Layer.SUPPORT))
    assert live.refresh(doc).handoffs == analyze(doc).handoffs and live.reused is True
    assert live._graph.nodes["b"]["layer"] is Layer.SUPPORT
    doc.apply(edits.remove_flows(doc, ["b-a"]))  # the loop is gone: patched, not rebuilt
    a = live.refresh(doc)
    assert live.reused is True and ids(a, "cycle") == [] and a.findings == analyze(doc).findings
    doc.apply(edits.add_flow(doc, "c", "a", flow_id="c-a"))  # closes a -> b -> c -> a
    a = live.refresh(doc)
    assert live.reused is True and ids(a, "cycle") == ["cycle:a-b+b-c+c-a"]
    assert a.findings == analyze(doc).findings
    assert live._graph.edges["c", "a"]["flow"] == "c-a"
    doc.apply(edits.add_touchpoint(doc, "S1", "sa", "New card"))  # other cards: rebuilt
    assert live.refresh(doc).findings == analyze(doc).findings and live.reused is False
    # A loop list that would be cut is rebuilt, so the loops listed are those of a fresh build.
    capped = Settings(cycle_max_count=1)
    live.refresh(doc, capped)
    doc.apply(edits.add_flow(doc, "b", "a", flow_id="b-a"))  # a second loop: a <-> b
    assert live.refresh(doc, capped).findings == analyze(doc, capped).findings
    assert live.reused is False


def test_importing_the_package_does_not_import_networkx_or_qt() -> None:
    code = ("import sys, journeymapper.analysis; "
            "print('networkx' in sys.modules, 'PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("name", ["blank", "client-engagement"])
def test_templates_analyse(name: str) -> None:
    doc = templates.build(name)
    json.dumps(analysis_to_json(doc, analyze(doc, include_betweenness=True)))


def test_sliced_job_gives_the_same_result_and_notices_edits() -> None:
    doc = journey(["S1", "S2"], [("sa", "Sales", F), ("bi", "Billing", B)],
                  {"a": ("S1", "sa", "A", {"score": 9}), "b": ("S2", "bi", "B"),
                   "c": ("S2", "sa", "C", {"score": 4})}, ["a-b", "b-a", "b-c"])
    live = LiveAnalysis()
    job = live.start(doc)
    steps = 1
    while not job.step():
        steps += 1
    assert steps > 3  # it really is cut in slices
    assert job.done and job.result is not None
    assert job.result.findings == analyze(doc).findings
    # An edit during a job makes it stale: it never finishes, and a new job is needed.
    job = live.start(doc)
    job.step()
    doc.apply(edits.move_touchpoint(doc, "c", "S1", "bi"))
    assert job.stale and job.step() is False and job.run_for(1.0) is False
    again = live.start(doc)
    assert again.run_for(10.0) is True
    assert again.result is not None and again.result.findings == analyze(doc).findings
    assert again.result.revision == doc.revision
