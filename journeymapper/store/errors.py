"""The one error the store raises: a single readable line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Opening, creating or writing a workshop file failed; ``str()`` is one line for the user."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
