"""The desktop build: PyInstaller builds ``build_app.spec`` into a temporary folder, and the built
``journeymapper`` runs headless on copies of the samples.

Slow (about a minute to build on 2 cores), so it runs only in CI (``CI=true``) or when asked
locally with ``JM_TEST_BUILD=1``; ``JM_TEST_BUILD=0`` skips it even in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "surgeon-practice"
SIZE_LIMIT_MB = 200


def _wanted() -> bool:
    flag = os.environ.get("JM_TEST_BUILD", "").strip().lower()
    if flag:
        return flag not in ("0", "false", "no")
    return os.environ.get("CI", "").strip().lower() == "true"


pytestmark = pytest.mark.skipif(not _wanted(),
                                reason="builds the app (about a minute): set JM_TEST_BUILD=1")


def _env(home: Path) -> dict[str, str]:
    """Headless, and with the user's settings (recent files) kept out of the way."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MPL"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    return env


class Built:
    def __init__(self, folder: Path, exe: Path, seconds: float, home: Path) -> None:
        self.folder, self.exe, self.seconds, self.home = folder, exe, seconds, home

    def run(self, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([str(self.exe), *map(str, args)], cwd=cwd, env=_env(self.home),
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
        return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    pytest.importorskip("PyInstaller")
    base = tmp_path_factory.mktemp("build")
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(base / "dist"), "--workpath", str(base / "work"),
         str(ROOT / "build_app.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    folder = base / "dist" / "JourneyMapper"
    exe = folder / ("journeymapper.exe" if sys.platform == "win32" else "journeymapper")
    assert exe.is_file(), sorted(p.name for p in folder.iterdir())
    home = base / "home"
    home.mkdir()
    return Built(folder, exe, seconds, home)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    dst = tmp_path / f"{SAMPLE}.jmw"
    shutil.copyfile(ROOT / "workshops" / f"{SAMPLE}.jmw", dst)
    return dst


def _folder_mb(folder: Path) -> float:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return total / 1e6


def test_bundle_holds_samples_migrations_and_stays_small(built: Built) -> None:
    internal = built.folder / "_internal"
    for name in ("surgeon-practice", "tv-subscription", "client-engagement"):
        assert (internal / "workshops" / f"{name}.jmw").is_file()
    versions = internal / "journeymapper" / "store" / "migrations" / "versions"
    assert sorted(p.name for p in versions.glob("*.py")), "Alembic needs its scripts as .py files"
    assert (versions.parent / "env.py").is_file()
    dangling = [p for p in built.folder.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling
    size = _folder_mb(built.folder)
    print(f"\nbuilt in {built.seconds:.0f} s; folder {size:.0f} MB")
    if sys.platform.startswith("linux"):
        hint = "" if shutil.which("strip") else " (no `strip`: install binutils)"
        assert size < SIZE_LIMIT_MB, f"the built folder is {size:.0f} MB{hint}"


def test_info_names_the_workshop_and_its_counts(built: Built, sample: Path) -> None:
    from journeymapper.store import WorkshopFile

    wf = WorkshopFile.open(sample, read_only=True)
    try:
        title, counts = wf.document.info.title, wf.document.counts()
    finally:
        wf.close()
    out = built.run("info", sample, cwd=sample.parent).stdout
    assert out.splitlines()[0].startswith(title)
    for key, label in (("stages", "Stages"), ("lanes", "Lanes"), ("touchpoints", "Touch-points"),
                       ("flows", "Flows"), ("pain_points", "Pain points"),
                       ("actions", "Actions")):
        assert f"{label}:" in out and any(
            line.split(":", 1)[0].strip() == label and line.split(":", 1)[1].strip()
            == str(counts[key]) for line in out.splitlines()), (label, out)
    data = json.loads(built.run("info", sample, "--json", cwd=sample.parent).stdout)
    assert data["title"] == title and data["touchpoints"] == counts["touchpoints"]


def test_analyze_json_parses(built: Built, sample: Path) -> None:
    data = json.loads(built.run("analyze", sample, "--json", cwd=sample.parent).stdout)
    assert isinstance(data, dict) and data["handoffs"], sorted(data)


def _assert_picture(path: Path, min_w: int = 800) -> None:
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    assert not img.isNull(), path
    assert img.width() >= min_w and img.height() >= 400, (img.width(), img.height())
    colours = {img.pixel(x, y)
               for x in range(0, img.width(), 17) for y in range(0, img.height(), 13)}
    assert len(colours) > 20, f"{path} looks blank ({len(colours)} colours)"


def test_render_map_to_png_and_svg(built: Built, sample: Path) -> None:
    png, svg = sample.with_name("map.png"), sample.with_name("map.svg")
    built.run("export", sample, "--to", png, cwd=sample.parent)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    _assert_picture(png)
    built.run("export", sample, "--to", svg, cwd=sample.parent)
    assert b"<svg" in svg.read_bytes()[:2000]


def test_window_screenshot_from_the_build(built: Built, sample: Path) -> None:
    shot = sample.with_name("window.png")
    built.run("open", sample, "--screenshot", shot, cwd=sample.parent)
    _assert_picture(shot)


def test_excel_and_charts_export(built: Built, sample: Path) -> None:
    xlsx, charts = sample.with_name("backlog.xlsx"), sample.parent / "charts"
    built.run("export", sample, "--to", xlsx, "--charts", charts, cwd=sample.parent)
    with zipfile.ZipFile(xlsx) as z:
        assert "xl/workbook.xml" in z.namelist()
    pngs, svgs = sorted(charts.glob("*.png")), sorted(charts.glob("*.svg"))
    assert pngs and len(pngs) == len(svgs)
    _assert_picture(pngs[0], min_w=400)


def test_old_workshop_migrates_in_the_build(built: Built, tmp_path: Path) -> None:
    """Alembic's revision scripts run from the bundle: an r1 file opened in the window is
    migrated to the current schema."""
    old = tmp_path / "workshop-r1.jmw"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "workshop-r1.jmw", old)
    built.run("open", old, "--screenshot", tmp_path / "r1.png", cwd=tmp_path)
    schema = built.run("info", old, "--json", cwd=tmp_path)
    assert json.loads(schema.stdout)["schema_revision"] != "0001_initial"


def test_built_window_paints_without_export_libraries(built: Built, sample: Path) -> None:
    """The start-up probe (JM_EXIT_AFTER_PAINT, see journeymapper/__main__.py) in the build:
    the window with a sample is painted before openpyxl or matplotlib are loaded, no
    PyInstaller run-time hook loaded multiprocessing (left out of the build: see the spec), and
    PySide6's signature support was not compiled at start."""
    env = _env(built.home)
    env["JM_EXIT_AFTER_PAINT"] = "modules"
    proc = subprocess.run([str(built.exe), "open", str(sample), "--screenshot",
                           str(sample.with_name("unused.png"))], cwd=sample.parent, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)
    assert proc.returncode == 0 and "first-paint" in lines, proc.stdout + proc.stderr
    assert not {"openpyxl", "matplotlib", "multiprocessing"} & set(lines["modules"].split())
    # PySide6's signature support comes compiled from the archive, not compiled from the
    # source embedded in libshiboken on every start (see the spec)
    assert lines["support-loader"] != "EmbeddableZipImporter", lines["support-loader"]
    assert (built.folder / "_internal" / "shiboken6" / "files.dir").is_dir()


def test_import_the_exported_workbook_and_new_from_template(built: Built, sample: Path) -> None:
    """openpyxl reading (through lxml) and the templates, from the build."""
    xlsx, back, new = (sample.with_name(n) for n in ("table.xlsx", "back.jmw", "new.jmw"))
    built.run("export", sample, "--to", xlsx, cwd=sample.parent)
    built.run("import", xlsx, back, cwd=sample.parent)
    data = json.loads(built.run("info", back, "--json", cwd=sample.parent).stdout)
    assert data["touchpoints"] > 0 and data["stages"] > 0
    built.run("new", new, "--template", "service-blueprint", cwd=sample.parent)
    assert json.loads(built.run("info", new, "--json", cwd=sample.parent).stdout)["stages"] > 0
