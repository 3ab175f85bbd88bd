"""Shared fixtures. Qt runs offscreen; tests never touch tracked files (samples are copied)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_sessionstart(session: pytest.Session) -> None:
    # Tests copy cards to the clipboard; see journeymapper/ui/clipboard_guard.py for why that
    # would crash the interpreter at exit unless released first.
    from journeymapper.ui import clipboard_guard

    clipboard_guard.install()

@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test's Qt settings in a folder of its own, never the user's (a window a test closed
    maximised would otherwise be the next real start's, and the next test's). Tests that look at
    the settings take ``jm_settings``, which points them at their tmp_path instead."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


ROOT = Path(__file__).resolve().parents[1]
WORKSHOPS = ROOT / "workshops"
SAMPLES = ("surgeon-practice", "tv-subscription", "client-engagement")


@pytest.fixture
def sample_copy(tmp_path: Path):
    """Return a function that copies ``workshops/<name>.jmw`` into tmp_path and gives its path."""

    def copy(name: str) -> Path:
        src = WORKSHOPS / f"{name}.jmw"
        if not src.exists():
            pytest.fail(f"sample {src} is missing: run python tools/make_samples.py")
        dst = tmp_path / src.name
        shutil.copyfile(src, dst)
        return dst

    return copy


@pytest.fixture
def sample_doc(sample_copy):  # type: ignore[no-untyped-def]
    """Return a function giving the Document of a copied sample (read-only, file closed)."""
    from journeymapper.store import WorkshopFile

    def load(name: str):  # type: ignore[no-untyped-def]
        with WorkshopFile.open(sample_copy(name), read_only=True) as wf:
            return wf.document

    return load
