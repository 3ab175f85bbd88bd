"""Touch-point tables from .xlsx and .csv: round trips, forgiving headers, clear errors."""

from __future__ import annotations

import itertools
import random
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from openpyxl import Workbook
from test_export_support import random_doc, surgeon_doc

from journeymapper.export.table_import import TableImportError, import_table, import_table_edit
from journeymapper.export.text import clean
from journeymapper.export.xlsx import export_workbook
from journeymapper.model import Channel, Document, Layer, edits


def shape(doc: Document) -> dict[str, object]:
    """What must survive a trip through the Touch-points sheet (names, not stage/lane ids)."""
    stage = {s.id: s.name for s in doc.stages}
    lane = {ln.id: ln.name for ln in doc.lanes}
    layer = {ln.id: ln.layer for ln in doc.lanes}
    cards = {t.id: (clean(t.title), t.channel, t.score, layer[t.lane_id], stage[t.stage_id],
                    lane[t.lane_id], clean(t.notes), t.tags, t.owner, t.is_start, t.is_end)
             for t in doc.touchpoints.values()}
    order = {(t.stage_id, t.lane_id): [] for t in doc.touchpoints.values()}
    for (s, ln) in order:
        order[(s, ln)] = [t.id for t in doc.cell(s, ln)]
    return {
        "stages": [(s.name, s.description) for s in doc.stages],
        "lanes": [(ln.name, ln.layer, ln.owner) for ln in doc.lanes],
        "cards": cards,
        "cells": {(stage[s], lane[ln]): ids for (s, ln), ids in order.items()},
        "flows": sorted((f.source_id, f.target_id, " ".join(clean(f.label).split()))
                        for f in doc.flows.values()),
        "pains": sorted((p.id, p.touchpoint_id, clean(p.text), p.severity, p.kind, p.dimension,
                         p.votes) for p in doc.pain_points.values()),
    }


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_round_trip_through_the_touchpoints_sheet(tmp_path: Path) -> None:
    doc = surgeon_doc()
    back = import_table(export_workbook(doc, tmp_path / "s.xlsx", charts=False))
    assert shape(back) == shape(doc)


def test_round_trip_of_a_bigger_map(tmp_path: Path) -> None:
    doc = random_doc(400, 250, 10)
    back = import_table(export_workbook(doc, tmp_path / "r.xlsx", charts=False))
    assert shape(back) == shape(doc)


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_round_trip(tmp_path: Path, sample_doc, name: str) -> None:  # type: ignore[no-untyped-def]
    doc = sample_doc(name)
    path = export_workbook(doc, tmp_path / f"{name}.xlsx")
    assert shape(import_table(path)) == shape(doc)


def test_duplicate_titles_and_several_next_cards(tmp_path: Path) -> None:
    doc = Document()
    doc.apply(edits.add_stage(doc, "One"))
    doc.apply(edits.add_lane(doc, "Desk"))
    st, ln = doc.stages[0].id, doc.lanes[0].id
    ids = []
    for _ in range(3):
        e = edits.add_touchpoint(doc, st, ln, "Same; title")
        doc.apply(e)
        ids.append(e.ops[-1].entity.id)
    doc.apply(edits.add_flow(doc, ids[0], ids[2]))
    doc.apply(edits.add_flow(doc, ids[0], ids[1]))
    path = export_workbook(doc, tmp_path / "dup.xlsx", charts=False)
    assert shape(import_table(path)) == shape(doc)


def test_synonym_headers_customer_lane_and_row_order_flows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "workshop list.csv",
                     "Phase ; Department;Moment of truth;CSAT;Medium;Issue;Sev\n"
                     "Book;Patient;Calls the practice;4;telephone;Curt receptionist;4\n"
                     ";Front desk;Books a slot;6;Phone;;\n"
                     "Treat;Surgeon;Operation;10.0;face to face;;\n"
                     "Pay;Customer service;Explains the bill;5;e-mail;;\n")
    doc = import_table(path)
    assert doc.info.title == "workshop list"
    assert [(s.name, s.description) for s in doc.stages] == [
        ("Book", ""), ("Treat", ""), ("Pay", "")]
    assert [(ln.name, ln.layer, ln.owner) for ln in doc.lanes] == [
        ("Patient", Layer.CUSTOMER, ""), ("Front desk", Layer.FRONTSTAGE, ""),
        ("Surgeon", Layer.FRONTSTAGE, ""), ("Customer service", Layer.FRONTSTAGE, "")]
    by_title = {t.title: t for t in doc.touchpoints.values()}
    assert by_title["Books a slot"].stage_id == doc.stages[0].id  # blank stage repeats
    assert by_title["Operation"].score == 10
    assert by_title["Operation"].channel == Channel.IN_PERSON
    assert by_title["Explains the bill"].channel == Channel.EMAIL
    order = ["Calls the practice", "Books a slot", "Operation", "Explains the bill"]
    flows = {(doc.touchpoint(f.source_id).title, doc.touchpoint(f.target_id).title)
             for f in doc.flows.values()}
    assert flows == set(itertools.pairwise(order))
    (pain,) = doc.pain_points.values()
    assert (pain.text, pain.severity) == ("Curt receptionist", 4)


def test_next_column_and_layer_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv",
                     "Stage,Swimlane,Touchpoint,Layer,Next touch point\n"
                     "A,Guest,Arrives,,Check-in\n"
                     "A,Reception,Check-in,front stage,Room ready; Arrives\n"
                     "B,Housekeeping,Room ready,Back stage,\n")
    doc = import_table(path)
    assert [ln.layer for ln in doc.lanes] == [Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE]
    t = {x.title: x.id for x in doc.touchpoints.values()}
    assert sorted((f.source_id, f.target_id) for f in doc.flows.values()) == sorted(
        [(t["Arrives"], t["Check-in"]), (t["Check-in"], t["Room ready"]),
         (t["Check-in"], t["Arrives"])])


def test_xlsx_with_a_title_row_above_the_header(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Our journey, as mapped on Monday"])
    ws.append([])
    ws.append(["Step", "Actor", "Title", "Rating", "Pain points", "Severity"])
    ws.append(["Visit", "Member", "Logs in", 9, "Password reset", 2])
    ws.append([None, None, None, None, "Slow page", 3])  # a second pain point, merged-cell style
    ws.append(["Visit", "IT", "Sends reset mail", 3.6, None, None])
    wb.save(tmp_path / "m.xlsx")
    doc = import_table(tmp_path / "m.xlsx")
    assert doc.counts()["touchpoints"] == 2 and doc.counts()["pain_points"] == 2
    by_title = {t.title: t for t in doc.touchpoints.values()}
    assert by_title["Sends reset mail"].score == 4
    assert len(doc.pain_points_of(by_title["Logs in"].id)) == 2
    assert doc.lanes[0].layer == Layer.CUSTOMER


def test_missing_stage_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", "Lane,Touch-point\nDesk,Hello\n")
    with pytest.raises(TableImportError, match=r"no stage column.*Stage, Step or Phase"):
        import_table(path)
    path = write_csv(tmp_path / "u.csv", "Stage,Touch-point\nOne,Hello\n")
    with pytest.raises(TableImportError, match="no lane column"):
        import_table(path)
    path = write_csv(tmp_path / "v.csv", "Stage,Notes\nOne,Hello\n")  # both named at once
    with pytest.raises(TableImportError, match=r"no lane or touch-point column: .*Department.*"
                                               r"Moment"):
        import_table(path)


def test_every_bad_row_is_named_at_once(tmp_path: Path) -> None:
    """The import stopped at the first bad row: a table of five mistakes took five tries."""
    path = write_csv(tmp_path / "bad.csv", "Stage,Lane,Touch-point,Severity,Pain point\n"
                     "A,B,Call,7,Ouch\nA,B,Visit,2,Fine\nA,B,Letter,x,Lost\nA,B,Pay,9,Steep\n")
    with pytest.raises(TableImportError) as info:
        import_table(path)
    message = str(info.value)
    assert message.startswith("row 2: the severity must be from 1 to 5")
    assert "(and rows 4, 5: 3 bad rows)" in message and "\n" not in message


def test_empty_files(tmp_path: Path) -> None:
    with pytest.raises(TableImportError, match="empty"):
        import_table(write_csv(tmp_path / "e.csv", ""))
    with pytest.raises(TableImportError, match="empty"):
        import_table(write_csv(tmp_path / "e2.csv", "\n\n  \n"))
    with pytest.raises(TableImportError, match="no rows"):
        import_table(write_csv(tmp_path / "h.csv", "Stage,Lane,Touch-point\n"))
    Workbook().save(tmp_path / "e.xlsx")
    with pytest.raises(TableImportError, match="empty"):
        import_table(tmp_path / "e.xlsx")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_binary_garbage(tmp_path: Path, suffix: str) -> None:
    rnd = random.Random(7)
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(bytes(rnd.randrange(256) for _ in range(5000)))
    with pytest.raises(TableImportError) as info:
        import_table(path)
    assert "\n" not in str(info.value)
    path.write_bytes(b"PK\x03\x04" + b"x" * 100)  # a broken zip
    with pytest.raises(TableImportError):
        import_table(path)


def test_zips_that_are_not_workbooks(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet r:id='x'/></shee")
    for path in (other, broken):
        with pytest.raises(TableImportError, match="not an Excel workbook"):
            import_table(path)


def test_cp1252_and_semicolons(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "w.csv", "Étape;Service;Point de contact;Stage;Lane;Touch-point\n"
                     ";;;Café;Réception;Crème brûlée\n", encoding="cp1252")
    doc = import_table(path)
    assert [t.title for t in doc.touchpoints.values()] == ["Crème brûlée"]
    assert doc.stages[0].name == "Café"


def test_bad_row_names_the_row_and_imports_nothing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv",
                     "Stage,Lane,Touch-point,Satisfaction,Pain point,Severity\n"
                     "A,Desk,One,5,,\n"
                     "A,Desk,Two,7,Slow,9\n")
    with pytest.raises(TableImportError, match=r"^row 3: the severity must be from 1 to 5"):
        import_table(path)
    doc = surgeon_doc()
    before = doc.snapshot()
    with pytest.raises(TableImportError, match="row 3"):
        import_table_edit(doc, path)
    assert doc.snapshot() == before
    path = write_csv(tmp_path / "bad2.csv", "Stage,Lane,Touch-point,Score\nA,Desk,One,eleven\n")
    with pytest.raises(TableImportError, match="row 2: the satisfaction must be a number"):
        import_table(path)
    path = write_csv(tmp_path / "bad3.csv", "Stage,Lane,Touch-point,Next\nA,Desk,One,Nowhere\n")
    with pytest.raises(TableImportError, match="row 2: the next touch-point 'Nowhere'"):
        import_table(path)
    path = write_csv(tmp_path / "bad4.csv", "Stage,Lane,Touch-point,Layer\nA,Desk,One,attic\n")
    with pytest.raises(TableImportError, match="row 2: unknown layer 'attic'"):
        import_table(path)


def test_import_into_an_existing_workshop_reuses_names(tmp_path: Path) -> None:
    doc = surgeon_doc()
    n_stages, n_tp = len(doc.stages), len(doc.touchpoints)
    path = write_csv(tmp_path / "more.csv",
                     "Stage,Lane,Touch-point\nBooking,Reception,Texts a reminder\nAftercare,"
                     "Nurse,Calls the patient\n")
    doc.apply(import_table_edit(doc, path))
    assert len(doc.stages) == n_stages + 1 and doc.stages[-1].name == "Aftercare"
    assert len(doc.touchpoints) == n_tp + 2


def test_ten_thousand_rows(tmp_path: Path) -> None:
    lines = ["Stage,Lane,Touch-point,Satisfaction,Channel,Pain point,Severity"]
    for i in range(10_000):
        pain = f"Pain {i},{i % 5 + 1}" if i % 3 == 0 else ","
        lines.append(f"Stage {i // 1000},Lane {i % 7},Card {i},{i % 11},web,{pain}")
    doc = import_table(write_csv(tmp_path / "big.csv", "\n".join(lines) + "\n"))
    c = doc.counts()
    assert (c["stages"], c["lanes"], c["touchpoints"], c["flows"]) == (10, 7, 10_000, 9_999)
    assert c["pain_points"] == 3334
