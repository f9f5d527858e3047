"""What a device measured, with who measured it and when. Values are Decimal, never float."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from app.core.clock import utcnow
from app.core.gravity import GRAMS_PER

from .errors import UnitNotSupported

UNIT_ALIASES = {"G": "g", "MG": "mg", "CT": "ct", "ct": "ct", "C": "ct", "c": "ct", "Ct": "ct", "g": "g", "mg": "mg"}


def normalise_unit(unit: str) -> str:
    u = UNIT_ALIASES.get(unit.strip())
    if u is None:
        raise UnitNotSupported(unit)
    return u


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Exact conversion between g, mg and ct (1 ct = 0.2 g)."""
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    if a == b:
        return value
    return value * GRAMS_PER[a] / GRAMS_PER[b]  # exact: 1 ct = 0.2 g


@dataclass(frozen=True)
class DeviceIdentity:
    type: str  # "scale", "box", "camera", "scanner"
    model: str = ""
    serial: str = ""
    firmware: str = ""

    def device_payload(self) -> dict[str, str]:
        """The platform event ``device`` field."""
        out = {"type": self.type, "model": self.model, "serial": self.serial}
        if self.firmware:
            out["firmware"] = self.firmware
        return out


@dataclass(frozen=True)
class WeightReading:
    value: Decimal
    unit: str
    stable: bool
    device: DeviceIdentity
    timestamp: datetime = field(default_factory=utcnow)

    def to(self, unit: str) -> WeightReading:
        return WeightReading(
            convert(self.value, self.unit, unit), normalise_unit(unit), self.stable, self.device, self.timestamp
        )

    def device_payload(self) -> dict[str, str]:
        return self.device.device_payload()

    def as_json(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "stable": self.stable,
            "device": self.device_payload(),
            "timestamp": self.timestamp.isoformat(),
        }
