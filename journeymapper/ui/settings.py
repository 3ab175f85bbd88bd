"""QSettings helpers: one place for the keys the window remembers between runs.

Settings are INI files in Qt's user scope; tests redirect them with ``QSettings.setPath``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "JourneyMapper"
APPLICATION = "JourneyMapper"
MAX_RECENT = 10


def store() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION,
                     APPLICATION)


def recent_files(prune: bool = True) -> list[Path]:
    """Recently opened workshops, newest first; files that no longer exist are dropped."""
    raw = store().value("recent", [])
    items: list[object] = [raw] if isinstance(raw, str) else []
    if isinstance(raw, list):
        items = list(raw)
    paths = [Path(str(p)) for p in items if p]
    if prune:
        kept = [p for p in paths if p.is_file()]
        if kept != paths:
            _save_recent(kept)
        paths = kept
    return paths


def _save_recent(paths: list[Path]) -> None:
    store().setValue("recent", [str(p) for p in paths[:MAX_RECENT]])


def recent_label(path: Path, width: int = 48) -> str:
    """``name.jmw — ~/folder`` for the recent lists: a bare name cannot tell two workshops of
    the same name apart. A long folder loses its middle (the ends say most)."""
    folder = str(path.parent)
    home = str(Path.home()).rstrip(os.sep)
    if home and (folder == home or folder.startswith(home + os.sep)):
        folder = "~" + folder[len(home):]
    if len(folder) > width:
        folder = folder[:width // 2 - 1] + "…" + folder[-(width // 2):]
    return f"{path.name} — {folder}"


def add_recent(path: Path) -> None:
    path = path.resolve()
    _save_recent([path, *(p for p in recent_files(prune=False) if p != path)])


def remove_recent(path: Path) -> None:
    path = path.resolve()
    _save_recent([p for p in recent_files(prune=False) if p != path])


def window_state() -> tuple[QByteArray | None, QByteArray | None]:
    """(geometry, dock/toolbar state) saved by the last window closed, if any."""
    s = store()
    geo, state = s.value("window/geometry"), s.value("window/state")
    return (geo if isinstance(geo, QByteArray) else None,
            state if isinstance(state, QByteArray) else None)


def save_window_state(geometry: QByteArray, state: QByteArray) -> None:
    s = store()
    s.setValue("window/geometry", geometry)
    s.setValue("window/state", state)
