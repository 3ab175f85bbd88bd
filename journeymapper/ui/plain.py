"""Typed text shown as typed where Qt would otherwise read it as markup."""

from __future__ import annotations

from PySide6.QtGui import Qt


def tip(text: str) -> str:
    """A tooltip that shows ``text`` as typed.

    Qt takes a tooltip whose first line looks like markup for rich text: a card titled
    "<b>Call</b> back" showed "Call back" in bold, and the lines under it ran together. Such text
    goes out escaped, as rich text whose spaces and line breaks stay as typed; any other text
    goes as it is (a plain tooltip is not word-wrapped, and the escaped one is not either).
    """
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)
