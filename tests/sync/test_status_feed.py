"""The local copy of GET /certificate-status (platform-api.md §4a), pulled over HTTP from the
reference platform into the station's database (SQLite and PostgreSQL), and read offline."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from app.certs.verify import StatusAnswer, verify_qr
from app.core.certificate import make_certificate_no
from app.refplatform import PlatformServer
from app.services.certificate_status import CURSOR_KEY, CertificateStatusCopies
from app.services.sync_port import StationSyncPort
from app.sync.client import PlatformClient
from app.sync.ratelimit import Unlimited
from app.sync.status_feed import pull_certificate_status

from .helpers import TOKEN, WS, EventFactory, sha, wire

A, B, C = (make_certificate_no(date(2026, 11, 21), n) for n in (17, 18, 19))
MISTYPED = A[:-1] + ("0" if A[-1] != "0" else "1")  # a wrong check character
DAY = timedelta(hours=24)


def _issue_and_void(server: PlatformServer, numbers: list[str], voided: list[str]) -> None:
    f = server.__dict__.setdefault("trust_events", EventFactory())  # seq keeps rising across calls
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS}) as h:
        pdf = b"%PDF-1.7 x"
        h.put(f"/blobs/{sha(pdf)}", content=pdf, headers={"Content-Type": "application/pdf"})
        events = [f.received("TW1")] + [f.certificate("TW1", n, sha(pdf)) for n in numbers]
        events += [f.void("TW1", n) for n in voided]
        r = h.post("/events", json={"workstation_id": WS, "events": [wire(e) for e in events]})
        assert all(x["status"] == "accepted" for x in r.json()["results"]), r.text


@pytest.fixture
def feed(server: PlatformServer):
    with PlatformClient(server.url, TOKEN, WS, timeout=5, limiter=Unlimited()) as client:
        yield client


def test_pull_pages_into_the_copy_and_resumes_from_the_cursor(server, feed, station):
    _issue_and_void(server, [A, B], voided=[A])
    port = StationSyncPort(station.ctx)
    assert pull_certificate_status(feed, port, limit=1) == 3  # A valid, B valid, A voided: one per page
    copies = CertificateStatusCopies(station.ctx)
    assert copies.lookup(A, DAY).status == "voided" and copies.lookup(B, DAY).status == "valid"
    assert copies.lookup(C, DAY).status is None
    assert not copies.lookup(A, DAY).stale and copies.complete_at() is not None
    before = server.stats()[WS]["requests"]
    assert pull_certificate_status(feed, port) == 0  # nothing new after the stored cursor
    assert server.stats()[WS]["requests"] == before + 1
    _issue_and_void(server, [C], voided=[B])
    assert pull_certificate_status(feed, port) == 2
    assert copies.lookup(B, DAY).status == "voided" and copies.lookup(C, DAY).status == "valid"
    assert copies.status_cursor() and CURSOR_KEY


def test_a_bad_entry_is_skipped_and_the_rest_is_kept(server, feed, station):
    _issue_and_void(server, [A, B], voided=[])
    with server.store.lock:  # a platform bug: entries that break §4a between good ones
        server.store.db.execute(
            "INSERT INTO certificate_status_changes (certificate_no, status, changed_at)"
            " VALUES (?, 'voided', '2026-11-21T09:00:00.000Z'),"
            " (?, 'revoked', '2026-11-21T09:00:00.000Z'), (?, 'voided', 'yesterday')",
            (MISTYPED, A, B),
        )
    _issue_and_void(server, [C], voided=[A])
    assert pull_certificate_status(feed, StationSyncPort(station.ctx)) == 4
    copies = CertificateStatusCopies(station.ctx)
    assert copies.lookup(A, DAY).status == "voided"
    assert copies.lookup(B, DAY).status == "valid"  # 'revoked' and 'yesterday' were not guessed into a void
    assert copies.lookup(MISTYPED, DAY).status is None  # wrong check character


def test_a_void_in_the_copy_is_never_undone_by_the_feed(server, feed, station):
    _issue_and_void(server, [A], voided=[A])
    with server.store.lock:  # a faulty or hostile platform announces the voided number valid again
        server.store.db.execute(
            "INSERT INTO certificate_status_changes (certificate_no, status, changed_at)"
            " VALUES (?, 'valid', '2026-11-22T09:00:00.000Z')",
            (A,),
        )
    pull_certificate_status(feed, StationSyncPort(station.ctx))
    assert CertificateStatusCopies(station.ctx).lookup(A, DAY).status == "voided"


def test_engine_pull_brings_the_status_copy_along(server, feed, station):
    from app.sync.engine import SyncEngine

    _issue_and_void(server, [A], voided=[A])
    SyncEngine(StationSyncPort(station.ctx), feed).pull()
    assert CertificateStatusCopies(station.ctx).lookup(A, DAY).status == "voided"


def test_offline_verification_reads_the_copy(server, feed, sqlite_station, jewelry_qr):
    """A voided certificate is voided offline too; an old copy says 'as of', never a bare valid."""
    qr, trusted, number = jewelry_qr
    copies = CertificateStatusCopies(sqlite_station.ctx)

    def offline(max_age):
        def lookup(no):
            c = copies.lookup(no, max_age)
            return StatusAnswer(c.status, c.as_of, c.stale)

        return lookup

    never = verify_qr(qr, trusted, status_lookup=offline(DAY))
    assert never.code == "valid_as_of" and never.as_of is None and "never" in never.summary()
    _issue_and_void(server, [number], voided=[])
    pull_certificate_status(feed, StationSyncPort(sqlite_station.ctx))
    assert verify_qr(qr, trusted, status_lookup=offline(DAY)).code == "valid"
    stale = verify_qr(qr, trusted, status_lookup=offline(timedelta(0)))
    assert stale.code == "valid_as_of" and stale.as_of is not None and "status as of" in stale.summary()
    _issue_and_void(server, [], voided=[number])
    pull_certificate_status(feed, StationSyncPort(sqlite_station.ctx))
    voided = verify_qr(qr, trusted, status_lookup=offline(DAY))
    assert voided.code == "voided" and not voided.ok


@pytest.fixture(scope="module")
def jewelry_qr(tmp_path_factory):
    from app.certs.issue import CertificateIssuer
    from app.certs.keys import KeyStore
    from app.certs.samples import BASE_URL, sample_jewelry_facts
    from app.certs.trust import TrustedKeys

    store = KeyStore(tmp_path_factory.mktemp("k") / "keys")
    store.generate("WH-HZ-01", "仓", "passphrase 1")
    cert = CertificateIssuer(store.unlock("passphrase 1"), BASE_URL).issue(sample_jewelry_facts(), None)
    return cert.qr.text, TrustedKeys().with_local(store), cert.certificate_no
