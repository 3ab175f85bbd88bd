"""The backlog dock: the actions as a sortable, filterable table edited in place, beside the
impact/effort matrix; add, delete, and make an action from the selected pain point or a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model import Change, Edit, PainPoint, edits
from journeymapper.ui.session import Session

from . import columns as C
from .delegates import BacklogDelegate
from .make import Ref, action_for_finding, action_for_pain_point, pain_point_from
from .matrix import ImpactEffortView
from .table_model import ID_ROLE, BacklogFilter, BacklogModel

if TYPE_CHECKING:
    from journeymapper.analysis.results import Finding  # the analysis loads after start-up

SelectionSource = Callable[[], list[Ref]]


class BacklogDock(QDockWidget):
    """``selection`` gives the map's selection; ``picked_pain_point`` the pain point picked
    elsewhere (the pain points dock), used when the map's selection has none."""

    def __init__(self, session: Session, selection: SelectionSource,
                 picked_pain_point: Callable[[], str | None] = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Backlog", parent)
        self.setObjectName("backlogDock")
        self.session = session
        self.selection = selection
        self.picked_pain_point = picked_pain_point
        self.model = BacklogModel(session, self)
        self.proxy = BacklogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.matrix = ImpactEffortView(session)
        self.matrix.actionClicked.connect(self.select_action)
        for signal in (self.proxy.layoutChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._fade_filtered)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter actions…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda t: self.proxy.set_filters(text=t))
        self.status_combo = QComboBox()
        self.status_combo.setToolTip("Show actions with this status")
        self.status_combo.addItem("Any status", "")
        self.status_combo.addItem("Open (not done or dropped)", BacklogFilter.OPEN)
        for s in C.STATUSES:
            self.status_combo.addItem(str(s).capitalize(), str(s))
        self.status_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(status=self.status_combo.currentData()))
        self.owner_combo = QComboBox()
        self.owner_combo.setToolTip("Show actions owned by this lane")
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(owner=self.owner_combo.currentData()))
        self._fill_owners()
        self.add_button = QPushButton("Add action")
        self.add_button.clicked.connect(self.add_action)
        self.make_button = QPushButton("Action from pain point")
        self.make_button.setToolTip("A new action for the pain point selected on the map "
                                    "(a card's top pain point), linked to it")
        self.make_button.clicked.connect(self.make_from_selection)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self._build_layout()
        session.changed.connect(self._on_change)
        self._enable()

    def _make_table(self) -> QTableView:
        t = QTableView()
        t.setObjectName("backlogTable")
        # Tab leaves the table for the next part of the window (arrows move between cells): it
        # walked the cells round and round, and a keyboard user could not get back to the map
        t.setTabKeyNavigation(False)
        t.setModel(self.proxy)
        t.setItemDelegate(BacklogDelegate(t))
        t.setSortingEnabled(True)
        t.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the backlog's own order to start
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed
                          | QAbstractItemView.EditTrigger.SelectedClicked)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 14)
        head = t.horizontalHeader()
        head.setHighlightSections(False)
        head.setSortIndicatorClearable(True)  # a third click goes back to the backlog's order
        for i, col in enumerate(C.COLUMNS):
            head.resizeSection(i, col.width)
        head.setSectionResizeMode(C.TITLE, QHeaderView.ResizeMode.Stretch)
        head.setMinimumSectionSize(56)
        delete_key = QAction("Delete action", t)
        delete_key.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self._delete_key)
        t.addAction(delete_key)
        insert_key = QAction("Add action", t)
        insert_key.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        insert_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        insert_key.triggered.connect(self.add_action)
        t.addAction(insert_key)
        t.selectionModel().selectionChanged.connect(self._table_selection)
        return t

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.owner_combo)
        bar.addSpacing(12)
        for b in (self.add_button, self.make_button, self.delete_button):
            bar.addWidget(b)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.matrix)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([1000, 600])
        self.splitter.setChildrenCollapsible(True)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.splitter, 1)
        self.setWidget(box)

    def _fill_owners(self) -> None:
        keep = self.owner_combo.currentData()
        blocked = self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem("Any owner", "")
        self.owner_combo.addItem("No owner", BacklogFilter.NO_OWNER)
        for lane in self.session.doc.lanes:
            self.owner_combo.addItem(lane.name, lane.id)
        i = self.owner_combo.findData(keep)
        self.owner_combo.setCurrentIndex(max(0, i))
        self.owner_combo.blockSignals(blocked)
        if i < 0 and keep:
            self.proxy.set_filters(owner=None)

    # -- selection -----------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = {i.row(): i for i in self.table.selectionModel().selectedIndexes()}
        return [str(rows[r].data(ID_ROLE)) for r in sorted(rows)]

    def current_id(self) -> str | None:
        i = self.table.currentIndex()
        return str(i.data(ID_ROLE)) if i.isValid() else None

    def proxy_index(self, action_id: str, column: int = C.TITLE) -> QModelIndex:
        row = self.model.row_of(action_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def select_action(self, action_id: str) -> None:
        """Select the action's row (clearing a filter that hides it) and scroll to it."""
        index = self.proxy_index(action_id)
        if not index.isValid() and self.model.row_of(action_id) >= 0:
            self.clear_filters()
            index = self.proxy_index(action_id)
        if not index.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect \
            | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _fade_filtered(self, *_args: object) -> None:
        p = self.proxy
        if p.rowCount() == self.model.rowCount():
            self.matrix.fade_except(None)
        else:
            self.matrix.fade_except({p.index(r, 0).data(ID_ROLE) for r in range(p.rowCount())})

    def clear_filters(self) -> None:
        self.filter_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.owner_combo.setCurrentIndex(0)

    def _table_selection(self) -> None:
        self.matrix.select(self.current_id())
        self._enable()

    def _enable(self) -> None:
        writable = not self.session.doc.read_only
        self.add_button.setEnabled(writable)
        self.make_button.setEnabled(writable and self._selected_pain_point() is not None)
        self.delete_button.setEnabled(writable and bool(self.selected_ids()))

    # -- commands ------------------------------------------------------------------------------
    def _added(self, edit: Edit, start_editing: bool) -> str | None:
        if not self.session.do(edit):
            return None
        aid = edit.ops[-1].entity.id
        self.select_action(aid)
        if start_editing:
            self.table.setFocus()
            self.table.edit(self.proxy_index(aid))
        return aid

    def add_action(self) -> str | None:
        return self._added(edits.add_action(self.session.doc, "New action"), True)

    def _selected_pain_point(self) -> PainPoint | None:
        return pain_point_from(self.session.doc, self.selection(), self.picked_pain_point())

    def selection_changed(self) -> None:
        """The map's (or the pain point list's) selection changed: "from pain point" follows."""
        self._enable()

    def make_from_selection(self) -> str | None:
        """An action for the selected pain point (or the selected card's top pain point)."""
        doc = self.session.doc
        pp = self._selected_pain_point()
        if pp is None:
            self.session.error.emit("Select a card with a pain point (or a pain point) first.")
            return None
        return self._added(action_for_pain_point(doc, pp), False)

    def make_from_finding(self, finding: Finding) -> str | None:
        """For the findings dock's "add to backlog": an action linked to ``finding``."""
        return self._added(action_for_finding(self.session.doc, finding), False)

    def delete_selected(self) -> None:
        ids = [i for i in self.selected_ids() if self.model.row_of(i) >= 0]
        if ids:
            self.session.do(edits.remove_actions(self.session.doc, ids))

    def _delete_key(self) -> None:
        if self.table.state() != QAbstractItemView.State.EditingState:
            self.delete_selected()

    def _on_change(self, change: Change) -> None:
        if change.touches("lane"):
            self._fill_owners()
        if change.touches("action", "painpoint"):
            self._enable()
