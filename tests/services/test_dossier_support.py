"""An item taken through every stage with the real operations, for the dossier tests:
received with a parcel photo, weighed (stable and unstable), photographed (one retake),
graded, returned, regraded with a justification, approved, certified, printed, held and
released, its certificate voided and reissued, and dispatched to the buyer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D

from app.core.grading import GradingResult
from tests.helpers import receive_one
from tests.services.test_dispatch_support import SCALE, _issuer, piece_photo
from tests.services.test_review_support import pendant, photo

_n = {"value": 0}


@dataclass(frozen=True)
class Life:
    tag: str
    first_cert: str
    second_cert: str
    asn_id: str
    waybill_in: str
    waybill_out: str
    order_no: str


def whole_life(station, people) -> Life:  # type: ignore[no-untyped-def]
    _n["value"] += 1
    n = _n["value"]
    asn, waybill = f"ASN-20261130-{n:06d}", f"SF88{n:011d}"
    item = receive_one(station, people, line_id="L1", asn=asn, waybill=waybill)
    tag = item.tag
    station.photos.attach(
        people.clerk,
        photo(40 + n),
        "package",
        shipment_id=item.shipment_id,
        purpose="intake",
        device={"type": "camera"},
    )
    a = people.appraiser
    station.appraisal.start(a, tag)
    station.appraisal.record_measurement(a, tag, "mass", D("2.3490"), "g", device=SCALE)
    station.appraisal.record_measurement(a, tag, "refractive_index", D("2.417"), "1", device={"type": "refractometer"})
    station.photos.attach(a, piece_photo(n), "front", tag=tag, device={"type": "camera"})
    for i, view in enumerate(("back", "hallmark", "detail")):
        station.photos.attach(a, photo(i + n * 5), view, tag=tag, device={"type": "camera"})
    first = station.appraisal.record_grading(a, tag, GradingResult("jewelry", "pass", jewelry=pendant("2.349")))
    station.review.return_for_rework(people.supervisor, tag, first.revision, "主石重量请复称")
    station.appraisal.record_measurement(a, tag, "mass", D("2.3510"), "g", device=SCALE)
    second = station.appraisal.record_grading(a, tag, GradingResult("jewelry", "pass", jewelry=pendant("2.351")))
    station.review.approve(people.supervisor, tag, second.revision)
    issuer = _issuer(station, people)
    cert1 = station.certificates.issue(people.supervisor, tag, issuer).certificate_no
    doc = station.certificates.prepare_print(people.supervisor, cert1)
    station.certificates.record_print(people.supervisor, doc)
    station.holds.hold(people.supervisor, tag, "买家投诉待查")
    station.holds.release(people.supervisor, tag, "核实无误")
    cert2 = station.certificates.void_and_reissue(people.supervisor, cert1, "证书名称有误", issuer).certificate_no
    out = f"YT{n:013d}"
    station.dispatch.dispatch(people.clerk, tag, waybill=out, photo=piece_photo(n))
    line = station.intake.find_parcel(waybill).lines[0]
    return Life(tag, cert1, cert2, asn, waybill, out, line.order_no or "")
