#!/usr/bin/env bash
# Sets up (when needed) and runs the whole test suite, offscreen.
# Property tests run with a fixed Hypothesis seed, so a run is reproducible and a failure
# is a change in the code, not a new draw; scripts/test-random.sh explores fresh seeds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q --hypothesis-seed="${TW_HYPOTHESIS_SEED:-20261202}" "$@"
