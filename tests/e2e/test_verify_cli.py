"""``python -m app verify`` as a buyer's helper at the counter would run it: the issued
PDF verifies; once voided at this station, the same file is reported voided."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.services.test_review_support import approved


def _verify(data_dir, db_url, *args):  # type: ignore[no-untyped-def]
    env = {**os.environ, "TW_DATABASE_URL": db_url, "TW_PLATFORM_URL": "embedded"}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "verify", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_issued_then_voided(sqlite_station, sqlite_people, data_dir, tmp_path):
    st, people = sqlite_station, sqlite_people
    issuer = st.certificates.generate_key(people.supervisor, "a long passphrase 1")
    cert = st.certificates.issue(people.supervisor, approved(st, people), issuer)
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(st.certificates.pdf(cert.certificate_no))
    ok = _verify(data_dir, st.db.url, str(pdf))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "✔" in ok.stdout
    qr = _verify(data_dir, st.db.url, "--qr", cert.qr_payload)
    assert qr.returncode == 0, qr.stdout
    st.certificates.void(people.supervisor2, cert.certificate_no, "名称有误")
    voided = _verify(data_dir, st.db.url, str(pdf))
    assert voided.returncode == 1 and ("作废" in voided.stdout or "void" in voided.stdout.lower()), voided.stdout
    offline = _verify(data_dir, st.db.url, "--offline", str(pdf))
    assert offline.returncode == 1 and "作废" in offline.stdout  # 1.1: voided offline too (this station's records)
    moved = _verify(data_dir, st.db.url, "--qr", cert.qr_payload.replace("platform.example", "platform-example.shop"))
    assert moved.returncode == 1 and "platform-example.shop" in moved.stdout  # the foreign site is named
