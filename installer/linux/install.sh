#!/usr/bin/env bash
# Installs this bundle folder with its menu entry and icon.
#   ./install.sh            per user: ~/.local/opt/treasure-warehouse, ~/.local/share/applications
#   sudo ./install.sh       per machine: /opt/treasure-warehouse, /usr/share/applications
# PREFIX and DATA override the two places. The bundle runs its selftest first; a failing
# selftest stops the install.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "$(id -u)" -eq 0 ]; then PREFIX="${PREFIX:-/opt}"; DATA="${DATA:-/usr/share}"
else PREFIX="${PREFIX:-$HOME/.local/opt}"; DATA="${DATA:-$HOME/.local/share}"; fi
DEST="$PREFIX/treasure-warehouse"

TW_DATA_DIR="$(mktemp -d)" "$HERE/treasure-warehouse" selftest >/dev/null \
  || { echo "selftest failed: not installed (自检失败，未安装)" >&2; exit 1; }
mkdir -p "$PREFIX" "$DATA/applications" "$DATA/icons/hicolor/256x256/apps" "$DATA/icons/hicolor/scalable/apps"
if [ "$HERE" != "$DEST" ]; then rm -rf "$DEST.new"; cp -a "$HERE" "$DEST.new"; rm -rf "$DEST"; mv "$DEST.new" "$DEST"; fi
install -m 0644 "$DEST/treasure-warehouse.png" "$DATA/icons/hicolor/256x256/apps/treasure-warehouse.png"
install -m 0644 "$DEST/treasure-warehouse.svg" "$DATA/icons/hicolor/scalable/apps/treasure-warehouse.svg"
sed "s#^Exec=.*#Exec=\"$DEST/treasure-warehouse\"#" "$DEST/treasure-warehouse.desktop" \
  > "$DATA/applications/treasure-warehouse.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "installed: $DEST (menu: 珍宝仓鉴定工作站 Treasure Warehouse)"
