"""File > Import table into a new workshop and File > Export workbook, with the save dialog
and the message box answered through their parameters."""

from __future__ import annotations

from pathlib import Path

from test_backlog_fixtures import Bench, bench  # noqa: F401

from journeymapper.store import WorkshopFile
from journeymapper.ui.backlog import export_workbook_dialog, import_table_into_new_workshop

GOOD = """Stage,Department,Touch-point,Satisfaction,Pain point,Severity
Booking,Patient,Calls the practice,6,Put on hold,4
Booking,Reception,Answers the call,7,,
Visit,Patient,Arrives at the clinic,9,,
Visit,Surgeon,Consultation,10,,
"""
BAD = """Stage,Lane,Touch-point,Satisfaction
Booking,Patient,Calls the practice,6
Booking,Reception,Answers the call,7
Visit,Patient,Arrives,eleven
"""


class Answers:
    def __init__(self, save_to: Path | None) -> None:
        self.save_to = save_to
        self.asked: list[str] = []
        self.messages: list[str] = []

    def ask_save(self, _parent: object, title: str, suggested: str, _filters: str) -> str | None:
        self.asked.append(suggested)
        return str(self.save_to) if self.save_to else None

    def notify(self, _parent: object, _title: str, message: str) -> None:
        self.messages.append(message)


def test_import_csv_creates_a_workshop(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "knee journey.csv"
    src.write_text(GOOD, encoding="utf-8")
    answers = Answers(tmp_path / "imported")  # no suffix: .jmw is added
    path = import_table_into_new_workshop(None, src, answers.ask_save, answers.notify)
    assert path == tmp_path / "imported.jmw" and answers.messages == []
    assert answers.asked == [str(tmp_path / "knee journey.jmw")]
    wf = WorkshopFile.open(path)
    try:
        doc = wf.document
        assert [s.name for s in doc.stages] == ["Booking", "Visit"]
        assert [ln.name for ln in doc.lanes] == ["Patient", "Reception", "Surgeon"]
        assert len(doc.touchpoints) == 4 and len(doc.flows) == 3
        assert [p.text for p in doc.pain_points.values()] == ["Put on hold"]
    finally:
        wf.close()


def test_malformed_csv_reports_the_row(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_text(BAD, encoding="utf-8")
    answers = Answers(tmp_path / "never.jmw")
    assert import_table_into_new_workshop(None, src, answers.ask_save, answers.notify) is None
    assert len(answers.messages) == 1
    assert "row 4" in answers.messages[0] and "eleven" in answers.messages[0]
    assert "\n" not in answers.messages[0]
    assert answers.asked == [] and not (tmp_path / "never.jmw").exists()


def test_import_cancelled_and_existing_target_refused(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "j.csv"
    src.write_text(GOOD, encoding="utf-8")
    assert import_table_into_new_workshop(None, src, Answers(None).ask_save) is None
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"\x00\x01not a workbook" * 50)
    answers = Answers(tmp_path / "g.jmw")
    assert import_table_into_new_workshop(None, garbage, answers.ask_save, answers.notify) is None
    assert len(answers.messages) == 1 and answers.messages[0].startswith("garbage.xlsx: ")


def test_export_workbook_dialog(bench: Bench, tmp_path: Path) -> None:  # noqa: F811
    from openpyxl import load_workbook

    answers = Answers(tmp_path / "out")
    path = export_workbook_dialog(bench.window, bench.session, answers.ask_save, answers.notify)
    assert path == tmp_path / "out.xlsx" and answers.messages == []
    assert answers.asked == [str(bench.path.with_suffix(".xlsx"))]
    wb = load_workbook(path, read_only=True)
    assert "Backlog" in wb.sheetnames
    rows = list(wb["Backlog"].iter_rows(values_only=True))
    assert len(rows) == len(bench.session.doc.actions) + 1
    wb.close()
