"""``journeymapper open [PATH]``: the window (``journeymapper PATH`` and bare ``journeymapper``
come here). PySide6 is imported only inside the handler so the other commands stay light."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from journeymapper.cli import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "open", help="open a workshop in the window (no PATH: the start page)",
        description="Open a .jmw workshop in the JourneyMapper window, or show the start page "
                    "(new from template, open, recent files, samples) when no PATH is given.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="the .jmw workshop to open")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="render the window offscreen at 1920x1080, save it to OUT.png and exit")
    p.add_argument("--presentation", action="store_true",
                   help="with --screenshot: picture the window in presentation mode")
    p.set_defaults(handler=run)


def _why_no_window() -> str | None:
    """Why a window cannot be shown here, or None; checked before Qt would abort the process."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return "Qt draws offscreen here, so there is no window to show"
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display found (DISPLAY and WAYLAND_DISPLAY are not set)"
    return None


def run(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    else:
        why = _why_no_window()
        if why:
            raise UserError(f"{why}; use --screenshot OUT.png for a picture, or "
                            "'journeymapper info PATH' for a summary")
    # Start-up makes some 40,000 objects that live as long as the app (modules, classes, Qt's
    # enums); the collector's passes over them cost about 10 ms before the window's first paint.
    # It is off until then (``ui.app.run`` switches it back on after that paint), and back on
    # here whatever happens.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from journeymapper.ui.app import run as run_app

        return run_app(args.path, screenshot_to=args.screenshot, present=args.presentation,
                       collect_after_paint=collecting)
    finally:
        if collecting:
            gc.enable()
