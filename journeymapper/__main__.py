"""``python -m journeymapper`` and the entry point of the PyInstaller build."""

from journeymapper.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
