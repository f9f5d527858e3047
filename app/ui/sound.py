"""Sounds a clerk hears from a step away: one for done, one for look, one for stop.

PySide6-Essentials has no multimedia module and the X bell is silent on most machines, so
the tones are generated here as small WAV files and played by what the system has:
``winsound`` on Windows, ``paplay`` / ``pw-play`` / ``aplay`` (``afplay`` on macOS)
elsewhere, on one worker thread so the GUI thread never waits. Without any of them the
workstation says so once in its log and stays quiet (the coloured banner still shows).

    sound.install(config.sound_volume)   # at start-up (app/ui/main.py install_scanner)
    sound.play("ok" | "warn" | "error")  # "info" is silent
    sound.garbled_scan(text)             # a scan that broke off: heard and shown, wherever focus is
"""

from __future__ import annotations

import io
import logging
import math
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from array import array
from collections import deque
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("tw.sound")

RATE = 22_050
# status -> (frequency Hz, milliseconds, pause after ms, square wave) per tone: one rising
# chime for done, two mid beeps for look, three low buzzes for stop.
PATTERNS: dict[str, tuple[tuple[float, int, int, bool], ...]] = {
    "ok": ((880.0, 70, 0, False), (1318.5, 130, 0, False)),
    "warn": ((660.0, 140, 90, False), (660.0, 140, 0, False)),
    "error": ((220.0, 180, 70, True), (220.0, 180, 70, True), (220.0, 260, 0, True)),
}
PLAYERS = ("paplay", "pw-play", "aplay", "afplay")


def tone_wav(status: str, volume: int) -> bytes:
    """16-bit mono PCM WAV of the status's pattern; amplitude follows the volume (0–100)."""
    level = max(0, min(100, volume)) / 100
    amp = 0.85 * 32767 * level * level  # loudness is heard roughly as the square
    samples = array("h")
    for freq, ms, pause_ms, square in PATTERNS[status]:
        n = RATE * ms // 1000
        ramp = max(1, RATE * 5 // 1000)  # 5 ms fade in/out: no clicks
        for i in range(n):
            s = math.sin(2 * math.pi * freq * i / RATE)
            if square:
                s = 0.6 * (1.0 if s >= 0 else -1.0) + 0.4 * s
            env = min(1.0, i / ramp, (n - 1 - i) / ramp)
            samples.append(int(amp * env * s))
        samples.extend([0] * (RATE * pause_ms // 1000))
    if sys.byteorder == "big":
        samples.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    return buf.getvalue()


def find_backend() -> Callable[[Path, bytes], None] | None:
    """How this machine plays a WAV, or None."""
    if sys.platform == "win32":
        import winsound

        return lambda _path, data: winsound.PlaySound(data, winsound.SND_MEMORY | winsound.SND_NODEFAULT)
    for name in PLAYERS:
        exe = shutil.which(name)
        if exe:
            args = [exe, "-q"] if name == "aplay" else [exe]
            return lambda path, _data: _run([*args, str(path)])
    return None


def _run(cmd: list[str]) -> None:
    done = subprocess.run(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=10, check=False
    )
    if done.returncode != 0:
        raise OSError(f"{Path(cmd[0]).name} exited {done.returncode}: {done.stderr.decode(errors='replace')[:200]}")


class SoundPlayer:
    """Plays the three sounds off the GUI thread; at most one waits behind the one playing."""

    def __init__(self, volume: int = 70, backend: Callable[[Path, bytes], None] | None = None) -> None:
        self.volume = max(0, min(100, int(volume)))
        self.backend = backend
        self.requested: deque[str] = deque(maxlen=50)  # the last sounds asked for (tests read them)
        self._queue: queue.Queue[str] = queue.Queue(maxsize=1)
        self._files: dict[str, Path] = {}
        self._dir: Path | None = None
        self._failed = False
        self._thread: threading.Thread | None = None

    def play(self, status: str) -> None:
        if status not in PATTERNS or self.volume == 0:
            return
        self.requested.append(status)
        if self.backend is None:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="tw-sound", daemon=True)
            self._thread.start()
        try:
            self._queue.put_nowait(status)
        except queue.Full:
            pass  # a sound is already waiting: a burst of outcomes is not replayed as a backlog

    def _file(self, status: str) -> Path:
        if status not in self._files:
            if self._dir is None:
                self._dir = Path(tempfile.mkdtemp(prefix="tw-sound-"))
            path = self._dir / f"{status}-{self.volume}.wav"
            path.write_bytes(tone_wav(status, self.volume))
            self._files[status] = path
        return self._files[status]

    def _work(self) -> None:
        while True:
            status = self._queue.get()
            try:
                path = self._file(status)
                assert self.backend is not None
                self.backend(path, path.read_bytes())
            except Exception as exc:  # noqa: BLE001 - a missing sound device must not stop the work
                if not self._failed:
                    log.warning("sound could not be played (%s); further failures are not logged", exc)
                    self._failed = True


_player = SoundPlayer(volume=0)  # silent until install(): tests and tools make no noise


def install(volume: int, backend: Callable[[Path, bytes], None] | None = None) -> SoundPlayer:
    global _player
    backend = backend or find_backend()
    if backend is None:
        log.warning("no sound player found (winsound, %s): scan sounds are off", ", ".join(PLAYERS))
    else:
        log.info("scan sounds at volume %s", volume)
    _player = SoundPlayer(volume, backend)
    return _player


def set_player(player: SoundPlayer) -> SoundPlayer:
    global _player
    previous, _player = _player, player
    return previous


def player() -> SoundPlayer:
    return _player


def play(status: str) -> None:
    _player.play(status)


def garbled_scan(text: str) -> None:
    """A burst at scanner speed broke off (no Enter, a stray key): sound the error and say
    so in the active window's status bar, or beside the focused field in a dialog."""
    from PySide6.QtCore import QCoreApplication, QRect
    from PySide6.QtGui import QCursor
    from PySide6.QtWidgets import QApplication, QMainWindow, QToolTip

    shown = text if len(text) <= 24 else text[:24] + "…"
    message = QCoreApplication.translate(
        "ScanFeedback", "Incomplete scan, not used: %1 — scan again (check the scanner's Enter suffix)"
    ).replace("%1", "".join(ch if ch.isprintable() else "·" for ch in shown))
    play("error")
    log.info("incomplete scan, not used: %r", shown)  # support can see how often the scanner breaks off
    window = QApplication.activeWindow()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 8000)
        return
    focus = QApplication.focusWidget()
    pos = focus.mapToGlobal(focus.rect().bottomLeft()) if focus is not None else QCursor.pos()
    QToolTip.showText(pos, message, focus, QRect(), 8000)
