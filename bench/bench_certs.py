"""Certificate figures: render alone, sign alone, render+sign (target: median < 150 ms), and a
batch of 100. ``run()`` returns the figures; ``python bench/bench_certs.py`` prints one JSON
object per line. The baseline of render+sign is render alone + sign alone measured in the
same run, so the ratio shows what issuing adds on top of the two steps."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 150.0


def _median_ms(fn, repeat: int, clock=time.perf_counter) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append((clock() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _figure(name, value, unit, baseline=None, target=None, lower_is_better=True) -> dict:
    ratio = round(value / baseline, 3) if baseline else None
    ok = None if target is None else (value <= target if lower_is_better else value >= target)
    return {
        "name": name,
        "value": round(value, 2),
        "unit": unit,
        "baseline": baseline and round(baseline, 2),
        "ratio": ratio,
        "target": target,
        "ok": ok,
    }


def run(repeat: int = 30, batch: int = 100) -> list[dict]:
    from app.certs.issue import CertificateIssuer
    from app.certs.keys import KeyStore, registration_body
    from app.certs.render import render_certificate
    from app.certs.samples import (
        BASE_URL,
        sample_jewelry_facts,
        sample_phone_facts,
        sample_photo_jpeg,
    )
    from app.certs.trust import TrustedKeys
    from app.certs.verify import verify_pdf

    with tempfile.TemporaryDirectory() as tmp:
        key = KeyStore(Path(tmp) / "keys").generate("WH-BENCH-01", "珍宝仓 基准", "bench passphrase")
    issuer = CertificateIssuer(key, BASE_URL)
    facts, photo = sample_phone_facts(), sample_photo_jpeg("phone")
    first = time.perf_counter()
    issued = issuer.issue(facts, photo)  # also the cold start: font parsing, imports
    cold_ms = (time.perf_counter() - first) * 1000
    unsigned = render_certificate(facts, photo, issued.qr.text)

    render_ms, _ = _median_ms(lambda: render_certificate(facts, photo, issued.qr.text), repeat)
    sign_ms, _ = _median_ms(lambda: issuer._pdf_signer.sign(unsigned, facts, issued.qr.text), repeat)
    both_ms, both_p95 = _median_ms(lambda: issuer.issue(facts, photo), repeat)
    # CPU time of this process: what issuing costs when other work shares the machine.
    both_cpu_ms, _ = _median_ms(lambda: issuer.issue(facts, photo), repeat, clock=time.process_time)
    trusted = TrustedKeys.from_response(
        {"keys": [{**registration_body(key), "registered_at": None, "revoked_at": None}]}
    )
    verify_ms, _ = _median_ms(lambda: verify_pdf(issued.pdf, trusted), repeat)

    jewels = [sample_jewelry_facts(seq) for seq in range(1, batch + 1)]
    jewel_photo = sample_photo_jpeg("jewelry")
    start = time.perf_counter()
    for f in jewels:
        issuer.issue(f, jewel_photo if f.photo_sha256 else None)
    batch_s = time.perf_counter() - start

    return [
        _figure("certs.render_ms", render_ms, "ms"),
        _figure("certs.sign_ms", sign_ms, "ms"),
        _figure("certs.render_sign_ms", both_ms, "ms", baseline=render_ms + sign_ms, target=TARGET_MS),
        _figure("certs.render_sign_p95_ms", both_p95, "ms", target=TARGET_MS * 1.5),
        _figure("certs.render_sign_cpu_ms", both_cpu_ms, "ms", baseline=both_ms, target=TARGET_MS),
        _figure("certs.first_issue_cold_ms", cold_ms, "ms"),
        _figure("certs.verify_pdf_ms", verify_ms, "ms"),
        _figure(
            f"certs.batch_{batch}_s", batch_s, "s", baseline=both_ms * batch / 1000, target=TARGET_MS * batch / 1000
        ),
        _figure("certs.pdf_size_kb", len(issued.pdf) / 1024, "KiB", target=200.0),
    ]


if __name__ == "__main__":
    for figure in run():
        print(json.dumps(figure, ensure_ascii=False))
