"""Typed text as names are shown: on one line, without control characters, cut to a room with
"…" (undo steps, headings, menus, lists and charts take titles of any length)."""

from __future__ import annotations

# C0 and C1 control characters that str.split() does not take for white space (BEL, ESC...)
_CONTROLS = dict.fromkeys(c for c in (*range(0x20), *range(0x7F, 0xA0)) if not chr(c).isspace())


def one_line(text: str) -> str:
    """``text`` with its breaks, tabs and runs of spaces as single spaces, and no control
    characters (a pasted ESC showed as a box in the Edit menu)."""
    return " ".join(text.translate(_CONTROLS).split())


def shorten(text: str, room: int) -> str:
    """``text`` if it fits in ``room`` characters, else cut to them, ending in "…"."""
    return text if len(text) <= room else text[:room - 1].rstrip() + "…"
