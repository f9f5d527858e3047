"""The certificate and the screens name every part, part state, function test and treatment
the same way: a rendered certificate's text holds the very words the station shows."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from PySide6.QtGui import QTextDocument

from app.certs import render
from app.certs.samples import sample_jewelry_facts, sample_phone_facts
from app.core import certificate as c
from app.core.qr_format import QrPayload
from app.core.vocab import gems, phone

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _pdf_text(facts: c.CertificateFacts) -> str:
    qr = QrPayload(
        "https://platform.example/tw/api/v1",
        facts.certificate_no,
        "WH-HZ-01-0011223344556677",
        facts.qr_fields(),
        bytes(range(64)),
    ).text
    pdf = render.render_certificate(facts, None, qr, layout="A4")
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True, timeout=30
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", text)


def _plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def _chunks(seq: list, n: int = 4) -> list[list]:
    return [seq[i : i + n] for i in range(0, len(seq), n)]  # a page holds a handful of disclosures


@pytest.fixture(scope="module")
def phone_certificate_text() -> str:
    statuses = [*phone.PART_STATUSES.codes] * 10
    parts = list(zip(phone.PARTS.codes, statuses, strict=False))
    parts += [(p, s) for p in phone.PARTS.codes[:1] for s in phone.PART_STATUSES.codes]  # every state printed
    texts = []
    for part_chunk, test_chunk in zip(
        _chunks(parts), _chunks(list(phone.FUNCTION_TESTS.codes)) + [[]] * 9, strict=False
    ):
        measured = {
            "model": "Apple iPhone 13",
            "imei": "356789104567891",
            "parts": dict(part_chunk),
            "failed_functions": test_chunk,
            "warranty_until": c.warranty_end(c.date(2026, 11, 21)),
        }
        facts = replace(
            sample_phone_facts(), facts=c.phone_fact_rows(measured), disclosures=c.phone_disclosures(measured)
        )
        texts.append(_pdf_text(facts))
    for test_chunk in _chunks(list(phone.FUNCTION_TESTS.codes))[len(texts) :]:
        measured = {"imei": "356789104567891", "failed_functions": test_chunk}
        texts.append(_pdf_text(replace(sample_phone_facts(), disclosures=c.phone_disclosures(measured))))
    return _norm(" ".join(texts))


@pytest.mark.parametrize("zh", [True, False], ids=["zh", "en"])
def test_phone_parts_states_and_tests_read_as_on_the_inspection_screen(qtbot, phone_certificate_text, zh):
    from app.ui.phone.report_view import ReportPanel

    panel = ReportPanel(zh)
    qtbot.addWidget(panel)
    statuses = [*phone.PART_STATUSES.codes] * 10
    report = {
        "parts": [{"part": p, "status": s} for p, s in zip(phone.PARTS.codes, statuses, strict=False)],
        "functions": [{"test": t, "result": "fail"} for t in phone.FUNCTION_TESTS.codes],
    }
    shown = _plain(panel._parts(report)) + "\n" + _plain(panel._functions(report))
    names = [phone.part_name(p) for p in phone.PARTS.codes] + [
        phone.part_status_name(s) for s in phone.PART_STATUSES.codes
    ]
    names += [phone.function_test_name(t) for t in phone.FUNCTION_TESTS.codes]
    for zh_name, en_name in names:
        on_screen = zh_name if zh else en_name
        assert on_screen in shown  # the screen shows the vocabulary's word ...
        assert _norm(on_screen) in phone_certificate_text, on_screen  # ... and the certificate prints it


def test_touch_id_is_one_word_on_paper_and_screen(phone_certificate_text):
    zh_name, en_name = phone.part_name("touch_id")
    assert _norm(zh_name) in phone_certificate_text and "指纹识别" not in phone_certificate_text


@pytest.mark.parametrize("zh", [True, False], ids=["zh", "en"])
def test_treatments_read_as_in_the_appraisal_form(qtbot, zh):
    from app.ui.appraisal.form import JewelryForm

    form = JewelryForm(zh)
    qtbot.addWidget(form)
    shown = {form.treatments.item(i).data(256): form.treatments.item(i).text() for i in range(form.treatments.count())}
    assert set(shown) == set(gems.TREATMENTS.codes)
    printed = _norm(
        " ".join(
            _pdf_text(replace(sample_jewelry_facts(), disclosures=c.jewelry_disclosures({"treatments": chunk})))
            for chunk in _chunks(list(shown))
        )
    )
    for code, label in shown.items():
        assert _norm(label) in printed, (code, label)


def test_stored_treatment_codes_are_the_vocabulary_codes():
    # grading results store gems.TREATMENTS codes; the certificate knows no others
    assert c.treatment_disclosure("heat") == c.Disclosure("加热", "Heating")
    assert c.treatment_disclosure("bleaching").zh == "漂白"
    assert not hasattr(c, "TREATMENTS") and not hasattr(c, "PARTS") and not hasattr(c, "PART_STATES")
    assert c.treatment_disclosure("ivory polish") == c.Disclosure("ivory polish", "ivory polish")  # never dropped
