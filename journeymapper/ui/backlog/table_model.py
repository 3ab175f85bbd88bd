"""The backlog as a Qt table model over the Document's actions, and the filter over it.

The model keeps only the actions' ids in order; every value is read from the Document, and
every edit goes through ``Session.do`` as one undo step. Changes update only the rows they touch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from journeymapper.model import Action, Change, Priority, Status, edits
from journeymapper.ui import plain
from journeymapper.ui.session import Session

from . import columns as C

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the action id of a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
PRIORITY_COLOURS = {Priority.CRITICAL: "#C92A2A", Priority.HIGH: "#E8590C"}
CLOSED_COLOUR = "#868E96"
_ROOT = QModelIndex()


class BacklogModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ids: list[str] = [a.id for a in session.doc.actions]
        self.merge_key: str | None = None  # set by the delegate for one editor's commits
        session.changed.connect(self._on_change)

    # -- reading -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(C.COLUMNS)

    def action(self, row: int) -> Action:
        return self.session.doc.action(self.ids[row])

    def row_of(self, action_id: str) -> int:
        try:
            return self.ids.index(action_id)
        except ValueError:
            return -1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return None
        col = C.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if C.COLUMNS[index.column()].field and not self.session.doc.read_only:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        doc, a, col = self.session.doc, self.action(index.row()), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return C.display(doc, a, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(a, col)
        if role == ID_ROLE:
            return a.id
        if role == SORT_ROLE:
            return C.sort_key(doc, a, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(a, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (C.IMPACT, C.EFFORT):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole:
            if a.status in C.CLOSED:
                return QColor(CLOSED_COLOUR)
            if col == C.PRIORITY and a.priority in PRIORITY_COLOURS:
                return QColor(PRIORITY_COLOURS[a.priority])
        if role == Qt.ItemDataRole.FontRole and col == C.PRIORITY \
                and a.priority in PRIORITY_COLOURS:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

    def _edit_value(self, a: Action, col: int) -> Any:
        if col == C.DUE:
            return QDate(a.due.year, a.due.month, a.due.day) if a.due else QDate()
        if col == C.LANE:
            return a.owner_lane_id or ""
        field = C.COLUMNS[col].field
        return getattr(a, field) if field else C.display(self.session.doc, a, col)

    def _tooltip(self, a: Action, col: int) -> str | None:
        if col in (C.WHY, C.TITLE):
            parts = [a.title, a.description, *C.linked_lines(self.session.doc, a)]
            return plain.tip("\n".join(p for p in parts if p))
        return None

    # -- editing -------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = C.COLUMNS[index.column()].field
        if field is None:
            return False
        try:
            parsed = parse(field, value)
        except ValueError as exc:
            self.session.error.emit(str(exc))
            return False
        aid = self.ids[index.row()]
        edit = edits.update_action(self.session.doc, aid, **{field: parsed})
        return self.session.do(edit, merge_key=self.merge_key)

    # -- following the document ----------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.touches("action"):
            self._sync(change)
        elif change.touches("lane", "painpoint") and self.ids:
            for col in (C.WHY, C.LANE):
                self.dataChanged.emit(self.index(0, col), self.index(len(self.ids) - 1, col))

    def _sync(self, change: Change) -> None:
        new = [a.id for a in self.session.doc.actions]
        gone = set(self.ids) - set(new)
        for row in sorted((r for r, i in enumerate(self.ids) if i in gone), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.ids[row]
            self.endRemoveRows()
        have = set(self.ids)
        kept = [i for i in new if i in have]
        if kept != self.ids:  # reordered (ranks changed): rare, so a plain reset
            self.beginResetModel()
            self.ids = new
            self.endResetModel()
            return
        for pos, aid in enumerate(new):
            if pos >= len(self.ids) or self.ids[pos] != aid:
                self.beginInsertRows(QModelIndex(), pos, pos)
                self.ids.insert(pos, aid)
                self.endInsertRows()
        last = len(C.COLUMNS) - 1
        for aid in change.changed.get("action", ()):
            row = self.row_of(aid)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))


def parse(field: str, value: Any) -> Any:
    """An editor's value as the Action field's type."""
    if field in ("impact", "effort"):
        n = int(value)
        if not 1 <= n <= 5:
            raise ValueError(f"{field} must be 1 to 5")
        return n
    if field == "priority":
        return Priority(str(value))
    if field == "status":
        return Status(str(value))
    if field == "due":
        if isinstance(value, QDate):
            return dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
        return value if isinstance(value, dt.date) or value is None else None
    if field == "owner_lane_id":
        return str(value) or None
    text = str(value).strip()
    if field == "title" and not text:
        raise ValueError("an action needs a title")
    return text


class BacklogFilter(QSortFilterProxyModel):
    """Text over every column, a status choice and an owner lane choice."""

    OPEN = "open"  # status filter value: anything not done or dropped
    NO_OWNER = "-"  # owner filter value: actions without an owner lane

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status: str | None = None  # a Status value, OPEN, or None for all
        self.owner: str | None = None  # a lane id, NO_OWNER, or None for all
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filters(self, text: str | None = None, status: str | bool | None = False,
                    owner: str | bool | None = False) -> None:
        """Change any of the three (False leaves one as it is)."""
        self.beginFilterChange()
        if text is not None:
            self.text = text.strip().casefold()
        if status is not False:
            self.status = status or None  # type: ignore[assignment]
        if owner is not False:
            self.owner = owner or None  # type: ignore[assignment]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, BacklogModel):
            return True
        a = model.action(source_row)
        if self.status == self.OPEN and a.status in C.CLOSED:
            return False
        if self.status not in (None, self.OPEN) and a.status != self.status:
            return False
        if self.owner == self.NO_OWNER and a.owner_lane_id:
            return False
        if self.owner not in (None, self.NO_OWNER) and a.owner_lane_id != self.owner:
            return False
        if not self.text:
            return True
        doc = model.session.doc
        hay = " ".join(C.display(doc, a, c) for c in range(len(C.COLUMNS))).casefold()
        return all(word in hay for word in self.text.split())
