"""Errors the core raises for the UI and the command line to show as one line."""

from __future__ import annotations


class EditError(ValueError):
    """An edit was refused; the document is unchanged."""
