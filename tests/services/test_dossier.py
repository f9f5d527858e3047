"""The dossier service: the whole life of an item in order, what each role may see
(enforced in the service), exports audited and refused to those who may not export."""

from __future__ import annotations

import json

import pytest

from app.core.dossier import EntryKind, Section
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.tags import damm_digit
from tests.services.test_dossier_support import whole_life


def _kinds(d) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.kind.value for e in d.entries]


def test_whole_life_in_order_with_void_and_reissue(station, people) -> None:  # type: ignore[no-untyped-def]
    life = whole_life(station, people)
    d = station.dossiers.dossier(people.supervisor, life.tag)
    kinds = _kinds(d)
    for kind in EntryKind:
        if kind not in (EntryKind.REJECTION, EntryKind.DISCREPANCY, EntryKind.EXPORT, EntryKind.INSPECTION):
            assert kind.value in kinds, kind
    assert [e.at for e in d.entries] == sorted(e.at for e in d.entries)
    assert kinds.index("parcel") < kinds.index("received") < kinds.index("measurement") < kinds.index("grading")
    assert kinds[-1] == "dispatch" and d.state == "dispatched"
    gradings = [e for e in d.entries if e.kind is EntryKind.GRADING]
    assert [g.facts["revision"] for g in gradings] == [1, 2]
    assert gradings[0].facts["changes"] == []
    changed = {c[0]: (c[1], c[2]) for c in gradings[1].facts["changes"]}
    assert changed["jewelry.total_mass_g"] == (2.349, 2.351), changed
    reviews = [e for e in d.entries if e.kind is EntryKind.REVIEW]
    assert [r.facts["decision"] for r in reviews] == ["returned", "approved"]
    assert "主石重量请复称" in reviews[0].summary_zh
    mass = next(e for e in d.entries if e.kind is EntryKind.MEASUREMENT and e.facts["kind"] == "mass")
    assert mass.facts["stable"] is True and mass.facts["device"]["serial"] == "B912345678"
    assert "B912345678" in mass.summary_en and "stable" in mass.summary_en
    certs = {c.certificate_no: c for c in d.certificates}
    assert certs[life.first_cert].status == "voided" and certs[life.first_cert].replaced_by == life.second_cert
    assert certs[life.second_cert].status == "valid" and all(c.pdf_intact for c in certs.values())
    voided = next(e for e in d.entries if e.kind is EntryKind.CERTIFICATE_VOIDED)
    assert life.second_cert in voided.summary_zh and "证书名称有误" in voided.summary_zh
    prints = [e for e in d.entries if e.kind is EntryKind.PRINT]
    assert len(prints) == 1 and life.first_cert in prints[0].summary_en
    assert [e.kind for e in d.entries if e.section is Section.HOLDS] == [EntryKind.HOLD, EntryKind.RELEASE]
    assert any(p.purpose == "intake" and p.view == "package" for p in d.photos)
    assert all(len(p.sha256) == 64 for p in d.photos)
    # Each event written is traced to its sync state; nothing was sent in this test.
    assert next(e for e in d.entries if e.kind is EntryKind.RECEIVED).sync == "pending"
    assert next(e for e in d.entries if e.kind is EntryKind.HOLD).sync is None  # holds stay local (1.1)
    # A certificate is signed before its transaction: its event is found by number, not by time.
    assert {e.sync for e in d.entries if e.kind in (EntryKind.CERTIFICATE_ISSUED, EntryKind.CERTIFICATE_VOIDED)} == {
        "pending"
    }
    opened = next(e for e in d.entries if e.facts.get("action") == "start_appraisal")
    assert "已收货 → 鉴定中" in opened.summary_zh and "Received → In appraisal" in opened.summary_en
    assert d.entries[0].actor == "王收货"  # people by name, not by log-in


def test_roles_see_what_they_may(station, people) -> None:  # type: ignore[no-untyped-def]
    life = whole_life(station, people)
    full = station.dossiers.dossier(people.supervisor, life.tag)
    clerk = station.dossiers.dossier(people.clerk, life.tag)
    admin = station.dossiers.dossier(people.admin, life.tag)
    appraiser = station.dossiers.dossier(people.appraiser, life.tag)
    assert {e.section for e in clerk.entries} <= {
        Section.RECEIPT,
        Section.PHOTOS,
        Section.HOLDS,
        Section.CERTIFICATES,
        Section.DISPATCH,
        Section.SYNC,
    }
    for hidden in ("measurement", "grading", "review"):
        assert hidden not in _kinds(clerk) and hidden in _kinds(full)
    assert "主石重量请复称" not in json.dumps(clerk.to_json(), ensure_ascii=False)
    assert clerk.photos and clerk.certificates and clerk.declared
    assert not admin.photos and "photo" not in _kinds(admin) and admin.certificates
    assert set(_kinds(appraiser)) == set(_kinds(full))


def test_exports_are_for_supervisors_and_audited(station, people) -> None:  # type: ignore[no-untyped-def]
    life = whole_life(station, people)
    with pytest.raises(PermissionDenied):
        station.dossiers.export_json(people.clerk, life.tag)
    with pytest.raises(PermissionDenied):
        station.dossiers.export_json(people.appraiser, life.tag)
    body = json.loads(station.dossiers.export_json(people.supervisor, life.tag))
    assert body["format"] == "tw-dossier/1" and body["item"]["tag"] == life.tag
    assert body["timeline"][0]["kind"] == "parcel" and body["timeline"][-1]["kind"] == "dispatch"
    again = station.dossiers.dossier(people.supervisor, life.tag)
    assert again.entries[-1].kind is EntryKind.EXPORT and again.entries[-1].facts["exported"] == "json"


def test_bad_tags_are_refused_with_a_reason(station, people) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        station.dossiers.dossier(people.supervisor, "TW2611\x0021000")
    with pytest.raises((ValidationError, NotFound)):
        station.dossiers.dossier(people.supervisor, "TW261121000009")
    with pytest.raises(NotFound):
        station.dossiers.dossier(people.supervisor, "TW261121999999" + str(damm_digit("261121999999")))


def signed_dossier_json(pdf: bytes) -> dict:  # type: ignore[type-arg]
    """The JSON a signed dossier PDF carries, after checking the signature covers the whole
    file (pyHanko, independently of our code)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    reader = PdfFileReader(io.BytesIO(pdf))
    (sig,) = reader.embedded_signatures
    assert sig.field_name == "TreasureWarehouseDossier"
    status = validate_pdf_signature(sig)
    assert status.intact and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    assert names[0] == "item-dossier.json"
    return json.loads(spec["/EF"]["/F"].get_object().data)


def test_pdf_export_is_signed_and_carries_the_json(sqlite_station, sqlite_people, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.services.test_dispatch_support import _issuer

    st, people = sqlite_station, sqlite_people
    life = whole_life(st, people)
    key = _issuer(st, people).key
    with pytest.raises(PermissionDenied):
        st.dossiers.export_pdf(people.appraiser, life.tag, key)
    pdf = st.dossiers.export_pdf(people.supervisor, life.tag, key)
    body = signed_dossier_json(pdf)
    assert body["item"]["tag"] == life.tag and body["timeline"][-1]["kind"] == "dispatch"
    # Tampering shows: one byte changed in the printed part breaks the signature.
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    at = pdf.index(b"stream") + 20
    bad = pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]
    (sig,) = PdfFileReader(io.BytesIO(bad), strict=False).embedded_signatures
    assert not validate_pdf_signature(sig).intact
    (tmp_path / "dossier.pdf").write_bytes(pdf)  # for a look: pdftoppm -png -r 60
    d = st.dossiers.dossier(people.supervisor, life.tag)
    assert d.entries[-1].kind is EntryKind.EXPORT and d.entries[-1].facts["exported"] == "pdf"


def test_certificate_pdf_is_the_original_and_a_damaged_one_is_refused(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    life = whole_life(st, people)
    original = st.certificates.pdf(life.second_cert)
    assert st.dossiers.certificate_pdf(people.supervisor, life.second_cert) == original
    with pytest.raises(PermissionDenied):
        st.dossiers.certificate_pdf(people.clerk, life.second_cert)
    sha = st.certificates.get(life.second_cert).pdf_sha256
    path = st.ctx.blobs.path(sha)
    path.write_bytes(original[:-10] + b"%%EOF\nXXXX")
    from app.core.errors import TWError

    with pytest.raises(TWError):
        st.dossiers.certificate_pdf(people.supervisor, life.second_cert)
    d = st.dossiers.dossier(people.supervisor, life.tag)
    assert {c.certificate_no: c.pdf_intact for c in d.certificates} == {life.first_cert: True, life.second_cert: False}


def test_thumbnails_made_once_and_a_damaged_photo_left_out(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    life = whole_life(st, people)
    d = st.dossiers.dossier(people.supervisor, life.tag)
    first = st.dossiers.thumbnails(d)
    assert set(first) == {p.sha256 for p in d.photos}
    assert all(t[:3] == b"\xff\xd8\xff" for t in first.values())
    assert st.dossiers.thumbnails(d) == first  # read back from thumbs/, the same bytes
    victim = next(p.sha256 for p in d.photos if p.view == "back")
    st.ctx.blobs.path(victim).write_bytes(b"not the photo")
    thumbs = st.ctx.blobs.root.parent / "thumbs"
    for f in thumbs.rglob(f"{victim}-*"):
        f.unlink()
    again = st.dossiers.thumbnails(d)
    assert victim not in again and len(again) == len(first) - 1
    from app.core.errors import TWError

    with pytest.raises(TWError):
        st.dossiers.image(people.supervisor, d, victim)
