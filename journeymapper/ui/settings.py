"""QSettings helpers: one place for the keys the window remembers between runs.

Settings are INI files in Qt's user scope; tests redirect them with ``QSettings.setPath``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from journeymapper.model.text import one_line, shorten

ORGANISATION = "JourneyMapper"
APPLICATION = "JourneyMapper"
MAX_RECENT = 10


def store() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION,
                     APPLICATION)


def recent_entries(prune: bool = True) -> list[tuple[Path, str]]:
    """Recently opened workshops and their titles when last open, newest first; files that no
    longer exist are dropped."""
    s = store()
    paths, titles = _strings(s.value("recent", [])), _strings(s.value("recent_titles", []))
    entries = [(Path(p), titles[n] if n < len(titles) else "") for n, p in enumerate(paths) if p]
    if prune:
        kept = [(p, t) for p, t in entries if p.is_file()]
        if kept != entries:
            _save_recent(kept)
        entries = kept
    return entries


def recent_files(prune: bool = True) -> list[Path]:
    return [p for p, _ in recent_entries(prune)]


def _strings(raw: object) -> list[str]:
    """A QSettings list as strings: an INI file gives back a one-item list as a bare string."""
    if isinstance(raw, str):
        return [raw]
    return [str(x) for x in raw] if isinstance(raw, list) else []


def _save_recent(entries: list[tuple[Path, str]]) -> None:
    s = store()
    s.setValue("recent", [str(p) for p, _ in entries[:MAX_RECENT]])
    s.setValue("recent_titles", [t for _, t in entries[:MAX_RECENT]])


def recent_label(path: Path, title: str = "", width: int = 48, sep: str = " — ") -> str:
    """``Title — name.jmw — ~/folder`` for the recent lists: the title says which workshop it
    was, and a bare name cannot tell two workshops of the same name apart. A long title loses
    its end, a long folder its middle (the ends say most). ``sep`` goes after the title (the
    start page's list puts the file on a line of its own)."""
    folder = str(path.parent)
    home = str(Path.home()).rstrip(os.sep)
    if home and (folder == home or folder.startswith(home + os.sep)):
        folder = "~" + folder[len(home):]
    title = one_line(title)
    if title:
        width, room = (min(width, 32), 40) if sep == " — " else (width, 64)
        title = shorten(title, room) + sep
    if len(folder) > width:
        folder = folder[:width // 2 - 1] + "…" + folder[-(width // 2):]
    return f"{title}{path.name} — {folder}"


def add_recent(path: Path, title: str = "") -> None:
    path = path.resolve()
    _save_recent([(path, title), *((p, t) for p, t in recent_entries(prune=False) if p != path)])


def retitle_recent(path: Path, title: str) -> None:
    """The title a recent workshop had when its window closed, in its place in the list."""
    path = path.resolve()
    entries = recent_entries(prune=False)
    if any(p == path and t != title for p, t in entries):
        _save_recent([(p, title if p == path else t) for p, t in entries])


def remove_recent(path: Path) -> None:
    path = path.resolve()
    _save_recent([(p, t) for p, t in recent_entries(prune=False) if p != path])


def window_state() -> tuple[QByteArray | None, QByteArray | None]:
    """(geometry, dock/toolbar state) saved by the last window closed, if any."""
    s = store()
    geo, state = s.value("window/geometry"), s.value("window/state")
    return (geo if isinstance(geo, QByteArray) else None,
            state if isinstance(state, QByteArray) else None)


def save_window_state(geometry: QByteArray, state: QByteArray, maximized: bool = False) -> None:
    s = store()
    s.setValue("window/geometry", geometry)
    s.setValue("window/state", state)
    s.setValue("window/maximized", maximized)


def window_was_maximized() -> bool:
    """Whether the last window closed was maximised. Kept apart from the geometry: Qt restores
    a maximised geometry saved on a larger screen as a normal window of its least size."""
    return str(store().value("window/maximized", False)).lower() == "true"
