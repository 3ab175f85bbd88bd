"""Before Qt is asked for a window, the command line checks that one can open: Qt's X11 plugin
aborts the process (a core dump and a page of text) when a system library it loads is missing,
so a missing one is named, with the package to install, in one line."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from journeymapper.cli import UserError
from journeymapper.commands import open as open_command
from journeymapper.commands import sample as sample_command

NOT_THERE = {"libjm-not-a-real-library.so.9": "jm-not-a-package"}


def _x11_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)


def test_libraries_are_looked_for_by_loading_them() -> None:
    assert open_command.missing_x11_libraries(NOT_THERE) == ["jm-not-a-package"]
    assert open_command.missing_x11_libraries({"libc.so.6": "libc6"}) == []
    found = open_command.missing_x11_libraries()
    assert set(found) <= set(open_command.X11_LIBRARIES.values())


def test_a_missing_x11_library_is_one_line_naming_the_package(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _x11_session(monkeypatch)
    monkeypatch.setattr(open_command, "X11_LIBRARIES", NOT_THERE)
    why = open_command.why_no_window()
    assert why is not None and "\n" not in why
    assert why.endswith("sudo apt-get install jm-not-a-package")
    args = argparse.Namespace(path=str(tmp_path / "x.jmw"), screenshot=None, presentation=False)
    with pytest.raises(UserError, match="jm-not-a-package"):
        open_command.run(args)


def test_other_platforms_are_not_checked_for_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    _x11_session(monkeypatch)
    monkeypatch.setattr(open_command, "X11_LIBRARIES", NOT_THERE)
    monkeypatch.setenv("QT_QPA_PLATFORM", "wayland")
    assert open_command.why_no_window() is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert "offscreen" in (open_command.why_no_window() or "")


def test_sample_shows_the_summary_and_what_to_install(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    _x11_session(monkeypatch)
    monkeypatch.setattr(open_command, "X11_LIBRARIES", NOT_THERE)
    args = argparse.Namespace(name="surgeon-practice", into=tmp_path, fresh=False,
                              no_window=False)
    assert sample_command.run(args) == 2
    out, err = capsys.readouterr()
    assert (tmp_path / "surgeon-practice.jmw").is_file()
    assert err.strip().count("\n") == 0 and "sudo apt-get install jm-not-a-package" in err
    assert "summary instead of the window" in out and "Knee replacement" in out


def _xcb_here() -> bool:
    import ctypes

    try:
        ctypes.CDLL("libxcb.so.1")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _xcb_here(), reason="libxcb.so.1 is not installed here")
def test_an_x_display_nobody_answers_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """DISPLAY set but no X server there: Qt would abort; the command line says so instead."""
    _x11_session(monkeypatch)
    monkeypatch.setenv("DISPLAY", ":197")  # nothing listens on display 197
    monkeypatch.setattr(open_command, "X11_LIBRARIES", {"libc.so.6": "libc6"})
    why = open_command.why_no_window()
    assert why is not None and "\n" not in why and "':197'" in why
    args = argparse.Namespace(path=str(tmp_path / "x.jmw"), screenshot=None, presentation=False)
    with pytest.raises(UserError, match="no X server answers"):
        open_command.run(args)


@pytest.mark.skipif(not _xcb_here() or shutil.which("Xvfb") is None,
                    reason="needs libxcb.so.1 and Xvfb (.ci/run installs xvfb)")
def test_an_x_display_that_answers_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    server = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        number = server.stdout.readline().strip()  # Xvfb prints its display once it is ready
        assert number.isdigit(), number
        _x11_session(monkeypatch)
        monkeypatch.setenv("DISPLAY", f":{number}")
        assert open_command.x_display_error() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
