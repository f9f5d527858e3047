"""Sounds: valid WAV tones, played through a real player process off the GUI thread, the
right one for each outcome, and the global feedback for a scan that broke off."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
import time
import wave
from array import array

import pytest
from PySide6.QtWidgets import QMainWindow

from app.ui import sound
from app.ui.intake.feedback import Banner


def _frames(data: bytes) -> tuple[wave.Wave_read, array]:
    w = wave.open(io.BytesIO(data), "rb")
    samples = array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return w, samples


@pytest.mark.parametrize("status", ["ok", "warn", "error"])
def test_tones_are_valid_pcm_wav_and_follow_the_volume(status):
    loud, quiet = sound.tone_wav(status, 100), sound.tone_wav(status, 30)
    assert loud[:4] == b"RIFF" and loud[8:16] == b"WAVEfmt "
    w, samples = _frames(loud)
    assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, sound.RATE)
    assert 0.1 < w.getnframes() / sound.RATE < 1.0  # heard, and over before the next scan
    assert max(samples) > 20_000 > max(_frames(quiet)[1]) > 0
    assert max(abs(s) for s in _frames(sound.tone_wav(status, 0))[1]) == 0


def test_the_three_sounds_are_distinct():
    assert len({sound.tone_wav(s, 70) for s in ("ok", "warn", "error")}) == 3
    assert [len(sound.PATTERNS[s]) for s in ("ok", "warn", "error")] == [2, 2, 3]


@pytest.fixture
def fake_paplay(tmp_path, monkeypatch):
    """A `paplay` on PATH that keeps a copy of every file it is asked to play."""
    bindir, out = tmp_path / "bin", tmp_path / "played"
    bindir.mkdir()
    out.mkdir()
    script = bindir / "paplay"
    script.write_text(f'#!/bin/sh\nn=$(ls "{out}" | wc -l)\ncp "$1" "{out}/$n-$(basename "$1")"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}/usr/bin{os.pathsep}/bin")
    previous = sound.player()
    yield out
    sound.set_player(previous)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for paplay")
def test_a_real_player_process_gets_the_right_wav(fake_paplay):
    player = sound.install(55)
    for status in ("error", "ok"):
        player.play(status)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(status in p.name for p in fake_paplay.iterdir()):
            time.sleep(0.02)  # waiting on a separate process, not racing a thread of ours
    played = sorted(fake_paplay.iterdir())
    assert [p.name.split("-", 1)[1] for p in played] == ["error-55.wav", "ok-55.wav"]
    assert played[0].read_bytes() == sound.tone_wav("error", 55)


def test_no_player_says_so_once_and_stays_quiet(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("PATH", str(tmp_path))
    previous = sound.player()
    try:
        with caplog.at_level(logging.WARNING, logger="tw.sound"):
            player = sound.install(70)
            player.play("error")
        assert player.backend is None and list(player.requested) == ["error"]
        assert len([r for r in caplog.records if "no sound player" in r.getMessage()]) == 1
    finally:
        sound.set_player(previous)


def test_volume_zero_is_off():
    player = sound.SoundPlayer(0, backend=lambda p, d: pytest.fail("played at volume 0"))
    player.play("error")
    assert list(player.requested) == []


@pytest.fixture
def recorder():
    rec = sound.SoundPlayer(70, backend=None)
    previous = sound.set_player(rec)
    yield rec
    sound.set_player(previous)


def test_banner_requests_the_sound_of_its_outcome(qtbot, recorder):
    banner = Banner()
    qtbot.addWidget(banner)
    for status in ("ok", "warn", "error", "info"):
        banner.show_message(status, status)
    banner.show_message("error", "quiet", sound=False)
    assert list(recorder.requested) == ["ok", "warn", "error"]


def test_garbled_scan_is_heard_and_shown_in_the_status_bar(qtbot, recorder):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    sound.garbled_scan("SF85497")
    assert list(recorder.requested) == ["error"]
    assert "SF85497" in window.statusBar().currentMessage()
