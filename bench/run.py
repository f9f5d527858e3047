"""Run the benchmarks and print one JSON object per figure:
{"name", "value", "unit", "baseline", "ratio", "target", "ok"}.

    python bench/run.py                # every bench/bench_*.py
    python bench/run.py foundation     # only bench_foundation.py
    python bench/run.py dossier        # search, dossier (bench_dossier.py) and dashboard (bench_dashboard.py)
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
sys.path.insert(0, str(HERE.parent))


# A group name runs several modules: ``dossier`` is search, the dossier and the dashboard (issue 13).
GROUPS = {"dossier": ("dossier", "dashboard")}


def modules(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if not names:
        return found
    wanted = {m for n in names for m in GROUPS.get(n.removeprefix("bench_").removesuffix(".py"),
                                                   (n.removeprefix("bench_").removesuffix(".py"),))}
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
