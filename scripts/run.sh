#!/usr/bin/env bash
# Sets up (when needed) and starts the workstation in its embedded default:
# local SQLite in the data folder; devices and platform as configured (none on a first start).
# `bash scripts/run.sh gui --demo` runs on simulators and a local reference platform.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    echo "[run] no display found; starting under xvfb-run (set DISPLAY to use your screen)" >&2
    exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python -m app "$@"
  fi
  echo "[run] no display found (DISPLAY is empty); the window cannot be shown here." >&2
fi
exec .venv/bin/python -m app "$@"
