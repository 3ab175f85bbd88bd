"""Keyboard navigation: arrows move the selection to the nearest card that way, Tab walks cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from .view import MapView

_DIRS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
         Qt.Key.Key_Down: (0, 1)}


def handle_navigation(view: MapView, ev: QKeyEvent) -> bool:
    key = ev.key()
    if key in _DIRS and not ev.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return move_selection(view, *_DIRS[Qt.Key(key)])
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        back = key == Qt.Key.Key_Backtab or bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return next_cell(view, -1 if back else 1)
    return False


def _origin(view: MapView) -> QPointF | None:
    lay = view.map_scene.layout
    sel = [i for k, i in view.selected() if k == "touchpoint" and i in lay.cards]
    if sel:
        return lay.cards[sel[-1]].center()
    if view.current_cell is not None and view.current_cell[0] in lay.stage_x \
            and view.current_cell[1] in lay.lane_y:
        return lay.cell_rect(*view.current_cell).center()
    return None


def move_selection(view: MapView, dx: int, dy: int) -> bool:
    lay = view.map_scene.layout
    if not lay.cards:
        return False
    o = _origin(view)
    if o is None:
        first = min(lay.cards.items(), key=lambda kv: (kv[1].left(), kv[1].top()))[0]
        view.select_entities([("touchpoint", first)])
        return True
    best: tuple[float, str] | None = None
    for tid, r in lay.cards.items():
        c = r.center()
        ax, ay = c.x() - o.x(), c.y() - o.y()
        along = ax * dx + ay * dy
        if along <= 1:
            continue
        across = abs(ax * dy) + abs(ay * dx)
        score = along + 2.5 * across
        if best is None or score < best[0]:
            best = (score, tid)
    if best is None:
        return True  # at the edge: keep the selection
    view.select_entities([("touchpoint", best[1])])
    return True


def next_cell(view: MapView, step: int) -> bool:
    """Make the next cell (row by row: stages left to right, then the next lane) current and
    select its first card, or nothing if it is empty."""
    lay = view.map_scene.layout
    cells = [(s, ln) for ln in lay.lane_ids for s in lay.stage_ids]
    if not cells:
        return False
    cur = view.current_cell
    i = cells.index(cur) + step if cur in cells else 0
    cell = cells[i % len(cells)]
    view.current_cell = cell
    ids = lay.cells.get(cell, [])
    if ids:
        view.select_entities([("touchpoint", ids[0])])
        view.current_cell = cell
    else:
        view.map_scene.clearSelection()
        view.centerOn(lay.cell_rect(*cell).center())
        view.show_cell_cursor(QRectF(lay.cell_rect(*cell)))
    return True
