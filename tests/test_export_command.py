"""``journeymapper export`` and ``journeymapper import`` through the real command line."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_export_support import surgeon_doc

from journeymapper.cli import main
from journeymapper.model import edits, jsonform


@pytest.fixture
def workshop_json(tmp_path: Path) -> Path:
    path = tmp_path / "surgeon.json"
    jsonform.dump(surgeon_doc(), path)
    return path


def test_import_module_loads_by_name() -> None:
    module = importlib.import_module("journeymapper.commands.import")
    assert callable(module.register)


def test_export_xlsx_json_and_charts(tmp_path: Path, workshop_json: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.xlsx"
    assert main(["export", str(workshop_json), "--to", str(out),
                 "--charts", str(tmp_path / "charts")]) == 0
    assert "Touch-points" in load_workbook(out).sheetnames
    assert len(list((tmp_path / "charts").glob("*.png"))) == 5
    assert main(["export", str(workshop_json), "--to", str(tmp_path / "copy.json")]) == 0
    data = json.loads((tmp_path / "copy.json").read_text())
    assert data["format"] == "journeymapper-workshop"
    assert jsonform.load(tmp_path / "copy.json") == jsonform.load(workshop_json)
    assert str(out) in capsys.readouterr().out


def test_export_errors_are_one_line(tmp_path: Path, workshop_json: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(workshop_json), "--to", str(tmp_path / "x.doc")]) == 2
    assert main(["export", str(tmp_path / "missing.json"), "--to", str(tmp_path / "x.xlsx")]) == 2
    assert main(["export", str(workshop_json)]) == 2
    assert main(["export", str(workshop_json), "--to",
                 str(tmp_path / "no" / "such" / "dir.xlsx")]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["export", str(bad), "--to", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 5 and all(line.startswith("journeymapper: ") for line in err)
    assert "bad.json" in err[-1]


def test_import_table_then_refuse_to_overwrite(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "journey.csv"
    src.write_text("Stage,Lane,Touch-point,Satisfaction\nBook,Customer,Calls,4\n"
                   "Book,Reception,Answers,6\n", encoding="utf-8")
    target = tmp_path / "journey.jmw"
    assert main(["import", str(src), str(target)]) == 0
    out = capsys.readouterr().out
    assert "1 stage, 2 lanes, 2 touch-points, 1 flow, 0 pain points" in out
    from journeymapper.store import WorkshopFile

    wf = WorkshopFile.open(target)
    try:
        assert wf.document.counts()["flows"] == 1
    finally:
        wf.close()
    before = target.read_bytes()
    assert main(["import", str(src), str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_import_json_and_bad_sources(tmp_path: Path, workshop_json: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(workshop_json), str(tmp_path / "a.jmw")]) == 0
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"\x00\x01garbage" * 50)
    assert main(["import", str(garbage), str(tmp_path / "b.jmw")]) == 2
    bad_row = tmp_path / "bad.csv"
    bad_row.write_text("Stage,Lane,Touch-point,Severity,Pain point\nA,B,C,7,Ouch\n")
    assert main(["import", str(bad_row), str(tmp_path / "c.jmw")]) == 2
    assert main(["import", str(tmp_path / "nope.csv"), str(tmp_path / "d.jmw")]) == 2
    assert main(["import", str(tmp_path / "x.txt"), str(tmp_path / "e.jmw")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4
    assert "garbage.xlsx: not an Excel workbook" in err[0]
    assert "bad.csv: row 2: the severity must be from 1 to 5" in err[1]
    assert not (tmp_path / "b.jmw").exists() and not (tmp_path / "c.jmw").exists()


def test_the_workbook_counts_the_findings_analyze_reports(
        sample_copy, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """Bottlenecks (betweenness) included in both: tv-subscription has some."""
    path = sample_copy("tv-subscription")
    assert main(["analyze", str(path), "--json"]) == 0
    reported = json.loads(capsys.readouterr().out)["findings"]
    assert any(f["kind"].startswith("bottleneck") for f in reported)
    out = tmp_path / "tv.xlsx"
    assert main(["export", str(path), "--to", str(out)]) == 0
    rows = load_workbook(out)["Summary"].iter_rows(max_col=2, values_only=True)
    assert dict((r[0], r[1]) for r in rows if r[0])["Findings"] == len(reported)


def test_an_emoji_the_fonts_lack_prints_no_warnings(tmp_path: Path, workshop_json: Path) -> None:
    """matplotlib warned 'Glyph 128640 missing from font(s)' six times on stderr for a title
    with an emoji (no emoji font here); the chart draws a box and the workbook keeps the text."""
    import subprocess
    import sys

    doc = jsonform.load(workshop_json)
    doc.apply(edits.update_info(doc, title="Launch 🚀 review"))
    src = tmp_path / "emoji.json"
    jsonform.dump(doc, src)
    out = tmp_path / "emoji.xlsx"
    run = subprocess.run([sys.executable, "-m", "journeymapper", "export", str(src), "--to",
                          str(out), "--charts", str(tmp_path / "charts")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stderr == ""
    assert any("🚀" in str(c.value) for row in load_workbook(out)["Summary"].iter_rows()
               for c in row)
