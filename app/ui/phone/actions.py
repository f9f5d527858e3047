"""Worker-side steps of the phone station (run through ``Op``, never on the GUI thread).
They only combine service calls; every rule and permission lives in the services."""

from __future__ import annotations

from typing import Any

from app.core.errors import DeviceError, ValidationError
from app.core.lifecycle import ItemState
from app.core.roles import Actor
from app.services.inspection import PHOTO_VIEWS, InspectionView
from app.services.station import Station
from app.services.views import ItemView


def open_phone(station: Station, actor: Actor, tag: str) -> tuple[ItemView, InspectionView | None, set[str], Any]:
    """The phone behind a scanned tag, moved into appraisal if it was only received, with its
    latest report, photos and recorded grading (shown read-only)."""
    item = station.items.find(tag)
    if item.category != "phone":
        raise ValidationError(
            f"{item.tag} 不是手机，请到珠宝鉴定工位处理",
            f"{item.tag} is not a phone; appraise it at the jewellery station",
            code="not_a_phone",
        )
    if item.state == ItemState.RECEIVED.value:
        item = station.appraisal.start(actor, item.tag)
    photos = set(station.photos.latest(item.tag)) & set(PHOTO_VIEWS)
    return item, station.inspection.latest(item.tag), photos, station.appraisal.latest_grading(item.tag)


def capture_still(devices: Any) -> bytes:
    camera = getattr(devices, "camera", None) if devices is not None else None
    if camera is None:
        raise DeviceError(
            "本工作站没有可用的相机，请检查设备设置",
            "No camera at this station; check the device settings",
            code="no_camera",
        )
    if getattr(camera, "state", "running") == "stopped" and hasattr(camera, "start"):
        camera.start()
    still = camera.capture_still(3.0)
    return bytes(getattr(still, "jpeg", still))


def record_result(
    station: Station, actor: Actor, tag: str, shown: InspectionView, grade: str | None, marks: tuple[str, ...] = ()
) -> str:
    """Pass → grading revision (goes to review); fail → rejection with the rules' reason.
    The verdict is taken from the stored report again, not from what the screen showed."""
    latest = station.inspection.latest(tag)
    if latest is None or latest.report.report_id != shown.report.report_id:
        raise ValidationError(
            "检测报告已更新，请重新查看后再记录",
            "The report changed meanwhile; look at it again first",
            code="stale_report",
        )
    if latest.evaluation.verdict == "fail":
        reason, note = station.inspection.rejection(tag)
        station.appraisal.reject(actor, tag, reason, note)
        return "fail"
    if grade is None:
        raise ValidationError("请选择外观成色", "Choose the cosmetic grade", code="no_grade")
    station.appraisal.record_grading(actor, tag, station.inspection.phone_result(tag, grade, marks))
    return "pass"


def fail_for_defect(station: Station, actor: Actor, tag: str, defect: str | None, note: str) -> str:
    """A defect the box cannot see (cracked back, bent body...): rejected as ``damaged`` with
    the defect named; the service refuses it without a close-up photo."""
    reason, text = station.inspection.defect_rejection(tag, defect or "", note)
    station.appraisal.reject(actor, tag, reason, text)
    return "fail"
