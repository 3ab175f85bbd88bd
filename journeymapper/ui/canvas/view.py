"""MapView: the map canvas widget the window embeds. Mouse and key gestures become model edits."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmapCache,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsView, QWidget

from journeymapper.model import Change
from journeymapper.ui.session import Session
from journeymapper.ui.theme import theme_for

from . import actions
from .editor import InlineEditor
from .gestures import CardDrag, ConnectClick, ConnectDrag, HeaderDrag, Tool, connect
from .headers import HeaderItem
from .items import CardItem, FlowItem
from .painting import FrozenView
from .scene import MapScene

Ref = tuple[str, str]
MIN_SCALE, MAX_SCALE = 0.03, 5.0
PIXMAP_CACHE_KB = 96 * 1024
READABLE = 0.8  # the smallest scale focus_stage zooms a stage column to


class MapView(FrozenView):
    selectionChangedIds = Signal(list)  # list[tuple[str, str]]
    painPointRequested = Signal(str)  # touch-point id: the window opens its pain-point dialog

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._presentation = False
        self._fitted = False  # fit mode: see fit_all
        # card pictures are cached per item (DeviceCoordinateCache); Qt's default 10 MB cache
        # holds too few projector-sized cards and would repaint them every frame
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self._scene = MapScene(session, theme_for(False), self)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._scene.sceneRectChanged.connect(self._refit)
        self.tool: Tool | None = None
        self.editor: InlineEditor | None = None
        self.current_cell: tuple[str, str] | None = None
        self.focused_stage: str | None = None  # the stage focus_stage zoomed to, until a Fit
        self._cursor = QGraphicsRectItem(self._scene.drag_layer)
        self._cursor.setPen(QPen(QColor(self._scene.theme.selection), 3, Qt.PenStyle.DashLine))
        self._cursor.hide()
        self._scene.selectionChanged.connect(self._emit_selection)
        session.changed.connect(self._model_changed)

    # -- the scene --------------------------------------------------------------------------------
    def _emit_selection(self) -> None:
        sel = self.selected()
        if sel:
            self.show_cell_cursor(None)
        self.selectionChangedIds.emit(sel)

    def show_cell_cursor(self, rect: QRectF | None) -> None:
        """Outline the current (empty) cell that keyboard commands act on."""
        if self._scene is None:
            return
        if rect is None:
            self._cursor.hide()
        else:
            self._cursor.setPen(QPen(QColor(self._scene.theme.selection), 3, Qt.PenStyle.DashLine))
            self._cursor.setRect(rect.adjusted(3, 3, -3, -3))
            self._cursor.show()

    def _follow_cell(self) -> None:
        """The current-cell outline where its cell is now: a new layout (presentation type, a
        card added beside it) left it over the cell's old place, across two cells."""
        cell = self.current_cell
        if not self._cursor.isVisible() or cell is None:
            return
        lay = self.map_scene.layout
        if cell[0] in lay.stage_x and cell[1] in lay.lane_y:
            self.show_cell_cursor(lay.cell_rect(*cell))
        else:
            self.show_cell_cursor(None)

    def _model_changed(self, change: Change) -> None:
        """An edit from elsewhere (undo, a dock) during a gesture: drop the gesture, and an
        editor whose entity is gone."""
        if self.tool is not None:
            tool, self.tool = self.tool, None
            tool.cancel()
            self.viewport().unsetCursor()
        ed = self.editor
        if ed is not None and not ed.done and ed.ref[1] in change.removed.get(ed.ref[0], ()):
            ed.cancel()
        self._follow_cell()  # the scene, connected first, has laid the map out again

    def cleanup(self) -> None:
        """Disconnect from the session and drop the scene (idempotent)."""
        sc = self._scene
        if sc is None:
            return
        self._scene = None
        self.tool = None
        self.editor = None
        sc.detach()
        with contextlib.suppress(RuntimeError, TypeError):
            sc.selectionChanged.disconnect(self._emit_selection)
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.changed.disconnect(self._model_changed)
        self.setScene(None)
        sc.clear()
        sc.setParent(None)
        sc.deleteLater()

    def closeEvent(self, event: object) -> None:
        self.cleanup()
        super().closeEvent(event)  # type: ignore[arg-type]

    # -- selection --------------------------------------------------------------------------------
    def selected(self) -> list[Ref]:
        if self._scene is None:
            return []
        out: list[Ref] = []
        for it in self._scene.selectedItems():
            ref = getattr(it, "ref", None)
            if ref is not None:
                out.append(ref)
        order = {"touchpoint": 0, "flow": 1, "stage": 2, "lane": 3}
        return sorted(out, key=lambda r: (order.get(r[0], 9), r[1]))

    def select_entities(self, refs: Iterable[Ref], center: bool = True) -> None:
        sc = self.map_scene
        items = [it for kind, eid in refs if (it := sc.item_for(kind, eid)) is not None]
        sc.blockSignals(True)
        sc.clearSelection()
        for it in items:
            it.setSelected(True)
        sc.blockSignals(False)
        self._emit_selection()
        cards = [it for it in items if isinstance(it, CardItem)]
        if cards:
            c = cards[0]
            self.current_cell = self._cell_of(c.tp_id)
        if center and items:
            r = QRectF()
            for it in items:
                r = r.united(it.sceneBoundingRect())
            view = self.mapToScene(self.viewport().rect()).boundingRect()
            if r.width() > view.width() or r.height() > view.height():
                self.leave_fit()
                self.fitInView(r.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
            else:
                self.centerOn(r.center())

    def _cell_of(self, tp_id: str) -> tuple[str, str] | None:
        tp = self.session.doc.touchpoints.get(tp_id)
        return (tp.stage_id, tp.lane_id) if tp else None

    # -- zoom and focus ---------------------------------------------------------------------------
    def _zoom(self, factor: float) -> None:
        self.leave_fit()
        s = self.transform().m11()
        factor = max(MIN_SCALE / s, min(MAX_SCALE / s, factor))
        self.scale(factor, factor)

    def zoom_in(self) -> None:
        self._zoom(1.25)

    def zoom_out(self) -> None:
        self._zoom(0.8)

    def map_rect(self) -> QRectF:
        lay = self.map_scene.layout
        return QRectF(0, 0, max(lay.width, 1.0), max(lay.height, 1.0))

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if self._presentation and self.focused_stage in self.map_scene.layout.stage_x:
            self._draw_stage_focus(painter)
        super().drawForeground(painter, rect)

    def _draw_stage_focus(self, painter: QPainter) -> None:
        """Presentation, a stage in focus: the other stages under a veil, this one outlined.
        Moving on from the first stage to the second changed nothing but the caption when both
        were in view."""
        lay, t = self.map_scene.layout, self.map_scene.theme
        veil = QColor(t.background)
        veil.setAlpha(150)
        for sid in lay.stage_x:
            if sid != self.focused_stage:
                painter.fillRect(lay.stage_rect(sid), veil)
        pen = QPen(QColor(t.selection), 6)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(lay.stage_rect(str(self.focused_stage)).adjusted(2, 2, -2, -2))

    def fit_all(self) -> None:
        """The whole map in view, and kept there (fit mode): a resized window or a map that grows
        or shrinks is fitted again, until a zoom or a stage focus leaves the mode. While fitted the
        view's own scene rectangle is the fitted one, so there is nothing to scroll to (the scene
        keeps margins around the map for zooming in)."""
        self._fitted = True
        self.focused_stage = None
        self._apply_fit()

    def fitted(self) -> bool:
        return self._fitted

    def leave_fit(self) -> None:
        """The view keeps its scale and follows the scene's rectangle, margins and all, again."""
        if self._fitted:
            self._fitted = False
            self.setSceneRect(QRectF())  # a null rectangle: the scene's own

    def fit_rect(self) -> QRectF:
        """What Fit shows (and a picture of the map): the map, a margin and, below, room for the
        overlay's stage tags."""
        return self.map_rect().adjusted(-16, -16, 16, 24)

    def _apply_fit(self) -> None:
        r = self.fit_rect()
        self.setSceneRect(r)
        self.fitInView(r, Qt.AspectRatioMode.KeepAspectRatio)

    def _refit(self, _rect: QRectF | None = None) -> None:
        if self._fitted:
            self._apply_fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def focus_stage(self, stage_id: str | None) -> None:
        lay = self.map_scene.layout
        if stage_id is None or stage_id not in lay.stage_x:
            self.fit_all()
            return
        self.leave_fit()
        self.focused_stage = stage_id
        self.viewport().update()
        # the whole column if it fits at a readable size; otherwise its top at a readable size
        r = lay.stage_rect(stage_id).adjusted(-24, -8, 24, 8)
        vw, vh = self.viewport().width(), self.viewport().height()
        k = min(vw / r.width(), vh / r.height())
        if k < READABLE:
            k = min(READABLE, vw / r.width())
        self.setTransform(QTransform.fromScale(k, k))
        if r.height() * k <= vh:
            self.centerOn(r.center())
        else:
            self.centerOn(QPointF(r.center().x(), r.top() + vh / k / 2))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    # -- modes and layers -------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        self._presentation = on
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)
        self.map_scene.set_theme(theme_for(on))
        self._follow_cell()
        self.fit_all()

    def presentation(self) -> bool:
        return self._presentation

    def overlay_layer(self) -> QGraphicsItem:
        return self.map_scene.overlay_layer

    def set_overlay_visible(self, on: bool) -> None:
        self.map_scene.overlay_layer.setVisible(on)
        self.map_scene.keep_line_tags_clear()

    def overlay_visible(self) -> bool:
        return self.map_scene.overlay_layer.isVisible()

    def card_rect(self, tp_id: str) -> QRectF:
        return QRectF(self.map_scene.layout.cards[tp_id])

    def cell_rect(self, stage_id: str, lane_id: str) -> QRectF:
        return self.map_scene.layout.cell_rect(stage_id, lane_id)

    def stage_rect(self, stage_id: str) -> QRectF:
        return self.map_scene.layout.stage_rect(stage_id)

    def lane_rect(self, lane_id: str) -> QRectF:
        return self.map_scene.layout.lane_rect(lane_id)

    # -- commands the window can wire to actions --------------------------------------------------
    def add_card_in_selected_cell(self) -> str | None:
        return actions.add_card_in_selected_cell(self)

    def start_connect_mode(self) -> None:
        """Connect cards. Two selected cards are joined at once, from the one earlier in the
        journey (stage, then lane, then place in its cell) to the other; otherwise click the
        source, then the target (a card merely selected is not taken as the source: the first
        click would then make a flow the facilitator did not ask for)."""
        cards = [eid for kind, eid in self.selected() if kind == "touchpoint"]
        if len(cards) == 2:
            source, target = sorted(cards, key=self._journey_place)
            connect(self, source, target)
            return
        self.tool = ConnectClick(self)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def _journey_place(self, tp_id: str) -> tuple[int, int, int]:
        lay = self.map_scene.layout
        tp = self.session.doc.touchpoint(tp_id)
        cell = lay.cells.get((tp.stage_id, tp.lane_id), [])
        return (lay.stage_ids.index(tp.stage_id) if tp.stage_id in lay.stage_ids else -1,
                lay.lane_ids.index(tp.lane_id) if tp.lane_id in lay.lane_ids else -1,
                cell.index(tp_id) if tp_id in cell else -1)

    def delete_selection(self) -> bool:
        return actions.delete_selection(self)

    def copy_selection(self) -> bool:
        return actions.copy_selection(self)

    def paste(self) -> list[str]:
        return actions.paste(self)

    def duplicate_selection(self) -> list[str]:
        return actions.duplicate_selection(self)

    def rename_selected(self) -> bool:
        return actions.rename_selected(self)

    def vote_selected(self) -> bool:
        return actions.vote_selected(self)

    # -- mouse ------------------------------------------------------------------------------------
    def model_item_at(self, pos: QPoint) -> QGraphicsItem | None:
        sc = self.map_scene
        if sc.overview.isVisible():  # cards and flows are not drawn: find cards by layout
            card = sc.card_at(self.mapToScene(pos))
            if card is not None:
                return card
        for it in self.items(pos):
            if isinstance(it, CardItem | HeaderItem | FlowItem) and it.opacity() > 0 \
                    and it.parentItem() in (sc.static_layer, sc.content_layer):
                return it
        return None

    def _editor_at(self, pos: QPoint) -> bool:
        return self.editor is not None and any(it is self.editor for it in self.items(pos))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._scene is None or self._editor_at(pos):
            super().mousePressEvent(event)
            return
        if self.editor is not None:
            self.editor.commit()
        sp = self.mapToScene(pos)
        if isinstance(self.tool, ConnectClick):
            if event.button() == Qt.MouseButton.LeftButton:
                self.tool.click(self.model_item_at(pos))
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        item = self.model_item_at(pos)
        ctrl = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.ShiftModifier))
        if isinstance(item, CardItem) and item.on_handle(item.mapFromScene(sp)) and not ctrl:
            self.tool = ConnectDrag(self, item.tp_id, sp)
            return
        if item is not None:
            self._press_select(item, ctrl)
        if isinstance(item, CardItem):
            self.current_cell = self._cell_of(item.tp_id)
            self.tool = CardDrag(self, item.tp_id, sp, event.position())
            return
        if isinstance(item, HeaderItem):
            self.tool = HeaderDrag(self, item.ref, sp, event.position())
            return
        if isinstance(item, FlowItem):
            return
        self.current_cell = cell = self.map_scene.layout.cell_at(sp)
        self.show_cell_cursor(self.map_scene.layout.cell_rect(*cell) if cell else None)
        super().mousePressEvent(event)

    def _press_select(self, item: QGraphicsItem, toggle: bool) -> None:
        sc = self.map_scene
        if toggle:
            item.setSelected(not item.isSelected())
        elif not item.isSelected():
            sc.blockSignals(True)
            sc.clearSelection()
            sc.blockSignals(False)
            item.setSelected(True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.tool is not None and not isinstance(self.tool, ConnectClick):
            self.tool.move(self.mapToScene(event.position().toPoint()), event.position())
            return
        super().mouseMoveEvent(event)
        band = self.rubberBandRect()
        sc = self._scene
        if sc is not None and sc.overview.isVisible() and not band.isNull():
            # the overview hides cards from Qt's own rubber band: select them by layout
            area = self.mapToScene(band).boundingRect()
            hit = [("touchpoint", t) for t, r in sc.layout.cards.items() if r.intersects(area)]
            self.select_entities(hit, center=False)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.tool is not None and not isinstance(self.tool, ConnectClick):
            tool, self.tool = self.tool, None
            tool.release(self.mapToScene(event.position().toPoint()))
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._scene is None or self._editor_at(pos) or \
                event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        if self.tool is not None:
            self.tool.cancel()
            self.tool = None
        item = self.model_item_at(pos)
        if item is not None:
            actions.edit_text(self, item)
            return
        cell = self.map_scene.layout.cell_at(self.mapToScene(pos))
        if cell is not None:
            self.current_cell = cell
            actions.add_card(self, cell[0], cell[1], None)

    # -- keys and menus ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.editor is not None and not self.editor.done:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape and self.tool is not None:
            self.tool.cancel()
            self.tool = None
            self.viewport().unsetCursor()
            return
        if actions.handle_key(self, event):
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._scene is None:
            return
        item = self.model_item_at(event.pos())
        if item is not None and not item.isSelected():
            self._press_select(item, False)
        cell = self.map_scene.layout.cell_at(self.mapToScene(event.pos()))
        menu = actions.context_menu(self, item, cell)
        if menu is not None and not menu.isEmpty():
            menu.exec(event.globalPos())

