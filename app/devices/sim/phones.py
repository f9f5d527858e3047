"""Phones the simulated box can "inspect": identity, battery, parts, locks, flags."""

from __future__ import annotations

import copy
from typing import Any

PHONES: dict[str, dict[str, Any]] = {
    "iphone13": {
        "connector": "lightning",
        "identity": {"platform": "ios", "brand": "Apple", "model_number": "A2633", "marketing_name": "iPhone 13",
                     "storage_gb": 128, "color": "Midnight", "serial": "F2LXK0ABCDEF",
                     "imei": "356789104567891", "imei2": "356789104567909", "os_version": "17.5.1",
                     "region_code": "CH/A"},
        "battery": {"health_pct": 87, "cycle_count": 412, "design_capacity_mah": 3227,
                    "full_charge_capacity_mah": 2808, "original": True},
        "parts": [{"part": "screen", "status": "original"}, {"part": "battery", "status": "original"},
                  {"part": "rear_camera", "status": "replaced", "detail": "serial mismatch"},
                  {"part": "front_camera", "status": "original"}, {"part": "face_id", "status": "original"},
                  {"part": "logic_board", "status": "original"}],
        "locks": {"activation_lock": False, "mdm": False, "carrier_lock": False},
        "failing": {"microphone": "bottom mic silent"},
        "flags": {"jailbroken": False, "liquid_damage": False},
    },
    "pixel7": {
        "connector": "usb-c",
        "identity": {"platform": "android", "brand": "Google", "model_number": "GVU6C", "marketing_name": "Pixel 7",
                     "storage_gb": 256, "color": "Snow", "serial": "28131FDH2000AB",
                     "imei": "352999111234563", "imei2": None, "os_version": "14", "region_code": None},
        "battery": {"health_pct": 93, "cycle_count": 201, "design_capacity_mah": 4355,
                    "full_charge_capacity_mah": 4050, "original": True},
        "parts": [{"part": "screen", "status": "original"}, {"part": "battery", "status": "original"},
                  {"part": "rear_camera", "status": "original"}, {"part": "front_camera", "status": "original"},
                  {"part": "logic_board", "status": "unknown"}],
        "locks": {"activation_lock": False, "mdm": False, "carrier_lock": True},
        "failing": {},
        "flags": {"jailbroken": False, "liquid_damage": False},
    },
    "locked_iphone": {},
}
PHONES["locked_iphone"] = copy.deepcopy(PHONES["iphone13"])
PHONES["locked_iphone"]["locks"]["activation_lock"] = True
PHONES["locked_iphone"]["identity"]["imei"] = "356789104567892"  # wrong Luhn digit: the phone lies

FUNCTION_TESTS = ("touch", "display", "speaker", "microphone", "wifi", "bluetooth", "cellular", "buttons")
PROMPTED = {"display": "请查看手机屏幕：是否显示纯白画面且无坏点？",
            "buttons": "请依次按下手机的音量加、音量减和电源键"}
