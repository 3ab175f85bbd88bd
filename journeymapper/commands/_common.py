"""Helpers shared by the sub-commands: opening a workshop given on the command line."""

from __future__ import annotations

from pathlib import Path

from journeymapper.cli import UserError
from journeymapper.model import Document, EditError


def load_document(path_text: str) -> Document:
    """A .jmw file (opened read-only in spirit: nothing is written) or a .json workshop."""
    path = Path(path_text)
    if not path.exists():
        raise UserError(f"{path_text}: no such file")
    if path.suffix.lower() == ".json":
        from journeymapper.model import jsonform

        try:
            return jsonform.load(path)
        except FileNotFoundError:
            raise UserError(f"{path}: no such file") from None
        except (EditError, OSError) as exc:
            raise UserError(f"{path}: {exc}") from None
    from journeymapper.store import StoreError, WorkshopFile

    try:
        wf = WorkshopFile.open(path, read_only=True)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    try:
        return wf.document
    finally:
        wf.close()
