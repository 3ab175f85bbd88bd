"""WorkshopFile: a .jmw file open for editing, every applied edit committed as it happens."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from journeymapper.model import Document

from . import writer
from .errors import StoreError
from .header import read_header
from .lock import FileLock, Locked
from .migrate import REVISIONS, SCHEMA_HEAD, UpgradeFailed, upgrade_file
from .rows import APPLICATION_ID
from .snapshot import check, has_pending_wal, load_document, read_entities, snapshot, wal_path
from .sql import connect, writable_pragmas

LOCKED = "is already open in another JourneyMapper window"
BUSY_NOTICE = "opened read-only: it is open in another JourneyMapper window"


def _may_write(path: Path, *, exists: bool = True) -> str | None:
    """Why the file cannot be written, or None. Mode bits count too, so root honours them."""
    if exists and (not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222):
        return "you cannot write to this file"
    folder = path.parent
    if not os.access(folder, os.W_OK) or not os.stat(folder).st_mode & 0o222:
        return "you cannot write to its folder"
    return None


def _remove_sidecars(path: Path) -> None:
    """Drop a stale -wal/-shm beside a file we are about to replace (they belong to the old one)."""
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path.with_name(path.name + suffix))


@contextlib.contextmanager
def _naming(given: Path | str, resolved: Path) -> Iterator[None]:
    """Errors about ``resolved`` name the file the way the caller gave it."""
    try:
        yield
    except StoreError as exc:
        if exc.path != resolved or Path(given) == resolved:
            raise
        raise StoreError(given, exc.problem) from None


@contextlib.contextmanager
def _view(p: Path, can_lock: bool) -> Iterator[tuple[sqlite3.Connection, bool]]:
    """A read-only connection on the committed state, and whether another window writes it.

    Holding the lock while reading guarantees nobody writes meanwhile, so the side-effect-free
    snapshot can be used; a file another window holds is read beside that writer instead.
    """
    lock = FileLock(p)
    beside_writer = False
    if can_lock:
        try:
            lock.acquire()
        except Locked:
            beside_writer = True
        except OSError:
            pass
    try:
        with snapshot(p, live=beside_writer) as conn:
            yield conn, beside_writer
    finally:
        lock.release()


def _backup_name(path: Path, revision: str) -> Path:
    base = path.with_name(f"{path.name}.r{REVISIONS.index(revision) + 1}.bak")
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name[:-4]}-{n}.bak")
    return candidate


class WorkshopFile:
    """An open workshop file. Use :meth:`open` or :meth:`create`, not the constructor.

    A file that cannot be written, or (with ``read_only_if_locked=True``) one that another window
    has open, is opened read-only: ``read_only`` and ``document.read_only`` are True and
    ``notice`` says why. ``notice`` also tells when an older file was migrated.
    """

    def __init__(self, path: Path, document: Document, revision: str,
                 conn: sqlite3.Connection | None, lock: FileLock | None,
                 notice: str | None = None, backup: Path | None = None) -> None:
        self.path = path
        self.document = document
        self.schema_revision = revision
        self.notice = notice
        self.backup_path = backup
        self._conn = conn
        self._lock = lock
        self.read_only = conn is None
        self._can_lock = False  # a read-only view may lock while it reads (see _view)
        self._closed = False
        document.read_only = self.read_only
        self._persister: writer.Persister | None = None
        if conn is not None:
            self._persister = writer.Persister(conn, path)
            document.set_persister(self._persister)

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False,
             read_only_if_locked: bool = False) -> WorkshopFile:
        """Open a workshop; raise StoreError, leaving the file exactly as it was, if it is bad.

        If another window has it open: StoreError, or with ``read_only_if_locked`` a read-only
        view of its committed state. ``read_only`` asks for a view that never writes anything
        (no lock kept, no migration): for the command line, exports and previews.
        """
        p = Path(path).resolve()
        with _naming(path, p):
            return cls._open(p, read_only, read_only_if_locked)

    @classmethod
    def _open(cls, p: Path, read_only: bool, read_only_if_locked: bool) -> WorkshopFile:
        read_header(p)
        why_not = _may_write(p)
        if why_not is not None:
            return cls._open_view(p, f"opened read-only: {why_not}", can_lock=False)
        if read_only:
            return cls._open_view(p, None, can_lock=True)
        lock = FileLock(p)
        try:
            lock.acquire()
        except Locked:
            if read_only_if_locked:
                return cls._open_view(p, BUSY_NOTICE, can_lock=True)
            raise StoreError(p, LOCKED) from None
        except OSError as exc:
            return cls._open_view(p, f"opened read-only: cannot lock it ({exc.strerror})",
                                  can_lock=False)
        try:
            return cls._open_locked(p, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_view(cls, p: Path, notice: str | None, *, can_lock: bool) -> WorkshopFile:
        with _view(p, can_lock) as (conn, beside_writer):
            revision = check(conn, p)
            doc = load_document(read_entities(conn, p, revision), p)
        if notice is None and beside_writer:
            notice = BUSY_NOTICE
        wf = cls(p, doc, revision, None, None, notice)
        wf._can_lock = can_lock
        return wf

    @classmethod
    def _open_locked(cls, p: Path, lock: FileLock) -> WorkshopFile:
        # Everything is checked on a snapshot first; only a good file is opened for writing.
        with snapshot(p) as snap:
            revision = check(snap, p)
            doc = load_document(read_entities(snap, p, revision), p)
            backup = None
            if revision != SCHEMA_HEAD:
                backup = _backup_name(p, revision)
                try:
                    if has_pending_wal(p):  # the file alone is not the workshop: copy it whole
                        dst = sqlite3.connect(backup)
                        snap.backup(dst)
                        dst.close()
                    else:
                        shutil.copyfile(p, backup)  # byte for byte
                except (OSError, sqlite3.Error) as exc:
                    backup.unlink(missing_ok=True)
                    raise StoreError(p, f"needs updating, but no backup could be kept ({exc})"
                                     ) from None
        try:
            conn = connect(p)
        except sqlite3.Error as exc:
            raise StoreError(p, f"cannot be opened for writing: {exc}") from None
        try:
            writable_pragmas(conn)
            notice = None
            if backup is not None:
                upgrade_file(conn)
                doc = load_document(read_entities(conn, p, SCHEMA_HEAD), p)
                revision = SCHEMA_HEAD
                notice = (f"updated from an older JourneyMapper; "
                          f"the original is kept as {backup.name}")
        except (sqlite3.Error, UpgradeFailed) as exc:
            conn.close()
            raise StoreError(p, f"cannot be opened for writing: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return cls(p, doc, revision, conn, lock, notice, backup)

    # -- creating and copying --------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, document: Document, *,
               overwrite: bool = False) -> WorkshopFile:
        """A new file holding ``document``, which becomes this file's document (it is not copied).

        Refuses an existing path unless ``overwrite``; the file appears whole or not at all.
        """
        p = Path(path).resolve()
        with _naming(path, p):
            return cls._create(p, document, overwrite)

    @classmethod
    def _create(cls, p: Path, document: Document, overwrite: bool) -> WorkshopFile:
        lock = cls._claim(p, overwrite)
        try:
            tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
            _remove_sidecars(tmp)
            try:
                cls._write_new(tmp, document)
                _remove_sidecars(p)
                os.replace(tmp, p)
            except (sqlite3.Error, UpgradeFailed, OSError) as exc:
                for leftover in (tmp, wal_path(tmp), tmp.with_name(tmp.name + "-shm")):
                    leftover.unlink(missing_ok=True)
                raise StoreError(p, f"cannot be written: {exc}") from None
            try:
                conn = connect(p)
                writable_pragmas(conn)
            except sqlite3.Error as exc:
                raise StoreError(p, f"was written but cannot be opened: {exc}") from None
        except BaseException:
            lock.release()
            raise
        return cls(p, document, SCHEMA_HEAD, conn, lock)

    @staticmethod
    def _claim(p: Path, overwrite: bool) -> FileLock:
        if p.is_dir():
            raise StoreError(p, "is a folder, not a workshop file")
        if not p.parent.is_dir():
            raise StoreError(p, "cannot be written: its folder does not exist")
        if p.exists() and not overwrite:
            raise StoreError(p, "already exists; choose another name")
        why_not = _may_write(p, exists=p.exists())
        if why_not is not None:
            raise StoreError(p, f"cannot be written: {why_not}")
        lock = FileLock(p)
        try:
            lock.acquire()
        except Locked:
            raise StoreError(p, LOCKED) from None
        except OSError as exc:
            raise StoreError(p, f"cannot be written ({exc.strerror})") from None
        return lock

    @staticmethod
    def _write_new(tmp: Path, document: Document) -> None:
        conn = connect(tmp)
        try:
            writable_pragmas(conn)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            upgrade_file(conn)
            conn.execute("BEGIN")
            writer.insert_all(conn, document.entities())
            conn.execute("COMMIT")
        finally:
            conn.close()  # the last connection's close checkpoints and removes the WAL

    def save_as(self, path: Path | str, *, overwrite: bool = False) -> WorkshopFile:
        """Copy this workshop with SQLite's backup API and open the copy (this file stays open)."""
        p = Path(path).resolve()
        with _naming(path, p):
            return self._save_as(p, overwrite)

    def _save_as(self, p: Path, overwrite: bool) -> WorkshopFile:
        if p.exists() and os.path.samefile(p, self.path):
            raise StoreError(p, "is this workshop's own file")
        lock = self._claim(p, overwrite)
        try:
            tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
            try:
                self._backup_to(tmp)
                _remove_sidecars(p)
                os.replace(tmp, p)
            except (sqlite3.Error, OSError) as exc:
                tmp.unlink(missing_ok=True)
                raise StoreError(p, f"cannot be written: {exc}") from None
            return self._open_locked(p, lock)
        except BaseException:
            lock.release()
            raise

    def _backup_to(self, target: Path) -> None:
        target.unlink(missing_ok=True)
        dst = sqlite3.connect(target, isolation_level=None)
        try:
            if self._conn is not None:
                self._conn.backup(dst)
            else:
                with _view(self.path, self._can_lock) as (src, _):
                    src.backup(dst)
            writable_pragmas(dst)
        finally:
            dst.close()

    # -- closing ---------------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close the file; the document stays readable but becomes read-only. Idempotent."""
        self._closed = True
        if self._persister is not None:
            self.document.set_persister(None)
            self.document.read_only = True
            self._persister = None
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def __enter__(self) -> WorkshopFile:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "read-only" if self.read_only else "open"
        return f"<WorkshopFile {self.path} {state} rev {self.schema_revision}>"
