"""The exported workbook and the map picture, opened by real programs: LibreOffice (headless),
pypdf and pdftoppm. Skipped, with the reason, where those programs are not installed."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_export_support import HYPERLINK, surgeon_doc
from test_import_table import shape

from journeymapper.analysis import analyze
from journeymapper.export.table_import import import_table
from journeymapper.export.xlsx import SHEETS, export_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
                            "libreoffice-calc-nogui")
needs_pdftoppm = pytest.mark.skipif(
    PDFTOPPM is None, reason="pdftoppm is not installed: apt-get install poppler-utils")
HANG_GUARD_S = 600  # not a speed limit: only stops a wedged soffice from blocking the run
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice(tmp_path: Path, src: Path, fmt: str, out: Path) -> subprocess.CompletedProcess[str]:
    assert SOFFICE is not None
    profile = (tmp_path / "lo-profile").as_uri()
    out.mkdir(exist_ok=True)
    return subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", fmt, "--outdir", str(out), str(src)],
        capture_output=True, text=True, timeout=HANG_GUARD_S, check=False)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    doc = surgeon_doc()
    path = tmp_path_factory.mktemp("lo") / "surgeon.xlsx"
    export_workbook(doc, path, analyze(doc))
    return doc, path


@needs_soffice
def test_libreoffice_converts_the_workbook_to_pdf(tmp_path: Path, workbook) -> None:
    _doc, path = workbook
    run = soffice(tmp_path, path, "pdf", tmp_path / "pdf")
    pdf = tmp_path / "pdf" / "surgeon.pdf"
    assert pdf.exists(), run.stdout + run.stderr
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "Top pain points" in text and "Receptionist was curt" in text
    assert HYPERLINK in text  # shown as typed: LibreOffice did not evaluate it


@needs_soffice
def test_libreoffice_reads_every_sheet_as_text(tmp_path: Path, workbook) -> None:
    doc, path = workbook
    run = soffice(tmp_path, path, ALL_SHEETS_CSV, tmp_path / "csv")
    files = {p.name for p in (tmp_path / "csv").glob("*.csv")}
    assert files == {f"surgeon-{s}.csv" for s in SHEETS}, run.stdout + run.stderr
    sheet = tmp_path / "csv" / "surgeon-Touch-points.csv"
    with sheet.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    titles = [r[6] for r in rows[1:]]
    assert HYPERLINK in titles and "Bell rings" in titles
    # What LibreOffice read imports back to the same map.
    assert shape(import_table(sheet)) == shape(doc)


@needs_soffice
@needs_pdftoppm
def test_workbook_pages_render_to_png(tmp_path: Path, workbook) -> None:
    _doc, path = workbook
    soffice(tmp_path, path, "pdf", tmp_path / "pdf")
    pdf = tmp_path / "pdf" / "surgeon.pdf"
    assert PDFTOPPM is not None
    subprocess.run([PDFTOPPM, "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=HANG_GUARD_S)
    pngs = list(tmp_path.glob("page*.png"))
    assert pngs and pngs[0].read_bytes().startswith(b"\x89PNG")


def test_map_picture_pdf(tmp_path: Path) -> None:
    try:
        import journeymapper.ui.render  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the Qt map renderer is not available: {exc}")
    from journeymapper.cli import main
    from journeymapper.model import jsonform

    src = tmp_path / "surgeon.json"
    jsonform.dump(surgeon_doc(), src)
    out = tmp_path / "map.pdf"
    assert main(["export", str(src), "--to", str(out)]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    if PDFTOPPM:
        subprocess.run([PDFTOPPM, "-r", "40", "-png", "-singlefile", str(out),
                        str(tmp_path / "map")], check=True, timeout=HANG_GUARD_S)
        assert (tmp_path / "map.png").stat().st_size > 1000


@needs_soffice
def test_workbook_saved_again_by_libreoffice_imports_back(tmp_path: Path, workbook) -> None:
    doc, path = workbook
    src = tmp_path / "in" / "surgeon.xlsx"
    src.parent.mkdir()
    shutil.copyfile(path, src)
    run = soffice(tmp_path, src, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved")
    resaved = tmp_path / "resaved" / "surgeon.xlsx"
    assert resaved.exists(), run.stdout + run.stderr
    assert shape(import_table(resaved)) == shape(doc)
