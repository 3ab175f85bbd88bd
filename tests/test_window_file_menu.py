"""File menu and keys: save as, new from template, open recent, read-only files; Delete goes to
whatever has the focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu
from test_window_fixtures import bench, jm_settings, make_workshop, shown, window, workshop  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_save_as_opens_the_copy_in_place_of_the_original(window, bench, tmp_path: Path,  # noqa: F811
                                                          qtbot) -> None:
    target = tmp_path / "copy.jmw"
    bench.ask_save_path = lambda *_a: str(target)
    qtbot.keyClick(window.view, Qt.Key.Key_S, CTRL | SHIFT)
    assert [w.file_path for w in bench.windows] == [target]
    new = bench.windows[0]
    assert new.windowTitle() == "Test workshop — copy.jmw — saved"
    assert "tp-b" in new.session.doc.touchpoints


def test_new_from_template_through_the_menu(window, bench, tmp_path: Path, qtbot) -> None:  # noqa: F811
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    new_menu = next(a.menu() for a in file_menu.actions() if a.text() == "&New from template")
    assert [a.text() for a in new_menu.actions()] == [
        "Blank journey", "Client engagement life cycle", "Customer interaction cycle",
        "Service blueprint"]
    new_menu.popup(window.mapToGlobal(window.rect().center()))
    shown(new_menu)
    act = new_menu.actions()[2]
    qtbot.mouseClick(new_menu, Qt.MouseButton.LeftButton, pos=new_menu.actionGeometry(act).center())
    assert len(bench.windows) == 2
    doc = bench.windows[1].session.doc
    assert doc.stages[0].name == "Situation"
    assert bench.windows[1].file_path == tmp_path / "answer.jmw"


def test_open_recent_lists_existing_files_only(bench, tmp_path: Path, qtbot) -> None:  # noqa: F811
    a = make_workshop(tmp_path / "a.jmw")
    b = make_workshop(tmp_path / "b.jmw")
    for p in (a, b):
        w = bench.open_path(p)
        w.close()
    a.unlink()
    w = bench.open_path(b)
    menu = w.actions_.recent_menu
    menu.aboutToShow.emit()
    # the folder beside the name: two workshops of the same name stay apart
    from journeymapper.ui.settings import recent_label

    label = recent_label(b.resolve(), "Test workshop")
    assert [x.text() for x in menu.actions()] == ["&1 " + label]
    assert menu.actions()[0].text().startswith("&1 Test workshop — b.jmw — ")
    assert menu.actions()[0].toolTip() == str(b.resolve()) and menu.toolTipsVisible()


def test_recent_workshops_are_named_by_their_title_as_last_closed(bench, tmp_path: Path,  # noqa: F811
                                                                   qtbot) -> None:
    """A file name says little ("copy (2).jmw"): the recent lists lead with the workshop's
    title, the one it had when its window closed."""
    from PySide6.QtWidgets import QLineEdit

    from journeymapper.ui import settings

    a = make_workshop(tmp_path / "a.jmw")
    w = bench.open_path(a)
    w.view.select_entities([])
    title = w.inspector.field("title").edit
    assert isinstance(title, QLineEdit) and title.text() == "Test workshop"
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(title, "Onboarding & billing, March")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert settings.recent_entries()[0][1] == "Test workshop"  # as opened
    w.close()
    assert settings.recent_entries() == [(a.resolve(), "Onboarding & billing, March")]
    page = bench.show_start_page()
    assert page.recent.item(0).text().startswith("Onboarding & billing, March\na.jmw — ")
    page.close()


def test_recent_labels_name_the_folder(monkeypatch, tmp_path: Path) -> None:
    from journeymapper.ui.settings import recent_label

    monkeypatch.setenv("HOME", str(tmp_path))
    assert recent_label(tmp_path / "Workshops" / "a.jmw") == "a.jmw — ~/Workshops"
    assert recent_label(Path("/srv/team/a.jmw")) == "a.jmw — /srv/team"
    assert recent_label(Path("/srv/team/a.jmw")) != recent_label(Path("/srv/other/a.jmw"))
    deep = Path("/srv/" + "very-long-folder-name/" * 6 + "client/a.jmw")
    label = recent_label(deep)
    assert label.startswith("a.jmw — /srv/very") and label.endswith("/client")
    assert "…" in label and len(label) < len(str(deep))
    knee = "Knee replacement: from first twinge to walking again"
    titled = recent_label(tmp_path / "a.jmw", knee)
    assert titled == "Knee replacement: from first twinge to… — a.jmw — ~"


def test_file_open_elsewhere_opens_read_only_and_says_so(bench, workshop: Path,  # noqa: F811
                                                          qtbot) -> None:
    from journeymapper.store import WorkshopFile

    elsewhere = WorkshopFile.open(workshop)  # as if another JourneyMapper had it open
    try:
        w = bench.open_path(workshop)
        assert w is not None and w.windowTitle().endswith("— read-only")
        assert "read-only" in w._notice.text() and w._notice.isVisible()
        assert "read-only" not in w.statusBar().currentMessage()  # said once, not twice
        for name in ("add_card", "pain_point", "vote", "delete", "paste", "add_lane"):
            assert not w.actions_[name].isEnabled(), name  # no edit is offered
        assert not w.backlog_parts.import_action.isEnabled()
        assert w.actions_["export_xlsx"].isEnabled() and w.actions_["save_as"].isEnabled()
        w.view.select_entities([("touchpoint", "tp-b")])
        cards = len(w.session.doc.touchpoints)
        qtbot.keyClick(w.view, Qt.Key.Key_V)  # nothing happens: nothing changes
        qtbot.keyClick(w.view, Qt.Key.Key_N)
        assert w.session.doc.pain_point("pp-2").votes == 3
        assert len(w.session.doc.touchpoints) == cards
        # The inspector shows the card and takes no typing (rather than refusing each key).
        title = w.inspector.field("title")
        assert title.edit.isReadOnly() and title.edit.text() == "Plan meeting"
        w.inspector.field("score").spin.setFocus()
        assert w.inspector.field("score").spin.isReadOnly()
        title.edit.setFocus()
        qtbot.keyClicks(title.edit, "xyz")
        qtbot.keyClick(title.edit, Qt.Key.Key_Return)
        assert title.edit.text() == "Plan meeting"
        assert w.session.doc.touchpoint("tp-b").title == "Plan meeting"
        w.close()
    finally:
        elsewhere.close()


def test_delete_key_goes_to_what_has_focus(window, qtbot) -> None:  # noqa: F811
    doc = window.session.doc
    window.painpoints.select("pp-1")
    window.painpoints.tree.setFocus()
    qtbot.keyClick(window.painpoints.tree, Qt.Key.Key_Delete)
    assert "pp-1" not in doc.pain_points and "tp-b" in doc.touchpoints
    window.view.select_entities([("touchpoint", "tp-c")])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "tp-c" not in doc.touchpoints
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert "tp-c" in doc.touchpoints


def test_close_the_last_workshop_shows_the_start_page(window, bench, qtbot) -> None:  # noqa: F811
    qtbot.keyClick(window.view, Qt.Key.Key_W, CTRL)
    assert not bench.windows
    assert bench.start_page is not None and bench.start_page.isVisible()


def test_new_workshop_is_named_after_its_file_and_title_is_ready(bench, tmp_path: Path,  # noqa: F811
                                                                 qtbot) -> None:
    bench.ask_save_path = lambda *_a: str(tmp_path / "dental-clinic.jmw")
    w = bench.new_workshop("blank")
    assert w is not None and w.session.doc.info.title == "Dental clinic"
    title = w.inspector.field("title").edit
    assert w.focusWidget() is title and title.selectedText() == "Dental clinic"
    qtbot.keyClicks(title, "Smile Dental: first visit")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert w.windowTitle() == "Smile Dental: first visit — dental-clinic.jmw — saved"


def test_exports_write_files(window, bench, tmp_path: Path, qtbot) -> None:  # noqa: F811
    for name, out in (("export_xlsx", tmp_path / "backlog.xlsx"),
                      ("export_picture", tmp_path / "map.png")):
        act = window.actions_[name]
        if not act.isEnabled():
            continue
        bench.ask_save_path = lambda *_a, out=out: str(out)
        act.trigger()
        assert out.exists() and out.stat().st_size > 1000
        assert str(out) in window.statusBar().currentMessage()


def test_dropping_a_workshop_file_on_the_map_opens_it(window, bench, tmp_path: Path,  # noqa: F811
                                                      qtbot) -> None:
    other = make_workshop(tmp_path / "dropped.jmw")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other)), QUrl.fromLocalFile(str(tmp_path / "x.txt"))])
    target = window.view.viewport()
    pos = QPointF(target.rect().center())
    enter = QDragEnterEvent(target.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert [w.file_path for w in bench.windows] == [window.file_path, other]


def test_long_recent_titles_and_folders_end_in_an_ellipsis_not_a_scroll_bar(
        bench, tmp_path: Path, qtbot) -> None:  # noqa: F811
    from journeymapper.ui import settings
    from journeymapper.ui.start_page import FULL_TEXT

    deep = tmp_path / ("a folder with a long name for the spring term " * 3).strip()
    deep.mkdir()
    a = make_workshop(deep / "a.jmw")
    title = "Onboarding and billing for the new regional clinics, round 1"
    settings.add_recent(a, title)
    page = bench.show_start_page()
    page.resize(760, 700)
    shown(page)
    lst = page.recent
    item = lst.item(0)
    assert item.data(FULL_TEXT).startswith(title + "\na.jmw — ")
    lines = item.text().split("\n")
    assert lines[0].endswith("…") and "…" in lines[1] and lines[1].startswith("a.jmw — ")
    fm = lst.fontMetrics()
    assert all(fm.horizontalAdvance(line) < lst.viewport().width() for line in lines)
    assert not lst.horizontalScrollBar().isVisible()
    assert str(a.resolve()) in item.toolTip()
    page.resize(1900, 700)  # wider: more of it shows again
    QApplication.processEvents()
    assert len(item.text()) > len("\n".join(lines))
    page.close()
