"""Pain points dock: every pain point, most votes first, then most severe; pick one to show its
card on the map; vote and delete buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model import Change, PainPoint, TouchPoint, edits
from journeymapper.ui import plain
from journeymapper.ui.session import Session

COLUMNS = ("Votes", "Sev.", "Pain point  (card · kind)")


def _retitled(change: Change) -> bool:
    """Whether a card changed its title (the list names each pain point's card). Removing a
    card removes its pain points, which the change then touches too."""
    return any(isinstance(op.before, TouchPoint) and isinstance(op.after, TouchPoint)
               and op.before.title != op.after.title for op in change.edit.ops)


def ranked(session: Session) -> list[PainPoint]:
    return sorted(session.doc.pain_points.values(), key=lambda p: (-p.votes, -p.severity, p.id))


class PainPointsDock(QDockWidget):
    painPointSelected = Signal(str)  # pain point id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Pain points", parent)
        self.setObjectName("painpoints")
        self.session = session
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(False)  # each of the two lines is elided on its own
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.tree.header()
        head.setStretchLastSection(False)
        for col in (0, 1):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemSelectionChanged.connect(self._selected)
        delete_key = QAction("Delete pain point", self.tree)
        delete_key.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.delete)
        self.tree.addAction(delete_key)
        self.vote_button = QPushButton("Vote +1")
        self.vote_button.clicked.connect(self.vote)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.vote_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tree)
        lay.addLayout(buttons)
        self.setWidget(box)
        session.changed.connect(self._on_change)
        self.reload()

    def current_id(self) -> str | None:
        items = self.tree.selectedItems()
        return str(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def select(self, pp_id: str | None) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == pp_id:
                self.tree.setCurrentItem(item)
                return
        self.tree.clearSelection()

    def reload(self) -> None:
        keep = self.current_id()
        doc = self.session.doc
        blocked = self.tree.blockSignals(True)
        try:
            self.tree.clear()
            for p in ranked(self.session):
                tp = doc.touchpoints.get(p.touchpoint_id)
                card = tp.title if tp else ""
                item = QTreeWidgetItem([str(p.votes), str(p.severity),
                                        f"{p.text}\n    {p.kind} · on {card}"])
                item.setData(0, Qt.ItemDataRole.UserRole, p.id)
                tip = f"{p.text}\n\non “{card}”: severity {p.severity}, {p.kind}"
                if p.dimension:
                    tip += f", {p.dimension}"
                for col in range(len(COLUMNS)):
                    item.setToolTip(col, plain.tip(tip))
                for col in (0, 1):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignHCenter
                                          | Qt.AlignmentFlag.AlignTop)
                self.tree.addTopLevelItem(item)
            if keep:
                self.select(keep)
        finally:
            self.tree.blockSignals(blocked)
        self._enable()

    def _enable(self) -> None:
        on = self.current_id() is not None and not self.session.doc.read_only
        self.vote_button.setEnabled(on)
        self.delete_button.setEnabled(on)

    def _on_change(self, change: Change) -> None:
        if change.touches("painpoint") or _retitled(change):  # a moved card changes nothing
            self.reload()

    def _selected(self) -> None:
        self._enable()
        pid = self.current_id()
        if pid:
            self.painPointSelected.emit(pid)

    def vote(self) -> None:
        pid = self.current_id()
        if pid:
            self.session.do(edits.vote(self.session.doc, pid))

    def delete(self) -> None:
        pid = self.current_id()
        if pid:
            self.session.do(edits.remove_pain_points(self.session.doc, [pid]))
