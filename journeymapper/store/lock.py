"""An OS advisory lock on a sidecar file ``NAME.jmw-lock``: one writer per workshop.

The OS drops the lock when the holder dies (even by SIGKILL), so a crash never leaves a stale lock.
The lock file is removed on release while still held; an opener that locked a file which was
unlinked meanwhile notices (its inode is no longer the path's) and tries again.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + "-lock")


class Locked(Exception):
    """Someone else holds the lock."""


class FileLock:
    """Held from :meth:`acquire` until :meth:`release` (or process death)."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Raise :class:`Locked` if another holder has it, OSError if it cannot be created."""
        for _ in range(100):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise Locked(str(self.path))
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                return
            os.close(fd)  # the previous holder unlinked it just now: lock the new one
        raise Locked(str(self.path))

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":  # Windows cannot unlink an open file; leave it there
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(fd)

