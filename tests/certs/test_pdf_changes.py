"""After signing: harmless trailing bytes and an /Info-only update are told apart from a
changed page (hostile cases written from the PDF rules, not from the verifier's output)."""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from app.certs.verify import NOTES, verify_pdf


def _update(pdf: bytes, change) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _retitle(writer) -> None:
    info = writer.trailer["/Info"]
    info["/Title"] = generic.TextStringObject("Renamed by a document manager")
    writer.update_container(info)


def _repaint_page(writer) -> None:
    """Draw a new line of text on the page: what someone changing the certificate would do."""
    page = writer.root["/Pages"]["/Kids"][0]
    extra = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (3.347 g) Tj ET")
    contents = page.raw_get("/Contents")
    page["/Contents"] = generic.ArrayObject([contents, writer.add_object(extra)])
    writer.update_container(page)


def test_trailing_bytes_are_harmless_and_said(jewelry, trusted):
    result = verify_pdf(jewelry.pdf + b"\r\n" + bytes(range(32, 127)) * 4, trusted)
    assert result.ok and result.code == "valid"
    assert result.notes == ("trailing_bytes",)
    assert NOTES["trailing_bytes"][0] in result.summary()


def test_whitespace_padding_is_no_finding(jewelry, trusted):
    result = verify_pdf(jewelry.pdf + b"\n\n\x00\x00", trusted)
    assert result.code == "valid" and result.notes == ()


def test_an_info_only_update_is_harmless_and_said(jewelry, trusted):
    updated = _update(jewelry.pdf, _retitle)
    assert len(updated) > len(jewelry.pdf)
    result = verify_pdf(updated, trusted)
    assert result.ok and result.notes == ("info_update",)
    assert "title" in NOTES["info_update"][1]


def test_a_changed_page_is_modified_after_signing(jewelry, trusted):
    result = verify_pdf(_update(jewelry.pdf, _repaint_page), trusted)
    assert result.code == "modified_after_signing" and not result.ok
    assert "changed after signing" in result.detail


def test_info_update_hiding_a_page_change_is_still_caught(jewelry, trusted):
    def both(writer):
        _retitle(writer)
        _repaint_page(writer)

    assert verify_pdf(_update(jewelry.pdf, both), trusted).code == "modified_after_signing"


def test_a_replaced_catalogue_is_caught(jewelry, trusted):
    refs = []

    def new_root(writer):
        refs.append((writer.root_ref, writer.add_object(generic.DictionaryObject(dict(writer.root.items())))))

    updated = _update(jewelry.pdf, new_root)
    ((old, new),) = refs
    # pyHanko's writer always keeps the old /Root, so the forger edits the new trailer by hand
    head, tail = updated.rsplit(b"trailer", 1)
    tail = tail.replace(f"/Root {old.idnum} 0 R".encode(), f"/Root {new.idnum} 0 R".encode())
    result = verify_pdf(head + b"trailer" + tail, trusted)
    assert result.code == "modified_after_signing" and "catalogue" in result.detail


def test_an_unreadable_update_is_never_taken_as_trailing_bytes(jewelry, trusted):
    junk_update = b"\n99 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n123456\n%%EOF\n"
    result = verify_pdf(jewelry.pdf + junk_update, trusted)
    assert not result.ok and result.code in ("modified_after_signing", "malformed")
