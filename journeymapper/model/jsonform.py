"""The complete, versioned JSON form of a workshop: export then import gives an equal Document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .codec import from_dict, to_dict
from .document import Document
from .entities import KINDS, Entity
from .errors import EditError

FORMAT = "journeymapper-workshop"
VERSION = 1


def to_data(doc: Document) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in KINDS:
        rows = [to_dict(e) for e in doc.table(kind).values()]
        data[kind] = rows[0] if kind == "info" else sorted(rows, key=lambda r: r["id"])
    return data


def from_data(data: Any) -> Document:
    """Build a Document; raise :class:`EditError` with a readable reason if the data is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EditError("this is not a JourneyMapper workshop in JSON form")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise EditError(f"this JSON is format version {version!r}; this JourneyMapper reads up to "
                        f"version {VERSION}: update JourneyMapper to open it")
    entities: list[Entity] = []
    for kind in KINDS:
        rows = data.get(kind, {} if kind == "info" else [])
        rows = [rows] if kind == "info" else rows
        if not isinstance(rows, list):
            raise EditError(f"{kind!r} must be a list")
        entities.extend(from_dict(kind, r) for r in rows)
    doc = Document()
    doc.load(entities)
    return doc


def dump(doc: Document, path: Path) -> None:
    path.write_text(json.dumps(to_data(doc), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise EditError("the file is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EditError(f"the file is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return from_data(data)
