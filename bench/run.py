"""Run the benchmarks and print one JSON object per figure:
{"name", "value", "unit", "baseline", "ratio", "target", "ok"}.

    python bench/run.py                # every bench/bench_*.py
    python bench/run.py foundation     # only bench_foundation.py
    python bench/run.py dossier        # search, dossier and dashboard (bench_dossier.py, bench_dashboard.py)
    python bench/run.py faults         # sync --once through the fault proxy (bench_faults.py)
    python bench/run.py lookup scan    # figures by name (issue 16: lookup, receive, receive_pg,
                                       # round_trip, scan, sync_drain, stations)
    python bench/run.py --one start    # one module (or --one MODULE FIGURE) in this process
    python bench/run.py bench_receive  # every figure of one module (when a figure has its name)
    TW_BENCH_ITEMS=100000 python bench/run.py foundation   # a smaller database

Each module exposes run() -> list[dict], or FIGURES = {"name": fn, ...} for several figures.
Every figure (or module without FIGURES) runs in a process of its own, so one benchmark's
memory, caches or threads never colour another's. Baselines are measured in the same run,
so the ratios mean something on whatever machine runs them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A name that also runs its companions (issue 13: search, dossier and dashboard figures together).
GROUPS = {"dossier": ("dossier", "dashboard")}
sys.path.insert(0, str(HERE.parent))


# Figure names that are not a module's name (issue 16's names for the older modules).
ALIASES = {"scan": "intake", "sync_drain": "sync"}


def figures_of(path: Path) -> list[str]:
    """The figure names a module declares in FIGURES (read from its text: importing it here
    would load what the figure's own process is meant to load alone)."""
    match = re.search(r"^FIGURES = \{(.*)\}$", path.read_text(), re.M)
    return re.findall(r'"(\w+)":', match.group(1)) if match else []


def jobs(names: list[str]) -> list[tuple[Path, str | None]]:
    found = sorted(HERE.glob("bench_*.py"))
    out: list[tuple[Path, str | None]] = []
    wanted = {ALIASES.get(n, n).removeprefix("bench_").removesuffix(".py") for n in names}
    wanted |= {m for n in wanted for m in GROUPS.get(n, ())}  # a group names several modules
    # A figure's name means that figure alone, even where a module has the same name
    # (``receive`` is a figure of bench_receive.py; ``bench_receive`` still runs them all).
    figure_names = {f for path in found for f in figures_of(path)}
    whole = {n.removeprefix("bench_").removesuffix(".py") for n in names if n.startswith("bench_")}
    modules = (wanted - figure_names) | whole
    for path in found:
        module = path.stem.removeprefix("bench_")
        figs = figures_of(path)
        if not names or module in modules:
            out += [(path, f) for f in figs] or [(path, None)]
        else:
            out += [(path, f) for f in figs if f in wanted]
    return out


def run_one(module: str, fig: str | None) -> int:
    """One module's figures (or one figure of it), printed here: the child process of main().
    The module is imported as ``bench.bench_NAME`` with the checkout on sys.path, so it works
    from a clean checkout whether or not the module has a ``__main__`` block of its own."""
    import importlib

    mod = importlib.import_module(f"bench.bench_{module.removeprefix('bench_').removesuffix('.py')}")
    figures = getattr(mod, "FIGURES", None)
    with LoadWatch() as load:
        results = figures[fig]() if fig and figures else mod.run()
    for f in results:
        # A timing on a shared 2-core machine is read beside the load it ran under.
        f.setdefault("load_avg_1min_max", load.peak)
        f.setdefault("cpus", os.cpu_count())
        print(json.dumps(f, ensure_ascii=False), flush=True)
    return 0


class LoadWatch:
    """The highest 1-minute load average seen (once a second) while a figure ran."""

    def __init__(self) -> None:
        self.peak = round(os.getloadavg()[0], 2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(1.0):
            self.peak = max(self.peak, round(os.getloadavg()[0], 2))

    def __enter__(self) -> LoadWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, round(os.getloadavg()[0], 2))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"] and len(argv) in (2, 3):
        return run_one(argv[1], argv[2] if len(argv) == 3 else None)
    failed = 0
    for path, fig in jobs(argv):
        proc = subprocess.run(
            [sys.executable, str(HERE / "run.py"), "--one", path.stem, *([fig] if fig else [])],
            cwd=HERE.parent,
            stdout=subprocess.PIPE,
            text=True,
        )
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        for line in lines:
            print(line, flush=True)
            failed += 0 if json.loads(line).get("ok", True) else 1
        if proc.returncode != 0 or not lines:
            failed += 1
            print(json.dumps({"name": fig or path.stem, "error": f"exit status {proc.returncode}"}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
