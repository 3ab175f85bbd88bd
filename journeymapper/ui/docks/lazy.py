"""Docks whose content waits until it is needed: a tab behind another costs start-up nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDockWidget, QWidget


class LazyDock(QDockWidget):
    """The content is made (``_build_content``, once) when the dock first comes to the front,
    when ``ensure_content`` is called, or when anything asks for one of the attributes that
    ``CONTENT`` names, whichever comes first. ``built()`` says whether it is made."""

    CONTENT: frozenset[str] = frozenset()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._built = False
        self.visibilityChanged.connect(self._front)

    def built(self) -> bool:
        return self._built

    def _front(self, visible: bool) -> None:
        if visible:  # the tab came to the front (or the dock floats, or was restored in front)
            self.ensure_content()

    def ensure_content(self) -> None:
        if not self._built:
            self._built = True
            self._build_content()

    def _build_content(self) -> None:
        raise NotImplementedError

    def __getattr__(self, name: str) -> Any:
        """The content's attributes, made on first access."""
        if name in type(self).CONTENT and not self.__dict__.get("_built", True):
            self.ensure_content()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
