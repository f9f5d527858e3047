"""Demo data is made through the operations, so it is also an end-to-end check: parcels,
jewellery and phones appraised, reviewed by someone else, certified, and the audit
chain intact."""

from __future__ import annotations

from app.demo.data import make_demo_data
from app.store.audit import verify_chain


def test_demo_data_reaches_certified_phones_and_jewellery(sqlite_station):
    summary = make_demo_data(sqlite_station, items=24, seed=7)
    assert summary["items"] == 24 and summary["phones_inspected"] >= 1
    certs = sqlite_station.certificates.listing()
    categories = {sqlite_station.items.find(c.item_tag).category for c in certs}
    assert len(certs) == summary["certified"] >= 2 and "phone" in categories
    with sqlite_station.db.read() as s:
        assert verify_chain(s).ok
    queue = sqlite_station.review.queue()
    assert queue and all(row.graded_by != "supervisor" for row in queue)  # left for a reviewer
