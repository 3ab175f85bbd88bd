"""The Excel workbook, read back with openpyxl: sheets, headers, counts, types, validations."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from openpyxl import load_workbook
from test_export_support import HYPERLINK, random_doc, surgeon_doc

from journeymapper.analysis import analyze
from journeymapper.export import columns as C
from journeymapper.export.rows import is_gap, touchpoint_rows
from journeymapper.export.xlsx import SHEETS, export_workbook
from journeymapper.model import Document, WorkshopInfo, edits


def _headers(ws, n: int | None = None) -> list[object]:
    row = next(ws.iter_rows(min_row=1, max_row=1, values_only=True))
    return list(row[:n] if n else row)


def _data_rows(ws, ncols: int) -> list[tuple[object, ...]]:
    return [r[:ncols] for r in ws.iter_rows(min_row=2, values_only=True)
            if any(v is not None for v in r[:ncols])]


def _column(ws, header: str) -> list[object]:
    idx = _headers(ws).index(header)
    return [r[idx] for r in ws.iter_rows(min_row=2, values_only=True)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):
    doc = surgeon_doc()
    analysis = analyze(doc)
    path = tmp_path_factory.mktemp("xlsx") / "surgeon.xlsx"
    assert export_workbook(doc, path, analysis) == path
    return doc, analysis, path, load_workbook(path)


def test_sheets_and_headers(exported) -> None:
    _doc, _a, _path, wb = exported
    assert tuple(wb.sheetnames) == SHEETS
    for name, cols in (("Backlog", C.BACKLOG_COLUMNS), ("Pain points", C.PAIN_COLUMNS),
                       ("Gaps", C.GAP_COLUMNS), ("Touch-points", C.TOUCHPOINT_COLUMNS),
                       ("Hand-offs", C.HANDOFF_COLUMNS)):
        assert _headers(wb[name], len(cols)) == [c.header for c in cols], name


def test_row_counts_equal_the_model(exported) -> None:
    doc, analysis, _path, wb = exported
    assert len(_data_rows(wb["Backlog"], len(C.BACKLOG_COLUMNS))) == len(doc.actions)
    assert len(_data_rows(wb["Pain points"], len(C.PAIN_COLUMNS))) == len(doc.pain_points)
    assert len(_data_rows(wb["Gaps"], len(C.GAP_COLUMNS))) == sum(
        1 for f in analysis.findings if is_gap(f))
    assert len(_data_rows(wb["Hand-offs"], len(C.HANDOFF_COLUMNS))) == len(analysis.handoffs)
    tp_rows = _data_rows(wb["Touch-points"], len(C.TOUCHPOINT_COLUMNS))
    expected = sum(max(1, len(doc.pain_points_of(t))) for t in doc.touchpoints)
    empty_lanes = sum(1 for ln in doc.lanes if not doc.in_lane(ln.id))
    assert len(tp_rows) == expected + empty_lanes == len(touchpoint_rows(doc))
    ids = {r[0] for r in tp_rows if r[0]}
    assert ids == set(doc.touchpoints)


def test_typed_cells(exported) -> None:
    doc, _a, _path, wb = exported
    scores = [v for v in _column(wb["Touch-points"], "Satisfaction") if v is not None]
    assert scores and all(type(v) is int for v in scores)
    assert sorted(scores) == sorted(t.score for t in doc.touchpoints.values()
                                    if t.score is not None for _ in
                                    range(max(1, len(doc.pain_points_of(t.id)))))
    ws = wb["Backlog"]
    due = _column(ws, "Due")
    assert isinstance(due[0], dt.datetime) and due[0].date() == dt.date(2026, 5, 1)
    assert ws.cell(row=2, column=C.BACKLOG_COLUMNS.index(
        next(c for c in C.BACKLOG_COLUMNS if c.header == "Due")) + 1).number_format == "yyyy-mm-dd"
    assert all(type(v) is int for v in _column(ws, "Impact") + _column(ws, "Effort"))
    sev = [v for v in _column(wb["Pain points"], "Severity") if v is not None]
    assert sev and all(type(v) is int for v in sev)
    assert wb["Summary"]["B7"].value is not None


def test_frozen_header_filter_and_validations(exported) -> None:
    _doc, _a, _path, wb = exported
    for name in SHEETS[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), name
    def lists(ws) -> dict[str, str]:
        out = {}
        for dv in ws.data_validations.dataValidation:
            col = re.match(r"([A-Z]+)", str(dv.sqref)).group(1)
            out[ws[f"{col}1"].value] = dv.formula1 or ""
        return out
    backlog = lists(wb["Backlog"])
    assert "planned" in backlog["Status"] and "in progress" in backlog["Status"]
    assert "critical" in backlog["Priority"]
    tps = lists(wb["Touch-points"])
    assert "in person" in tps["Channel"] and "backstage" in tps["Layer"]
    assert "Satisfaction" in tps and "Severity" in tps
    assert "Severity" in lists(wb["Gaps"])
    assert len(wb["Summary"]._images) == 5


def test_user_text_is_never_a_formula(exported) -> None:
    _doc, _a, path, wb = exported
    titles = _column(wb["Touch-points"], "Touch-point")
    assert HYPERLINK in titles
    assert "Bell rings" in titles  # the \x07 was dropped, the rest kept
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
    pains = _column(wb["Pain points"], "Pain point")
    assert "=1+1 typed as a pain" in pains
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode(), name


def test_forbidden_characters_and_error_codes(tmp_path: Path) -> None:
    doc = Document(WorkshopInfo(title="Odd \x01 text"))
    doc.apply(edits.add_stage(doc, "S\x0b1"))
    doc.apply(edits.add_lane(doc, "Lane\ufffe"))
    st, ln = doc.stages[0].id, doc.lanes[0].id
    for title in ("#N/A", "#REF!", "=SUM(A1:A3)", "+1", "-2", "@x", "ok\x00\x1f\ttab"):
        doc.apply(edits.add_touchpoint(doc, st, ln, title, notes="line\nbreak\r"))
    path = export_workbook(doc, tmp_path / "odd.xlsx")
    ws = load_workbook(path)["Touch-points"]
    titles = _column(ws, "Touch-point")
    assert set(titles) == {"#N/A", "#REF!", "=SUM(A1:A3)", "+1", "-2", "@x", "ok\ttab"}
    assert _column(ws, "Stage")[0] == "S1" and _column(ws, "Lane")[0] == "Lane"
    for row in ws.iter_rows(min_row=2):
        assert row[6].data_type == "s"


def test_empty_and_big_documents(tmp_path: Path) -> None:
    wb = load_workbook(export_workbook(Document(), tmp_path / "empty.xlsx"))
    assert tuple(wb.sheetnames) == SHEETS
    assert _data_rows(wb["Touch-points"], 5) == []
    doc = random_doc(600, 300, 200)
    wb = load_workbook(export_workbook(doc, tmp_path / "big.xlsx", charts=False))
    assert len(_data_rows(wb["Pain points"], 3)) == 300
    assert len(_data_rows(wb["Backlog"], 3)) == 200
    assert wb["Summary"]._images == []


def test_workbook_has_the_usual_permissions_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """Like any file the user saves (umask applied), not owner-only as a mkstemp file is."""
    import os

    old = os.umask(0o022)
    try:
        path = export_workbook(Document(), tmp_path / "shared.xlsx", charts=False)
        export_workbook(Document(), path, charts=False)  # replacing it, too
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["shared.xlsx"]


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_export(tmp_path: Path, sample_doc, name: str) -> None:  # type: ignore[no-untyped-def]
    doc = sample_doc(name)
    path = export_workbook(doc, tmp_path / f"{name}.xlsx")
    wb = load_workbook(path)
    assert len(_data_rows(wb["Pain points"], 3)) == len(doc.pain_points)
    assert len(_data_rows(wb["Backlog"], 3)) == len(doc.actions)


def test_summary_names_the_weakest_card_the_analysis_names(tmp_path: Path, sample_doc) -> None:  # type: ignore[no-untyped-def]
    """tv-subscription has two cards at 2/10: the workbook picks the one the report picks."""
    doc = sample_doc("tv-subscription")
    weakest = analyze(doc).summary["weakest_touchpoint"]
    assert isinstance(weakest, dict)
    ws = load_workbook(export_workbook(doc, tmp_path / "tv.xlsx", charts=False))["Summary"]
    named = next(r[1] for r in ws.iter_rows(values_only=True) if r[0] == "Weakest touch-point")
    assert named == f"{weakest['title']} ({weakest['score']}/10)"


def test_the_summary_zone_is_the_likely_felt_scores_and_says_where_it_starts(
        tmp_path: Path) -> None:
    """A mean of 6.7 beside "Zone: at risk (0-6 …)" read as a contradiction: the zone came from
    a score that was not on the sheet. Both scores are there now, and the zone says "under 7"."""
    from journeymapper.export.xlsx import export_workbook
    from journeymapper.model import edits, templates

    doc = templates.build("blank", "Scores")
    st, ln = doc.stages[0].id, doc.lanes[0].id
    for n, score in enumerate((10, 10, 10, 9, 4)):
        doc.apply(edits.add_touchpoint(doc, st, ln, f"Card {n}", score=score))
    out = tmp_path / "scores.xlsx"
    export_workbook(doc, out, analyze(doc))
    rows = {r[0]: r[1] for r in load_workbook(out)["Summary"].iter_rows(values_only=True)
            if r and r[0]}
    assert rows["Journey mean (0-10)"] == pytest.approx(8.6)
    assert rows["Likely felt (0-10)"] == pytest.approx(7.22)
    assert rows["Zone"] == "indifferent (7 to under 9: neither loyal nor angry)"
