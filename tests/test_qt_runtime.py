"""DESIGN.md §9: PySide6 6.12.0 on CPython 3.11 corrupts the refcount of None on every Qt call that
returns nothing, and a busy canvas dies with "Fatal Python error: none_dealloc". The pin in
pyproject.toml avoids it; this test makes sure the installed pair survives a busy program."""

from __future__ import annotations

import os
import subprocess
import sys

import PySide6

SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)
before = sys.getrefcount(None)
for i in range(300_000):           # each call returns None from C++
    item.setPos(i % 97, i % 89)
    item.setZValue(i % 3)
scene.clear()
print("ok", sys.getrefcount(None) - before)
"""


def test_installed_pyside6_is_not_the_broken_pair() -> None:
    broken = sys.version_info[:2] == (3, 11) and PySide6.__version__.startswith("6.12.0")
    assert not broken, "PySide6 6.12.0 on Python 3.11 crashes busy programs (DESIGN.md §9)"


def test_many_void_qt_calls_exit_cleanly() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("ok"), proc.stdout
    assert "none_dealloc" not in proc.stderr
