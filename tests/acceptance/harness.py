"""Drive the real workstation under its own X server with real X input only.

- ``XServer``: an Xvfb on a free display (``-displayfd`` picks it), the screen size asked for.
- ``X``: what a person and a scanner do there, through xdotool (typing at a given key delay,
  Shift for capitals as a USB keyboard does; keys; clicks), plus window lookup and sizes
  (xwininfo) and screenshots (ImageMagick ``import``) saved as artifacts.
- ``Workstation``: ``python -m app gui --demo`` in a data folder, with its log.
- ``Records``: the workstation's SQLite database opened read-only, to check what each step
  wrote (rows, audit entries, outbox events).

Nothing here reaches into the application's objects: what is checked is what a person sees
(screenshots, window sizes) and what the station recorded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "xwininfo")
# Nothing listens here (our port range): sync stays offline, events stay in the outbox.
OFFLINE_PLATFORM = "http://127.0.0.1:18199"


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def wait_until(check: Callable[[], Any], timeout: float, what: str, every: float = 0.1) -> Any:
    """Poll another process's state (a window, a database row) until ``check`` is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


class XServer:
    def __init__(self, width: int = 1366, height: int = 768) -> None:
        self.width, self.height = width, height
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            self.proc.kill()
            raise RuntimeError("Xvfb did not report a display number")
        self.display = f":{number}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


class X:
    """xdotool/xwininfo/import on one display; screenshots numbered into ``artifacts``."""

    def __init__(self, display: str, artifacts: Path) -> None:
        self.display = display
        self.artifacts = artifacts
        self.env = dict(os.environ, DISPLAY=display)
        self.station_log: Path | None = None  # the running workstation's log (set when it starts)
        self._shots = 0

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(list(args), env=self.env, capture_output=True, text=True, timeout=60)
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[:300]}")
        return done.stdout

    # --- windows --------------------------------------------------------------------
    def windows(self) -> set[int]:
        """Ids of the visible windows (one xdotool run)."""
        out = self.run("xdotool", "search", "--onlyvisible", "--name", "", check=False)
        return {int(w) for w in out.split()}

    def find(self, title: str) -> int | None:
        """A visible window whose title matches the regular expression ``title``."""
        out = self.run("xdotool", "search", "--onlyvisible", "--name", title, check=False)
        ids = [int(w) for w in out.split()]
        return ids[0] if ids else None

    def wait_window(self, title: str, timeout: float = 60) -> int:
        return wait_until(lambda: self.find(title), timeout, f"a window titled /{title}/")

    def focus(self, wid: int) -> None:
        """Give the window the keyboard (there is no window manager to do it on a click)."""
        self.run("xdotool", "windowfocus", "--sync", str(wid))

    def geometry(self, wid: int) -> dict[str, int]:
        info = self.run("xwininfo", "-id", str(wid))
        get = {
            k: int(re.search(rf"{k}:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
            for k in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        }
        return {
            "x": get["Absolute upper-left X"],
            "y": get["Absolute upper-left Y"],
            "width": get["Width"],
            "height": get["Height"],
        }

    def min_size(self, wid: int) -> tuple[int, int] | None:
        """The minimum size the program asks of the window manager (WM_NORMAL_HINTS)."""
        m = re.search(
            r"Program supplied minimum size:\s+(\d+) by (\d+)", self.run("xwininfo", "-size", "-id", str(wid))
        )
        return (int(m.group(1)), int(m.group(2))) if m else None

    # --- input ----------------------------------------------------------------------
    def type(self, text: str, delay_ms: int, *, then: str = "") -> None:
        """Keys as a keyboard sends them (press and release, Shift for capitals), then the key
        ``then`` (e.g. "Return"). One xdotool run (a script on stdin), so a burst and its
        Return are not split by a process start-up."""
        if '"' in text or "\n" in text:
            raise ValueError("type() takes one line without double quotes")
        script = f'type --delay {delay_ms} "{text}"\n' + (f"key {then}\n" if then else "")
        done = subprocess.run(["xdotool", "-"], input=script, env=self.env, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise AssertionError(f"xdotool type failed: {done.stderr.strip()[:300]}")

    def scan(self, code: str) -> None:
        """A USB wedge scanner: 8 ms a key, Shift for capitals, then Return.

        On this shared 2-core machine xdotool itself can be starved for longer than the
        burst gap, so the station (rightly) reports the scan as incomplete; a clerk then
        scans again, and so does this, at most twice more. The station's own log says so."""
        for _attempt in range(3):
            before = self._incomplete_scans()
            self.type(code, 8, then="Return")
            time.sleep(0.6)  # the burst gap and the report's trip to the log
            if self._incomplete_scans() == before:
                return

    def _incomplete_scans(self) -> int:
        log = self.station_log
        if log is None or not log.exists():
            return 0
        return log.read_text(encoding="utf-8", errors="replace").count("incomplete scan, not used")

    def key(self, *names: str) -> None:
        self.run("xdotool", "key", "--delay", "60", *names)

    def click(self, x: int, y: int) -> None:
        self.run("xdotool", "mousemove", str(x), str(y), "click", "1")  # no --sync: it waits forever when already there

    # --- what is on the screen ------------------------------------------------------
    def pixels(self) -> Any:
        """The screen now as an array of rows of RGB pixels (ImageMagick's PPM, no file)."""
        import numpy as np

        ppm = subprocess.run(
            ["import", "-window", "root", "-depth", "8", "ppm:-"],
            env=self.env,
            capture_output=True,
            timeout=60,
            check=True,
        ).stdout
        m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
        assert m, "import did not give a PPM"
        width, height = int(m.group(1)), int(m.group(2))
        return np.frombuffer(ppm[m.end() :], np.uint8, width * height * 3).reshape(height, width, 3)

    def colour_count(self, rgb: str, left: int = 0) -> int:
        """How many pixels right of ``left`` have exactly the colour ``rgb`` ("#b3261e"): a
        status colour appearing."""
        return int(self._colour_mask(rgb, left).sum())

    def colour_box(self, rgb: str, left: int = 0) -> tuple[int, int, int, int] | None:
        """Left, top, right, bottom of the pixels right of ``left`` of exactly that colour
        (a red frame; the focus frame)."""
        import numpy as np

        ys, xs = np.nonzero(self._colour_mask(rgb, left))
        return (int(xs.min()) + left, int(ys.min()), int(xs.max()) + left, int(ys.max())) if len(xs) else None

    def _colour_mask(self, rgb: str, left: int) -> Any:
        want = [int(rgb.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
        return (self.pixels()[:, left:] == want).all(axis=2)

    # --- evidence -------------------------------------------------------------------
    def screenshot(self, name: str) -> Path | None:
        """The whole screen as a PNG artifact (skipped quietly without ImageMagick)."""
        if shutil.which("import") is None:
            return None
        self._shots += 1
        path = self.artifacts / f"{self._shots:02d}-{name}.png"
        self.run("import", "-window", "root", str(path))
        return path


class Workstation:
    """The application as a clerk starts it, in its own data folder."""

    def __init__(
        self, display: str, data_dir: Path, lang: str, log: Path, extra_env: dict[str, str] | None = None
    ) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "TW_"))}
        env.update(
            DISPLAY=display,
            TW_DATA_DIR=str(data_dir),
            TW_LANG=lang,
            TW_PLATFORM_URL=OFFLINE_PLATFORM,
            QT_QPA_PLATFORM="xcb",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra_env or {})  # e.g. TW_SCALE_PORT: a device the test drives over its own pty
        self.data_dir = data_dir
        self.log = log
        self._out = log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app", "gui", "--demo"],
            cwd=ROOT,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        # The station writes its own log in its data folder, which the suite deletes: keep it
        # beside the screenshots, so a failure (or a crash) can be read afterwards.
        own = self.data_dir / "logs" / "workstation.log"
        if own.exists():
            self._out.write(own.read_bytes())
        self._out.close()


class Records:
    """The workstation's database, read-only (the application keeps writing it)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        try:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute(sql, params)]
        finally:
            con.close()

    def one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        found = self.rows(sql, *params)
        return found[0] if found else None

    def last_outbox_seq(self) -> int:
        return int(self.one("SELECT COALESCE(MAX(seq), 0) AS n FROM outbox")["n"])  # type: ignore[index]

    def events_after(self, seq: int) -> list[dict[str, Any]]:
        events = self.rows(
            "SELECT seq, type, asn_id, line_id, item_tag, payload FROM outbox WHERE seq > ? ORDER BY seq", seq
        )
        for e in events:
            e["payload"] = json.loads(e["payload"]) if isinstance(e["payload"], str) else e["payload"]
        return events

    def audit_count(self) -> int:
        return int(self.one("SELECT COUNT(*) AS n FROM audit_log")["n"])  # type: ignore[index]
