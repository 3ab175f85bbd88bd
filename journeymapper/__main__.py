"""``python -m journeymapper`` and the entry point of the PyInstaller build.

Start-up probe: with ``JM_EXIT_AFTER_PAINT=1`` in the environment, the process prints
``first-paint <time.time()>`` and exits as soon as a main window has been painted for the first
time (``benchmarks/bench_startup.py`` and ``tests/test_startup_imports.py`` use it; with
``JM_EXIT_AFTER_PAINT=modules`` it also prints the top-level modules imported by then, and on a
``jm-modules`` line the app's own modules).
"""

from __future__ import annotations

import os
import sys
import time

from journeymapper.cli import main

PROBE_ENV = "JM_EXIT_AFTER_PAINT"


def install_paint_probe() -> None:
    """Create the QApplication early (the app reuses it) and watch for the first paint of a
    QMainWindow; once that paint pass is over, report and leave at once."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class Probe(QObject):
        fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (not self.fired and event.type() == QEvent.Type.Paint
                    and isinstance(watched, QWidget) and watched.window().inherits("QMainWindow")):
                self.fired = True
                QTimer.singleShot(0, report)  # after the whole window's paint pass
            return False

    def report() -> None:
        print(f"first-paint {time.time():.6f}", flush=True)
        if os.environ.get(PROBE_ENV) == "modules":
            names = sorted({m.split(".")[0] for m in sys.modules})
            print("modules " + " ".join(names), flush=True)
            ours = sorted(m for m in sys.modules if m.startswith("journeymapper."))
            print("jm-modules " + " ".join(ours), flush=True)
        os._exit(0)

    probe = Probe(app)
    app.installEventFilter(probe)


if __name__ == "__main__":
    if os.environ.get(PROBE_ENV):
        install_paint_probe()
    raise SystemExit(main())
