"""Commands on the map's selection: add, rename in place, delete, copy/paste, keyboard moves."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QGraphicsItem, QMenu

from journeymapper.model import Channel, Edit, EditError, Op, TouchPoint, combine, edits
from journeymapper.model.ordering import STEP

from .editor import InlineEditor
from .headers import HeaderItem
from .items import POSTER, POSTER_BELOW, CardItem, FlowItem

if TYPE_CHECKING:
    from .view import MapView

MIME = "application/x-journeymapper-cards"
NEW_TITLE = "New touch-point"


def do(view: MapView, make: Callable[[], Edit], merge_key: str | None = None) -> bool:
    """Build an edit (factories refuse with EditError) and apply it as one undo step."""
    try:
        edit = make()
    except EditError as exc:
        view.session.error.emit(str(exc))
        return False
    return view.session.do(edit, merge_key)


# -- adding and editing text ----------------------------------------------------------------------
def add_card(view: MapView, stage_id: str, lane_id: str, index: int | None,
             edit_title: bool = True) -> str | None:
    from journeymapper.model.ids import new_id
    doc = view.session.doc
    tp_id = new_id("tp")
    key = f"new-card:{tp_id}"
    if not do(view, lambda: edits.add_touchpoint(doc, stage_id, lane_id, NEW_TITLE, index,
                                                 touchpoint_id=tp_id), key):
        return None
    view.select_entities([("touchpoint", tp_id)], center=True)
    if edit_title:
        card = view.map_scene.cards[tp_id]
        _start_editor(view, card, merge_key=key)
    return tp_id


def add_card_in_selected_cell(view: MapView) -> str | None:
    doc = view.session.doc
    sel = [r[1] for r in view.selected() if r[0] == "touchpoint"]
    if sel and sel[-1] in doc.touchpoints:
        tp = doc.touchpoint(sel[-1])
        cell = [t.id for t in doc.cell(tp.stage_id, tp.lane_id)]
        return add_card(view, tp.stage_id, tp.lane_id, cell.index(tp.id) + 1)
    cell_ref = view.current_cell
    if cell_ref is None or cell_ref[0] not in doc.table("stage") or \
            cell_ref[1] not in doc.table("lane"):
        if not doc.stages or not doc.lanes:
            return None
        cell_ref = (doc.stages[0].id, doc.lanes[0].id)
    return add_card(view, cell_ref[0], cell_ref[1], None)


def edit_text(view: MapView, item: QGraphicsItem) -> None:
    if view.session.doc.read_only:  # say so now, not after the typing, on Enter
        view.session.error.emit("This workshop is open read-only: its text cannot be edited")
        return
    if isinstance(item, CardItem | HeaderItem | FlowItem):
        _start_editor(view, item)


def rename_selected(view: MapView) -> bool:
    sel = view.selected()
    if not sel:
        return False
    item = view.map_scene.item_for(*sel[0])
    if item is None:
        return False
    edit_text(view, item)
    return True


def _start_editor(view: MapView, item: QGraphicsItem, merge_key: str | None = None) -> None:
    sc = view.map_scene
    t = sc.theme
    doc = view.session.doc
    kind, eid = item.ref  # type: ignore[attr-defined]
    if kind == "touchpoint":
        text, rect, pt = doc.touchpoint(eid).title, sc.layout.cards[eid], t.card_pt
        if view.transform().m11() < POSTER_BELOW:  # the card shows its title larger: so do we
            pt *= POSTER
    elif kind == "stage":
        text, rect, pt = doc.stage(eid).name, sc.layout.stage_header_rect(eid), t.header_pt
    elif kind == "lane":
        text, rect, pt = doc.lane(eid).name, sc.layout.lane_header_rect(eid), t.header_pt
    else:
        text, pt = doc.flow(eid).label, t.small_pt
        c = item.boundingRect().center()
        rect = QRectF(c.x() - 90, c.y() - 16, 180, 32)
    if view.editor is not None:
        view.editor.commit()

    def commit(new: str) -> None:
        _close_editor(view)
        if new == text or (not new and kind != "flow"):
            return
        if kind == "touchpoint":
            do(view, lambda: edits.update_touchpoint(doc, eid, title=new), merge_key)
        elif kind == "stage":
            do(view, lambda: edits.rename_stage(doc, eid, new))
        elif kind == "lane":
            do(view, lambda: edits.rename_lane(doc, eid, new))
        else:
            do(view, lambda: edits.update_flow(doc, eid, label=new))

    def cancel() -> None:
        _close_editor(view)
        # Esc on the card N has just added takes the card away again (one undo; redo brings it
        # back): a stray N left a "New touch-point" card behind
        stack = view.session.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        if merge_key is not None and getattr(top, "merge_key", None) == merge_key:
            stack.undo()  # (only add_card gives a merge key, "new-card:<id>")

    ed = InlineEditor(text, rect, t, pt, commit, cancel, (kind, eid))
    sc.addItem(ed)
    view.editor = ed
    view.setFocus()
    ed.start()


def _close_editor(view: MapView) -> None:
    ed = view.editor
    view.editor = None
    if ed is not None and ed.scene() is not None:
        ed.scene().removeItem(ed)
        view.setFocus()


# -- delete, copy, paste, duplicate ---------------------------------------------------------------
def delete_selection(view: MapView) -> bool:
    """Delete the selection as one undo step (several edits become one macro, each built against
    the state the previous one left)."""
    doc = view.session.doc
    sel = view.selected()
    if not sel:
        return False
    cards = [i for k, i in sel if k == "touchpoint"]
    flows = [i for k, i in sel if k == "flow"]
    makers: list[Callable[[], Edit]] = []
    if cards or flows:
        def cards_and_flows() -> Edit:
            parts: list[Edit] = []
            gone: set[str] = set()
            if cards:
                e = edits.remove_touchpoints(doc, cards)
                parts.append(e)
                gone = {op.entity.id for op in e.ops if op.kind == "flow"}
            left = [f for f in flows if f not in gone]
            if left:
                parts.append(edits.remove_flows(doc, left))
            return combine(parts[0].label if len(parts) == 1 else "Delete selection", *parts)
        makers.append(cards_and_flows)
    for kind, eid in sel:
        if kind == "stage":
            makers.append(lambda eid=eid: edits.remove_stage(doc, eid))  # type: ignore[misc]
        elif kind == "lane":
            makers.append(lambda eid=eid: edits.remove_lane(doc, eid))  # type: ignore[misc]
    if len(makers) == 1:
        return do(view, makers[0])
    stack = view.session.undo_stack
    stack.beginMacro(f"Delete {len(sel)} items")
    ok = False
    try:
        for make in makers:
            ok = do(view, make) or ok
    finally:
        stack.endMacro()
    return ok


def copy_selection(view: MapView) -> bool:
    doc = view.session.doc
    cards = [doc.touchpoint(i) for k, i in view.selected() if k == "touchpoint"]
    if not cards:
        return False
    rows = [{"title": t.title, "notes": t.notes, "channel": t.channel.value, "score": t.score,
             "tags": list(t.tags), "owner": t.owner, "stage_id": t.stage_id,
             "lane_id": t.lane_id} for t in cards]
    data = json.dumps({"journeymapper_cards": rows})
    mime = QMimeData()
    mime.setData(MIME, data.encode("utf-8"))
    mime.setText("\n".join(t.title for t in cards))
    QGuiApplication.clipboard().setMimeData(mime)
    return True


def _clipboard_rows() -> list[dict[str, object]]:
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None or not mime.hasFormat(MIME):
        return []
    try:
        rows = json.loads(bytes(mime.data(MIME).data()).decode("utf-8"))["journeymapper_cards"]
    except (ValueError, KeyError, TypeError):
        return []
    return [r for r in rows if isinstance(r, dict)]


def _card_fields(row: dict[str, object]) -> dict[str, Any]:
    """Card fields from a clipboard row, dropping what does not parse."""
    out: dict[str, Any] = {}
    for k in ("notes", "owner"):
        if isinstance(row.get(k), str):
            out[k] = row[k]
    with contextlib.suppress(ValueError):
        out["channel"] = Channel(str(row.get("channel", "other")))
    score = row.get("score")
    if isinstance(score, int) and not isinstance(score, bool) and 0 <= score <= 10:
        out["score"] = score
    tags = row.get("tags")
    if isinstance(tags, list):
        out["tags"] = tuple(str(x) for x in tags)
    return out


def paste_rows(view: MapView, rows: list[dict[str, object]], label: str) -> list[str]:
    """Add cards from clipboard rows into the current cell (or each row's own cell)."""
    from journeymapper.model.ids import new_id
    doc = view.session.doc
    target = view.current_cell
    sel = [i for k, i in view.selected() if k == "touchpoint" and i in doc.touchpoints]
    if sel:
        tp = doc.touchpoint(sel[-1])
        target = (tp.stage_id, tp.lane_id)
    ops: list[Op] = []
    ids: list[str] = []
    used: dict[tuple[str, str], float] = {}
    for row in rows:
        cell = target
        if cell is None or cell[0] not in doc.table("stage") or cell[1] not in doc.table("lane"):
            cell = (str(row.get("stage_id")), str(row.get("lane_id")))
        if cell[0] not in doc.table("stage") or cell[1] not in doc.table("lane"):
            if not doc.stages or not doc.lanes:
                continue
            cell = (doc.stages[0].id, doc.lanes[0].id)
        tp_id = new_id("tp")
        try:
            e = edits.add_touchpoint(doc, cell[0], cell[1],
                                     str(row.get("title", "")) or NEW_TITLE,
                                     touchpoint_id=tp_id, **_card_fields(row))
        except (EditError, ValueError, TypeError):
            continue
        # after the cell's last card and after the cards pasted into it before
        added = e.ops[-1].after
        assert isinstance(added, TouchPoint)
        tp = added
        last = used.get(cell)
        if last is not None:
            tp = dataclasses.replace(tp, rank=last + STEP)
        used[cell] = tp.rank
        ops.append(Op(None, tp))
        ids.append(tp_id)
    if not ops:
        return []
    name = label if len(ids) > 1 else f"{label} {edits.quoted(str(rows[0].get('title', '')))}"
    if view.session.do(Edit(name, tuple(ops))):
        view.select_entities([("touchpoint", i) for i in ids], center=False)
        return ids
    return []


def paste(view: MapView) -> list[str]:
    rows = _clipboard_rows()
    return paste_rows(view, rows, "Paste cards") if rows else []


def duplicate_selection(view: MapView) -> list[str]:
    doc = view.session.doc
    cards = [doc.touchpoint(i) for k, i in view.selected() if k == "touchpoint"]
    rows: list[dict[str, object]] = [
        {"title": t.title, "notes": t.notes, "channel": t.channel.value, "score": t.score,
         "tags": list(t.tags), "owner": t.owner, "stage_id": t.stage_id, "lane_id": t.lane_id}
        for t in cards]
    if not rows:
        return []
    saved = view.current_cell
    view.current_cell = None
    view.map_scene.clearSelection()  # duplicates go to each original's own cell
    try:
        return paste_rows(view, rows, "Duplicate")
    finally:
        if view.current_cell is None:
            view.current_cell = saved


def vote_selected(view: MapView) -> bool:
    """V: one more vote on the most severe pain point of each selected card (one undo step)."""
    doc = view.session.doc
    pps = [pp[0].id for k, i in view.selected() if k == "touchpoint"
           if (pp := doc.pain_points_of(i))]
    if not pps:
        return False
    if len(pps) == 1:
        return do(view, lambda: edits.vote(doc, pps[0]))
    return do(view, lambda: combine(f"Vote on {len(pps)} pain points",
                                    *(edits.vote(doc, p) for p in pps)))


# -- keyboard -------------------------------------------------------------------------------------
def handle_key(view: MapView, ev: QKeyEvent) -> bool:
    key, mods = ev.key(), ev.modifiers()
    if ev.matches(QKeySequence.StandardKey.Delete) or key in (Qt.Key.Key_Delete,
                                                                Qt.Key.Key_Backspace):
        return delete_selection(view)
    if ev.matches(QKeySequence.StandardKey.Copy):
        return copy_selection(view)
    if ev.matches(QKeySequence.StandardKey.Paste):
        return bool(paste(view))
    if key == Qt.Key.Key_D and mods & Qt.KeyboardModifier.ControlModifier:
        return bool(duplicate_selection(view))
    if key == Qt.Key.Key_F2 or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and view.selected()):
        return rename_selected(view)
    if key == Qt.Key.Key_Insert or (key == Qt.Key.Key_N and not mods):
        return add_card_in_selected_cell(view) is not None
    if key == Qt.Key.Key_P and not mods:
        sel = [i for k, i in view.selected() if k == "touchpoint"]
        if sel:
            view.painPointRequested.emit(sel[0])
            return True
        return False
    if key == Qt.Key.Key_V and not mods:
        return vote_selected(view)
    if mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        view.zoom_in()
        return True
    if mods & Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_Minus:
        view.zoom_out()
        return True
    if mods & Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_0:
        view.fit_all()
        return True
    if ev.matches(QKeySequence.StandardKey.SelectAll):
        view.select_entities([("touchpoint", i) for i in view.map_scene.cards], center=False)
        return True
    from .navigate import handle_navigation
    return handle_navigation(view, ev)


def context_menu(view: MapView, item: QGraphicsItem | None,
                 cell: tuple[str, str] | None) -> QMenu | None:
    from .menus import build_menu
    return build_menu(view, item, cell)
