"""Writing one table to a write-only openpyxl worksheet: typed, styled cells, a frozen header,
an autofilter, column widths and drop-down validation. Imported lazily (openpyxl is heavy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from copy import copy
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.formatting.rule import ColorScaleRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .columns import FINDING_SEVERITIES, Column
from .rows import Row, Value
from .text import clean

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
FONT = "Calibri"
HEADER_FONT = Font(name=FONT, size=11, bold=True, color="FFFFFF")
HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
HEADER_BORDER = Border(bottom=Side(style="medium", color="0F1F33"))
TOP = Alignment(vertical="top")
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
TOP_CENTER = Alignment(vertical="top", horizontal="center")
ID_FONT = Font(name=FONT, color="7F7F7F", size=9)
LABEL_FONT = Font(name=FONT, bold=True)
LINE_HEIGHT = 15.0  # points per line of 11 pt text
MAX_ROW_HEIGHT = 300.0
DATE_FORMAT = "yyyy-mm-dd"
EXTRA_VALIDATED_ROWS = 500  # rows below the data that keep the drop-downs, for new entries

_FORCE_TEXT = frozenset(ERROR_CODES)


class _StyledCell(Cell):
    """A cell whose style never changes once made, so its style id is looked up only once."""

    __slots__ = ("_sid",)

    @property
    def style_id(self) -> int:
        sid: int = self._sid
        return sid

    def freeze_style(self) -> None:
        self._sid = self.parent.parent._cell_styles.add(self._style)


def fast_rows(ws: Any) -> None:
    """Replace openpyxl's write-only row builder on ``ws``, which probes every value's type
    (raising and formatting an exception for each ready cell), with one that takes our cells
    as they are; a plain value still becomes a (text-safe) cell."""

    def cells_in_place(values: Sequence[Any], row_idx: int) -> Iterator[Any]:
        for col_idx, cell in enumerate(values, 1):
            if cell is None:
                continue
            if not isinstance(cell, Cell):
                cell = make_cell(ws, cell)
            cell.column, cell.row = col_idx, row_idx
            yield cell

    if hasattr(ws, "_values_to_row"):
        ws._values_to_row = cells_in_place


class Styler:
    """One styled cell per column, reused for every row: a write-only sheet serialises a row the
    moment it is appended, so the same cells can carry the next row (no per-cell objects)."""

    def __init__(self, ws: Any, columns: Sequence[Column]) -> None:
        self.ws = ws
        self.cells: list[Any] = []
        self.wrapped = [(i, c.width) for i, c in enumerate(columns) if c.kind == "wrap" and c.width]
        for col in columns:
            t = _StyledCell(ws)
            t.alignment = {"wrap": TOP_WRAP, "int": TOP_CENTER, "num": TOP_CENTER}.get(
                col.kind, TOP)
            if col.kind == "date":
                t.number_format = DATE_FORMAT
            elif col.kind == "num":
                t.number_format = "0.0"
            elif col.kind == "id":
                t.font = ID_FONT
            elif col.kind == "label":
                t.font = LABEL_FONT
            t.freeze_style()
            self.cells.append(t)

    def height(self, values: Row) -> float | None:
        """The row height that shows every wrapped line (no spreadsheet autofits on open)."""
        lines = 1
        for i, width in self.wrapped:
            v = values[i] if i < len(values) else None
            if isinstance(v, str) and (len(v) > width or "\n" in v):
                lines = max(lines, text_lines(v, width))
        return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 2) if lines > 1 else None

    def row(self, values: Row) -> list[Any]:
        """The cells for one row; append them to the sheet before asking for the next row."""
        out: list[Any] = []
        for v, c in zip(values, self.cells, strict=False):
            if v is None or v == "":
                out.append(None)
                continue
            # Typed directly (no value parsing): text is always "s", never a formula.
            if isinstance(v, str):
                c._value, c.data_type = clean(v), "s"
            elif isinstance(v, bool):
                c._value, c.data_type = int(v), "n"
            elif isinstance(v, int | float):
                c._value, c.data_type = v, "n"
            elif isinstance(v, dt.date):
                c._value, c.data_type = v, "d"
            else:
                c._value, c.data_type = clean(str(v)), "s"
            out.append(c)
        return out


def text_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapped cell ``width`` characters wide (a fair estimate)."""
    per_line = max(1.0, width * 1.15 - 1)
    return sum(max(1, -(-len(p) // int(per_line))) for p in text.split("\n"))


def make_cell(ws: Any, v: Value, style: Any = None) -> Any:
    """A write-only cell holding ``v``; text is cleaned and always stays text."""
    if v is None:
        return None
    if isinstance(v, str):
        v = clean(v)
        c = WriteOnlyCell(ws, v)
        if c.data_type != "s" or v in _FORCE_TEXT:
            c.data_type = "s"  # "=..." a user typed is text, never a formula
    elif isinstance(v, bool):
        c = WriteOnlyCell(ws, int(v))
    elif isinstance(v, dt.date):
        c = WriteOnlyCell(ws, v)
        c.number_format = DATE_FORMAT
        if style is not None:
            c._style = copy(style)
            c.number_format = DATE_FORMAT
        return c
    else:
        c = WriteOnlyCell(ws, v)
    if style is not None:
        c._style = copy(style)
    return c


def header_cells(ws: Any, headers: Sequence[str]) -> list[Any]:
    cells = []
    for h in headers:
        c = WriteOnlyCell(ws, h)
        c.font, c.fill = HEADER_FONT, HEADER_FILL
        c.alignment, c.border = HEADER_ALIGN, HEADER_BORDER
        cells.append(c)
    return cells


def set_widths(ws: Any, widths: Sequence[float], start: int = 1) -> None:
    for i, w in enumerate(widths, start):
        ws.column_dimensions[get_column_letter(i)].width = w


def add_validations(ws: Any, columns: Sequence[Column], n_rows: int) -> None:
    last = n_rows + 1 + EXTRA_VALIDATED_ROWS
    for i, col in enumerate(columns, 1):
        letter = get_column_letter(i)
        dv: DataValidation | None = None
        if col.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle=f"{col.header}",
                                error=f"Choose one of: {', '.join(col.choices)}")
        elif col.low is not None and col.high is not None:
            dv = DataValidation(type="whole", operator="between", formula1=str(col.low),
                                formula2=str(col.high), allow_blank=True, showErrorMessage=True,
                                errorTitle=col.header,
                                error=f"A whole number from {col.low} to {col.high}")
        if dv is not None:
            dv.add(f"{letter}2:{letter}{last}")
            ws.data_validations.append(dv)


def score_scale(ws: Any, ref: str) -> None:
    """Red (at risk) to amber (indifferent, 7) to green (advocate, 10)."""
    ws.conditional_formatting.add(ref, ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B",
        mid_type="num", mid_value=7, mid_color="FFEB84",
        end_type="num", end_value=10, end_color="63BE7B"))


def write_table(wb: Any, title: str, columns: Sequence[Column], rows: Sequence[Row],
                *, filter_cols: int | None = None) -> Any:
    """A sheet holding ``rows`` under a styled, frozen, filterable header row."""
    ws = wb.create_sheet(title)
    set_widths(ws, [c.width for c in columns])
    ws.freeze_panes = "A2"
    ncol = filter_cols or len(columns)
    ws.auto_filter.ref = f"A1:{get_column_letter(ncol)}{len(rows) + 1}"
    add_validations(ws, columns, len(rows))
    last = max(2, len(rows) + 1)
    for i, col in enumerate(columns, 1):
        letter = get_column_letter(i)
        if col.header == "Satisfaction":
            score_scale(ws, f"{letter}2:{letter}{last}")
        elif col.choices == FINDING_SEVERITIES:
            for word, fill in (("critical", "FFC9C9"), ("warning", "FFE8CC")):
                ws.conditional_formatting.add(f"{letter}2:{letter}{last}", FormulaRule(
                    formula=[f'${letter}2="{word}"'], fill=PatternFill("solid", bgColor=fill)))
    ws.print_title_rows = "1:1"
    print_setup(ws)
    ws.row_dimensions[1].height = 30
    fast_rows(ws)
    ws.append(header_cells(ws, [c.header for c in columns]))
    styler = Styler(ws, columns)
    for n, r in enumerate(rows, 2):
        h = styler.height(r)
        if h:
            ws.row_dimensions[n].height = h
        ws.append(styler.row(r))
    return ws


def print_setup(ws: Any, landscape: bool = True) -> None:
    """Print one page wide (as many pages tall as needed), repeating the header row."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
