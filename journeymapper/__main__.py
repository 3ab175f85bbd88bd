"""``python -m journeymapper`` and the entry point of the PyInstaller build.

Start-up probe: with ``JM_EXIT_AFTER_PAINT=1`` in the environment, the process prints
``first-paint <time.time()>`` and exits as soon as a main window has been painted for the first
time (``benchmarks/bench_startup.py`` and ``tests/test_startup_imports.py`` use it; with
``JM_EXIT_AFTER_PAINT=modules`` it also prints the top-level modules imported by then, and on a
``jm-modules`` line the app's own modules, and on a ``support-loader`` line what loaded PySide6's
signature support; with ``JM_EXIT_AFTER_PAINT=types``, on a ``qt-types``
line, the Qt for Python classes made by then: PySide6 makes each class, and its enums, when it is
first named, and the benchmark's floor row makes the same ones).
"""

from __future__ import annotations

import os
import sys
import time

from journeymapper.cli import main

PROBE_ENV = "JM_EXIT_AFTER_PAINT"


def qt_types_made() -> list[str]:
    """``module.Class`` for each Qt for Python class made so far (a lazily made class is in its
    module's namespace only once it has been named)."""
    made = []
    for name in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"):
        module = sys.modules.get(name)
        if module is not None:
            made += [f"{name}.{k}" for k, v in vars(module).items() if isinstance(v, type)]
    return made


def install_paint_probe() -> None:
    """Create the QApplication early (the app reuses it) and watch for the first paint of a
    QMainWindow; once that paint pass is over, report and leave at once.

    The filter watches the application only until the first event of a main window, then that
    window alone: an application-wide Python filter sees every event of every widget and makes
    PySide6 wrap each of them, which slowed the very start-up it measured by 40-60 ms.
    ``benchmarks/bench_startup.py`` gives its bare baseline window the same probe.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class Probe(QObject):
        window: QObject | None = None  # the main window, once it has had an event
        fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.window is None and watched.inherits("QMainWindow"):
                self.window = watched
                app.removeEventFilter(self)
                watched.installEventFilter(self)
            # Once moved, the filter sees the window's own events only (the first one can come
            # while the window is being constructed, under another wrapper: no identity test).
            if not self.fired and self.window is not None and event.type() == QEvent.Type.Paint:
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
            support = getattr(sys.modules.get("shibokensupport"), "__loader__", None)
            # where PySide6's signature support came from (the build ships it compiled)
            print(f"support-loader {type(support).__name__}", flush=True)
        elif os.environ.get(PROBE_ENV) == "types":
            print("qt-types " + " ".join(qt_types_made()), flush=True)
        os._exit(0)

    probe = Probe(app)
    app.installEventFilter(probe)


if __name__ == "__main__":
    if os.environ.get(PROBE_ENV):
        install_paint_probe()
    raise SystemExit(main())
