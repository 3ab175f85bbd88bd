"""In-place text editing over a card or a header: Enter commits (one edit), Esc cancels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.ui.theme import Theme

from .items import Z_EDITOR


class InlineEditor(QGraphicsTextItem):
    """A plain-text editor laid over ``rect``; calls ``on_commit(text)`` or ``on_cancel()`` once."""

    def __init__(self, text: str, rect: QRectF, theme: Theme, font_pt: float,
                 on_commit: Callable[[str], None], on_cancel: Callable[[], None],
                 ref: tuple[str, str] = ("", "")) -> None:
        super().__init__()
        self.ref = ref  # the entity being edited
        self._rect = QRectF(rect)
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._done = False
        self.theme = theme
        self.setZValue(Z_EDITOR)
        self.setFont(theme.font(font_pt, bold=True))
        self.setDefaultTextColor(QColor(theme.card_fg))
        self.setPlainText(text)
        self.setTextWidth(rect.width() - 8)
        self.setPos(rect.left() + 4, rect.top() + 4)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)

    def start(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cur = self.textCursor()
        cur.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cur)

    @property
    def done(self) -> bool:
        return self._done

    def commit(self) -> None:
        if not self._done:
            self._done = True
            self._on_commit(self.toPlainText().strip())

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self._on_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.commit()
            return
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def _cover(self) -> QRectF:
        """The editor's paper: the text it holds and all of the card's or header's text area it
        lies over (a shorter text left the old title showing through below it)."""
        over = self._rect.translated(-self.pos()).adjusted(1, 1, -1, -1)
        return super().boundingRect().adjusted(-3, -3, 3, 3).united(over)

    def boundingRect(self) -> QRectF:
        return self._cover().adjusted(-1, -1, 1, 1)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        r = self._cover()
        p.fillRect(r, QColor("#FFFFFF"))
        p.setPen(QColor(self.theme.selection))
        p.setBrush(Qt.BrushStyle.NoBrush)  # not the brush the item painted before left behind
        p.drawRect(r)
        super().paint(p, option, widget)  # type: ignore[arg-type]
