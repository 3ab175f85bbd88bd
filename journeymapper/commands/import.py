"""``journeymapper import SOURCE PATH``: a new workshop file from a table or a JSON workshop.

SOURCE is a ``.json`` workshop (the complete form ``export --to x.json`` writes) or a touch-point
table, ``.xlsx`` or ``.csv`` (see :mod:`journeymapper.export.table_import` for the columns).
PATH must not exist yet: an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymapper.cli import UserError
from journeymapper.model import Document, EditError

SOURCES = (".json", ".xlsx", ".csv")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import", help="create a workshop from a touch-point table (.xlsx/.csv) or JSON",
        description="Create the workshop file PATH from SOURCE: a touch-point table (.xlsx or "
                    ".csv with columns such as Stage, Lane, Touch-point, Channel, Satisfaction, "
                    "Pain point, Severity, Next touch-point) or a .json workshop. PATH must not "
                    "exist yet.",
    )
    p.add_argument("source", metavar="SOURCE", help="a .xlsx or .csv table, or a .json workshop")
    p.add_argument("path", metavar="PATH", help="the new .jmw workshop file")
    p.set_defaults(handler=run)


def read_source(source: Path) -> Document:
    ext = source.suffix.lower()
    if ext not in SOURCES:
        raise UserError(f"{source}: cannot import {ext or 'a file without an extension'}; "
                        f"use {', '.join(SOURCES)}")
    if not source.is_file():
        raise UserError(f"{source}: no such file")
    from journeymapper.export.table_import import TableImportError, import_table

    try:
        if ext == ".json":
            from journeymapper.model import jsonform

            return jsonform.load(source)
        return import_table(source)
    except (EditError, TableImportError) as exc:
        raise UserError(f"{source}: {exc}") from None
    except OSError as exc:
        raise UserError(f"{source}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    source, target = Path(args.source), Path(args.path)
    if target.exists():
        raise UserError(f"{target}: already exists; choose a new file name")
    doc = read_source(source)
    from journeymapper.store import StoreError, WorkshopFile

    try:
        wf = WorkshopFile.create(target, doc)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{target}: {exc.strerror or exc}") from None
    wf.close()
    counts = doc.counts()
    made = ", ".join(f"{counts[key]} {one if counts[key] == 1 else one + 's'}" for key, one in (
        ("stages", "stage"), ("lanes", "lane"), ("touchpoints", "touch-point"),
        ("flows", "flow"), ("pain_points", "pain point")))
    print(f"{target}: {made}")  # "1 pain point", not "1 pain points"
    return 0
