"""Entity ids: short random hex with a readable kind prefix, e.g. ``tp_3f9a0c12d4e1``."""

from __future__ import annotations

import os


def new_id(prefix: str) -> str:
    return f"{prefix}_{os.urandom(6).hex()}"  # as secrets.token_hex(6), without its imports
