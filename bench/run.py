"""Run the benchmarks and print one JSON object per figure:
{"name", "value", "unit", "baseline", "ratio", "target", "ok"}.

    python bench/run.py                # every bench/bench_*.py
    python bench/run.py foundation     # only bench_foundation.py
    python bench/run.py dossier        # search, dossier and dashboard (bench_dossier.py, bench_dashboard.py)
    python bench/run.py faults         # sync --once through the fault proxy (bench_faults.py)
    TW_BENCH_ITEMS=100000 python bench/run.py foundation   # a smaller database

Each module exposes run() -> list[dict]. Baselines are measured in the same run,
so the ratios mean something on whatever machine runs them.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A name that also runs its companions (issue 13: search, dossier and dashboard figures together).
GROUPS = {"dossier": ("dossier", "dashboard")}
sys.path.insert(0, str(HERE.parent))


def modules(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if not names:
        return found
    wanted = {n.removeprefix("bench_").removesuffix(".py") for n in names}
    wanted |= {m for n in wanted for m in GROUPS.get(n, ())}
    return [p for p in found if p.stem.removeprefix("bench_") in wanted]


def main(argv: list[str]) -> int:
    failed = 0
    for path in modules(argv):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            for figure in module.run():
                print(json.dumps(figure, ensure_ascii=False), flush=True)
                failed += 0 if figure.get("ok", True) else 1
        except Exception as exc:  # noqa: BLE001 - one broken bench must not hide the others
            failed += 1
            print(json.dumps({"name": path.stem, "error": f"{exc.__class__.__name__}: {exc}"}), flush=True)
            traceback.print_exc(file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
