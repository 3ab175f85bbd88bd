"""``journeymapper new PATH --template NAME [--title T]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymapper.cli import UserError
from journeymapper.model.templates import TEMPLATES, build


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new", help="create a workshop file from a template",
        description="Create a new .jmw workshop file laid out from a template. Templates: "
                    + " ".join(f"{t.name}: {t.description}" for t in TEMPLATES.values()),
    )
    p.add_argument("path", metavar="PATH", help="the .jmw file to create (must not exist)")
    p.add_argument("--template", default="blank", choices=sorted(TEMPLATES),
                   help="starting layout (default: blank)")
    p.add_argument("--title", help="the workshop's title (default: the template's name)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from journeymapper.store import StoreError, WorkshopFile

    path = Path(args.path)
    if path.suffix.lower() != ".jmw":
        raise UserError(f"{path}: a workshop file must end in .jmw")
    if path.exists():
        raise UserError(f"{path}: already exists; choose another name")
    doc = build(args.template, args.title)
    try:
        WorkshopFile.create(path, doc).close()
    except StoreError as exc:  # already names the file
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror or exc}") from None
    print(f"Created {path} from the {args.template} template "
          f"({len(doc.stages)} stages, {len(doc.lanes)} lanes).")
    return 0
