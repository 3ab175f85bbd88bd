"""JourneyMapper: customer-journey workshops on a live, analysed swimlane map."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__version__ = "0.1.0"


def app_root() -> Path:
    """Where the shipped data folders (``workshops/``, ``resources/``) live: the repository in a
    checkout, or the unpacked bundle of a PyInstaller build."""
    import sys
    from pathlib import Path

    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent
