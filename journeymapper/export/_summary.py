"""The Summary sheet: workshop details, counts, the journey's zone, top pain points, charts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font

from journeymapper.analysis.results import Analysis
from journeymapper.model import Document, zone_of

from . import _sheet as sh
from . import rows as R
from .columns import Column
from .text import clean

CHART_WIDTH_PX = 860  # charts sit under the summary tables, about as wide as them
CHART_HEIGHT_PX = 620
CHART_DPI = 110  # the images show at most CHART_WIDTH_PX wide: more dots only cost time
ROW_PX = 20  # a default row's height in pixels
VALUE_ALIGN = Alignment(vertical="top", horizontal="left", wrap_text=True)
TOP_PAIN_COLUMNS = (Column("Touch-point", 26, "wrap"), Column("Pain point", 52, "wrap"),
                    Column("Stage", 20, "wrap"), Column("Lane", 20, "wrap"),
                    Column("Votes", 8, "int"), Column("Severity", 9, "int"))


class _Rows:
    """Appends rows to a write-only sheet and keeps count (for heights and image anchors)."""

    def __init__(self, ws: Any) -> None:
        self.ws, self.n = ws, 0

    def append(self, cells: list[Any], height: float | None = None) -> None:
        self.n += 1
        if height:
            self.ws.row_dimensions[self.n].height = height
        self.ws.append(cells)

    def heading(self, text: str, size: int = 12) -> None:
        c = sh.make_cell(self.ws, text)
        c.font = Font(name=sh.FONT, bold=True, size=size, color="1F3A5F")
        self.append([c], size * 1.6 if size > 12 else None)

    def pair(self, label: str, value: R.Value, fmt: str | None = None) -> None:
        a = sh.make_cell(self.ws, label)
        a.font = Font(name=sh.FONT, bold=True)
        a.alignment = sh.TOP
        b = sh.make_cell(self.ws, value)
        lines = 1
        if b is not None:
            b.alignment = VALUE_ALIGN
            if fmt:
                b.number_format = fmt
            if isinstance(value, str):
                lines = sh.text_lines(value, TOP_PAIN_COLUMNS[1].width)
        self.append([a, b], lines * sh.LINE_HEIGHT + 2 if lines > 1 else None)


def write_summary(wb: Any, doc: Document, analysis: Analysis | None, charts: bool) -> None:
    ws = wb.create_sheet("Summary")
    sh.set_widths(ws, [c.width for c in TOP_PAIN_COLUMNS])
    ws.sheet_view.showGridLines = False
    sh.print_setup(ws, landscape=False)
    sh.fast_rows(ws)
    out = _Rows(ws)
    info = doc.info
    out.heading(clean(info.title), 16)
    out.heading("Customer-journey workshop: summary", 10)
    out.append([])
    for label, value in (("Organisation", info.organisation), ("Facilitator", info.facilitator),
                         ("Date", info.date), ("Persona", info.persona),
                         ("Job to be done", info.job_to_be_done), ("Notes", info.notes)):
        if value:
            out.pair(label, value, sh.DATE_FORMAT if label == "Date" else None)
    out.append([])
    out.heading("In numbers")
    counts = doc.counts()
    gaps = [f for f in analysis.findings if R.is_gap(f)] if analysis else []
    numbers: Sequence[tuple[str, int | None]] = (
        ("Stages", counts["stages"]), ("Lanes", counts["lanes"]),
        ("Touch-points", counts["touchpoints"]), ("Flows", counts["flows"]),
        ("Pain points", counts["pain_points"]), ("Actions", counts["actions"]),
        ("Hand-offs", len(analysis.handoffs) if analysis else None),
        ("Gaps", len(gaps) if analysis else None),
        ("Findings", len(analysis.findings) if analysis else None),
    )
    for label, n in numbers:
        out.pair(label, n if n is not None else "not analysed")
    out.append([])
    out.heading("Satisfaction")
    mean = R.journey_mean(doc)
    out.pair("Journey mean (0-10)", mean if mean is not None else "no scores yet", "0.0")
    # The zone is the likely felt score's, the analysis's headline: a mean of 6.7 beside "at risk
    # (0-6 ...)" read as a contradiction when the row it came from was not on the sheet
    likely = analysis.summary.get("likely_score") if analysis and mean is not None else None
    if isinstance(likely, int | float):
        out.pair("Likely felt (0-10)", likely, "0.0")  # the weakest card pulls the mean down
    zone = zone_of(likely if isinstance(likely, int | float) else mean)
    out.pair("Zone", f"{zone} ({_ZONE_TEXT[zone]})" if zone else "no scores yet")
    scored = [t for t in doc.touchpoints.values() if t.score is not None]
    # the analysis's pick (ties go to the earliest on the journey), so that the workbook names
    # the card `journeymapper analyze` and the window name; by title only without an analysis
    weakest = analysis.summary.get("weakest_touchpoint") if analysis else None
    if isinstance(weakest, dict) and weakest.get("id") in doc.touchpoints:
        low = doc.touchpoints[weakest["id"]]
        out.pair("Weakest touch-point", f"{low.title} ({low.score}/10)")
    elif scored:
        low = min(scored, key=lambda t: (t.score or 0, t.title))
        out.pair("Weakest touch-point", f"{low.title} ({low.score}/10)")
    out.append([])
    out.heading("Top pain points (by votes, then severity)")
    out.append(sh.header_cells(ws, [c.header for c in TOP_PAIN_COLUMNS]), 20)
    styler = sh.Styler(ws, TOP_PAIN_COLUMNS)
    tps = doc.touchpoints
    top = list(R.top_pains(doc))
    for p in top:
        t = tps[p.touchpoint_id]
        values = (t.title, p.text, doc.stage(t.stage_id).name, doc.lane(t.lane_id).name,
                  p.votes, p.severity)
        out.append(styler.row(values), styler.height(values))
    if not top:
        out.append([sh.make_cell(ws, "No pain points recorded.")])
    if charts:
        _chart_images(out, doc, analysis)


_ZONE_TEXT = {"advocate": "9 and above: customers who recommend you",
              "indifferent": "7 to under 9: neither loyal nor angry",
              "at risk": "under 7: customers likely to leave"}


def _chart_images(out: _Rows, doc: Document, analysis: Analysis | None) -> None:
    from openpyxl.drawing.image import Image

    from . import charts

    out.append([])
    out.heading("Charts")
    row = out.n + 1
    for _name, png in charts.render_all(doc, analysis, dpi=CHART_DPI):
        img = Image(io.BytesIO(png))
        scale = min(1.0, CHART_WIDTH_PX / img.width, CHART_HEIGHT_PX / img.height)
        img.width, img.height = int(img.width * scale), int(img.height * scale)
        out.ws.add_image(img, f"A{row}")
        row += img.height // ROW_PX + 2
