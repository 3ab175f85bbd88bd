"""The findings dock with real clicks: picking a finding selects its cards, "Add to backlog"
makes one undoable action, "Dismiss" hides a finding and the file remembers it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot
from test_overlay_analysis import Rig

from journeymapper.store import WorkshopFile
from journeymapper.ui.analysis.dock import FindingsDock


@pytest.fixture
def surgeon(qtbot: QtBot, sample_copy: Any) -> Iterator[Rig]:
    wf = WorkshopFile.open(sample_copy("surgeon-practice"))
    rig = Rig(qtbot, wf.document, wf)
    qtbot.waitUntil(lambda: rig.dock.tree.topLevelItemCount() > 0)
    yield rig
    rig.close()


def click_item(qtbot: QtBot, dock: FindingsDock, item: QTreeWidgetItem) -> None:
    parent = item.parent()
    if parent is not None:
        parent.setExpanded(True)
    dock.tree.scrollToItem(item)
    rect = dock.tree.visualItemRect(item)
    assert rect.isValid()
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def finding_item(dock: FindingsDock, kind: str, title_part: str = "") -> QTreeWidgetItem:
    a = dock.controller.current()
    assert a is not None
    f = next(f for f in a.findings if f.kind == kind and title_part in f.title
             and not f.dismissed)
    item = dock.item_for(f.id)
    assert item is not None
    return item


def test_dock_groups_by_kind_with_counts(surgeon: Rig) -> None:
    dock = surgeon.dock
    a = surgeon.controller.current()
    tops = [dock.tree.topLevelItem(i).text(0) for i in range(dock.tree.topLevelItemCount())]
    assert any(t.startswith("Weak links  (4)") for t in tops)
    assert tops[0].startswith(("Customer carries", "Weak links"))  # critical groups first
    for i in range(dock.tree.topLevelItemCount()):  # children are made when a group opens
        dock.tree.topLevelItem(i).setExpanded(True)
    assert sum(dock.tree.topLevelItem(i).childCount()
               for i in range(dock.tree.topLevelItemCount())) == len(
        [f for f in a.findings if not f.dismissed])
    assert dock.objectName() == "findingsDock"
    assert surgeon.window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_clicking_a_finding_selects_its_cards(qtbot: QtBot, surgeon: Rig) -> None:
    dock, view = surgeon.dock, surgeon.view
    item = finding_item(dock, "customer-carried", "Reception → Surgeon")
    click_item(qtbot, dock, item)
    f = dock.current_finding()
    assert f is not None and f.kind == "customer-carried"
    assert sorted(view.selected()) == sorted(("touchpoint", t) for t in f.touchpoint_ids)
    assert f.suggestion in dock.detail.toPlainText()
    # the centre of the view is near the cards
    centre = view.mapToScene(view.viewport().rect().center())
    r = view.card_rect(f.touchpoint_ids[0])
    for t in f.touchpoint_ids[1:]:
        r = r.united(view.card_rect(t))
    assert r.adjusted(-400, -400, 400, 400).contains(centre)


def test_add_to_backlog_is_one_undoable_action(qtbot: QtBot, surgeon: Rig) -> None:
    dock, doc, stack = surgeon.dock, surgeon.session.doc, surgeon.session.undo_stack
    item = finding_item(dock, "weak-link", "Booking call with reception")
    click_item(qtbot, dock, item)
    f = dock.current_finding()
    assert f is not None
    before = {a.id for a in doc.actions}
    depth = stack.count()
    qtbot.mouseClick(dock.backlog_btn, Qt.MouseButton.LeftButton)
    added = [a for a in doc.actions if a.id not in before]
    assert len(added) == 1 and stack.count() == depth + 1
    act = added[0]
    assert act.finding_ids == (f.id,)
    assert act.title == f.suggestion and act.description == f.message
    reception = next(ln for ln in doc.lanes if ln.name == "Reception")
    assert act.owner_lane_id == reception.id
    assert set(act.pain_point_ids) == set(f.pain_point_ids)
    stack.undo()
    assert {a.id for a in doc.actions} == before


def test_dismiss_hides_and_survives_reopen(qtbot: QtBot, surgeon: Rig) -> None:
    dock, ctl = surgeon.dock, surgeon.controller
    surgeon.show_overlay(qtbot)
    item = finding_item(dock, "weak-link", "Invoice for the excess")
    click_item(qtbot, dock, item)
    f = dock.current_finding()
    assert f is not None
    with qtbot.waitSignal(ctl.analysisReady, timeout=10000):
        qtbot.mouseClick(dock.dismiss_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.item_for(f.id) is None)
    assert f.id in surgeon.session.doc.dismissed
    qtbot.waitUntil(lambda: surgeon.overlay.analysis is ctl.current())
    assert not any(it.tag.finding_id == f.id for it in surgeon.overlay.items()
                   if hasattr(it, "tag"))
    # shown again on request, greyed
    qtbot.mouseClick(dock.show_dismissed, Qt.MouseButton.LeftButton)
    assert dock.item_for(f.id) is not None
    # undo brings it back; redo dismisses again
    with qtbot.waitSignal(ctl.analysisReady, timeout=10000):
        surgeon.session.undo_stack.undo()
    assert f.id not in surgeon.session.doc.dismissed
    with qtbot.waitSignal(ctl.analysisReady, timeout=10000):
        surgeon.session.undo_stack.redo()
    # saved as it happened: reopen the file and analyse again
    path = surgeon.wf.path if surgeon.wf else None
    assert path is not None
    surgeon.close()
    surgeon.wf = None
    wf = WorkshopFile.open(path)
    try:
        assert f.id in wf.document.dismissed
        rig = Rig(qtbot, wf.document)
        try:
            a = rig.controller.current()
            assert a is not None
            assert next(x for x in a.findings if x.id == f.id).dismissed
            qtbot.waitUntil(lambda: rig.dock.tree.topLevelItemCount() > 0)
            assert rig.dock.item_for(f.id) is None
        finally:
            rig.close()
    finally:
        wf.close()


def test_show_again_restores_a_dismissed_finding(qtbot: QtBot, surgeon: Rig) -> None:
    dock, ctl, doc = surgeon.dock, surgeon.controller, surgeon.session.doc
    qtbot.mouseClick(dock.show_dismissed, Qt.MouseButton.LeftButton)
    item = finding_item(dock, "ping-pong")
    click_item(qtbot, dock, item)
    f = dock.current_finding()
    assert f is not None
    with qtbot.waitSignal(ctl.analysisReady, timeout=10000):
        qtbot.mouseClick(dock.dismiss_btn, Qt.MouseButton.LeftButton)
    assert f.id in doc.dismissed
    qtbot.waitUntil(lambda: dock.dismiss_btn.text() == "Show again")
    with qtbot.waitSignal(ctl.analysisReady, timeout=10000):
        qtbot.mouseClick(dock.dismiss_btn, Qt.MouseButton.LeftButton)
    assert f.id not in doc.dismissed


def test_betweenness_on_demand(qtbot: QtBot, surgeon: Rig) -> None:
    dock, ctl = surgeon.dock, surgeon.controller
    with qtbot.waitSignal(ctl.analysisReady, timeout=10000):
        qtbot.mouseClick(dock.betweenness_btn, Qt.MouseButton.LeftButton)
    a = ctl.current()
    assert a is not None
    found = [f for f in a.findings if f.kind == "bottleneck-touchpoint"]
    assert found
    qtbot.waitUntil(lambda: dock.item_for(found[0].id) is not None)


def test_big_groups_list_a_batch_then_more_on_click(qtbot: QtBot) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from _gen import make_document

    from journeymapper.ui.analysis.dock import BATCH

    rig = Rig(qtbot, make_document(800, 1160, seed=1))
    try:
        dock = rig.dock
        qtbot.waitUntil(lambda: dock.tree.topLevelItemCount() > 0)
        top = next(t for t in dock._tops() if t.isExpanded() and t.childCount() > BATCH)
        total = len(dock._groups[str(top.data(0, Qt.ItemDataRole.UserRole + 1))])
        assert top.childCount() == BATCH + 1
        more = top.child(BATCH)
        assert more is not None and more.text(0).startswith(f"… {total - BATCH} more")
        click_item(qtbot, dock, more)
        assert top.childCount() == min(total, 2 * BATCH) + (1 if total > 2 * BATCH else 0)
        first = top.child(0)
        assert first is not None
        click_item(qtbot, dock, first)
        f = dock.current_finding()
        assert f is not None and rig.view.selected()
    finally:
        rig.close()
