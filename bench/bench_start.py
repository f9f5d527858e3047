"""Start-up: from process start to the log-in window on screen, time and peak memory, beside a
bare PySide6 dialog measured in the same run. Each start is its own process (interpreter start
included), alternating the two, on the platform named by QT_QPA_PLATFORM (offscreen unless set).

Both processes go through the same probe: ``QDialog.exec`` is replaced by "show, wait until
the window is exposed, print the peak memory, exit", so the first modal dialog — the log-in
window for the workstation — ends the measurement at the moment a person could type.

Target (issue 15): the workstation's log-in window within 1.5x the time and memory of the bare
dialog. The data folder is prepared first (a database with accounts, so no setup assistant).

Both run with their bytecode compiled once beforehand (into the run's temporary folder, through
PYTHONPYCACHEPREFIX), as an installed copy or the bundle has it: with PYTHONDONTWRITEBYTECODE set
every start would otherwise compile the application's sources again (~20 ms here).

With TW_BENCH_START_CALLGRIND=1 each is also run once under valgrind's callgrind, and the
instructions executed up to the window are printed as a second figure that the machine's
load does not change (slow: a few seconds each)."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # also run as a script (python bench/bench_start.py)

from bench.common import figure, median  # noqa: E402

RUNS = int(os.environ.get("TW_BENCH_START_RUNS", "5"))
CALLGRIND = os.environ.get("TW_BENCH_START_CALLGRIND") == "1"

PROBE = r"""
import os, resource, sys
from PySide6.QtWidgets import QApplication, QDialog

def _shown(self, *args):
    self.show()
    app = QApplication.instance()
    while not (self.windowHandle() is not None and self.windowHandle().isExposed()):
        app.processEvents()
    app.processEvents()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(f"SHOWN {peak_kib}\n")
    sys.stdout.flush()
    os._exit(0)

QDialog.exec = _shown
"""

BARE = (
    PROBE
    + r"""
app = QApplication(sys.argv[:1])
d = QDialog()
d.setWindowTitle("bare")
d.exec()
"""
)

WORKSTATION = (
    PROBE
    + r"""
from app.cli import main
main(["--data-dir", sys.argv[1], "gui"])
"""
)


_ENV: dict[str, str] = {}  # set by run(): the run's bytecode folder


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | _ENV
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _start(code: str, *args: str) -> tuple[float, float, float]:
    """Wall time to the window (ms), peak memory (MiB) and CPU time of the process (ms)."""
    env = _env()
    cpu0 = _cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    out, _ = proc.communicate(timeout=120)
    elapsed = time.perf_counter() - t0
    cpu = _cpu() - cpu0
    line = next((ln for ln in out.splitlines() if ln.startswith("SHOWN ")), None)
    if line is None:
        raise RuntimeError(f"the window never showed (exit {proc.returncode}): {out[-500:]}")
    return elapsed * 1000, int(line.split()[1]) / 1024, cpu * 1000


def _instructions(tmp: str, code: str, *args: str) -> int:
    """Instructions executed (every thread) up to the window, counted by callgrind."""
    out = Path(tmp) / f"callgrind.{len(list(Path(tmp).glob('callgrind.*')))}"
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            "--dump-instr=no",
            sys.executable,
            "-c",
            code,
            *args,
        ],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        timeout=600,
        check=False,
    )
    found = re.search(r"^(?:summary|totals):\s*(\d+)", out.read_text(), re.M)
    if found is None:
        raise RuntimeError(f"no callgrind summary in {out}")
    return int(found.group(1))


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="tw-bench-start-") as tmp:
        data = str(Path(tmp) / "data")
        _ENV["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", data, "demo-data", "--items", "2"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env=_env(),
        )
        _start(BARE)  # compile and warm the page cache for both before measuring
        _start(WORKSTATION, data)
        bare_t, bare_m, ours_t, ours_m, bare_c, ours_c = [], [], [], [], [], []
        for _ in range(RUNS):
            t, m, c = _start(BARE)
            bare_t.append(t)
            bare_m.append(m)
            bare_c.append(c)
            t, m, c = _start(WORKSTATION, data)
            ours_t.append(t)
            ours_m.append(m)
            ours_c.append(c)
        ir = (_instructions(tmp, WORKSTATION, data), _instructions(tmp, BARE)) if CALLGRIND else None
    _ENV.clear()
    t_ours, t_bare, m_ours, m_bare = median(ours_t), median(bare_t), median(ours_m), median(bare_m)
    out = [
        figure(
            "start_to_login_window_median",
            t_ours,
            "ms",
            t_bare,
            "<= 1.5x a bare PySide6 dialog",
            t_ours <= 1.5 * t_bare,
        ),
        figure(
            "start_to_login_window_peak_memory",
            m_ours,
            "MiB",
            m_bare,
            "<= 1.5x a bare PySide6 dialog",
            m_ours <= 1.5 * m_bare,
        ),
        figure(
            "start_to_login_window_cpu_median",
            median(ours_c),
            "ms",
            median(bare_c),
            "CPU time of the process (less moved by the machine's load than the wall time)",
            median(ours_c) <= 1.5 * median(bare_c),
        ),
    ]
    if ir is not None:
        out.append(
            figure(
                "start_to_login_window_instructions",
                ir[0] / 1e6,
                "M instructions",
                ir[1] / 1e6,
                "<= 1.5x a bare PySide6 dialog (callgrind, independent of the load)",
                ir[0] <= 1.5 * ir[1],
            )
        )
    return out


if __name__ == "__main__":
    if CALLGRIND and shutil.which("valgrind") is None:
        raise SystemExit("TW_BENCH_START_CALLGRIND=1 needs valgrind")
    for f in run():
        print(json.dumps(f, ensure_ascii=False), flush=True)
