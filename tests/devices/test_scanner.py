import queue
import time

import pytest

from app.devices.scanner import SerialScanner, clean_code
from app.devices.sim.scanner import ScannerSimulator


@pytest.mark.parametrize("suffix", [b"\r", b"\n", b"\r\n"])
def test_serial_scanner_codes_any_suffix(suffix):
    sim = ScannerSimulator(suffix=suffix)
    sim.start()
    got: queue.Queue = queue.Queue()
    sc = SerialScanner(sim.path, got.put, resolver=lambda: sim.path)
    try:
        sc.start()
        sim.scan("TW2611210000017")
        sim.scan("\x1d0104012345678901")  # GS1 with FNC1
        assert got.get(timeout=2) == "TW2611210000017"
        assert got.get(timeout=2) == "\x1d0104012345678901"
        sim.unplug()
        time.sleep(0.1)
        sim.replug()
        deadline = time.monotonic() + 3
        while sc.state != "connected" and time.monotonic() < deadline:
            time.sleep(0.02)
        sim.scan("SF1234567890")
        assert got.get(timeout=2) == "SF1234567890"
    finally:
        sc.close()
        sim.stop()


def test_clean_code_rejects_noise():
    assert clean_code(b"\xff\xfe") is None and clean_code(b"AB\x00C") is None and clean_code(b"ABC") == "ABC"
