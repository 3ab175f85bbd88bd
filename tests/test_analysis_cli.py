"""``journeymapper analyze`` on .json and .jmw workshops, and dismissal surviving save/reopen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_analysis_helpers import journey

from journeymapper.analysis import analyze
from journeymapper.cli import main
from journeymapper.model import Document, Layer, edits, jsonform

C, F = Layer.CUSTOMER, Layer.FRONTSTAGE


def surgeon() -> Document:
    return journey(
        ["Referral", "Booking"],
        [("pat", "Patient", C), ("rec", "Reception", F), ("sur", "Surgeon", F)],
        {"r1": ("Referral", "rec", "Call reception", {"score": 4}),
         "p1": ("Referral", "pat", "call the secretary"),
         "s1": ("Booking", "sur", "Consultation", {"score": 10}),
         "s2": ("Booking", "sur", "Operation", {"score": 10})},
        ["r1-p1", "p1-s1", "s1-s2"],
    )


def test_analyze_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "surgeon.json"
    jsonform.dump(surgeon(), path)
    assert main(["analyze", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"handoffs", "matrix", "findings", "summary"} <= set(data)
    assert data["matrix"] == [{"from": {"id": "rec", "name": "Reception"},
                               "to": {"id": "sur", "name": "Surgeon"}, "count": 1}]
    kinds = {f["kind"] for f in data["findings"]}
    assert {"customer-carried", "weak-link"} <= kinds
    assert data["summary"]["weakest_touchpoint"]["title"] == "Call reception"


def test_analyze_text_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "surgeon.json"
    jsonform.dump(surgeon(), path)
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    # The matrix as a table with lane names: Reception hands over to Surgeon once.
    header = next(i for i, line in enumerate(lines) if "from \\ to" in line)
    assert lines[header].split()[-2:] == ["Reception", "Surgeon"]
    assert lines[header + 1].split() == ["Reception", ".", "1"]
    assert lines[header + 2].split() == ["Surgeon", ".", "."]
    # Findings grouped by severity, worst first.
    assert out.index("CRITICAL (") < out.index("WARNING (")
    assert "The patient carries the work from Reception to Surgeon" in out


@pytest.mark.parametrize("content", ["{not json", '{"format": "something else"}', "\xff\xfe"])
def test_bad_json_file_exits_2_with_one_line(tmp_path: Path, content: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("latin-1"))
    assert main(["analyze", str(path), "--json"]) == 2
    err = capsys.readouterr()
    assert err.out == ""
    assert err.err.startswith(f"journeymapper: {path}") and err.err.count("\n") == 1


def test_missing_and_non_workshop_files_exit_2(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "nope.jmw")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    junk = tmp_path / "junk.jmw"
    junk.write_bytes(b"this is not a workshop")
    assert main(["analyze", str(junk)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert junk.read_bytes() == b"this is not a workshop"


def test_analyze_jmw_and_dismissal_survives_save_and_reopen(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = pytest.importorskip("journeymapper.store")
    path = tmp_path / "surgeon.jmw"
    with store.WorkshopFile.create(path, surgeon()) as wf:
        doc = wf.document
        (finding,) = [f for f in analyze(doc).findings if f.kind == "customer-carried"]
        doc.apply(edits.dismiss_finding(doc, finding.id, "known: new phone line coming"))
    with store.WorkshopFile.open(path) as wf:
        again = {f.id: f.dismissed for f in analyze(wf.document).findings}
    assert again[finding.id] is True
    assert sum(again.values()) == 1
    assert main(["analyze", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["dismissed"] == 1
    assert [f["id"] for f in data["findings"] if f["dismissed"]] == [finding.id]


def test_empty_workshop_and_dismissed_findings_in_the_text_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.json"
    jsonform.dump(Document(), empty)
    assert main(["analyze", str(empty)]) == 0
    out = capsys.readouterr().out
    assert "No findings." in out and "(no hand-offs)" in out
    assert "0 touch-points, 0 flows, 0 stages, 0 lanes" in out and "0 findings:" in out
    one = journey(["Referral"], [("pat", "Patient", C)],
                  {"a": ("Referral", "pat", "Call"), "b": ("Referral", "pat", "Visit")}, ["a-b"])
    jsonform.dump(one, tmp_path / "one.json")
    assert main(["analyze", str(tmp_path / "one.json")]) == 0
    assert "2 touch-points, 1 flow, 1 stage, 1 lane" in capsys.readouterr().out  # not "1 flows"
    doc = surgeon()
    weak = next(f for f in analyze(doc).findings if f.kind == "weak-link")
    doc.apply(edits.dismiss_finding(doc, weak.id))
    path = tmp_path / "dismissed.json"
    jsonform.dump(doc, path)
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 dismissed (not shown)" in out
    assert weak.title not in out
