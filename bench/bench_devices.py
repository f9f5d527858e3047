"""Device layer figures: driver overhead for one stable reading against a bare pyserial
write+readline of the same reply (same pty, same run), and camera preview frame rate with
barcode decoding on against the source's own rate at 1280x720.

``run()`` returns figures for bench/run.py; ``python bench/bench_devices.py`` prints one
JSON object per line.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _figure(name, value, unit, baseline, target, ok, ratio=None):
    if ratio is None:
        ratio = round(value / baseline, 3) if baseline else None
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "baseline": round(baseline, 4),
        "ratio": ratio,
        "target": target,
        "ok": bool(ok),
    }


def bench_stable_reading(n: int = 200) -> dict:
    import serial

    from app.devices.balance import SerialBalance
    from app.devices.sim.scale import ScaleSimulator

    sim = ScaleSimulator("mt-sics", settle_s=0.0, seed=1)
    sim.scale.put("2.347")
    sim.start()
    try:
        bare = serial.serial_for_url(sim.path, baudrate=9600, timeout=1)
        for _ in range(10):
            bare.write(b"S\r\n")
            bare.readline()
        t_bare = []
        for _ in range(n):
            t = time.perf_counter()
            bare.write(b"S\r\n")
            line = bare.readline()
            t_bare.append(time.perf_counter() - t)
            assert line.startswith(b"S S")
        bare.close()
        bal = SerialBalance(sim.path, "mt-sics")
        bal.read_stable(2)
        t_drv = []
        for _ in range(n):
            t = time.perf_counter()
            bal.read_stable(2)
            t_drv.append(time.perf_counter() - t)
        bal.close()
    finally:
        sim.stop()
    drv, base = statistics.median(t_drv) * 1000, statistics.median(t_bare) * 1000
    return _figure("balance.stable_reading.median", drv, "ms", base, "within 2 ms of bare pyserial", drv - base <= 2.0)


def bench_camera_fps(seconds: float = 3.0, fps: float = 30.0) -> dict:
    from app.devices.camera import Camera
    from app.devices.camsim import SyntheticSource

    cam = Camera("simulated", width=1280, height=720, decode=True, code_text="TW2611210000017")
    src = SyntheticSource(1280, 720, fps=fps, code_text="TW2611210000017")
    import app.devices.camera as cmod

    orig = cmod.open_source
    cmod.open_source = lambda *a, **k: src
    try:
        cam.start()
        time.sleep(0.5)
        f0, d0, t0 = cam.frames, cam.decoded, time.monotonic()
        time.sleep(seconds)
        frames, decoded, dt = cam.frames - f0, cam.decoded - d0, time.monotonic() - t0
        cam.stop()
    finally:
        cmod.open_source = orig
    rate = frames / dt
    fig = _figure(
        "camera.preview_fps_with_decoding_1280x720", rate, "fps", fps, ">= 90% of source fps", rate >= 0.9 * fps
    )
    fig["decoded_per_s"] = round(decoded / dt, 2)
    return fig


def run() -> list[dict]:
    return [bench_stable_reading(), bench_camera_fps()]


if __name__ == "__main__":
    for fig in run():
        print(json.dumps(fig, ensure_ascii=False), flush=True)
