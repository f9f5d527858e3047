"""Event and blob factories shared by the sync tests: realistic envelopes and payloads."""

from __future__ import annotations

import hashlib
import itertools
import uuid
from typing import Any

from app.core.outbox import OutboxEvent

TOKEN = "tw-test-secret-token-9f3a"
WS = "WS-HZ-01-03"


def jpeg_like(n: int, size: int = 2048) -> bytes:
    """Bytes that start like a JPEG; distinct per n."""
    head = b"\xff\xd8\xff\xe0" + n.to_bytes(8, "big")
    return (head + hashlib.sha256(str(n).encode()).digest() * (size // 32 + 1))[:size]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class EventFactory:
    """Makes outbox events with increasing seq, as the services would commit them."""

    def __init__(self, start: int = 1) -> None:
        self._seq = itertools.count(start)

    def make(
        self,
        type_: str,
        item_tag: str | None,
        payload: dict[str, Any],
        *,
        blobs: tuple[str, ...] = (),
        asn_id: str | None = None,
        line_id: str | None = None,
        seq: int | None = None,
    ) -> OutboxEvent:
        return OutboxEvent(
            str(uuid.uuid4()),
            next(self._seq) if seq is None else seq,
            type_,
            "2026-11-21T08:15:02.125Z",
            "appraiser.li",
            item_tag,
            asn_id,
            line_id,
            payload,
            blobs,
        )

    def received(self, item: str, asn_id: str | None = None) -> OutboxEvent:
        return self.make(
            "item.received",
            item,
            {"category": "jewelry", "tag_printed": True},
            asn_id=asn_id,
            line_id="L1" if asn_id else None,
        )

    def mass(self, item: str, value: float = 2.347) -> OutboxEvent:
        return self.make(
            "measurement.recorded",
            item,
            {"kind": "mass", "value": value, "unit": "g", "device": {"type": "scale", "model": "XPR204"}},
        )

    def photo(self, item: str, digest: str, view: str = "front") -> OutboxEvent:
        return self.make("photo.attached", item, {"view": view}, blobs=(digest,))

    def certificate(self, item: str, number: str, pdf: str, **extra: Any) -> OutboxEvent:
        payload = {
            "certificate_no": number,
            "key_id": "WH-HZ-01-2026",
            "issued_at": "2026-11-21T09:00:00.000Z",
            "qr_payload": "TW1:" + number,
            "warranty_until": None,
            **extra,
        }
        return self.make("certificate.issued", item, payload, blobs=(pdf,))

    def void(self, item: str, number: str) -> OutboxEvent:
        return self.make("certificate.voided", item, {"certificate_no": number, "reason": "typo", "replaced_by": None})


def wire(event: OutboxEvent) -> dict[str, Any]:
    return event.to_wire()
