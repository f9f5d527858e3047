"""Find which balance protocol answers on a port, sending only harmless commands.

Like Odoo's serial scale driver: try each protocol in turn; MT-SICS first (``I4`` only
reads the serial number), then A&D (``Q``), then SBI (``ESC P``). A balance that only
talks when its weight changes cannot be probed.
"""

from __future__ import annotations

from .balance import dialect_class
from .errors import DeviceNotFound
from .serialport import SerialLink

ORDER = ("mt-sics", "and", "sbi")


def detect_protocol(url: str, timeout: float = 0.6, resolver=None) -> str:
    for name in ORDER:
        cls = dialect_class(name)
        link = SerialLink(url, baudrate=cls.baudrate, resolver=resolver, what="balance")
        try:
            link.open()
        except DeviceNotFound:
            raise
        try:
            if cls(link, timeout).probe():
                return name
        finally:
            link.close()
    raise DeviceNotFound(f"balance on {url}", "no known protocol answered")
