"""``journeymapper open [PATH]``: the window (``journeymapper PATH`` and bare ``journeymapper``
come here). PySide6 is imported only inside the handler so the other commands stay light."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

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


# What Qt's X11 platform plugin (libQt6XcbQpa) loads from the system, by the Debian/Ubuntu
# package that holds it. Qt aborts the process (a core dump and a page of text) when one is
# missing; bare or minimal systems often lack libxcb-cursor0 (needed since Qt 6.5).
X11_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0", "libX11-xcb.so.1": "libx11-xcb1",
}


def missing_x11_libraries(names: dict[str, str] | None = None) -> list[str]:
    """The packages of the libraries in ``names`` (default ``X11_LIBRARIES``) that cannot be
    loaded here (the built app also looks in its own folder, where PyInstaller puts the
    libraries it bundled)."""
    import ctypes

    names = X11_LIBRARIES if names is None else names
    folders = [Path(getattr(sys, "_MEIPASS", ""))] if getattr(sys, "frozen", False) else []
    missing = []
    for soname, package in names.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            if not any((f / soname).is_file() for f in folders):
                missing.append(package)
    return missing


def x_display_error() -> str | None:
    """Why the X display named by DISPLAY cannot be reached (Qt would abort the process), or
    None: reached, or no libxcb here to ask (the library check names what is missing)."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)  # even a failed one must be disconnected
    try:
        failed = xcb.xcb_connection_has_error(connection) != 0
    finally:
        xcb.xcb_disconnect(connection)
    if not failed:
        return None
    return (f"no X server answers on the display {os.environ.get('DISPLAY', '')!r} (is it "
            "running, and may this user use it?)")


def no_screen() -> str | None:
    """Why there is no screen to show a window on (Qt told to draw offscreen, or a Linux
    machine without a display server), or None."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return "Qt draws offscreen here, so there is no window to show"
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display found (DISPLAY and WAYLAND_DISPLAY are not set)"
    return None


def why_no_window() -> str | None:
    """Why a window cannot be shown here, or None; checked before Qt would abort the process."""
    screen = no_screen()
    if screen or not sys.platform.startswith("linux"):
        return screen
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    x11 = platform.startswith("xcb") or (not platform and not os.environ.get("WAYLAND_DISPLAY"))
    if not x11:
        return None
    missing = missing_x11_libraries()
    if missing:
        return (f"the X11 window needs system libraries that are missing; on Debian or Ubuntu: "
                f"sudo apt-get install {' '.join(missing)}")
    return x_display_error()


def run(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    else:
        why = why_no_window()
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
