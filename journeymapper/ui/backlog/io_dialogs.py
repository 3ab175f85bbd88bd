"""File > Import table and File > Export workbook: the dialogs around the export module.

The file dialog and the message box are parameters (``ask_save``, ``notify``) so that tests and
the window can answer them without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from journeymapper.ui.dialogs.errors import warn
from journeymapper.ui.session import Session

SaveAsker = Callable[[QWidget | None, str, str, str], str | None]  # parent, title, path, filter
Notifier = Callable[[QWidget | None, str, str], None]  # parent, title, one-line message
TABLE_FILTER = "Touch-point tables (*.xlsx *.csv)"


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def ask_table_path(parent: QWidget | None) -> Path | None:
    """File > Import's first question: which table to read."""
    path, _ = QFileDialog.getOpenFileName(parent, "Import a touch-point table", "", TABLE_FILTER)
    return Path(path) if path else None


def import_table_into_new_workshop(parent: QWidget | None, source: Path,
                                   ask_save: SaveAsker = ask_save_path,
                                   notify: Notifier = warn) -> Path | None:
    """Import ``source`` (.xlsx or .csv) into a new workshop file the user names; return its
    path for the window to open, or None if cancelled or refused (the reason is shown)."""
    from journeymapper.export.table_import import TableImportError, import_table
    from journeymapper.store import StoreError, WorkshopFile

    source = Path(source)
    try:
        with _busy():
            doc = import_table(source)
    except TableImportError as exc:
        notify(parent, "Import failed", f"{source.name}: {exc}")
        return None
    except OSError as exc:
        notify(parent, "Import failed", f"{source.name}: {exc.strerror or exc}")
        return None
    answer = ask_save(parent, "Save the imported workshop as", str(source.with_suffix(".jmw")),
                      "Workshops (*.jmw)")
    if not answer:
        return None
    target = Path(answer)
    if target.suffix.lower() != ".jmw":
        target = target.with_name(target.name + ".jmw")
    try:  # the save dialog already asked before replacing an existing file
        WorkshopFile.create(target, doc, overwrite=target.exists()).close()
    except StoreError as exc:
        notify(parent, "Import failed", str(exc))
        return None
    return target


def export_workbook_dialog(parent: QWidget | None, session: Session,
                           ask_save: SaveAsker = ask_save_path,
                           notify: Notifier = warn) -> Path | None:
    """Export the workshop, analysis included, to an .xlsx the user names; return its path."""
    from journeymapper.export.xlsx import analyze_if_possible, export_workbook

    here = getattr(session.file, "path", None)
    suggested = str(Path(here).with_suffix(".xlsx")) if here else "workshop.xlsx"
    answer = ask_save(parent, "Export to Excel", suggested, "Excel workbook (*.xlsx)")
    if not answer:
        return None
    target = Path(answer)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    try:
        with _busy():
            doc = session.doc
            export_workbook(doc, target, analysis=analyze_if_possible(doc))
    except Exception as exc:  # any failure is a message in the window, never a crash
        notify(parent, "Export failed", f"{target.name}: {exc}")
        return None
    return target


class _busy:
    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()
