"""The impact/effort matrix: a high-impact, low-effort action sits in Quick wins; clicking its
dot selects its row; edits in the table move the dot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_backlog_fixtures import Bench, bench  # noqa: F401

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


def test_table_selection_rings_the_dot_and_middle_values_sit_on_a_line(bench: Bench) -> None:  # noqa: F811
    s, dock = bench.session, bench.parts.backlog
    aid = s.doc.actions[1].id
    dock.select_action(aid)
    assert dock.matrix.dot_at(aid).isSelected()  # type: ignore[union-attr]
    s.do(edits.update_action(s.doc, aid, impact=3, effort=3))
    assert quadrant_of(3, 3) is None
    assert quadrant_containing(bench, aid) is None  # on the crossing of the two lines
