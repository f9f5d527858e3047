"""Demo stage: a supervisor reviews the jewellery graded by the appraisal stage and certifies
some of it, through the real operations. One item stays in the review queue and one stays
approved, so both lists of the review station have something to show. Registered in
``app.demo.data.STAGES`` after the appraisal stage."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from app.core.errors import ValidationError

if TYPE_CHECKING:
    from app.certs.issue import CertificateIssuer
    from app.core.roles import Actor
    from app.services.demo import DemoPeople
    from app.services.station import Station
    from app.services.views import ItemView

DEMO_KEY_PASSPHRASE = "demo-key-passphrase"  # the demo warehouse's signing key (demo data only)


def demo_issuer(station: Station, actor: Actor) -> CertificateIssuer | None:
    """Unlock the demo key, creating it on first use; None when this data folder holds a
    real key that the demo passphrase does not open."""
    certs = station.certificates
    if not certs.has_key():
        return certs.generate_key(actor, DEMO_KEY_PASSPHRASE, demo=True)  # watermarked, never verifies as real
    try:
        return certs.unlock(actor, DEMO_KEY_PASSPHRASE)
    except ValidationError:
        return None


def review_and_certify(
    station: Station, people: DemoPeople, items: list[ItemView], rng: random.Random
) -> dict[str, Any]:
    queue = station.review.queue()
    graded_by_others = [
        (row.tag, row.revision)
        for row in queue
        if row.revision is not None and row.graded_by != people.supervisor.username
    ]
    approved = []
    for tag, revision in graded_by_others[:-1]:  # the last stays in the queue
        station.review.approve(people.supervisor, tag, revision)
        approved.append(tag)
    issuer = demo_issuer(station, people.supervisor) if approved else None
    certified = []
    if issuer is not None:
        for tag in approved[:-1] if len(approved) > 1 else approved:  # the last stays approved, to certify
            cert = station.certificates.issue(people.supervisor, tag, issuer)
            certified.append(cert.certificate_no)
    return {"reviewed_approved": len(approved), "certified": len(certified), "certificates": certified}
