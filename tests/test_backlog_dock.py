"""The backlog table: edits in place with real keys (one undo step each, on disk at once),
sorting by priority, filtering, add / delete, and actions made from a card's pain point."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget
from shiboken6 import isValid
from test_backlog_fixtures import Bench, bench, cell_point, reopen  # noqa: F401

from journeymapper.model import Priority, Status
from journeymapper.ui.backlog import columns as C
from journeymapper.ui.backlog.delegates import DueEdit
from journeymapper.ui.backlog.table_model import ID_ROLE

LEFT = Qt.MouseButton.LeftButton


def click_cell(b: Bench, qtbot, row: int, col: int) -> None:  # type: ignore[no-untyped-def]
    table = b.parts.backlog.table
    qtbot.mouseClick(table.viewport(), LEFT, pos=cell_point(table, row, col))


def enter(qtbot, editor: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Enter in a cell editor: the delegate commits and closes it on the next event loop turn."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(editor) or not editor.isVisible())


def row_id(b: Bench, row: int) -> str:
    return str(b.parts.backlog.proxy.index(row, 0).data(ID_ROLE))


def test_typing_in_a_title_cell_edits_the_action(bench: Bench, qtbot) -> None:  # noqa: F811
    doc, table = bench.session.doc, bench.parts.backlog.table
    aid = row_id(bench, 1)
    before = doc.action(aid).title
    click_cell(bench, qtbot, 1, C.TITLE)
    qtbot.keyClick(table, "C")
    editor = table.focusWidget()  # the first key opened the editor, replacing the title
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "all back within a day")
    enter(qtbot, editor)
    assert doc.action(aid).title == "Call back within a day"
    assert bench.parts.backlog.proxy.index(1, C.TITLE).data() == "Call back within a day"
    assert reopen(bench.path).action(aid).title == "Call back within a day"
    assert bench.session.undo_stack.count() == 1
    bench.session.undo_stack.undo()
    assert doc.action(aid).title == before
    assert reopen(bench.path).action(aid).title == before
    assert table.model().index(1, C.TITLE).data() == before


def test_combo_spin_and_date_cells_are_one_undo_step_each(bench: Bench, qtbot) -> None:  # noqa: F811
    doc, table, stack = bench.session.doc, bench.parts.backlog.table, bench.session.undo_stack
    aid = row_id(bench, 2)  # priority medium, effort 3, no due date
    click_cell(bench, qtbot, 2, C.PRIORITY)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # medium -> high
    enter(qtbot, combo)
    assert doc.action(aid).priority == Priority.HIGH

    click_cell(bench, qtbot, 2, C.EFFORT)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    spin = table.focusWidget()
    assert isinstance(spin, QSpinBox)
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    enter(qtbot, spin)
    assert doc.action(aid).effort == 1

    click_cell(bench, qtbot, 2, C.STATUS)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_End)
    enter(qtbot, combo)
    assert doc.action(aid).status == Status.DROPPED
    assert stack.count() == 3
    on_disk = reopen(bench.path).action(aid)
    assert (on_disk.priority, on_disk.effort, on_disk.status) == (Priority.HIGH, 1, Status.DROPPED)
    stack.undo()
    assert doc.action(aid).status == Status.IDEA and doc.action(aid).effort == 1
    stack.undo()
    assert doc.action(aid).effort == 3 and doc.action(aid).priority == Priority.HIGH
    stack.undo()
    assert doc.action(aid).priority == Priority.MEDIUM


def test_due_date_set_and_cleared(bench: Bench, qtbot) -> None:  # noqa: F811
    doc, table = bench.session.doc, bench.parts.backlog.table
    aid = row_id(bench, 0)
    assert doc.action(aid).due == dt.date(2026, 4, 15)
    click_cell(bench, qtbot, 0, C.DUE)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    edit = table.focusWidget()
    assert isinstance(edit, DueEdit)
    edit.setCurrentSection(DueEdit.Section.DaySection)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    enter(qtbot, edit)
    assert doc.action(aid).due == dt.date(2026, 4, 16)
    qtbot.keyClick(table, Qt.Key.Key_F2)  # the cell is still the current one
    edit = table.focusWidget()
    assert isinstance(edit, DueEdit)
    qtbot.keyClick(edit, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    enter(qtbot, edit)
    assert doc.action(aid).due is None
    assert reopen(bench.path).action(aid).due is None
    bench.session.undo_stack.undo()
    assert doc.action(aid).due == dt.date(2026, 4, 16)


def test_owner_lane_combo_lists_the_lanes(bench: Bench, qtbot) -> None:  # noqa: F811
    doc, table = bench.session.doc, bench.parts.backlog.table
    aid = row_id(bench, 0)
    click_cell(bench, qtbot, 0, C.LANE)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.focusWidget()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(1, combo.count())] == [ln.name for ln in doc.lanes]
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # "(no owner)"
    enter(qtbot, combo)
    assert doc.action(aid).owner_lane_id is None
    assert table.model().index(0, C.LANE).data() == ""


def test_sort_by_priority_and_filter(bench: Bench, qtbot) -> None:  # noqa: F811
    dock = bench.parts.backlog
    header = dock.table.horizontalHeader()
    x = header.sectionViewportPosition(C.PRIORITY) + header.sectionSize(C.PRIORITY) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    prios = [dock.proxy.index(r, C.PRIORITY).data() for r in range(dock.proxy.rowCount())]
    order = [list(Priority).index(Priority(p)) for p in prios]
    assert order == sorted(order) or order == sorted(order, reverse=True)
    if order != sorted(order, reverse=True):
        qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    assert dock.proxy.index(0, C.PRIORITY).data() == "critical"
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    if dock.proxy.sortColumn() != -1:  # clearable: ascending, descending, then unsorted
        qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    assert dock.proxy.sortColumn() == -1
    assert [row_id(bench, r) for r in range(dock.proxy.rowCount())] == \
        [a.id for a in bench.session.doc.actions]

    qtbot.keyClicks(dock.filter_edit, "phone")
    titles = [dock.proxy.index(r, C.TITLE).data() for r in range(dock.proxy.rowCount())]
    assert titles and all("phone" in " ".join(
        str(dock.proxy.index(r, c).data()) for c in range(len(C.COLUMNS))).lower()
        for r in range(dock.proxy.rowCount()))
    assert dock.proxy.rowCount() < dock.model.rowCount()
    dock.filter_edit.clear()
    dock.status_combo.setCurrentIndex(dock.status_combo.findData("done"))
    assert all(dock.proxy.index(r, C.STATUS).data() == "done"
               for r in range(dock.proxy.rowCount()))
    dock.status_combo.setCurrentIndex(0)
    lane = bench.session.doc.lanes[-1]
    dock.owner_combo.setCurrentIndex(dock.owner_combo.findData(lane.id))
    assert dock.proxy.rowCount() == len([a for a in bench.session.doc.actions
                                        if a.owner_lane_id == lane.id])


def test_add_and_delete_actions(bench: Bench, qtbot) -> None:  # noqa: F811
    dock, doc = bench.parts.backlog, bench.session.doc
    n = len(doc.actions)
    qtbot.mouseClick(dock.add_button, LEFT)
    editor = dock.table.focusWidget()
    assert isinstance(editor, QLineEdit)  # the new title is ready to type over
    editor.selectAll()
    qtbot.keyClicks(editor, "Train the billing team")
    enter(qtbot, editor)
    assert len(doc.actions) == n + 1 and doc.actions[-1].title == "Train the billing team"
    assert reopen(bench.path).actions[-1].title == "Train the billing team"
    assert dock.current_id() == doc.actions[-1].id
    qtbot.mouseClick(dock.delete_button, LEFT)
    assert len(doc.actions) == n
    assert dock.model.rowCount() == n
    bench.session.undo_stack.undo()
    assert len(doc.actions) == n + 1 and dock.model.rowCount() == n + 1


def test_action_from_a_cards_top_pain_point(bench: Bench, qtbot) -> None:  # noqa: F811
    dock, doc, view = bench.parts.backlog, bench.session.doc, bench.view
    view.select_entities([])
    assert not dock.make_button.isEnabled()  # nothing with a pain point is selected
    card = next(tp for tp in doc.touchpoints.values() if len(doc.pain_points_of(tp.id)) >= 1)
    top = min(doc.pain_points_of(card.id), key=lambda p: (-p.votes, -p.severity, p.id))
    view.select_entities([("touchpoint", card.id)])  # brings the card into view
    view.select_entities([], center=False)
    where = view.mapFromScene(view.card_rect(card.id).center())
    qtbot.mouseClick(view.viewport(), LEFT, pos=where)
    assert view.selected() == [("touchpoint", card.id)]
    assert dock.make_button.isEnabled()
    qtbot.mouseClick(dock.make_button, LEFT)
    made = doc.actions[-1]
    assert made.pain_point_ids == (top.id,)
    assert made.owner_lane_id == card.lane_id
    assert made.priority == C.priority_for_severity(top.severity)
    assert top.text in made.title
    assert dock.current_id() == made.id
    assert top.id in reopen(bench.path).action(made.id).pain_point_ids
    why = dock.proxy.index(dock.table.currentIndex().row(), C.WHY).data()
    assert f"pain: {top.text}" in why
    bench.session.undo_stack.undo()
    assert made.id not in {a.id for a in doc.actions}


def test_action_from_a_finding(bench: Bench) -> None:  # noqa: F811
    from journeymapper.analysis import analyze

    doc = bench.session.doc
    finding = next(f for f in analyze(doc).findings if f.lane_ids or f.touchpoint_ids)
    aid = bench.parts.backlog.make_from_finding(finding)
    assert aid is not None
    made = doc.action(aid)
    assert made.finding_ids == (finding.id,) and made.owner_lane_id is not None
    assert made.description == finding.message
    assert reopen(bench.path).action(aid).finding_ids == (finding.id,)


def test_insert_and_delete_keys(bench: Bench, qtbot) -> None:  # noqa: F811
    dock, doc = bench.parts.backlog, bench.session.doc
    n = len(doc.actions)
    click_cell(bench, qtbot, 0, C.PRIORITY)
    qtbot.keyClick(dock.table, Qt.Key.Key_Insert)
    editor = dock.table.focusWidget()
    assert isinstance(editor, QLineEdit) and len(doc.actions) == n + 1
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dock.table.focusWidget() is dock.table)
    qtbot.keyClick(dock.table, Qt.Key.Key_Delete)
    assert len(doc.actions) == n


def test_install_places_docks_and_actions(bench: Bench) -> None:  # noqa: F811
    w, parts = bench.window, bench.parts
    assert w.dockWidgetArea(parts.backlog) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert w.dockWidgetArea(parts.charts) == Qt.DockWidgetArea.RightDockWidgetArea
    assert parts.backlog.objectName() == "backlogDock"
    assert parts.charts.objectName() == "chartsDock"
    assert len(w.tabifiedDockWidgets(parts.charts)) == 1  # beside the pain points
    parts.view_actions[0].trigger()
    assert not parts.backlog.isVisible()
    parts.view_actions[0].trigger()
    assert parts.backlog.isVisible()


def test_tab_leaves_the_table_instead_of_walking_its_cells(bench: Bench, qtbot) -> None:  # noqa: F811
    """Tab walked the backlog's cells round and round (40 Shift+Tabs: still in the table); a
    keyboard user could not get back to the map. Arrows still move between cells."""
    table = bench.parts.backlog.table
    click_cell(bench, qtbot, 1, C.TITLE)
    assert table.hasFocus() and table.currentIndex().column() == C.TITLE
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == C.TITLE + 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
