"""Start-up: the impact/effort matrix is built once, at its first paint at its final size (the
window's layout resized it three times before and it was rebuilt each time), and still answers
before it is shown; the card metrics are made once per font."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from journeymapper.model import edits
from journeymapper.store import WorkshopFile
from journeymapper.ui.backlog.matrix import ImpactEffortView
from journeymapper.ui.canvas.items import card_metrics
from journeymapper.ui.session import Session
from journeymapper.ui.theme import theme_for


def test_matrix_builds_once_when_painted_and_on_demand(qtbot, sample_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    wf = WorkshopFile.open(sample_copy("surgeon-practice"))
    s = Session(wf.document, wf)
    m = ImpactEffortView(s)
    qtbot.addWidget(m)
    builds: list[tuple[int, int]] = []
    real = m.rebuild

    def counting() -> None:
        builds.append((m.viewport().width(), m.viewport().height()))
        real()

    monkeypatch.setattr(m, "rebuild", counting)
    for w in (400, 500, 640):  # the layout's resizes before the first paint
        m.resize(w, 300)
    assert builds == []
    aid = s.doc.actions[0].id
    assert m.dot_at(aid) is not None and len(builds) == 1  # asked before shown: built now
    m.resize(700, 320)
    m.show()
    qtbot.waitExposed(m)
    qtbot.waitUntil(lambda: len(builds) == 2)
    QApplication.processEvents()
    assert len(builds) == 2 and builds[-1] == (m.viewport().width(), m.viewport().height())
    s.do(edits.update_action(s.doc, aid, impact=5, effort=1))  # visible: an edit rebuilds at once
    assert len(builds) == 3 and m.dot_at(aid) is not None
    s.close()
    wf.close()


def test_card_metrics_are_shared_per_font() -> None:
    t = theme_for(False)
    assert card_metrics(t, t.card_pt, True) is card_metrics(t, t.card_pt, True)
    assert card_metrics(t, t.card_pt, True) is not card_metrics(t, t.small_pt, True)
