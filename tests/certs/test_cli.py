"""``python -m app verify`` and ``keys``: exit codes and the reason printed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "TW_DATA_DIR": str(data_dir), "TW_WAREHOUSE_ID": "WH-CLI-01", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("cli")
    done = run(
        data, "keys", "generate", "--passphrase-env", "TW_TEST_PASS", env_extra={"TW_TEST_PASS": "cli passphrase"}
    )
    assert done.returncode == 0, done.stderr
    return data


def test_keys_list_and_register_body(data_dir):
    listed = run(data_dir, "keys", "list")
    assert listed.returncode == 0 and "WH-CLI-01-" in listed.stdout and "current" in listed.stdout
    body = json.loads(run(data_dir, "keys", "register-body").stdout)
    assert body["algorithm"] == "ES256" and body["key_id"].startswith("WH-CLI-01-")


def test_verify_a_good_and_a_broken_pdf(data_dir, tmp_path):
    from app.certs.issue import CertificateIssuer
    from app.certs.keys import KeyStore
    from app.certs.samples import BASE_URL, sample_jewelry_facts

    key = KeyStore(data_dir / "keys").unlock("cli passphrase")
    cert = CertificateIssuer(key, BASE_URL).issue(sample_jewelry_facts(warehouse_id="WH-CLI-01"), None)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(cert.pdf)
    broken = bytearray(cert.pdf)
    broken[len(broken) // 3] ^= 1
    bad.write_bytes(bytes(broken))

    ok = run(data_dir, "verify", str(good))
    assert ok.returncode == 0 and cert.certificate_no in ok.stdout
    # no station records and no status copy here: never a bare "valid" (1.1 offline rule)
    assert "signature valid" in ok.stdout and "never synchronised" in ok.stdout
    fail = run(data_dir, "verify", str(bad))
    assert fail.returncode == 1 and "bad signature" in fail.stdout and "Traceback" not in fail.stderr
    qr = run(data_dir, "verify", "--qr", cert.qr.text, "--json")
    assert qr.returncode == 0 and json.loads(qr.stdout)["code"] == "valid_as_of"
    forged = run(data_dir, "verify", "--qr", cert.qr.text.replace("?k=WH-CLI-01-", "?k=WH-CLI-02-"))
    assert forged.returncode == 1 and "not among the platform's published keys" in forged.stdout


def test_verify_without_input_or_with_a_missing_file(data_dir):
    assert run(data_dir, "verify").returncode == 2
    missing = run(data_dir, "verify", "/nonexistent/cert.pdf")
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_verify_names_a_foreign_site_and_refuses_demo_certificates(data_dir, tmp_path):
    from app.certs.issue import CertificateIssuer
    from app.certs.keys import KeyStore
    from app.certs.samples import BASE_URL, sample_jewelry_facts

    key = KeyStore(data_dir / "keys").unlock("cli passphrase")
    cert = CertificateIssuer(key, BASE_URL).issue(sample_jewelry_facts(warehouse_id="WH-CLI-01"), None)
    real = {"TW_PLATFORM_URL": BASE_URL}  # a station configured for the real platform
    moved = run(
        data_dir,
        "verify",
        "--qr",
        cert.qr.text.replace("https://platform.example/", "https://platform.example.evil.cn/"),
        env_extra=real,
    )
    assert moved.returncode == 1 and "platform.example.evil.cn" in moved.stdout and "其他" not in moved.stderr
    assert "site other than the platform" in moved.stdout
    listed = run(
        data_dir,
        "verify",
        "--qr",
        cert.qr.text.replace("https://platform.example/", "https://mirror.example/"),
        env_extra={**real, "TW_VERIFY_URLS": "https://mirror.example/tw/api/v1"},
    )
    assert listed.returncode == 0, listed.stdout

    demo_dir = tmp_path / "demo"
    demo = KeyStore(demo_dir / "keys").generate("WH-CLI-01", "演示仓", "demo passphrase", demo=True)
    demo_cert = CertificateIssuer(demo, BASE_URL).issue(sample_jewelry_facts(warehouse_id="WH-CLI-01"), None)
    refused = run(demo_dir, "verify", "--qr", demo_cert.qr.text, env_extra=real)
    assert refused.returncode == 1 and "demo certificate" in refused.stdout
    shown = run(demo_dir, "verify", "--qr", demo_cert.qr.text, env_extra={"TW_PLATFORM_URL": "embedded"})
    assert shown.returncode == 0 and "demo mode" in shown.stdout
