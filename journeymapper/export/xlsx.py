"""The Excel workbook: backlog, pain points, hand-offs, gaps, touch-points and a summary.

``export_workbook(doc, path)`` writes it with openpyxl's write-only mode (fast on big maps).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from journeymapper.analysis.results import Analysis
from journeymapper.model import Document

from . import _sheet as sh
from . import rows as R
from ._summary import write_summary
from .columns import (
    BACKLOG_COLUMNS,
    GAP_COLUMNS,
    HANDOFF_COLUMNS,
    PAIN_COLUMNS,
    TOUCHPOINT_COLUMNS,
    Column,
)

SHEETS = ("Summary", "Backlog", "Pain points", "Hand-offs", "Gaps", "Touch-points")
MATRIX_GAP = 1
CHART_WIDTH_PX = 860  # charts sit under the summary tables, about as wide as them
CHART_HEIGHT_PX = 620  # empty columns between the hand-off list and the matrix


def analyze_if_possible(doc: Document) -> Analysis | None:
    """The document's full analysis, bottlenecks (betweenness) included as ``journeymapper
    analyze`` reports them, so that both count the same findings; None while the analysis
    package is not installed. (Betweenness is approximated on big maps: 2,000 cards ~0.3 s.)"""
    try:
        from journeymapper.analysis import analyze
    except ImportError:
        return None
    return analyze(doc, include_betweenness=True)


def export_workbook(doc: Document, path: Path | str, analysis: Analysis | None = None,
                    *, charts: bool = True) -> Path:
    """Write the workbook to ``path`` (replaced atomically) and return the path."""
    path = Path(path)
    if analysis is None:
        analysis = analyze_if_possible(doc)
    wb = Workbook(write_only=True)
    write_summary(wb, doc, analysis, charts)
    sh.write_table(wb, "Backlog", BACKLOG_COLUMNS, R.backlog_rows(doc, analysis))
    sh.write_table(wb, "Pain points", PAIN_COLUMNS, R.pain_rows(doc))
    _handoffs(wb, doc, analysis)
    sh.write_table(wb, "Gaps", GAP_COLUMNS, R.gap_rows(doc, analysis))
    sh.write_table(wb, "Touch-points", TOUCHPOINT_COLUMNS, R.touchpoint_rows(doc))
    # Saved under a name of its own beside the target, then renamed over it. openpyxl creates
    # the file, so it gets the user's usual permissions (mkstemp's were owner-only, 0600: a
    # workbook put on a shared drive for the departments could not be opened by them).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{id(wb):x}.tmp.xlsx")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _handoffs(wb: Any, doc: Document, analysis: Analysis | None) -> None:
    """The hand-off list (filterable) with the lane-to-lane matrix to its right."""
    cols = HANDOFF_COLUMNS
    listed = R.handoff_rows(doc, analysis)
    matrix = R.matrix_rows(doc, analysis)
    ws = wb.create_sheet("Hand-offs")
    m0 = len(cols) + MATRIX_GAP + 1  # first matrix column
    width = len(matrix[0]) if matrix else 0
    sh.set_widths(ws, [c.width for c in cols])
    sh.set_widths(ws, [3], len(cols) + 1)
    sh.set_widths(ws, [22] + [12] * (width - 1), m0)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    sh.print_setup(ws)
    ws.row_dimensions[1].height = 30
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(listed) + 1}"
    if matrix and width > 1:
        first, last = get_column_letter(m0 + 1), get_column_letter(m0 + width - 1)
        ws.conditional_formatting.add(f"{first}2:{last}{len(matrix)}", ColorScaleRule(
            start_type="min", start_color="FFF4E5", end_type="max", end_color="D9480F"))
    sh.fast_rows(ws)
    styler = sh.Styler(ws, cols)
    label = Column("", 22, "label")
    num = Column("", 12, "int")
    m_styler = sh.Styler(ws, [label, *([num] * (width - 1))])
    head = sh.header_cells(ws, [c.header for c in cols])
    for i in range(max(len(listed) + 1, len(matrix))):
        left: list[Any]
        if i == 0:
            left = head
        elif i <= len(listed):
            left = styler.row(listed[i - 1])
            h = styler.height(listed[i - 1])
            if h:
                ws.row_dimensions[i + 1].height = h
        else:
            left = [None] * len(cols)
        right: list[Any] = []
        if i < len(matrix):
            if i == 0:
                right = sh.header_cells(ws, [str(v) for v in matrix[0]])
            else:
                right = m_styler.row(matrix[i])
        if not right:
            ws.append(left)
        else:
            ws.append([*left, *([None] * MATRIX_GAP), *right])
