#!/usr/bin/env bash
# The separate CI job that explores: the property tests (the ones using Hypothesis) with a
# fresh random seed each run. The seed is printed first; a failure is reproduced with
#   TW_HYPOTHESIS_SEED=<seed> bash scripts/test.sh <the failing test>
# and then pinned with @example in the test before it is fixed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
SEED="${TW_HYPOTHESIS_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "hypothesis seed: $SEED"
mapfile -t FILES < <(grep -rl --include='test_*.py' -E '^from hypothesis|^import hypothesis' tests | sort)
exec .venv/bin/python -m pytest -q --hypothesis-seed="$SEED" "${FILES[@]}" "$@"
