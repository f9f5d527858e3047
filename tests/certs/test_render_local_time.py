"""The certificate prints its issue time in the warehouse's zone (the time_zone setting),
with the offset, while the facts and the QR keep UTC."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.certs import render
from app.certs.samples import sample_jewelry_facts
from app.core.qr_format import QrPayload

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(facts, tmp_path: Path, **kwargs) -> str:  # type: ignore[no-untyped-def]
    qr = QrPayload(
        "https://platform.example/tw/api/v1",
        facts.certificate_no,
        "WH-HZ-01-0011223344556677",
        facts.qr_fields(),
        bytes(range(64)),
    ).text
    (tmp_path / "c.pdf").write_bytes(render.render_certificate(facts, None, qr, **kwargs))
    return subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True, check=True, timeout=30
    ).stdout


def test_issue_time_is_printed_in_shanghai_time_by_default(tmp_path):
    # 17:30 UTC on the 21st is half past one in the morning of the 22nd in Shanghai
    facts = replace(sample_jewelry_facts(), issued_at=datetime(2026, 11, 21, 17, 30, tzinfo=UTC))
    text = _text(facts, tmp_path)
    assert "2026-11-22 01:30 (UTC+08:00)" in text
    assert "2026-11-21" not in text


def test_issue_time_follows_the_time_zone_setting(tmp_path):
    facts = replace(sample_jewelry_facts(), issued_at=datetime(2026, 11, 21, 17, 30, tzinfo=UTC))
    assert "2026-11-21 18:30 (UTC+01:00)" in _text(facts, tmp_path, time_zone="Europe/Berlin")


def test_the_station_setting_reaches_the_printed_certificate(tmp_path):
    # The time_zone setting travels from the station's config through the issuer to the paper.
    from types import SimpleNamespace

    from app.certs.issue import CertificateIssuer
    from app.certs.keys import KeyStore
    from app.services.certificates import CertificateService

    config = SimpleNamespace(
        data_dir=tmp_path, demo=False, platform_url="https://platform.example/tw/api/v1", time_zone="Europe/Berlin"
    )
    station = SimpleNamespace(config=config, ctx=None)
    service = CertificateService.for_station(station)
    KeyStore(tmp_path / "keys").generate("WH-HZ-01", "杭州仓", "a long passphrase")
    issuer = CertificateIssuer(
        KeyStore(tmp_path / "keys").unlock("a long passphrase"), service.base_url, service.time_zone
    )
    facts = replace(sample_jewelry_facts(warehouse_id="WH-HZ-01"), issued_at=datetime(2026, 11, 21, 17, 30, tzinfo=UTC))
    (tmp_path / "i.pdf").write_bytes(issuer.issue(facts, None).pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "i.pdf"), "-"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    assert service.time_zone == "Europe/Berlin" and "2026-11-21 18:30 (UTC+01:00)" in text
