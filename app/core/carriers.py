"""Parcel carriers: which company a waybill number belongs to (by its prefix) and what
the carrier is called in words, so no screen or slip shows a bare code."""

from __future__ import annotations

# Longest prefixes first: "ZTO" before "ZT", "EMS" before "E".
CARRIER_PREFIXES = (
    ("SF", "SF"),
    ("JD", "JD"),
    ("YT", "YTO"),
    ("ZTO", "ZTO"),
    ("ZT", "ZTO"),
    ("STO", "STO"),
    ("YD", "YUNDA"),
    ("EMS", "EMS"),
    ("E", "EMS"),
    ("DPK", "DEPPON"),
)

CARRIER_NAMES = {
    "SF": ("顺丰速运", "SF Express"),
    "JD": ("京东物流", "JD Logistics"),
    "YTO": ("圆通速递", "YTO Express"),
    "ZTO": ("中通快递", "ZTO Express"),
    "STO": ("申通快递", "STO Express"),
    "YUNDA": ("韵达快递", "Yunda Express"),
    "EMS": ("中国邮政 EMS", "China Post EMS"),
    "DEPPON": ("德邦快递", "Deppon Express"),
    "OTHER": ("其他快递", "Other carrier"),
}


def carrier_of(waybill: str) -> str:
    """The carrier code of a normalised waybill number (``OTHER`` when no prefix fits)."""
    for prefix, carrier in CARRIER_PREFIXES:
        if waybill.startswith(prefix):
            return carrier
    return "OTHER"


def carrier_name(code: str | None, lang: str = "zh_CN") -> str:
    """The carrier in words; an unknown code is shown as given (never hidden)."""
    if not code:
        return ""
    zh, en = CARRIER_NAMES.get(code.upper(), (code, code))
    return zh if lang.startswith("zh") else en
