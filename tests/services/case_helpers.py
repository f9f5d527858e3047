"""Builders for case tests: a piece as it stands after certification and sale, and a case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.core.clock import rfc3339
from app.store.models import Blob, Certificate, GradingResult, Item
from tests.helpers import receive_one


def sold_piece(
    station,
    people,
    line_id: str = "L2",
    *,
    issued_at: datetime,
    state: str = "dispatched",
    verdict: str = "pass",
    waybill: str = "SF1234567890123",
) -> str:  # type: ignore[no-untyped-def]
    """A received piece graded by appraiser.li and, when it passed, certified on ``issued_at``
    and dispatched. Written straight to the tables: the case tests start after the sale."""
    view = receive_one(station, people, line_id=line_id, waybill=waybill)
    with station.db.transaction() as s:
        item = s.execute(select(Item).where(Item.tag == view.tag)).scalar_one()
        g = GradingResult(
            item_id=item.id,
            revision=1,
            result={"grade": "A"},
            verdict=verdict,
            reason_code=None if verdict == "pass" else "not_as_declared",
            name=item.title,
            warranty_days=180,
            graded_by=people.appraiser.user_id,
            graded_at=issued_at,
        )
        s.add(g)
        s.flush()
        item.state = state
        if verdict == "pass":
            digest = station.ctx.blobs.put(b"%PDF-1.4 test " + view.tag.encode())
            if s.get(Blob, digest) is None:
                s.add(Blob(sha256=digest, size=10, content_type="application/pdf", created_at=issued_at))
                s.flush()
            s.add(
                Certificate(
                    certificate_no=cert_no(view.tag),
                    item_id=item.id,
                    grading_id=g.id,
                    key_id="K",
                    issued_at=issued_at,
                    issued_by=people.supervisor.user_id,
                    qr_payload="q",
                    warranty_until=(issued_at + timedelta(days=180)).date(),
                    pdf_sha256=digest,
                    facts={},
                )
            )
    return view.tag


def cert_no(tag: str) -> str:
    """A valid certificate number, one per tag."""
    from datetime import date

    from app.core.certificate import make_certificate_no

    return make_certificate_no(date(2026, 11, 1), int(tag[-6:]) % 999_999 + 1)


def case(
    tag: str,
    *,
    case_id: str = "CASE-20261202-000045",
    kind: str = "warranty_claim",
    revision: int = 1,
    status: str = "open",
    opened_at: datetime | None = None,
    warehouse: str = "WH-LOCAL-01",
    waybill: str | None = "SF5550001112223",
    **extra: Any,
) -> dict[str, Any]:
    opened_at = opened_at or datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    return {
        "case_id": case_id,
        "revision": revision,
        "status": status,
        "kind": kind,
        "warehouse_id": warehouse,
        "item_tag": tag,
        "certificate_no": None if kind == "merchant_appeal" else cert_no(tag),
        "opened_at": rfc3339(opened_at),
        "inbound": {"carrier": "SF", "waybill_no": waybill} if waybill else None,
        "statement": "屏幕触控失灵",
        "claimed": {"defect": "screen"},
        **extra,
    }
