"""Start-up: from process start to the log-in window on screen, time and peak memory, beside a
bare PySide6 dialog measured in the same run. Each start is its own process (interpreter start
included), alternating the two, on the platform named by QT_QPA_PLATFORM (offscreen unless set).

Both processes go through the same probe: ``QDialog.exec`` is replaced by "show, wait until
the window is exposed, print the peak memory, exit", so the first modal dialog — the log-in
window for the workstation — ends the measurement at the moment a person could type.

Target (issue 15): the workstation's log-in window within 1.5x the time and memory of the bare
dialog. The data folder is prepared first (a database with accounts, so no setup assistant)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import figure, median

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("TW_BENCH_START_RUNS", "5"))

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

BARE = PROBE + r"""
app = QApplication(sys.argv[:1])
d = QDialog()
d.setWindowTitle("bare")
d.exec()
"""

WORKSTATION = PROBE + r"""
from app.cli import main
main(["--data-dir", sys.argv[1], "gui"])
"""


def _start(code: str, *args: str) -> tuple[float, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    out, _ = proc.communicate(timeout=120)
    elapsed = time.perf_counter() - t0
    line = next((ln for ln in out.splitlines() if ln.startswith("SHOWN ")), None)
    if line is None:
        raise RuntimeError(f"the window never showed (exit {proc.returncode}): {out[-500:]}")
    return elapsed * 1000, int(line.split()[1]) / 1024


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="tw-bench-start-") as tmp:
        data = str(Path(tmp) / "data")
        subprocess.run([sys.executable, "-m", "app", "--data-dir", data, "demo-data", "--items", "2"], cwd=ROOT,
                       check=True, capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        _start(BARE)  # warm the page cache for both before measuring
        _start(WORKSTATION, data)
        bare_t, bare_m, ours_t, ours_m = [], [], [], []
        for _ in range(RUNS):
            t, m = _start(BARE)
            bare_t.append(t)
            bare_m.append(m)
            t, m = _start(WORKSTATION, data)
            ours_t.append(t)
            ours_m.append(m)
    t_ours, t_bare, m_ours, m_bare = median(ours_t), median(bare_t), median(ours_m), median(bare_m)
    return [
        figure("start_to_login_window_median", t_ours, "ms", t_bare, "<= 1.5x a bare PySide6 dialog",
               t_ours <= 1.5 * t_bare),
        figure("start_to_login_window_peak_memory", m_ours, "MiB", m_bare, "<= 1.5x a bare PySide6 dialog",
               m_ours <= 1.5 * m_bare),
    ]
