"""Keep PySide6 from crashing at exit over the clipboard.

A QMimeData made in Python and handed to QClipboard is owned by Qt's global clipboard, which Qt
destroys in a static destructor *after* Python has finalised; shiboken then touches the dead
interpreter and the process segfaults on exit. Before Python shuts down we swap it for plain text
that Qt creates itself (no Python wrapper), so what the user copied still pastes as text.
"""

from __future__ import annotations

import atexit

from PySide6.QtGui import QGuiApplication

_registered = False


def release_clipboard() -> None:
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is None or not mime.formats():
        return
    text = mime.text()
    clipboard.clear()
    if text:
        clipboard.setText(text)


def install() -> None:
    """Run :func:`release_clipboard` while Python is still alive at exit (idempotent)."""
    global _registered
    if not _registered:
        atexit.register(release_clipboard)
        _registered = True
