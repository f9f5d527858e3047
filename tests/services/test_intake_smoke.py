from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import Conflict, DomainError, PermissionDenied
from app.store.audit import verify_chain
from app.store.models import OutboxEvent
from tests.helpers import notice, receive_one


def test_receive_item_writes_rows_audit_and_outbox_in_order(station, people):
    item = receive_one(station, people)
    assert item.state == "received" and item.line_id == "L1" and item.declared["material"] == "Au750"
    with station.db.read() as s:
        events = s.execute(select(OutboxEvent).order_by(OutboxEvent.seq)).scalars().all()
        assert [e.type for e in events] == ["shipment.received", "item.received"]
        assert [e.seq for e in events] == [1, 2]
        assert events[1].item_tag == item.tag and events[1].payload["tag_printed"] is True
        report = verify_chain(s)
    assert report.ok and report.entries >= 3


def test_same_line_twice_is_already_received(station, people):
    item = receive_one(station, people)
    opened = station.intake.receive_parcel(people.clerk, "SF1234567890123")
    assert opened.outcome == "continued"
    tag = station.intake.allocate_tag(people.clerk)
    with pytest.raises(Conflict) as err:
        station.intake.receive_item(people.clerk, opened.shipment.id, line_id="L1", tag=tag, tag_printed=True)
    assert item.tag in err.value.zh


def test_appraiser_may_not_receive(station, people):
    station.notices.apply(people.clerk, notice())
    with pytest.raises(PermissionDenied):
        station.intake.receive_parcel(people.appraiser, "SF1234567890123")


def test_close_with_missing_lines_needs_confirmation(station, people):
    item = receive_one(station, people)
    with pytest.raises(DomainError) as err:
        station.intake.close_parcel(people.clerk, item.shipment_id)
    assert err.value.code == "missing_lines"
    view = station.intake.close_parcel(people.clerk, item.shipment_id, accept_missing=True)
    assert view.status == "closed"
    with station.db.read() as s:
        closed = s.execute(select(OutboxEvent).where(OutboxEvent.type == "shipment.closed")).scalar_one()
    assert closed.payload == {"received_lines": ["L1"], "missing_lines": ["L2", "L3"]}


def _jpeg(w: int = 64, h: int = 48) -> bytes:
    import cv2
    import numpy as np

    img = np.zeros((h, w, 3), np.uint8)
    img[:, : w // 2] = (0, 120, 255)
    ok, buf = cv2.imencode(".jpg", img)
    assert ok
    return buf.tobytes()


def test_photo_attached_with_blob_and_size(station, people):
    from app.core.roles import Actor, Role

    item = receive_one(station, people)
    view = station.photos.attach(people.clerk, _jpeg(), "package", tag=item.tag, purpose="intake")
    assert (view.width, view.height) == (64, 48)
    assert station.photos.image(view.sha256)[:3] == b"\xff\xd8\xff"
    with station.db.read() as s:
        ev = s.execute(select(OutboxEvent).where(OutboxEvent.type == "photo.attached")).scalar_one()
    assert ev.blobs == [view.sha256] and ev.item_tag == item.tag
    assert Role.INTAKE_CLERK in people.clerk.roles and isinstance(people.clerk, Actor)


def test_not_a_photo_is_refused(station, people):
    from app.core.errors import ValidationError

    item = receive_one(station, people)
    with pytest.raises(ValidationError):
        station.photos.attach(people.clerk, b"GIF89a....", "front", tag=item.tag, purpose="intake")
