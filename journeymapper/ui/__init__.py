"""The PySide6 user interface. Importing the package first sets up Qt for Python
(``qt_boot``), before any of its modules are loaded."""

from journeymapper.ui import qt_boot as _qt_boot  # noqa: F401 - must come first
