"""The self-saving .jmw workshop file: SQLite through SQLAlchemy 2, migrated by Alembic.

::

    with WorkshopFile.open(path) as wf:     # StoreError (one line) if the file is not usable
        wf.document.apply(edit)             # committed to disk before apply returns

- Every edit applied to an open file's Document is committed in one transaction (WAL,
  synchronous=NORMAL); if the write fails, StoreError propagates and Document.apply rolls the
  edit back, so screen and file never disagree.
- Opening checks the file's header bytes, then its integrity, schema revision and every row on a
  connection that cannot change it; a bad file is refused and left exactly as it was.
- A file you may not write (or whose folder you may not write) opens read-only with a ``notice``.
- One writer per file, held by an OS lock on ``NAME.jmw-lock``: a second ``open`` raises
  StoreError("... is already open in another JourneyMapper window"), or with
  ``read_only_if_locked=True`` opens a read-only view with a notice.
- An older file is backed up beside itself (``NAME.jmw.r1.bak``) and migrated on open; a file
  from a newer JourneyMapper is refused.
- ``create`` and ``save_as`` write a temporary file and rename it, so a file appears whole or not
  at all; neither overwrites an existing file unless ``overwrite=True``.
- Opening a file already at the newest revision imports neither SQLAlchemy nor Alembic (they cost
  a few hundred milliseconds of start-up). Creating, migrating and the first write import them;
  call ``warm_up()`` once the window is up (say from a short QTimer) so the first edit does not
  pay for that.
"""

from .errors import StoreError
from .migrate import SCHEMA_HEAD
from .rows import APPLICATION_ID
from .workshop import WorkshopFile
from .writer import warm_up

__all__ = ["APPLICATION_ID", "SCHEMA_HEAD", "StoreError", "WorkshopFile", "warm_up"]
