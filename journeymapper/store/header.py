"""Read a file's first 100 bytes ourselves before SQLite ever touches it.

https://www.sqlite.org/fileformat.html#the_database_header: this catches empty, foreign, truncated
and other programs' files without any side effect (SQLite would create -wal/-shm files or could
change the journal mode).
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError
from .rows import APPLICATION_ID

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    wal_mode: bool
    application_id: int
    size: int


def read_header(path: Path) -> Header:
    """Check that ``path`` is a whole SQLite file marked as ours; raise StoreError if not."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise StoreError(path, "no such file") from None
    except OSError as exc:
        raise StoreError(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(path, "is a folder, not a workshop file")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(path, "is not a regular file")
    if st.st_size == 0:
        raise StoreError(path, "is empty (0 bytes), not a JourneyMapper workshop")
    try:
        with open(path, "rb") as f:
            raw = f.read(HEADER_SIZE)
    except OSError as exc:
        raise StoreError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw.startswith(MAGIC[: len(raw)]) or len(raw) < len(MAGIC):
        raise StoreError(path, "is not a JourneyMapper workshop (it is some other kind of file)")
    if len(raw) < HEADER_SIZE:
        raise StoreError(path, "is truncated: it ends inside the database header")
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreError(path, "is damaged: its database header is corrupt")
    write_version, read_version = raw[18], raw[19]
    if write_version not in (1, 2) or read_version not in (1, 2):
        raise StoreError(path, "is damaged: its database header is corrupt")
    (app_id,) = struct.unpack(">I", raw[68:72])
    change_counter, page_count = struct.unpack(">II", raw[24:32])
    (valid_for,) = struct.unpack(">I", raw[92:96])
    if app_id != APPLICATION_ID:
        raise StoreError(path, "is a database made by another program, "
                               "not a JourneyMapper workshop")
    if st.st_size % page_size:
        raise StoreError(path, "is truncated or damaged: its size is not a whole number of pages")
    # The page count in the header is only trusted when written by a modern SQLite.
    if valid_for == change_counter and page_count * page_size > st.st_size:
        raise StoreError(path, f"is truncated: {st.st_size} bytes of "
                               f"{page_count * page_size} are there")
    return Header(page_size, page_count, write_version == 2, app_id, st.st_size)
