"""Start-up stays light: the heavy libraries (openpyxl, matplotlib; networkx for the analysis)
are imported when first needed, not before the window with a workshop is first painted.

Each check runs in a fresh interpreter: this test process has imported everything already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("openpyxl", "matplotlib")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / ".config"), **extra)
    return env


def _imported(code: str, tmp_path: Path) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\n"
                          "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"],
                         cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True,
                         timeout=120, check=True).stdout
    return set(out.split())


def test_importing_the_window_leaves_analysis_and_export_libraries_alone(tmp_path: Path) -> None:
    mods = _imported("import journeymapper.ui.window\nimport journeymapper.ui.app", tmp_path)
    assert "PySide6" in mods
    assert not {"networkx", "openpyxl", "matplotlib", "numpy"} & mods


def _first_paint_probe(tmp_path: Path, what: str = "modules",
                       ) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run ``journeymapper open`` on a copied sample with the start-up probe of
    ``journeymapper/__main__.py``, which prints what was imported and exits after the first paint;
    return the process and its ``name value`` lines."""
    sample = tmp_path / "surgeon-practice.jmw"
    sample.write_bytes((ROOT / "workshops" / "surgeon-practice.jmw").read_bytes())
    proc = subprocess.run(
        [sys.executable, "-m", "journeymapper", "open", str(sample),
         "--screenshot", str(tmp_path / "never-written.png")],
        cwd=tmp_path, env=_env(tmp_path, JM_EXIT_AFTER_PAINT=what),
        capture_output=True, text=True, timeout=120,
    )
    return proc, dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)


def test_first_paint_of_a_sample_imports_no_export_libraries(tmp_path: Path) -> None:
    """``python -m journeymapper open SAMPLE`` up to the first paint of the window, with the
    start-up probe of ``journeymapper/__main__.py`` (it exits right after that paint)."""
    proc, lines = _first_paint_probe(tmp_path)
    assert proc.returncode == 0 and "first-paint" in lines, proc.stdout + proc.stderr
    mods = set(lines["modules"].split())
    assert "journeymapper" in mods and "PySide6" in mods
    assert not set(HEAVY) & mods, sorted(set(HEAVY) & mods)
    assert not (tmp_path / "never-written.png").exists()  # the probe left before the screenshot
    # networkx may load once the live analysis starts; say so when it does.
    print(f"\nnetworkx before first paint: {'networkx' in mods}; numpy: {'numpy' in mods}")


# Parts that wait until they are used: the charts dock's content and chart jobs (a tab behind the
# pain points), the import/export dialogs, the pain-point dialog, the start page (a workshop was
# given), the About box's platform details.
# The analysis (its package, the controller and the map overlay) starts right after the first
# paint; the preferences dialog and the other commands of the command line wait too.
LATER = ("journeymapper.ui.backlog.chart_jobs", "journeymapper.ui.backlog.io_dialogs",
         "journeymapper.ui.dialogs.painpoint",
         "journeymapper.ui.start_page", "journeymapper.analysis",
         "journeymapper.ui.analysis.controller", "journeymapper.ui.analysis.overlay",
         "journeymapper.ui.preferences", "journeymapper.prefs", "journeymapper.commands.info",
         "journeymapper.commands.new", "journeymapper.commands.export")


def test_first_paint_leaves_the_parts_that_can_wait(tmp_path: Path) -> None:
    proc, lines = _first_paint_probe(tmp_path)
    assert proc.returncode == 0 and "jm-modules" in lines, proc.stdout + proc.stderr
    ours = set(lines["jm-modules"].split())
    assert "journeymapper.ui.window" in ours and "journeymapper.ui.backlog.charts_dock" in ours
    assert "journeymapper.ui.analysis.dock" in ours  # the Findings tab is in the first frame
    assert not set(LATER) & ours, sorted(set(LATER) & ours)
    assert not {"platform", "secrets"} & set(lines["modules"].split())


def test_the_charts_dock_builds_its_content_when_used(tmp_path: Path) -> None:
    """The lazily built dock still answers for its parts (tests and the window use them)."""
    code = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from journeymapper.model.templates import build
from journeymapper.ui.backlog import ChartsDock
from journeymapper.ui.session import Session
dock = ChartsDock(Session(build("blank")))
assert "journeymapper.ui.backlog.chart_jobs" not in sys.modules
assert dock.widget() is None
assert dock.picker.count() == 5 and dock.widget() is not None  # the five charts
assert "journeymapper.ui.backlog.chart_jobs" in sys.modules
try:
    dock.no_such_part
except AttributeError:
    pass
else:
    raise SystemExit("no AttributeError")
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().endswith("ok"), out.stdout + out.stderr


def test_the_probe_lists_the_qt_classes_made_by_the_first_paint(tmp_path: Path) -> None:
    """The benchmark's floor row makes the classes this list names (benchmarks/bench_startup.py):
    those the window is built of are in it, those only a later gesture needs are not."""
    proc, lines = _first_paint_probe(tmp_path, "types")
    assert proc.returncode == 0 and "qt-types" in lines, proc.stdout + proc.stderr
    made = set(lines["qt-types"].split())
    assert {"PySide6.QtWidgets.QMainWindow", "PySide6.QtWidgets.QGraphicsView",
            "PySide6.QtWidgets.QDockWidget", "PySide6.QtCore.Qt"} <= made
    assert all(name.startswith(("PySide6.QtCore.", "PySide6.QtGui.", "PySide6.QtWidgets."))
               for name in made)
    # The dialogs' button boxes (preferences, a new pain point) wait until one is opened.
    assert "PySide6.QtWidgets.QDialogButtonBox" not in made
