from decimal import Decimal

from app.config import load_config
from app.devices.box import BoxHandler
from app.devices.factory import build_devices
from app.devices.labels import TagLabel
from app.devices.printer import PdfLabelPrinter


class Passes(BoxHandler):
    def on_prompt(self, prompt, answer):
        answer("pass")


def test_demo_devices_from_default_settings(tmp_path):
    cfg = load_config(tmp_path, env={})
    devs = build_devices(cfg, box_handler=Passes(), sim_session_s=0.3, sim_settle_s=0.05)
    try:
        r = devs.balance.read_stable(2)
        assert r.value == Decimal("2.3470") and r.device_payload()["model"] == "XPR204"
        devs.box.connect(2)
        assert devs.box.start_session("quick").wait(5).report_id.startswith("RPT-")
        where = devs.printer.print_label(TagLabel("TW1", "q", "戒指"))
        assert where.startswith(str(tmp_path / "labels"))
        assert devs.camera is not None and devs.camera.state == "stopped"
    finally:
        devs.close()


def test_printer_kind_setting(tmp_path):
    cfg = load_config(tmp_path, env={})
    cfg.set("printer_kind", "pdf")
    cfg.set("scale_port", "")
    cfg.set("box_port", "")
    cfg.set("camera_source", "")
    devs = build_devices(cfg)
    assert isinstance(devs.printer, PdfLabelPrinter) and devs.balance is None and devs.box is None
    devs.close()
