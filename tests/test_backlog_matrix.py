"""The impact/effort matrix: a high-impact, low-effort action sits in Quick wins; clicking its
dot selects its row; edits in the table move the dot; dragging a dot to another cell re-scores
its action (one undo step, saved), a short press stays a click, Esc or its own cell puts it back,
and read-only it does not move."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_backlog_fixtures import Bench, bench, reopen  # noqa: F401

from journeymapper.model import edits
from journeymapper.ui.backlog import quadrant_of
from journeymapper.ui.backlog.matrix import QUADRANTS, Grid

LEFT = Qt.MouseButton.LeftButton


def quadrant_containing(b: Bench, action_id: str) -> str | None:
    m = b.parts.backlog.matrix
    vp = m.viewport().size()
    grid = Grid(vp.width(), vp.height())
    pos = m.dot_at(action_id).scenePos()  # type: ignore[union-attr]
    hits = [name for name, hi, he, *_c in QUADRANTS if grid.quadrant(hi, he).contains(pos)]
    return hits[0] if len(hits) == 1 else None


def test_quick_win_sits_in_its_quadrant_and_click_selects_row(bench: Bench, qtbot) -> None:  # noqa: F811
    s, dock = bench.session, bench.parts.backlog
    aid = s.doc.actions[2].id
    s.do(edits.update_action(s.doc, aid, impact=5, effort=1))
    assert quadrant_of(5, 1) == "Quick wins"
    assert quadrant_containing(bench, aid) == "Quick wins"
    other = s.doc.actions[3].id
    s.do(edits.update_action(s.doc, other, impact=1, effort=5))
    assert quadrant_containing(bench, other) == "Thankless tasks"
    dock.select_action(other)
    m = dock.matrix
    dot = m.dot_at(aid)
    assert dot is not None and m.quadrant_labels["Quick wins"].isVisible()
    qtbot.mouseClick(m.viewport(), LEFT, pos=m.mapFromScene(dot.scenePos()))
    assert dock.current_id() == aid
    assert m.dot_at(aid).isSelected()  # type: ignore[union-attr]


def test_clicking_a_dot_clears_a_filter_that_hides_its_row(bench: Bench, qtbot) -> None:  # noqa: F811
    dock = bench.parts.backlog
    qtbot.keyClicks(dock.filter_edit, "no such action anywhere")
    assert dock.proxy.rowCount() == 0
    aid = bench.session.doc.actions[0].id
    m = dock.matrix
    qtbot.mouseClick(m.viewport(), LEFT, pos=m.mapFromScene(m.dot_at(aid).scenePos()))  # type: ignore[union-attr]
    assert dock.filter_edit.text() == "" and dock.current_id() == aid


def test_dots_the_filter_hides_are_faded(bench: Bench, qtbot) -> None:  # noqa: F811
    """The table showed one row and the matrix every dot as before: the filter seemed not to
    have been applied there (run-through 3). Hidden ones are faded now, not removed."""
    from journeymapper.ui.backlog.matrix import FADED

    dock, doc = bench.parts.backlog, bench.session.doc
    keep = doc.actions[0]
    qtbot.keyClicks(dock.filter_edit, keep.title)
    assert dock.proxy.rowCount() == 1
    m = dock.matrix
    opacity = {a.id: m.dot_at(a.id).opacity() for a in doc.actions}  # type: ignore[union-attr]
    assert opacity[keep.id] == 1.0
    assert all(v == pytest.approx(FADED) for k, v in opacity.items() if k != keep.id)
    m.rebuild()  # a rebuild (a resize, an edit) keeps them faded
    assert m.dot_at(doc.actions[1].id).opacity() == pytest.approx(FADED)  # type: ignore[union-attr]
    dock.filter_edit.clear()
    assert all(m.dot_at(a.id).opacity() == 1.0 for a in doc.actions)  # type: ignore[union-attr]


def test_table_selection_rings_the_dot_and_middle_values_sit_on_a_line(bench: Bench) -> None:  # noqa: F811
    s, dock = bench.session, bench.parts.backlog
    aid = s.doc.actions[1].id
    dock.select_action(aid)
    assert dock.matrix.dot_at(aid).isSelected()  # type: ignore[union-attr]
    s.do(edits.update_action(s.doc, aid, impact=3, effort=3))
    assert quadrant_of(3, 3) is None
    assert quadrant_containing(bench, aid) is None  # on the crossing of the two lines


def test_a_dot_that_is_no_longer_selected_loses_its_whole_ring(bench: Bench) -> None:  # noqa: F811
    """Qt repaints an item's bounds only: a ring drawn outside them stayed on screen, in bits,
    after the selection moved on (several dots looked selected on the projector)."""
    from journeymapper.ui.backlog.matrix import DOT

    dock = bench.parts.backlog
    first, second = (a.id for a in bench.session.doc.actions[:2])
    dock.select_action(first)
    dot = dock.matrix.dot_at(first)
    assert dot is not None and dot.isSelected()
    ring = dot.rect().adjusted(-7, -7, 7, 7)  # 5 px out, and half the 4 px pen
    assert dot.boundingRect().contains(ring) and ring.width() == DOT + 14
    dock.select_action(second)
    assert not dot.isSelected() and dock.matrix.dot_at(second).isSelected()  # type: ignore[union-attr]


def _cell_sharers(b: Bench, count: int) -> list[str]:
    """Put ``count`` actions in one cell (impact 2, effort 4) and redraw the matrix."""
    s = b.session
    ids = [a.id for a in s.doc.actions[:count]]
    for aid in ids:
        s.do(edits.update_action(s.doc, aid, impact=2, effort=4))
    b.parts.backlog.matrix.rebuild()
    return ids


def test_a_crowded_low_cell_keeps_its_dots_on_their_row_and_counts_the_rest(
        bench: Bench) -> None:  # noqa: F811
    m = bench.parts.backlog.matrix
    m.resize(m.width(), 200)  # a low matrix: one line per cell
    m.rebuild()
    vp = m.viewport().size()
    grid = Grid(vp.width(), vp.height())
    assert grid.ch < 2 * 21  # no room for a second line in a cell
    ids = _cell_sharers(bench, 3)
    shown = [aid for aid in ids if m.dot_at(aid) is not None]
    assert len(shown) == 1
    dot = m.dot_at(shown[0])
    assert dot is not None
    assert abs(dot.scenePos().y() - grid.cell(2, 4).center().y()) < 1  # on its own row
    assert dot.label.text().endswith("+2")
    hidden = [a.title for a in bench.session.doc.actions if a.id in ids and a.id != shown[0]]
    assert all(title in dot.toolTip() for title in hidden)
    texts = [it.text() for it in m.scene().items() if hasattr(it, "text")]
    assert not any("more" in t for t in texts)  # no "+n more" line over the next row
    _axis_titles_fit(m)


def _axis_titles_fit(m) -> None:  # type: ignore[no-untyped-def]
    """The axis titles are inside the view, not cut off, and clear of the quadrant names."""
    view = m.scene().sceneRect()
    names = [label.sceneBoundingRect() for label in m.quadrant_labels.values()]
    titles = [it for it in m.scene().items()
              if hasattr(it, "text") and it.text().startswith(("Impact", "Effort"))]
    assert any(it.text().startswith("Impact") for it in titles)
    for it in titles:
        box = it.sceneBoundingRect()
        assert view.contains(box), it.text()
        assert not any(box.intersects(n) for n in names), it.text()


def test_axis_titles_fit_a_narrow_matrix(bench: Bench) -> None:  # noqa: F811
    m = bench.parts.backlog.matrix
    for width in (380, 460, 560, 900):
        m.resize(width, 240)
        m.rebuild()
        _axis_titles_fit(m)
    texts = [it.text() for it in m.scene().items() if hasattr(it, "text")]
    assert "Effort: little  →  a lot" in texts  # 900 wide: room for the long title


def test_a_tall_cell_lists_its_dots_and_a_more_line(bench: Bench) -> None:  # noqa: F811
    m = bench.parts.backlog.matrix
    m.resize(m.width(), 380)  # room for two or three lines in a cell
    ids = _cell_sharers(bench, 4)
    grid = Grid(m.viewport().width(), m.viewport().height())
    fit = int(grid.ch // 21)
    assert 2 <= fit < 4
    shown = [aid for aid in ids if m.dot_at(aid) is not None]
    assert len(shown) == fit - 1
    texts = [it.text() for it in m.scene().items() if hasattr(it, "text")]
    assert f"+{4 - len(shown)} more" in texts


def test_dots_sit_under_their_axis_numbers_and_titles_never_overlap(bench: Bench) -> None:  # noqa: F811
    """Each dot is at the middle of its cell (effort 4 reads as 4); a title goes left of its dot
    where the right lacks room, and no two title chips overlap."""
    s = bench.session
    ids = [a.id for a in s.doc.actions]
    # one row (impact 4) with dots at efforts 1, 2 and 5: the effort-5 title has no room on
    # the right, all of efforts 3 and 4 on the left
    for aid, effort, title in zip(ids[:3], (1, 2, 5), ("Call back", "Name badge",
                                                        "A long title that needs some room"),
                                  strict=True):
        s.do(edits.update_action(s.doc, aid, impact=4, effort=effort, title=title))
    for n, aid in enumerate(ids[3:]):  # the others out of that row, one to a cell
        s.do(edits.update_action(s.doc, aid, impact=1 + n // 5 * 4 % 5, effort=1 + n % 5))
    m = bench.parts.backlog.matrix
    vp = m.viewport().size()
    grid = Grid(vp.width(), vp.height())
    m.dot_at(ids[0])  # built
    assert len(m.dots) >= 4
    for aid, dot in m.dots.items():
        a = s.doc.action(aid)
        assert abs(dot.scenePos().x() - grid.cell(a.impact, a.effort).center().x()) < 0.5
    last = m.dot_at(ids[2])
    assert last is not None and last.label.scenePos().x() < last.scenePos().x()  # on the left
    first = m.dot_at(ids[0])
    assert first is not None and first.label.scenePos().x() > first.scenePos().x()
    chips = [d.label.mapRectToScene(d.label.boundingRect()) for d in m.dots.values()]
    for i, a in enumerate(chips):
        for b in chips[i + 1:]:
            assert not a.intersects(b), (a, b)


# -- dragging a dot to re-score its action ---------------------------------------------------------
def _at_the_crossing(b: Bench) -> tuple[str, int]:
    """An action put on the crossing of the lines (3/3, not yet triaged), alone there; the
    undo stack's count after that."""
    s = b.session
    aid = s.doc.actions[0].id
    for other in s.doc.actions[1:]:
        if (other.impact, other.effort) == (3, 3):
            s.do(edits.update_action(s.doc, other.id, impact=1, effort=1))
    s.do(edits.update_action(s.doc, aid, impact=3, effort=3))
    b.parts.backlog.matrix.rebuild()
    return aid, s.undo_stack.count()


def _grid(m) -> Grid:  # type: ignore[no-untyped-def]
    return Grid(m.viewport().width(), m.viewport().height())


def _press_and_move(qtbot, m, aid: str, to: QPointF, steps: int = 8) -> QPoint:  # type: ignore[no-untyped-def]
    """Press on the action's dot and move the mouse, button held, to scene point ``to``."""
    w = m.viewport()
    a = m.mapFromScene(m.dot_at(aid).scenePos())
    b = m.mapFromScene(to)
    qtbot.mousePress(w, LEFT, pos=a)
    for i in range(1, steps + 1):
        qtbot.mouseMove(w, a + (b - a) * (i / steps))
    return b


def _drag(qtbot, m, aid: str, to: QPointF) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseRelease(m.viewport(), LEFT, pos=_press_and_move(qtbot, m, aid, to))


def test_dragging_a_dot_into_a_cell_rescores_it_in_one_undo_step(bench: Bench, qtbot) -> None:  # noqa: F811
    s, dock = bench.session, bench.parts.backlog
    m = dock.matrix
    aid, steps = _at_the_crossing(bench)
    before = s.doc.action(aid)
    target = _grid(m).cell(4, 2)
    end = _press_and_move(qtbot, m, aid, target.center() + QPointF(7, 5))
    dot = m.dot_at(aid)
    assert dot is not None and target.contains(dot.scenePos())  # the dot follows the mouse
    assert m.viewport().cursor().shape() == Qt.CursorShape.ClosedHandCursor
    texts = [it.text() for it in m.scene().items() if hasattr(it, "text")]
    assert "impact 4 · effort 2" in texts  # the tag a room can read
    ringed = [it.rect() for it in m.scene().items() if it.zValue() == 5]
    assert ringed == [target]  # the cell it would go to
    qtbot.mouseRelease(m.viewport(), LEFT, pos=end)
    a = s.doc.action(aid)
    assert (a.impact, a.effort) == (4, 2) and dock.current_id() == aid
    assert s.undo_stack.count() == steps + 1  # impact and effort: one step
    assert s.undo_stack.text(steps) == edits.update_label(before, a)
    assert s.undo_stack.text(steps) == f"Edit action {edits.quoted(a.title)}: impact 4, effort 2"
    dot = m.dot_at(aid)
    assert dot is not None and abs(dot.scenePos().x() - _grid(m).dot_x(2)) < 0.5  # snapped
    assert abs(dot.scenePos().y() - target.center().y()) < 0.5
    assert "impact 4 · effort 2" not in [it.text() for it in m.scene().items()
                                         if hasattr(it, "text")]
    assert m.viewport().cursor().shape() != Qt.CursorShape.ClosedHandCursor
    saved = reopen(bench.path).action(aid)
    assert (saved.impact, saved.effort) == (4, 2)
    s.undo_stack.undo()
    a = s.doc.action(aid)
    assert (a.impact, a.effort) == (3, 3)
    assert (reopen(bench.path).action(aid).impact, reopen(bench.path).action(aid).effort) == (3, 3)


def test_a_dot_dragged_off_the_plot_stays_on_it_and_lands_in_a_corner(bench: Bench, qtbot) -> None:  # noqa: F811
    s = bench.session
    m = bench.parts.backlog.matrix
    aid, _steps = _at_the_crossing(bench)
    plot = _grid(m).plot
    end = _press_and_move(qtbot, m, aid, plot.bottomRight() + QPointF(200, 300))
    assert plot.contains(m.dot_at(aid).scenePos())  # type: ignore[union-attr]
    qtbot.mouseRelease(m.viewport(), LEFT, pos=end)
    a = s.doc.action(aid)
    assert (a.impact, a.effort) == (1, 5)  # Thankless tasks


def test_a_press_that_barely_moves_is_a_click_and_a_longer_one_a_drag(bench: Bench, qtbot) -> None:  # noqa: F811
    s, dock = bench.session, bench.parts.backlog
    m = dock.matrix
    aid, steps = _at_the_crossing(bench)
    dock.select_action(s.doc.actions[1].id)
    w = m.viewport()
    a = m.mapFromScene(m.dot_at(aid).scenePos())  # type: ignore[union-attr]
    home = m.dot_at(aid).scenePos()  # type: ignore[union-attr]
    short = QApplication.startDragDistance() - 1
    qtbot.mousePress(w, LEFT, pos=a)
    qtbot.mouseMove(w, a + QPoint(short, 0))
    assert m.dot_at(aid).scenePos() == home  # type: ignore[union-attr]
    qtbot.mouseRelease(w, LEFT, pos=a + QPoint(short, 0))
    assert dock.current_id() == aid and m.dot_at(aid).isSelected()  # type: ignore[union-attr]
    assert (s.doc.action(aid).impact, s.doc.action(aid).effort) == (3, 3)
    assert s.undo_stack.count() == steps
    _drag(qtbot, m, aid, _grid(m).cell(5, 1).center())  # past the distance: a drag
    assert (s.doc.action(aid).impact, s.doc.action(aid).effort) == (5, 1)
    assert s.undo_stack.count() == steps + 1


def test_dropping_in_its_own_cell_or_esc_puts_the_dot_back(bench: Bench, qtbot) -> None:  # noqa: F811
    s = bench.session
    m = bench.parts.backlog.matrix
    aid, steps = _at_the_crossing(bench)
    home = m.dot_at(aid).scenePos()  # type: ignore[union-attr]
    away = _grid(m).cell(5, 5).center()
    end = _press_and_move(qtbot, m, aid, away)
    assert m.dot_at(aid).scenePos() != home  # type: ignore[union-attr]
    for i in range(1, 9):  # and back into its own cell, a little off its middle
        qtbot.mouseMove(m.viewport(), end + (m.mapFromScene(home + QPointF(12, 4)) - end)
                        * (i / 8))
    qtbot.mouseRelease(m.viewport(), LEFT, pos=m.mapFromScene(home + QPointF(12, 4)))
    assert s.undo_stack.count() == steps  # no step for no change
    assert m.dot_at(aid).scenePos() == home  # type: ignore[union-attr]
    end = _press_and_move(qtbot, m, aid, away)
    assert m.dot_at(aid).scenePos() != home  # type: ignore[union-attr]
    focus = QApplication.focusWidget()
    assert focus is m  # the press gave the matrix the keys
    qtbot.keyClick(focus, Qt.Key.Key_Escape)
    assert m.dot_at(aid).scenePos() == home  # type: ignore[union-attr]
    assert m.viewport().cursor().shape() != Qt.CursorShape.ClosedHandCursor
    assert not [it for it in m.scene().items() if it.zValue() == 5]  # no ringed cell
    qtbot.mouseMove(m.viewport(), end + QPoint(-30, 10))
    assert m.dot_at(aid).scenePos() == home  # type: ignore[union-attr]
    qtbot.mouseRelease(m.viewport(), LEFT, pos=end + QPoint(-30, 10))
    assert (s.doc.action(aid).impact, s.doc.action(aid).effort) == (3, 3)
    assert s.undo_stack.count() == steps


def test_read_only_dots_do_not_move_but_still_select(bench: Bench, qtbot) -> None:  # noqa: F811
    s, dock = bench.session, bench.parts.backlog
    m = dock.matrix
    aid, steps = _at_the_crossing(bench)
    dock.select_action(s.doc.actions[1].id)
    s.doc.read_only = True
    m.rebuild()
    dot = m.dot_at(aid)
    assert dot is not None and "Drag" not in dot.toolTip()
    assert dot.cursor().shape() == Qt.CursorShape.PointingHandCursor
    home = dot.scenePos()
    to = _grid(m).cell(5, 1).center()
    end = _press_and_move(qtbot, m, aid, to)
    assert m.dot_at(aid).scenePos() == home  # type: ignore[union-attr]
    qtbot.mouseRelease(m.viewport(), LEFT, pos=end)
    assert dock.current_id() == aid
    assert (s.doc.action(aid).impact, s.doc.action(aid).effort) == (3, 3)
    assert s.undo_stack.count() == steps
    s.doc.read_only = False  # the same gesture, writable: it moves the dot
    m.rebuild()
    assert m.dot_at(aid).cursor().shape() == Qt.CursorShape.OpenHandCursor  # type: ignore[union-attr]
    assert "Drag" in m.dot_at(aid).toolTip()  # type: ignore[union-attr]
    _drag(qtbot, m, aid, to)
    assert (s.doc.action(aid).impact, s.doc.action(aid).effort) == (5, 1)
