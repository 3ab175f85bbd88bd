"""``journeymapper PATH --screenshot OUT.png``: the window rendered offscreen, for docs and CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from test_window_fixtures import make_workshop

RUN = "from journeymapper.cli import main; raise SystemExit(main())"


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True,
                          env=env, check=False)


def test_screenshot_normal_and_presentation(tmp_path: Path) -> None:
    path = make_workshop(tmp_path / "w.jmw")
    for extra in ([], ["--presentation"]):
        out = tmp_path / f"shot{len(extra)}.png"
        done = _run([str(path), "--screenshot", str(out), *extra], tmp_path)
        assert done.returncode == 0, done.stderr
        assert "propagateSizeHints" not in done.stderr  # the offscreen plugin's chatter
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1920, 1080)
    start = _run(["open", "--screenshot", str(tmp_path / "start.png")], tmp_path)  # start page
    assert start.returncode == 0 and start.stderr == "", start.stderr
    assert QImage(str(tmp_path / "start.png")).width() == 1920
    shutil.copyfile(path, tmp_path / "again.jmw")  # the file still opens after the windows closed
    assert _run([str(tmp_path / "again.jmw"), "--screenshot", str(tmp_path / "x.png")],
                tmp_path).returncode == 0


def test_screenshot_leaves_recent_files_and_window_layout_alone(tmp_path: Path) -> None:
    """A picture is not a workshop the user opened: the start page's recent list and the
    remembered window (1920x1080 offscreen) stay as they were."""
    path = make_workshop(tmp_path / "w.jmw")
    done = _run([str(path), "--screenshot", str(tmp_path / "x.png")], tmp_path)
    assert done.returncode == 0, done.stderr
    ini = tmp_path / ".config" / "JourneyMapper" / "JourneyMapper.ini"
    text = ini.read_text() if ini.exists() else ""
    assert "w.jmw" not in text and "geometry" not in text


def test_screenshot_ignores_a_remembered_maximised_window(tmp_path: Path, qtbot) -> None:
    """The user's last window was maximised: the picture still has its own size and the default
    layout (once, the offscreen screen's 800x800 came back after the first events)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMaximized()
    for _ in range(3):
        QApplication.processEvents()
    ini = tmp_path / ".config" / "JourneyMapper" / "JourneyMapper.ini"
    remembered = QSettings(str(ini), QSettings.Format.IniFormat)
    remembered.setValue("window/geometry", window.saveGeometry())
    remembered.sync()
    assert "geometry" in ini.read_text()
    path = make_workshop(tmp_path / "w.jmw")
    done = _run([str(path), "--screenshot", str(tmp_path / "x.png")], tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(tmp_path / "x.png"))
    assert (image.width(), image.height()) == (1920, 1080)


def test_screenshot_of_a_refused_file_fails_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jmw"
    bad.write_text("not a workshop")
    done = _run([str(bad), "--screenshot", str(tmp_path / "x.png")], tmp_path)
    assert done.returncode == 2  # bad input, as the other commands
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("journeymapper:")]
    assert len(lines) == 1 and "bad.jmw" in lines[0]
    assert not (tmp_path / "x.png").exists()


def test_no_screen_without_screenshot_is_a_one_line_error(tmp_path: Path) -> None:
    path = make_workshop(tmp_path / "w.jmw")
    done = _run([str(path)], tmp_path)  # offscreen and no --screenshot: nothing to show
    assert done.returncode == 2
    assert done.stderr.startswith("journeymapper: ") and "--screenshot" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_presentation_screenshot_shows_the_analysis_overlay(tmp_path: Path,
                                                             sample_copy: object) -> None:
    """Presentation mode has the overlay on: its picture shows the customer-carried bands (the
    overlay's own pink, #CC79A7), which the normal picture has none of."""
    path = sample_copy("surgeon-practice")  # type: ignore[operator]
    pink: list[int] = []
    for extra in ([], ["--presentation"]):
        out = tmp_path / f"shot{len(extra)}.png"
        done = _run([str(path), "--screenshot", str(out), *extra], tmp_path)
        assert done.returncode == 0, done.stderr
        image = QImage(str(out))
        pink.append(sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                        if image.pixel(x, y) & 0xFFFFFF == 0xCC79A7))
    assert pink[0] == 0
    assert pink[1] > 200
