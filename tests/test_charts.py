"""Report charts: PNG bytes and PNG+SVG files, on empty and real maps, without Qt or pyplot."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

from PIL import Image
from test_export_support import random_doc, surgeon_doc

from journeymapper.analysis import analyze
from journeymapper.export import charts
from journeymapper.model import Document, WorkshopInfo, edits

PNG = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG)
    with Image.open(BytesIO(png)) as im:
        return im.size


def test_each_chart_is_a_png_at_report_resolution() -> None:
    doc = surgeon_doc()
    a = analyze(doc)
    for png in (charts.satisfaction_chart(doc), charts.handoff_chart(doc, a),
                charts.pain_chart(doc, "stage"), charts.pain_chart(doc, "lane")):
        w, h = _size(png)
        assert w >= 800 and h >= 500  # ~150 dpi on a figure several inches wide


def test_export_charts_writes_png_and_svg(tmp_path: Path) -> None:
    doc = surgeon_doc()
    paths = charts.export_charts(doc, analyze(doc), tmp_path / "charts")
    names = sorted(p.name for p in paths)
    assert names == sorted(f"{n}.{ext}" for n in ("satisfaction", "handoffs", "pain-by-stage",
                                                  "pain-by-lane", "action-matrix")
                           for ext in ("png", "svg"))
    for p in paths:
        assert p.stat().st_size > 1000
        if p.suffix == ".svg":
            root = ET.parse(p).getroot()
            assert root.tag.endswith("svg")
    svg = (tmp_path / "charts" / "satisfaction.svg").read_text()
    assert "Booking" in svg and "advocate" in svg  # text stays text (svg.fonttype none)


def test_charts_of_empty_and_odd_maps(tmp_path: Path) -> None:
    empty = Document()
    for name, png in charts.render_all(empty, None):
        assert png.startswith(PNG), name
    doc = Document(WorkshopInfo(title="Costs $5 and $10 \x07"))
    doc.apply(edits.add_stage(doc, "Pay $ now"))
    doc.apply(edits.add_lane(doc, "Till"))
    doc.apply(edits.add_touchpoint(doc, doc.stages[0].id, doc.lanes[0].id, "x"))
    assert all(png.startswith(PNG) for _, png in charts.render_all(doc, None))


def test_handoff_matrix_without_an_analysis_counts_department_flows() -> None:
    doc = surgeon_doc()
    m = charts.handoff_matrix(doc, None)
    names = {(doc.lane(a).name, doc.lane(b).name): n for (a, b), n in m.items()}
    assert names[("Reception", "Surgeon")] == 2
    assert all("Patient" not in k for k in names)


def test_big_map_charts() -> None:
    doc = random_doc(2000, 1000, 0)
    for _name, png in charts.render_all(doc, None):
        assert png.startswith(PNG)


def test_export_stays_light_and_qt_free() -> None:
    code = ("import sys, journeymapper.export\n"
            "assert 'openpyxl' not in sys.modules and 'matplotlib' not in sys.modules\n"
            "import journeymapper.export.xlsx, journeymapper.export.charts\n"
            "import journeymapper.export.table_import\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
            "assert 'matplotlib.pyplot' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_action_matrix_puts_actions_where_the_dock_does(tmp_path: Path) -> None:
    """The workbook had no impact/effort chart (run-through 3): the departments read the backlog
    off the sheet without seeing the quick wins. The chart names the quadrants and the actions,
    each at its own values, a 3 on a dividing line as in the backlog dock."""
    doc = surgeon_doc()
    doc.apply(edits.add_action(doc, "Quick: a script for the <front desk> & $5 calls",
                               impact=5, effort=1, action_id="a-quick"))
    doc.apply(edits.add_action(doc, "Rebuild the booking system", impact=4, effort=5))
    fig = charts.matrix_figure(doc)
    ax = fig.axes[0]
    dots = [tuple(p) for coll in ax.collections for p in coll.get_offsets()]
    assert (1.0, 5.0) in dots and (5.0, 4.0) in dots
    texts = [t.get_text() for t in ax.texts]
    assert {"Quick wins", "Major projects", "Fill-ins", "Thankless tasks"} <= set(texts)
    assert any(t.startswith("Quick: a script fo") for t in texts)
    svg = tmp_path / "m.svg"
    svg.write_bytes(charts._save(fig, "svg"))
    assert "Quick wins" in svg.read_text()
    empty = charts.matrix_figure(Document())
    assert "No improvement actions yet" in [t.get_text() for t in empty.axes[0].texts]
