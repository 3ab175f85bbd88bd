"""Where the shipped sample workshops live, and copying one out so the original is never edited."""

from __future__ import annotations

import shutil
from pathlib import Path

from journeymapper import app_root

SAMPLE_NAMES = ("surgeon-practice", "tv-subscription", "client-engagement")


def samples_dir() -> Path:
    """``workshops/`` beside the package in a checkout, or inside a PyInstaller bundle."""
    return app_root() / "workshops"


def sample_path(name: str) -> Path:
    return samples_dir() / f"{name}.jmw"


def default_workspace() -> Path:
    return Path.home() / "JourneyMapper"


def copy_sample(name: str, into: Path | None = None, *, fresh: bool = False) -> Path:
    """Copy sample ``name`` into ``into`` (default ``~/JourneyMapper``) and return the copy's path.

    An existing copy is kept (it holds the user's edits) unless ``fresh`` is set, in which case
    the new copy gets a numbered name beside it rather than overwriting anything.
    """
    src = sample_path(name)
    if not src.exists():
        raise FileNotFoundError(f"no sample called {name!r} in {src.parent}")
    folder = into or default_workspace()
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / src.name
    if dst.exists() and fresh:
        n = 2
        while (folder / f"{name}-{n}.jmw").exists():
            n += 1
        dst = folder / f"{name}-{n}.jmw"
    if not dst.exists():
        shutil.copyfile(src, dst)
    return dst
