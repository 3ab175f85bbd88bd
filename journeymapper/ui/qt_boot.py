"""Qt for Python set-up that must run before the rest of the UI is imported.

PySide6 looks at every module imported after it, to know which ones may opt in to its
``from __feature__ import ...`` switches. It decides by ``inspect.getsource(module)`` and a
search for the word "PySide6": for each of the ~150 modules a window loads that is a trip
through ``inspect`` and ``linecache`` (about 10 ms of a start from source). The same question
is answered here by reading the file's bytes. Modules without a ``.py`` file (built-in,
compiled, or frozen in the PyInstaller build) still get PySide6's own answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - loads PySide6's feature support, which is patched below

_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def _reads_the_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.jm_fast = True  # type: ignore[attr-defined]
    return uses_pyside


def speed_up_feature_check() -> bool:
    """Swap PySide6's source check for the byte search (idempotent); False where this PySide6
    has no such check, which leaves it as it is."""
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        check = getattr(feature, "_mod_uses_pyside", None)
        if callable(check):
            if not getattr(check, "jm_fast", False):
                feature._mod_uses_pyside = _reads_the_file(check)  # type: ignore[union-attr]
            return True
    return False


speed_up_feature_check()
