"""Outbound: certified pieces to buyers, rejected pieces back to merchants, the photo
comparison that stops a swapped piece, and the supervisor override."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict, DomainError, PermissionDenied, ValidationError
from app.store.models import AuditEntry, Dispatch, OutboxEvent
from tests.helpers import receive_one
from tests.services.test_dispatch_support import (
    certify,
    hold,
    piece_photo,
    reject,
    void_certificate,
)


def _dispatched(station) -> list[OutboxEvent]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == "item.dispatched")).scalars())


def test_certified_item_goes_to_buyer(station, people):
    item = receive_one(station, people)
    cert_no = certify(station, people, item.tag, photo_seed=11)
    check = station.dispatch.check(item.tag)
    assert check.destination == "buyer" and check.problem is None and check.certificate_no == cert_no
    out = station.dispatch.dispatch(
        people.clerk, item.tag, waybill="SF9876543210987", photo=piece_photo(11, angle=6, scale=0.95, light=15)
    )
    assert out.status == "dispatched" and out.item.state == "dispatched" and out.match.ok
    [ev] = _dispatched(station)
    assert ev.payload["destination"] == "buyer" and ev.payload["carrier"] == "SF"
    assert ev.payload["waybill_no"] == "SF9876543210987" and ev.item_tag == item.tag
    with pytest.raises(Conflict):
        station.dispatch.dispatch(people.clerk, item.tag, waybill="SF9876543210988", photo=piece_photo(11))


def test_swapped_piece_is_stopped_until_a_supervisor_releases_it(station, people):
    item = receive_one(station, people)
    certify(station, people, item.tag, photo_seed=21)
    out = station.dispatch.dispatch(people.clerk, item.tag, waybill="JD0001234567890", photo=piece_photo(99))
    assert out.status == "blocked" and not out.match.ok and out.item.state == "certified"
    assert _dispatched(station) == []
    with station.db.read() as s:
        blocked = s.execute(select(AuditEntry).where(AuditEntry.action == "dispatch_blocked")).scalar_one()
        assert blocked.detail["photo"] == out.photo_sha256
    with pytest.raises(PermissionDenied):
        station.dispatch.dispatch(
            people.clerk, item.tag, waybill="JD0001234567890", photo=piece_photo(99), override_reason="我看过了"
        )
    done = station.dispatch.dispatch(
        people.supervisor,
        item.tag,
        waybill="JD0001234567890",
        photo=piece_photo(99),
        override_reason="同一件物品，证书照片光线过暗",
    )
    assert done.status == "dispatched"
    [ev] = _dispatched(station)
    assert (
        ev.payload["supervisor_override"] == "同一件物品，证书照片光线过暗" and ev.actor == people.supervisor.username
    )


@pytest.mark.parametrize(
    "how,code", [("never", "no_certificate"), ("voided", "certificate_voided"), ("hold", "on_hold")]
)
def test_no_valid_certificate_cannot_go_to_buyer(station, people, how, code):
    item = receive_one(station, people)
    if how == "voided":
        certify(station, people, item.tag)
        void_certificate(station, people, item.tag, "重量录入错误")
    elif how == "hold":
        certify(station, people, item.tag)
        hold(station, people, item.tag)
    check = station.dispatch.check(item.tag)
    assert check.destination is None and check.problem.code == code and check.problem.zh
    with station.db.read() as s:
        before = s.execute(select(func.count(OutboxEvent.id))).scalar_one()
    with pytest.raises(DomainError) as err:
        station.dispatch.dispatch(people.clerk, item.tag, waybill="SF9876543210987", photo=piece_photo(1))
    assert err.value.code == code
    with station.db.read() as s:
        assert s.execute(select(func.count(OutboxEvent.id))).scalar_one() == before
        assert s.execute(select(func.count(Dispatch.id))).scalar_one() == 0


def test_rejected_item_returns_to_merchant_with_a_chinese_slip(station, people, tmp_path):
    item = receive_one(station, people)
    reject(station, people, item.tag, "undisclosed_treatment", "翡翠经充填处理（B货）", photo_seed=31)
    check = station.dispatch.check(item.tag)
    assert check.destination == "merchant_return" and check.reason_code == "undisclosed_treatment"
    out = station.dispatch.dispatch(people.clerk, item.tag, waybill="YT7778889990001", photo=piece_photo(31, angle=4))
    assert out.status == "dispatched" and out.destination == "merchant_return" and out.slip_sha256
    [ev] = _dispatched(station)
    assert ev.payload["destination"] == "merchant_return" and ev.payload["carrier"] == "YTO"
    assert ev.blobs == [out.slip_sha256]
    pdf = station.dispatch.slip_pdf(out.slip_sha256)
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    if text is not None:  # poppler present: read what the merchant will read
        assert "未申报的优化处理" in text and "翡翠经充填处理" in text and item.tag in text


def test_return_to_merchant_needs_no_certificate_photo_match(station, people):
    # A rejected piece has no certificate: a photo that looks nothing like the appraisal
    # photo is kept as evidence, but does not stop the return.
    item = receive_one(station, people)
    reject(station, people, item.tag, "counterfeit", "品牌标识为仿冒", photo_seed=31)
    out = station.dispatch.dispatch(people.clerk, item.tag, waybill="YT7778889990001", photo=piece_photo(99))
    assert out.status == "dispatched" and out.match is None and out.slip_sha256
    [ev] = _dispatched(station)
    assert ev.payload["destination"] == "merchant_return" and ev.payload["photo_match"] is None
    with station.db.read() as s:
        row = s.execute(select(Dispatch)).scalar_one()
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "return_to_merchant")).scalar_one()
    assert row.photo_sha256 == out.photo_sha256 and audit.detail["photo_match"]["method"] == "not_required"


def test_return_slip_text_is_correct(station, people, tmp_path):
    from datetime import UTC, datetime

    from app.services.returns_slip import SlipFacts, render_return_slip, slip_rows

    item = receive_one(station, people)
    reject(station, people, item.tag, "not_as_declared", "金重申报 5.2g\n实测 3.1g", photo_seed=31)
    out = station.dispatch.dispatch(people.clerk, item.tag, waybill=" yt 7778889990001 ", photo=piece_photo(31))
    text = _pdf_text(station.dispatch.slip_pdf(out.slip_sha256), tmp_path)
    if text is not None:
        assert "YT7778889990001" in text and "YTO" not in text and "YT YT" not in text
        assert "圆通速递" in text  # the carrier in words
        assert "翠玉轩珠宝" in text and "M100234" in text  # merchant name and id
        lines = [ln.strip() for ln in text.splitlines()]
        assert "鉴定说明：金重申报 5.2g" in lines and "实测 3.1g" in lines  # the appraiser's line break kept
    facts = SlipFacts(
        "珍宝仓",
        "翠玉轩珠宝",
        "M100234",
        item.tag,
        "18K金戒指",
        "KS1",
        "other",
        "",
        "SF",
        "SF1234567890123",
        datetime(2026, 11, 21, 17, 30, tzinfo=UTC),
        datetime(2026, 11, 21, 17, 45, tzinfo=UTC),
        "王小明",
        "Asia/Shanghai",
    )
    rows = dict(slip_rows(facts))
    assert rows["发出时间"] == "2026-11-22 01:45" and rows["拒收日期"] == "2026-11-22"  # local time, not UTC
    assert rows["退回运单号"] == "SF1234567890123" and rows["承运快递"] == "顺丰速运"
    assert render_return_slip(facts).startswith(b"%PDF")


def _pdf_text(pdf: bytes, tmp_path) -> str | None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        return None
    path = tmp_path / "slip.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_outbound_waybill_must_be_a_waybill(station, people):
    item = receive_one(station, people)
    certify(station, people, item.tag)
    with pytest.raises(ValidationError):
        station.dispatch.dispatch(people.clerk, item.tag, waybill=item.tag, photo=piece_photo(1))
    with pytest.raises(ValidationError):
        station.dispatch.dispatch(people.clerk, item.tag, waybill="SF12", photo=piece_photo(1))
    with pytest.raises(ValidationError):
        station.dispatch.dispatch(people.clerk, item.tag, waybill="SF9876543210987", photo=b"not a photo")


def test_appraiser_may_not_dispatch(station, people):
    item = receive_one(station, people)
    certify(station, people, item.tag, photo_seed=5)
    with pytest.raises(PermissionDenied):
        station.dispatch.dispatch(people.appraiser, item.tag, waybill="SF9876543210987", photo=piece_photo(5))
