"""``journeymapper export PATH --to OUT [--charts DIR]``: the workshop as Excel, JSON, a picture
of the map, or report charts.

OUT's extension picks the format: ``.xlsx`` (the backlog workbook), ``.json`` (the complete,
versioned JSON form), ``.png``/``.svg``/``.pdf`` (a picture of the map, rendered offscreen by the
window's own canvas). ``--charts DIR`` writes the report charts as PNG and SVG.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymapper.cli import UserError
from journeymapper.commands._common import load_document
from journeymapper.model import Document, EditError

FORMATS = (".xlsx", ".json", ".png", ".svg", ".pdf")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export", help="export a workshop to Excel, JSON, a picture or charts",
        description="Export a workshop. --to OUT writes one file whose extension picks the "
                    "format: .xlsx (backlog, pain points, hand-offs, gaps, touch-points, summary "
                    "with charts), .json (the complete workshop), .png, .svg or .pdf (a picture "
                    "of the map). --charts DIR writes the report charts as PNG and SVG.",
    )
    p.add_argument("path", metavar="PATH", help="a .jmw workshop file or a .json workshop")
    p.add_argument("--to", metavar="OUT", help="the file to write: .xlsx, .json, .png, .svg, .pdf")
    p.add_argument("--charts", metavar="DIR", help="a folder for the charts (PNG and SVG)")
    p.set_defaults(handler=run)


def _picture(doc: Document, out: Path) -> None:
    try:
        from journeymapper.ui.render import render_map
    except ImportError as exc:
        raise UserError(f"{out}: picture export is not available "
                        f"({exc.name or 'the Qt user interface'} is not installed)") from None
    render_map(doc, out, presentation=False)


def write(doc: Document, out: Path) -> None:
    """Write ``doc`` to ``out`` in the format its extension names."""
    ext = out.suffix.lower()
    if ext not in FORMATS:
        raise UserError(f"{out}: cannot export to {ext or 'a file without an extension'}; "
                        f"use {', '.join(FORMATS)}")
    if not out.parent.is_dir():
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    if ext == ".json":
        from journeymapper.model import jsonform

        jsonform.dump(doc, out)
    elif ext == ".xlsx":
        from journeymapper.export.xlsx import export_workbook

        export_workbook(doc, out)
    else:
        _picture(doc, out)


def run(args: argparse.Namespace) -> int:
    if not args.to and not args.charts:
        raise UserError("say what to write: --to OUT (.xlsx, .json, .png, .svg or .pdf) "
                        "and/or --charts DIR")
    doc = load_document(args.path)
    done: list[Path] = []
    target = Path(args.to) if args.to else None
    try:
        if target is not None:
            write(doc, target)
            done.append(target)
        if args.charts:
            from journeymapper.export.charts import export_charts
            from journeymapper.export.xlsx import analyze_if_possible

            target = Path(args.charts)
            done += export_charts(doc, analyze_if_possible(doc), target)
    except (EditError, OSError, ValueError) as exc:
        where = target or Path(args.path)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UserError(f"{where}: {(detail.strip().splitlines() or ['failed'])[0]}") from None
    for path in done:
        print(path)
    return 0
