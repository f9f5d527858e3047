"""``certificate list`` / ``certificate export`` (byte-identical to the stored blob) and the
demo stage that reviews and certifies."""

from __future__ import annotations

import hashlib
import json

from app.cli import main
from tests.services.test_review_support import PASSPHRASE, approved


def test_export_is_the_stored_pdf_and_list_shows_it(data_dir, tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.config import load_config
    from app.services.station import Station
    from tests.helpers import make_people

    for var in ("TW_DATABASE_URL", "TW_DATA_DIR", "TW_PLATFORM_URL"):
        monkeypatch.delenv(var, raising=False)
    station = Station.open(load_config(data_dir, env={}))
    people = make_people(station)
    issuer = station.certificates.generate_key(people.supervisor, PASSPHRASE)
    cert = station.certificates.issue(people.supervisor, approved(station, people), issuer)
    station.close()
    out = tmp_path / "out.pdf"
    assert main(["--data-dir", str(data_dir), "certificate", "export", cert.certificate_no, "--out", str(out)]) == 0
    assert hashlib.sha256(out.read_bytes()).hexdigest() == cert.pdf_sha256
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "certificate", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["certificate_no"], c["status"], c["pdf_sha256"]) for c in listed] == [
        (cert.certificate_no, "valid", cert.pdf_sha256)
    ]
    assert main(["--data-dir", str(data_dir), "certificate", "export", "TWC000", "--out", str(out)]) == 2
    assert "TWC000" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "verify", str(out)]) == 0


def test_demo_data_reviews_and_certifies(sqlite_station) -> None:  # type: ignore[no-untyped-def]
    from app.demo.data import make_demo_data

    summary = make_demo_data(sqlite_station, items=12)
    assert summary["certified"] >= 1 and summary["reviewed_approved"] >= 2
    certs = sqlite_station.certificates.listing()
    assert [c.certificate_no for c in certs] == list(reversed(summary["certificates"]))
    assert all(sqlite_station.items.find(c.item_tag).state == "certified" for c in certs)
    assert sqlite_station.review.queue() and sqlite_station.review.queue("approved")
