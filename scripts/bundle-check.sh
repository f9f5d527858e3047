#!/usr/bin/env bash
# Builds the Linux bundle (installer/build-linux.sh) and runs it the way a warehouse PC would:
# a copy of dist/ in a temporary folder, started from elsewhere, no source tree, no PYTHONPATH.
# It must print its version, pass its selftest, make demo data, export a signed certificate
# and verify it offline (a demo certificate: the signature holds and it is named a demo), and
# catch a certificate changed after signing. CI runs this after the test suite (.ci/run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '[bundle] %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

if [ "${TW_BUNDLE_SKIP_BUILD:-}" != "1" ]; then bash "$ROOT/installer/build-linux.sh"; fi
[ -x "$ROOT/dist/treasure-warehouse/treasure-warehouse" ] || fail "no bundle at dist/treasure-warehouse"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tw-bundle.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp -a "$ROOT/dist/treasure-warehouse" "$WORK/app"
mkdir -p "$WORK/elsewhere"
cd "$WORK/elsewhere"
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
export TW_DATA_DIR="$WORK/data" QT_QPA_PLATFORM=offscreen TW_LANG=zh_CN
B="$WORK/app/treasure-warehouse"
run() { say "\$ treasure-warehouse $*"; env -i HOME="$WORK" PATH=/usr/bin:/bin LANG=C.UTF-8 TW_DATA_DIR="$TW_DATA_DIR" \
          QT_QPA_PLATFORM=offscreen "$B" "$@"; }

version="$(run --version)"; echo "$version"
[[ "$version" == "treasure-warehouse "* ]] || fail "--version printed: $version"
run selftest || fail "selftest"
run demo-data --items 5 > "$WORK/demo.json" || fail "demo-data"
cert="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["certificates"][0])' "$WORK/demo.json")" \
  || fail "demo-data made no certificate: $(cat "$WORK/demo.json")"
run certificate export "$cert" --out "$WORK/cert.pdf" || fail "certificate export"
verdict() { python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])'; }
code="$(run verify --offline --json "$WORK/cert.pdf" | verdict)" || true
[ "$code" = "demo_certificate" ] || fail "verify --offline said '$code' for a demo certificate just issued"
python3 - "$WORK/cert.pdf" "$WORK/changed.pdf" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) // 3] ^= 1  # one bit inside the signed byte range
open(sys.argv[2], "wb").write(data)
PY
code="$(run verify --offline --json "$WORK/changed.pdf" | verdict)" || true
[ "$code" = "bad_signature" ] || fail "verify --offline said '$code' for a certificate changed after signing"
say "bundle passed: --version, selftest, demo-data, certificate export, verify --offline"

