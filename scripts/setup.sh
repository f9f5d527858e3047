#!/usr/bin/env bash
# Prepares this checkout: system libraries (when missing), .venv, the package
# with its test extras, compiled translations. Safe to run again: it only does
# what is missing. Sourced by run.sh and test.sh; can also run alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '[setup] %s\n' "$*" >&2; }

# --- Python 3.11+ ----------------------------------------------------------
PY=""
for cand in "${TW_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
  [ -n "$cand" ] || continue
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$(command -v "$cand")"; break
  fi
done
[ -n "$PY" ] || { say "Python 3.11 or newer is required (set TW_PYTHON to its path)."; exit 1; }
PYVER="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"

# --- system packages (Debian/Ubuntu) -----------------------------------------
# libzbar0: pyzbar; poppler-utils/-data: pdftoppm and pdfsig for certificate checks;
# the libxcb/xkb/EGL set: Qt on a real display; libfontconfig/libdbus: Qt itself;
# xvfb/xdotool/x11-utils/imagemagick: tests/acceptance drives the real app under its own X server.
NEED_DEBS=(libzbar0 poppler-utils poppler-data libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3
           libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
           libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 socat
           xvfb xdotool x11-utils imagemagick)
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then NEED_DEBS+=("python${PYVER}-venv"); fi
if command -v dpkg-query >/dev/null 2>&1; then
  MISSING=()
  for p in "${NEED_DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || MISSING+=("$p")
  done
  if [ "${#MISSING[@]}" -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    if [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; then
      say "missing system packages: ${MISSING[*]} (install them as root: apt-get install ${MISSING[*]})"
    else
      say "installing system packages: ${MISSING[*]}"
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null \
        || say "some system packages could not be installed: ${MISSING[*]}"
    fi
  fi
fi

# --- virtual environment -----------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $PY"
  "$PY" -m venv .venv
fi
STAMP=".venv/.tw-installed"
WANT="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  say "installing the workstation and its test tools into .venv (first time takes a few minutes)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
  echo "$WANT" > "$STAMP"
fi

# --- translations (.ts -> .qm) -------------------------------------------------
.venv/bin/python -m app.ui.i18n compile >/dev/null
