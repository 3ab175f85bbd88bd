"""Context menus for the less common actions on cards, flows, headers and empty cells."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGraphicsItem, QMenu

from journeymapper.model import Channel, Layer, edits

from . import actions
from .headers import HeaderItem
from .items import CardItem, FlowItem

if TYPE_CHECKING:
    from .view import MapView


def build_menu(view: MapView, item: QGraphicsItem | None,
               cell: tuple[str, str] | None) -> QMenu:
    menu = QMenu(view)
    if isinstance(item, CardItem):
        _card_menu(view, menu, item.tp_id)
    elif isinstance(item, FlowItem):
        menu.addAction("Edit label", lambda: actions.edit_text(view, item))
        menu.addAction("Delete flow", lambda: actions.delete_selection(view))
    elif isinstance(item, HeaderItem):
        _header_menu(view, menu, item.ref[0], item.ref[1])
    elif cell is not None:
        s, ln = cell
        menu.addAction("Add card here", lambda: actions.add_card(view, s, ln, None))
        menu.addSeparator()
        _header_menu(view, menu.addMenu("Stage"), "stage", s)
        _header_menu(view, menu.addMenu("Lane"), "lane", ln)
    else:
        doc = view.session.doc
        menu.addAction("Add stage", lambda: actions.do(view, lambda: edits.add_stage(
            doc, "New stage")))
        menu.addAction("Add lane", lambda: actions.do(view, lambda: edits.add_lane(
            doc, "New lane")))
    return menu


def _card_menu(view: MapView, menu: QMenu, tp_id: str) -> None:
    doc = view.session.doc
    tp = doc.touchpoint(tp_id)
    menu.addAction("Rename\tF2", lambda: actions.rename_selected(view))
    menu.addAction("Add pain point…\tP", lambda: view.painPointRequested.emit(tp_id))
    score = menu.addMenu("Satisfaction score")
    for v in [None, *range(10, -1, -1)]:
        a = score.addAction("No score" if v is None else str(v), _setter(view, tp_id, score=v))
        a.setCheckable(True)
        a.setChecked(tp.score == v)
    chan = menu.addMenu("Channel")
    for c in Channel:
        a = chan.addAction(c.value.capitalize(), _setter(view, tp_id, channel=c))
        a.setCheckable(True)
        a.setChecked(tp.channel == c)
    a = menu.addAction("Start of the journey", lambda: actions.do(
        view, lambda: edits.update_touchpoint(doc, tp_id, is_start=not tp.is_start)))
    a.setCheckable(True)
    a.setChecked(tp.is_start)
    a = menu.addAction("End of the journey", lambda: actions.do(
        view, lambda: edits.update_touchpoint(doc, tp_id, is_end=not tp.is_end)))
    a.setCheckable(True)
    a.setChecked(tp.is_end)
    menu.addSeparator()
    menu.addAction("Connect to…", view.start_connect_mode)
    menu.addAction("Copy\tCtrl+C", lambda: actions.copy_selection(view))
    menu.addAction("Duplicate\tCtrl+D", lambda: actions.duplicate_selection(view))
    menu.addSeparator()
    menu.addAction("Delete\tDel", lambda: actions.delete_selection(view))


def _header_menu(view: MapView, menu: QMenu, kind: str, eid: str) -> None:
    doc = view.session.doc
    if kind == "stage":
        idx = [s.id for s in doc.stages].index(eid)
        menu.addAction("Rename stage", lambda: _rename(view, kind, eid))
        menu.addAction("Add stage before", lambda: actions.do(
            view, lambda: edits.add_stage(doc, "New stage", idx)))
        menu.addAction("Add stage after", lambda: actions.do(
            view, lambda: edits.add_stage(doc, "New stage", idx + 1)))
        menu.addAction("Zoom to this stage", lambda: view.focus_stage(eid))
        menu.addSeparator()
        menu.addAction("Delete stage and its cards", lambda: actions.do(
            view, lambda: edits.remove_stage(doc, eid)))
        return
    idx = [ln.id for ln in doc.lanes].index(eid)
    layer = doc.lane(eid).layer
    menu.addAction("Rename lane", lambda: _rename(view, kind, eid))
    menu.addAction("Add lane before", lambda: actions.do(
        view, lambda: edits.add_lane(doc, "New lane", layer, idx)))
    menu.addAction("Add lane after", lambda: actions.do(
        view, lambda: edits.add_lane(doc, "New lane", layer, idx + 1)))
    sub = menu.addMenu("Layer")
    for ly in [*Layer, None]:
        a = sub.addAction(ly.value.capitalize() if ly else "None", _lane_setter(view, eid, ly))
        a.setCheckable(True)
        a.setChecked(layer == ly)
    menu.addSeparator()
    menu.addAction("Delete lane and its cards", lambda: actions.do(
        view, lambda: edits.remove_lane(doc, eid)))


def _setter(view: MapView, tp_id: str, **fields: object) -> Callable[[], object]:
    doc = view.session.doc
    return lambda: actions.do(view, lambda: edits.update_touchpoint(doc, tp_id, **fields))


def _lane_setter(view: MapView, lane_id: str, layer: Layer | None) -> Callable[[], object]:
    doc = view.session.doc
    return lambda: actions.do(view, lambda: edits.update_lane(doc, lane_id, layer=layer))


def _rename(view: MapView, kind: str, eid: str) -> None:
    item = view.map_scene.item_for(kind, eid)
    if item is not None:
        actions.edit_text(view, item)
