"""A small workshop run end to end, as a facilitator meets the app (issue 7): a new workshop from
a template, ten cards typed on the map, flows drawn with the connect tool, pain points with P,
the live analysis, actions from a pain point and from a finding, and the Excel export read back.
Real mouse and key events on the real window; a real file on disk."""

from __future__ import annotations

import itertools
from pathlib import Path

import openpyxl
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_window_fixtures import bench, jm_settings, reopen, shown  # noqa: F401

from journeymapper.model import edits

CTRL = Qt.KeyboardModifier.ControlModifier
# (stage, lane, title): the client-engagement template has 4 stages and lanes Client, Account
# team, Delivery, Finance.
CARDS = [
    (0, 0, "Asks a peer for advice"), (0, 1, "Discovery call"), (1, 1, "Proposal sent"),
    (1, 0, "Reads the proposal"), (1, 2, "Plan drafted"), (2, 2, "Weekly status"),
    (2, 0, "Client chases an update"), (2, 3, "Invoice raised"), (3, 0, "Feedback form"),
    (3, 1, "Review meeting"),
]


def _vp(view, p: QPointF) -> QPoint:  # type: ignore[no-untyped-def]
    return view.mapFromScene(p)


def test_a_small_workshop_end_to_end(bench, tmp_path: Path, qtbot) -> None:  # noqa: F811
    path = tmp_path / "acme-onboarding.jmw"
    bench.ask_save_path = lambda *_a: str(path)
    w = bench.new_workshop("client-engagement")
    assert w is not None and path.exists()
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(1600, 1000)
    shown(w)
    doc, view = w.session.doc, w.view
    stages, lanes = [s.id for s in doc.stages], [ln.id for ln in doc.lanes]

    # Ten cards, each by double-clicking its empty cell and typing the title.
    view.setFocus()
    for s, ln, title in CARDS:
        view.fit_all()
        QApplication.processEvents()
        cell = view.cell_rect(stages[s], lanes[ln])
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                          pos=_vp(view, cell.center()))
        qtbot.keyClicks(view.viewport(), title)
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    by_title = {t.title: t.id for t in doc.touchpoints.values()}
    assert sorted(by_title) == sorted(t for _s, _l, t in CARDS)

    # Flows along the story, drawn with the connect tool: click the source, then the target.
    order = [t for _s, _l, t in CARDS]
    for a, b in itertools.pairwise(order):
        view.fit_all()
        QApplication.processEvents()
        view.start_connect_mode()
        for title in (a, b):
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                             pos=_vp(view, view.card_rect(by_title[title]).center()))
    assert len(doc.flows) == 9

    # Pain points as the room tells them: select the card, P, type, severity, Enter.
    for title, text in (("Client chases an update", "Nobody told us the plan slipped"),
                        ("Discovery call", "Felt like a sales pitch")):
        view.select_entities([("touchpoint", by_title[title])])
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_P)
        dlg = w.pain_dialog
        assert dlg is not None
        qtbot.keyClicks(dlg.text, text)
        qtbot.keyClick(dlg.text, Qt.Key.Key_4, CTRL)
        qtbot.keyClick(dlg.text, Qt.Key.Key_Return)
    assert sorted((p.text, p.severity) for p in doc.pain_points.values()) == [
        ("Felt like a sales pitch", 4), ("Nobody told us the plan slipped", 4)]
    # Scores as the room votes them (typed into the inspector in real use).
    for title, score in (("Client chases an update", 3), ("Weekly status", 8),
                         ("Review meeting", 9), ("Discovery call", 6), ("Proposal sent", 8)):
        assert w.session.do(edits.update_touchpoint(doc, by_title[title], score=score))

    # The live analysis sees the weak link and the client carrying work between departments.
    qtbot.waitUntil(lambda: w.analysis.current() is not None
                    and w.analysis.current().revision == doc.revision, timeout=15000)
    kinds = {f.kind for f in w.analysis.current().findings}
    assert "weak-link" in kinds and "customer-carried" in kinds

    # Backlog: an action from the selected card's pain point (button click), one from a finding.
    view.select_entities([("touchpoint", by_title["Client chases an update"])])
    backlog = w.backlog_parts.backlog
    backlog.show()
    qtbot.mouseClick(backlog.make_button, Qt.MouseButton.LeftButton)
    finding = next(f for f in w.analysis.current().findings if f.kind == "weak-link")
    assert backlog.make_from_finding(finding) is not None
    assert len(doc.actions) == 2
    assert doc.actions[0].pain_point_ids and doc.actions[1].finding_ids == (finding.id,)

    # Everything is on disk already; the Excel export reads back with the same numbers.
    out = tmp_path / "acme.xlsx"
    bench.ask_save_path = lambda *_a: str(out)
    w.export_workbook()
    wb = openpyxl.load_workbook(out)
    assert {"Backlog", "Pain points", "Touch-points", "Summary"} <= set(wb.sheetnames)
    assert wb["Backlog"].max_row - 1 == 2
    assert wb["Pain points"].max_row - 1 == 2
    ids = {r[0] for r in wb["Touch-points"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert ids == set(by_title.values())
    w.close()
    saved = reopen(path)
    assert saved.counts() == {"stages": 4, "lanes": 4, "touchpoints": 10, "flows": 9,
                              "pain_points": 2, "actions": 2}
