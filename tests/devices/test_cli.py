"""`simulate` and `devices` sub-commands end to end, in separate processes."""

import json
import subprocess
import sys

import pytest

PY = [sys.executable, "-m", "app"]


def _start(*args):
    p = subprocess.Popen(PY + list(args), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    path = p.stdout.readline().strip()
    assert path.startswith("/dev/")
    return p, path


@pytest.mark.parametrize("protocol", ["mt-sics", "and", "sbi"])
def test_scale_reading_autodetected(protocol):
    sim, path = _start("simulate", "scale", "--protocol", protocol, "--weight", "1.2345", "--settle", "0.05")
    try:
        out = subprocess.run(
            PY + ["devices", "scale", "--port", path, "--unit", "ct"], capture_output=True, text=True, timeout=30
        )
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["value"] == pytest.approx(6.1725) and data["unit"] == "ct" and data["stable"] is True
        assert data["device"]["type"] == "scale" and data["protocol"] == protocol
        assert '"value": 6.1725,' in out.stdout  # exact decimal text
    finally:
        sim.terminate()
        sim.wait(5)


def test_box_session_report():
    sim, path = _start("simulate", "box", "--session-s", "0.5", "--phone", "pixel7")
    try:
        out = subprocess.run(
            PY + ["devices", "box", "--port", path, "--answer", "skip"], capture_output=True, text=True, timeout=30
        )
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["report"]["identity"]["marketing_name"] == "Pixel 7"
        assert data["box"]["model"] == "TWB-2" and data["report_id"].startswith("RPT-")
        assert {f["result"] for f in data["report"]["functions"] if f["test"] in ("display", "buttons")} == {"skipped"}
    finally:
        sim.terminate()
        sim.wait(5)


def test_failures_exit_nonzero_with_a_message(tmp_path):
    out = subprocess.run(
        PY + ["devices", "scale", "--port", str(tmp_path / "nope")], capture_output=True, text=True, timeout=30
    )
    assert out.returncode != 0 and "error" in out.stderr and "Traceback" not in out.stderr
    sim, path = _start("simulate", "box", "--phone", "none")
    try:
        out = subprocess.run(
            PY + ["devices", "box", "--port", path, "--phone-wait", "0.3"], capture_output=True, text=True, timeout=30
        )
        assert out.returncode != 0 and "no phone" in out.stderr
    finally:
        sim.terminate()
        sim.wait(5)
