#!/usr/bin/env bash
# Build the desktop app (one folder) and try it headless.
#
#   tools/build_app.sh [DIST]      # default DIST: dist/  -> DIST/JourneyMapper/journeymapper
#
# Needs the dev extras (pip install -e ".[dev]": PyInstaller) and, on Linux, binutils (objdump
# for PyInstaller, strip for the size). Prints the folder's size and runs the built executable
# on a copy of a sample: info, analyze --json, an Excel export and a picture of the map.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist}"
PY="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" \
  --workpath "$WORK/build" build_app.spec
APP="$DIST/JourneyMapper"
EXE="$APP/journeymapper"
echo "built: $EXE"
du -sh "$APP" | sed 's/^/size: /'

cp workshops/surgeon-practice.jmw "$WORK/sample.jmw"
export QT_QPA_PLATFORM=offscreen
"$EXE" info "$WORK/sample.jmw"
"$EXE" analyze "$WORK/sample.jmw" --json >"$WORK/analysis.json"
"$EXE" export "$WORK/sample.jmw" --to "$WORK/backlog.xlsx"
"$EXE" export "$WORK/sample.jmw" --to "$WORK/map.png"
echo "smoke test passed (info, analyze --json, .xlsx, .png)"
