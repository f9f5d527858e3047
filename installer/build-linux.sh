#!/usr/bin/env bash
# Builds the Linux bundle: dist/treasure-warehouse/treasure-warehouse (PyInstaller, one folder),
# with the desktop entry, the icon and install.sh beside it; prints its size and largest parts.
#   bash installer/build-linux.sh            (uses .venv, or TW_BUILD_PYTHON)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${TW_BUILD_PYTHON:-$ROOT/.venv/bin/python}"
say() { printf '[build] %s\n' "$*" >&2; }

if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  say "installing the build extra (PyInstaller)"
  "$PY" -m pip install -q --disable-pip-version-check -e '.[build]'
fi
start=$(date +%s)
"$PY" -m app.ui.i18n compile >/dev/null  # translations are compiled at build time, never at the user's
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
  installer/treasure-warehouse.spec
BUNDLE="$ROOT/dist/treasure-warehouse"
install -m 0644 installer/linux/treasure-warehouse.desktop "$BUNDLE/treasure-warehouse.desktop"
install -m 0644 app/resources/icons/treasure-warehouse.png "$BUNDLE/treasure-warehouse.png"
install -m 0644 app/resources/icons/treasure-warehouse.svg "$BUNDLE/treasure-warehouse.svg"
install -m 0755 installer/linux/install.sh "$BUNDLE/install.sh"
say "built $BUNDLE/treasure-warehouse in $(( $(date +%s) - start )) s"
say "bundle size: $(du -sh "$BUNDLE" | cut -f1)"
say "largest parts:"
# awk keeps the first 12 itself: `head` would close the pipe early, and under pipefail the
# SIGPIPE that sort then gets fails the whole build once the bundle has more than 12 parts.
( cd "$BUNDLE/_internal" && { du -s --block-size=1M -- * .[!.]* 2>/dev/null || true; } | sort -rn \
    | awk 'NR <= 12 {printf "[build]   %6d MiB  %s\n", $1, $2}' ) >&2
