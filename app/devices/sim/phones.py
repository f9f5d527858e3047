"""Phones the simulated box can "inspect": identity, battery, parts, locks, flags."""

from __future__ import annotations

import copy
from typing import Any

PHONES: dict[str, dict[str, Any]] = {
    "iphone13": {
        "connector": "lightning",
        "identity": {
            "platform": "ios",
            "brand": "Apple",
            "model_number": "A2633",
            "marketing_name": "iPhone 13",
            "storage_gb": 128,
            "color": "Midnight",
            "serial": "F2LXK0ABCDEF",
            "imei": "356789104567891",
            "imei2": "356789104567909",
            "os_version": "17.5.1",
            "region_code": "CH/A",
        },
        "battery": {
            "health_pct": 87,
            "cycle_count": 412,
            "design_capacity_mah": 3227,
            "full_charge_capacity_mah": 2808,
            "original": True,
        },
        "parts": [
            {"part": "screen", "status": "original"},
            {"part": "battery", "status": "original"},
            {"part": "rear_camera", "status": "replaced", "detail": "serial mismatch"},
            {"part": "front_camera", "status": "original"},
            {"part": "face_id", "status": "original"},
            {"part": "logic_board", "status": "original"},
        ],
        "locks": {"activation_lock": False, "mdm": False, "carrier_lock": False},
        "failing": {"microphone": "bottom mic silent"},
        "flags": {"jailbroken": False, "liquid_damage": False},
    },
    "pixel7": {
        "connector": "usb-c",
        "identity": {
            "platform": "android",
            "brand": "Google",
            "model_number": "GVU6C",
            "marketing_name": "Pixel 7",
            "storage_gb": 256,
            "color": "Snow",
            "serial": "28131FDH2000AB",
            "imei": "352999111234560",
            "imei2": None,
            "os_version": "14",
            "region_code": None,
        },
        "battery": {
            "health_pct": 93,
            "cycle_count": 201,
            "design_capacity_mah": 4355,
            "full_charge_capacity_mah": 4050,
            "original": True,
        },
        "parts": [
            {"part": "screen", "status": "original"},
            {"part": "battery", "status": "original"},
            {"part": "rear_camera", "status": "original"},
            {"part": "front_camera", "status": "original"},
            {"part": "logic_board", "status": "unknown"},
        ],
        "locks": {"activation_lock": False, "mdm": False, "carrier_lock": True},
        "failing": {},
        "flags": {"jailbroken": False, "liquid_damage": False},
    },
    "locked_iphone": {},
}
PHONES["locked_iphone"] = copy.deepcopy(PHONES["iphone13"])
PHONES["locked_iphone"]["locks"]["activation_lock"] = True
PHONES["locked_iphone"]["identity"]["imei"] = "356789104567892"  # wrong Luhn digit: the phone lies
# The spec's sample iPhone 13 keeps the spec's IMEIs (…891/…909), whose check digits are wrong:
# it is the phone that lies. This one tells the truth (check digits per Luhn).
PHONES["iphone13_clean"] = copy.deepcopy(PHONES["iphone13"])
PHONES["iphone13_clean"]["identity"].update(
    imei="356789104567894", imei2="356789104567902", serial="F2LXK0ABCDE1", color="Starlight"
)
PHONES["iphone13_clean"]["parts"] = [{"part": p["part"], "status": "original"} for p in PHONES["iphone13"]["parts"]]
PHONES["iphone13_clean"]["failing"] = {}
PHONES["iphone13_clean"]["battery"] = dict(
    PHONES["iphone13"]["battery"], health_pct=94, cycle_count=188, full_charge_capacity_mah=3033
)

# Demo mode plugs these into the simulated box one after another (a new phone after each
# report): two honest phones, one whose IMEI fails the Luhn check, one activation-locked.
DEMO_ROTATION = ("iphone13_clean", "pixel7", "iphone13", "locked_iphone")

FUNCTION_TESTS = ("touch", "display", "speaker", "microphone", "wifi", "bluetooth", "cellular", "buttons")
PROMPTED = {
    "display": "请查看手机屏幕：是否显示纯白画面且无坏点？",
    "buttons": "请依次按下手机的音量加、音量减和电源键",
}
