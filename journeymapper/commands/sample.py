"""``journeymapper sample NAME``: copy a shipped sample workshop and open the copy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymapper.cli import UserError
from journeymapper.commands.open import no_screen, why_no_window
from journeymapper.samples import SAMPLE_NAMES, copy_sample, default_workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sample", help="copy a sample workshop to your folder and open it",
        description="Copy one of the sample workshops into a folder of yours (default "
                    f"{default_workspace()}) and open the copy, so the shipped sample stays as it "
                    "is. An existing copy is reopened with your edits unless --fresh is given.",
    )
    p.add_argument("name", choices=SAMPLE_NAMES, metavar="NAME",
                   help="one of: " + ", ".join(SAMPLE_NAMES))
    p.add_argument("--into", type=Path, help="folder for the copy")
    p.add_argument("--fresh", action="store_true", help="make a new copy even if one exists")
    p.add_argument("--no-window", action="store_true",
                   help="only copy and print the summary (for machines without a screen)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        path = copy_sample(args.name, args.into, fresh=args.fresh)
    except OSError as exc:
        raise UserError(str(exc)) from None
    print(f"Sample copied to {path}")
    if args.no_window or no_screen():
        if not args.no_window:
            print("No screen found, so here is the workshop's summary instead of the window:")
        return _summary(path)
    why = why_no_window()
    if why:  # a screen, but no window can open on it (missing X11 libraries): say what to do
        print(f"journeymapper: {why}", file=sys.stderr)
        print("Here is the workshop's summary instead of the window:")
        _summary(path)
        return 2
    from journeymapper.ui.app import run as run_app

    return run_app(str(path))


def _summary(path: Path) -> int:
    from journeymapper.commands import info

    return info.run(argparse.Namespace(path=str(path), json=False))
