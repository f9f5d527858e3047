"""InspectionService on SQLite and PostgreSQL: the report is stored (row + JSON blob), the
event names the blob, the rules judge it, and bad input records nothing."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest
from sqlalchemy import func, select

from app.core.errors import IllegalTransition, PermissionDenied, ValidationError
from app.devices.sim.phones import PHONES
from app.store.models import InspectionReport, OutboxEvent
from tests.helpers import notice
from tests.services.test_inspection_support import (
    GOOD_IMEI,
    good_report,
    phone_item,
    start_appraisal,
)

BOX = {"model": "TWB-2", "serial": "TWB2-000042", "firmware": "2.4.1"}


def _count(station, model) -> int:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_happy_path_stores_report_blob_and_event(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    report = good_report()
    view = station.inspection.record_inspection(
        people.appraiser, tag, box=BOX, report_id="RPT-0000000001", report=report
    )
    assert view.evaluation.verdict == "pass", view.evaluation.findings
    assert view.report.number == 1 and view.report.recorded_by == people.appraiser.username
    # The blob is the report itself, as JSON, and the event names it.
    blob = json.loads(station.ctx.blobs.get(view.report.sha256))
    assert blob == report
    assert hashlib.sha256(station.ctx.blobs.get(view.report.sha256)).hexdigest() == view.report.sha256
    with station.db.read() as s:
        ev = s.execute(select(OutboxEvent).where(OutboxEvent.type == "inspection.completed")).scalar_one()
        assert ev.item_tag == tag and ev.blobs == [view.report.sha256] and ev.line_id == "P1"
        assert ev.payload == {"box": BOX, "report_id": "RPT-0000000001", "report": report}
        from app.store.models import Blob

        assert s.get(Blob, view.report.sha256).content_type == "application/json"
    latest = station.inspection.latest_report(tag)
    assert latest is not None and latest.report == report and latest.box == BOX
    assert station.inspection.evaluation(tag).verdict == "pass"
    # The same report again changes nothing; the same number with other content is refused.
    station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-0000000001", report=report)
    assert _count(station, InspectionReport) == 1
    changed = copy.deepcopy(report)
    changed["battery"]["health_pct"] = 99
    with pytest.raises(ValidationError) as exc:
        station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-0000000001", report=changed)
    assert exc.value.code == "report_conflict"


def test_spec_sample_fails_on_check_digit_and_discloses(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people, imei="356789104567891")  # the spec's IMEI, declared as is
    report = good_report(imei="356789104567891")
    report["parts"][2] = {"part": "rear_camera", "status": "replaced", "detail": "serial mismatch"}
    view = station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-1", report=report)
    codes = {f.code for f in view.evaluation.findings}
    assert "imei_invalid" in codes and view.evaluation.verdict == "fail"
    assert view.evaluation.reason_code == "not_as_declared"
    assert any(d.kind == "part_replaced" and d.subject == "rear_camera" for d in view.evaluation.disclosures)


def test_activation_lock_fails_with_activation_locked(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    report = good_report()
    report["locks"]["activation_lock"] = True
    view = station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-2", report=report)
    assert view.evaluation.verdict == "fail" and view.evaluation.reason_code == "activation_locked"


def test_second_report_with_other_imei_is_flagged(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-3", report=good_report())
    other = good_report(imei="352999111234563")
    view = station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-4", report=other)
    assert view.recorded_imei == GOOD_IMEI and view.report.number == 2
    assert "imei_mismatch_record" in {f.code for f in view.evaluation.findings}
    assert view.evaluation.verdict == "fail"


@pytest.mark.parametrize(
    "bad",
    [
        "not an object",
        {"report_version": 1, "identity": {}},
        {"report_version": 2},
        {"report_version": 2, "identity": {}, "parts": [{"part": "screen", "status": "broken"}]},
        {"report_version": 2, "identity": {}, "functions": "all fine"},
    ],
)
def test_malformed_report_records_nothing(station, people, bad) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    events = _count(station, OutboxEvent)
    with pytest.raises(ValidationError) as exc:
        station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-5", report=bad)
    assert exc.value.code == "malformed_report" and "检测报告格式错误" in exc.value.message("zh_CN")
    assert _count(station, InspectionReport) == 0 and _count(station, OutboxEvent) == events


def test_box_identity_and_report_id_required(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    with pytest.raises(ValidationError):
        station.inspection.record_inspection(
            people.appraiser, tag, box={"model": "TWB-2"}, report_id="R", report=good_report()
        )
    with pytest.raises(ValidationError):
        station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="", report=good_report())
    assert _count(station, InspectionReport) == 0


def test_permission_state_and_category(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people, start=False)
    with pytest.raises(IllegalTransition):  # received, appraisal not started
        station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="R", report=good_report())
    start_appraisal(station, people, tag)
    with pytest.raises(PermissionDenied):
        station.inspection.record_inspection(people.clerk, tag, box=BOX, report_id="R", report=good_report())
    from tests.helpers import receive_one

    jewel = receive_one(station, people, line_id="L1", asn="ASN-20261121-000777", waybill="SF7777777777777")
    start_appraisal(station, people, jewel.tag)
    with pytest.raises(ValidationError) as exc:
        station.inspection.record_inspection(people.appraiser, jewel.tag, box=BOX, report_id="R", report=good_report())
    assert exc.value.code == "not_a_phone"
    assert _count(station, InspectionReport) == 0
    assert station.inspection.latest_report(tag) is None and station.inspection.evaluation(tag) is None


def test_simulator_phones_are_valid_reports() -> None:
    # The simulator's phones must pass the shape check the service applies.
    from app.core.phone_rules import check_report

    for _name, p in PHONES.items():
        check_report(
            {
                "report_version": 2,
                "identity": p["identity"],
                "battery": p["battery"],
                "parts": p["parts"],
                "locks": p["locks"],
                "functions": [],
                "flags": p["flags"],
            }
        )
    assert notice()["lines"][1]["declared"]["imei"] == "356789104567891"


def test_phone_result_needs_report_pass_and_photos(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    with pytest.raises(ValidationError) as exc:
        station.inspection.phone_result(tag, "95")
    assert exc.value.code == "no_report"
    station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-6", report=good_report())
    with pytest.raises(ValidationError) as exc:
        station.inspection.phone_result(tag, "95")
    assert exc.value.code == "photos" and "亮屏" in exc.value.message("zh_CN")
    png = (
        b"\x89PNG\r\n\x1a\n"
        + b"\x00\x00\x00\rIHDR"
        + (8).to_bytes(4, "big")
        + (8).to_bytes(4, "big")
        + b"\x08\x02\x00\x00\x00"
        + b"\x00" * 8
    )
    for view in ("front", "back", "screen"):
        station.photos.attach(people.appraiser, png + view.encode(), view, tag=tag)
    result = station.inspection.phone_result(tag, "95")
    assert result.verdict == "pass" and result.phone.report_id == "RPT-6" and "RPT-6" in result.note
    graded = station.appraisal.record_grading(people.appraiser, tag, result)
    assert graded.warranty_days == 180 and graded.item_state == "in_review"
    with pytest.raises(ValidationError):
        station.inspection.rejection(tag)  # the rules do not fail it


def test_rejection_carries_the_rules_reason(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    report = good_report()
    report["locks"]["mdm"] = True
    station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id="RPT-7", report=report)
    reason, note = station.inspection.rejection(tag)
    assert reason == "activation_locked" and "MDM" in note and "RPT-7" in note
    with pytest.raises(ValidationError) as exc:
        station.inspection.phone_result(tag, "95")
    assert exc.value.code == "rules_fail"
