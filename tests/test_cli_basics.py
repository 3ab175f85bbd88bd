"""The command line: new, info, sample, help, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper.cli import COMMANDS, main
from journeymapper.store import WorkshopFile


def test_help_describes_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out
    for name in COMMANDS:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        assert "usage: journeymapper " + name in capsys.readouterr().out


def test_new_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.jmw"
    assert main(["new", str(path), "--template", "client-engagement", "--title", "Acme"]) == 0
    assert main(["info", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert data["title"] == "Acme"
    assert (data["stages"], data["lanes"], data["touchpoints"]) == (4, 4, 0)
    with WorkshopFile.open(path) as wf:
        assert [s.name for s in wf.document.stages] == ["Investigate", "Plan", "Monitor", "Review"]
        assert data["schema_revision"] == wf.schema_revision


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.jmw"
    path.write_bytes(b"mine")
    assert main(["new", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and str(path) in err
    assert path.read_bytes() == b"mine"


@pytest.mark.parametrize("content", [
    b"", b"not a database at all", b"SQLite format 3\x00" + b"\x01" * 50])
def test_info_on_bad_files_is_one_line_and_status_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "bad.jmw"
    path.write_bytes(content)
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert path.read_bytes() == content


def test_info_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(tmp_path / "nope.jmw")]) == 2
    assert "nope.jmw" in capsys.readouterr().err


def test_sample_copies_and_never_touches_the_original(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from journeymapper.samples import sample_path

    original = sample_path("surgeon-practice").read_bytes()
    assert main(["sample", "surgeon-practice", "--into", str(tmp_path), "--no-window"]) == 0
    out = capsys.readouterr().out
    copy = tmp_path / "surgeon-practice.jmw"
    assert copy.exists() and "Touch-points: 43" in out
    assert main(["sample", "surgeon-practice", "--into", str(tmp_path), "--fresh",
                 "--no-window"]) == 0
    assert (tmp_path / "surgeon-practice-2.jmw").exists()
    assert sample_path("surgeon-practice").read_bytes() == original


def test_the_installed_command_runs_without_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "journeymapper", "info", str(tmp_path / "x.jmw")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("journeymapper: ")


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`journeymapper analyze X | head`: the reader goes away; no traceback about the pipe."""
    from journeymapper.samples import sample_path

    proc = subprocess.Popen([sys.executable, "-m", "journeymapper", "analyze",
                             str(sample_path("tv-subscription"))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the report is printed: the command is still importing
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "BrokenPipe" not in err, err
