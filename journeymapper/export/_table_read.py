"""Reading a table from .xlsx or .csv into header + numbered rows of raw values."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ._headers import match_headers

RawValue = object
HEADER_SCAN_ROWS = 10  # a title or a blank line may sit above the header row
PREFERRED_SHEETS = ("touch-points", "touchpoints", "touch points")


class TableReadError(ValueError):
    """The file is not a table we can read; the message says why."""


@dataclass
class RawTable:
    headers: list[str]
    fields: dict[str, int]  # field -> column index
    rows: list[tuple[int, list[RawValue]]]  # (row number as the user sees it, cells)
    sheet: str | None = None


Numbered = list[tuple[int, list[RawValue]]]


def _pick_header(rows: Iterator[tuple[int, list[RawValue]]]
                 ) -> tuple[list[str], dict[str, int], Numbered]:
    """Find the header row among the first rows: the first one that names a stage column, else
    the first non-empty row (whose missing columns the caller then reports)."""
    seen: list[tuple[int, list[RawValue]]] = []
    first: int | None = None
    for n, cells in rows:
        seen.append((n, cells))
        if first is None and any(c not in (None, "") for c in cells):
            first = len(seen) - 1
        fields = match_headers(cells)
        if "stage" in fields:
            headers = ["" if c is None else str(c) for c in cells]
            return headers, fields, []
        if len(seen) >= HEADER_SCAN_ROWS:
            break
    if first is None:
        return [], {}, seen
    cells = seen[first][1]
    return ["" if c is None else str(c) for c in cells], match_headers(cells), seen[first + 1:]


NOT_XLSX = "not an Excel workbook (.xlsx) or the file is damaged"


def read_xlsx(path: Path) -> RawTable:
    """The best sheet of the workbook; any failure to parse it is a TableReadError (the file is
    untrusted input, and openpyxl raises many kinds of errors on damaged ones)."""
    if not path.is_file():
        raise FileNotFoundError(path)
    if not zipfile.is_zipfile(path):
        raise TableReadError(NOT_XLSX)
    try:
        return _read_xlsx(path)
    except TableReadError:
        raise
    except Exception:
        raise TableReadError(NOT_XLSX) from None


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        names = wb.sheetnames
        if not names:
            raise TableReadError("the workbook has no sheets")
        order = sorted(names, key=lambda s: (s.strip().lower() not in PREFERRED_SHEETS,
                                             names.index(s)))
        best: RawTable | None = None
        for name in order:
            ws = wb[name]
            numbered = ((i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), 1))
            headers, fields, pending = _pick_header(numbered)
            if "stage" in fields or best is None:
                rest = [(i, list(r)) for i, r in numbered]
                table = RawTable(headers, fields, pending + rest, name)
                if "stage" in fields:
                    return table
                best = best or table
        assert best is not None
        return best
    finally:
        wb.close()


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise TableReadError("this is not a text table (it holds binary data)")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise TableReadError("the text is neither UTF-8 nor Windows-1252 encoded")


def read_csv(path: Path) -> RawTable:
    text = decode(path.read_bytes())
    sample = text[:8192]
    first_line = sample.splitlines()[0] if sample.strip() else ""
    delim = max(",;\t|", key=first_line.count) if first_line else ","
    if first_line and first_line.count(delim) == 0:
        delim = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)

    def numbered() -> Iterator[tuple[int, list[RawValue]]]:
        n = 0  # the record number: the row number a spreadsheet shows for this CSV
        try:
            for row in reader:
                n += 1
                yield n, [c if c.strip() else None for c in row]
        except csv.Error as exc:
            raise TableReadError(f"row {n + 1}: not a readable CSV line ({exc})") from None

    it = numbered()
    headers, fields, pending = _pick_header(it)
    return RawTable(headers, fields, pending + list(it))


def read_table(path: Path) -> RawTable:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path)
    raise TableReadError("choose a .xlsx or .csv file")
