"""Text that is safe to put in a spreadsheet cell or an XML file."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab, LF and CR, the two non-characters U+FFFE/U+FFFF
# and lone surrogates (which cannot be encoded as UTF-8 at all).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

EXCEL_MAX_CELL = 32_767  # characters a spreadsheet cell holds


def clean(text: str) -> str:
    """``text`` without the characters XML forbids, cut to what a cell can hold."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if len(text) > EXCEL_MAX_CELL:
        text = text[:EXCEL_MAX_CELL]
    return text


def join(items: list[str] | tuple[str, ...], sep: str = "; ") -> str:
    return sep.join(i for i in items if i)
