from decimal import Decimal

from app.config import load_config
from app.core.demo import NOT_CONFIGURED, REFUSED, SIMULATED
from app.core.phone_rules import luhn_ok
from app.devices.box import BoxHandler
from app.devices.factory import build_devices
from app.devices.labels import TagLabel
from app.devices.printer import PdfLabelPrinter


class Passes(BoxHandler):
    def on_prompt(self, prompt, answer):
        answer("pass")


def test_demo_devices_are_simulators(tmp_path):
    cfg = load_config(tmp_path, env={}, demo=True)
    devs = build_devices(cfg, box_handler=Passes(), sim_session_s=0.3, sim_settle_s=0.05)
    try:
        r = devs.balance.read_stable(2)
        assert r.value == Decimal("2.3470") and r.device_payload()["model"] == "XPR204"
        devs.box.connect(2)
        assert devs.box.start_session("quick").wait(5).report_id.startswith("RPT-")
        where = devs.printer.print_label(TagLabel("TW1", "q", "戒指"))
        assert where.startswith(str(tmp_path / "labels"))
        assert devs.camera is not None and devs.camera.state == "stopped"
        assert devs.demo and devs.absent == {"scanner": NOT_CONFIGURED}
    finally:
        devs.close()


def test_a_real_warehouse_with_nothing_configured_gets_no_simulator(tmp_path):
    devs = build_devices(load_config(tmp_path, env={}))
    try:
        assert devs.balance is None and devs.box is None and devs.camera is None and devs.simulators == {}
        assert devs.absent == {
            "balance": NOT_CONFIGURED,
            "box": NOT_CONFIGURED,
            "camera": NOT_CONFIGURED,
            "scanner": NOT_CONFIGURED,
        }
    finally:
        devs.close()


def test_a_simulator_outside_demo_mode_is_refused_and_reported(tmp_path):
    # e.g. an old settings file or an environment variable still saying "simulated"
    env = {"TW_SCALE_PORT": SIMULATED, "TW_BOX_PORT": SIMULATED, "TW_CAMERA": SIMULATED}
    devs = build_devices(load_config(tmp_path, env=env))
    try:
        assert devs.balance is None and devs.box is None and devs.camera is None and devs.simulators == {}
        assert devs.absent["balance"] == devs.absent["box"] == devs.absent["camera"] == REFUSED
    finally:
        devs.close()


def test_printer_kind_setting(tmp_path):
    cfg = load_config(tmp_path, env={})
    cfg.set("printer_kind", "pdf")
    devs = build_devices(cfg)
    assert isinstance(devs.printer, PdfLabelPrinter) and devs.balance is None and devs.box is None
    devs.close()


def test_demo_balance_weighs_each_piece_differently(tmp_path):
    cfg = load_config(tmp_path, env={}, demo=True)
    devs = build_devices(cfg, sim_settle_s=0.05, piece_dwell_s=3600)  # moved on by hand below
    try:
        pieces = devs.simulators["pieces"]
        seen = [devs.balance.read_stable(3).value]
        for _ in range(3):
            pieces.next_piece()
            seen.append(devs.balance.read_stable(3).value)
        assert len(set(seen)) == 4 and seen[1] == Decimal("0.2040")
    finally:
        devs.close()


def test_demo_camera_frames_differ_from_piece_to_piece(tmp_path):
    import numpy as np

    from app.devices.camsim import SyntheticSource

    index = {"i": 0}
    src = SyntheticSource(320, 180, scene=lambda: index["i"])
    first = src.read()[1].astype(int)
    again = src.read()[1].astype(int)
    index["i"] = 1
    other = src.read()[1].astype(int)
    assert np.abs(first - again).mean() < 5  # the same piece: only the hand's wobble
    assert np.abs(first - other).mean() > 10  # another piece looks different


def test_demo_box_plugs_in_honest_phones_and_one_that_lies(tmp_path):
    from app.devices.sim.phones import DEMO_ROTATION, PHONES

    imeis = [PHONES[name]["identity"]["imei"] for name in DEMO_ROTATION]
    assert [luhn_ok(i) for i in imeis] == [True, True, False, False]
    cfg = load_config(tmp_path, env={}, demo=True)
    devs = build_devices(cfg, box_handler=Passes(), sim_session_s=0.2)
    try:
        devs.box.connect(3)
        reported = []
        for _ in range(3):
            assert devs.box.wait_for_phone(5)
            result = devs.box.start_session("quick").wait(10)
            reported.append(result.event_payload()["report"]["identity"]["imei"])
        assert reported == imeis[:3]
    finally:
        devs.close()
