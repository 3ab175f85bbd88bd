"""The self-saving .jmw workshop file: SQLite through SQLAlchemy 2, migrated by Alembic.

Every edit applied to an open file's Document is committed in one transaction as it happens.
"""

from .errors import StoreError
from .migrate import SCHEMA_HEAD
from .schema import APPLICATION_ID
from .workshop import WorkshopFile

__all__ = ["APPLICATION_ID", "SCHEMA_HEAD", "StoreError", "WorkshopFile"]
