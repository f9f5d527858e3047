"""Search from every station and the dossier window: every search key finds its item and a
unique match opens the dossier; partial input lists; hostile input gets a reason; the
timeline of an item that went through every stage (void and reissue included); photos at
full size with their SHA-256; exports to a chosen file (JSON, signed PDF, the certificate as
issued); a clerk's window shows only what a clerk may see."""

from __future__ import annotations

import json

import pytest

from app.ui import ops
from app.ui.dossier import open_dossier, open_search, open_windows
from tests.services.test_dispatch_support import PASSPHRASE
from tests.services.test_dossier_support import whole_life
from tests.services.test_inspection_support import GOOD_IMEI
from tests.services.test_review_support import phone_in_review


@pytest.fixture(autouse=True)
def _close_windows(qtbot):  # type: ignore[no-untyped-def]
    yield
    for w in list(open_windows().values()):
        w.close()
    ops.wait_idle(10_000)


def _wait_open(qtbot, tag: str):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tag in open_windows() and open_windows()[tag].dossier is not None, timeout=15_000)
    return open_windows()[tag]


def test_search_by_every_key_opens_the_unique_item(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    life = whole_life(st, people)
    phone = phone_in_review(st, people)
    ui = ui_factory(people.supervisor)
    dialog = open_search(ui)
    qtbot.addWidget(dialog)
    keys = {
        "tag": (life.tag, life.tag),
        "full-width tag": (life.tag.replace("TW", "ＴＷ"), life.tag),
        "IMEI": (GOOD_IMEI, phone),
        "serial": ("F2LXK0ABCDEF", phone),
        "inbound waybill": (life.waybill_in, life.tag),
        "outbound waybill": (life.waybill_out.lower(), life.tag),
        "order": (life.order_no, life.tag),
        "ASN": (life.asn_id, life.tag),
        "first (voided) certificate": (life.first_cert, life.tag),
        "reissued certificate": (life.second_cert, life.tag),
        "merchant name": ("翠玉轩珠宝", life.tag),
        "merchant id": ("M100235", phone),
    }
    for name, (text, tag) in keys.items():
        dialog.edit.setText(text)
        dialog.submit()
        window = _wait_open(qtbot, tag)
        assert window.dossier.tag == tag, name
        window.close()
        qtbot.waitUntil(lambda t=tag: t not in open_windows(), timeout=5_000)
    # Partial input lists the matches and opens nothing.
    dialog.start(life.tag[:9])
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert {dialog.table.item(r, 0).text() for r in range(2)} == {life.tag, phone}
    assert not open_windows()
    dialog.start("翠玉")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == life.tag, timeout=10_000)
    assert dialog.table.item(0, 3).text() == "商家名称"
    # Hostile input: a reason, never a traceback; nothing found is said.
    dialog.start("TW\x00261121")
    qtbot.waitUntil(lambda: "字符" in dialog.status.text(), timeout=10_000)
    assert dialog.table.rowCount() == 0
    dialog.start("ZZZZZZ999")
    qtbot.waitUntil(lambda: "ZZZZZZ999" in dialog.status.text(), timeout=10_000)
    dialog.edit.setText("TW")
    dialog.submit()
    assert "3" in dialog.status.text() and dialog.table.rowCount() == 0


def test_timeline_of_a_whole_life_photos_and_exports(
    qtbot, ui_factory, sqlite_station, sqlite_people, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    life = whole_life(st, people)
    ui = ui_factory(people.supervisor, "en")
    st.ctx.on_committed.append(lambda types: ui.signals.records_did_change.emit(types))  # as app.ui.main does
    open_dossier(ui, life.tag)
    window = _wait_open(qtbot, life.tag)
    qtbot.addWidget(window)
    open_dossier(ui, life.tag)  # already open: raised, not a second window
    assert len(open_windows()) == 1
    rows = [[window.timeline.item(r, c).text() for c in range(5)] for r in range(window.timeline.rowCount())]
    what = [r[1] for r in rows]
    for kind in (
        "Parcel received",
        "Item received",
        "Measurement",
        "Photo",
        "Grading",
        "Review",
        "Hold",
        "Hold released",
        "Certificate issued",
        "Certificate voided",
        "Print",
        "Dispatched",
    ):
        assert kind in what, kind
    assert what.index("Certificate voided") < len(what) - 1 and what[-1] == "Dispatched"
    issued = [r[2] for r in rows if r[1] == "Certificate issued"]
    assert any(life.first_cert in t for t in issued) and any(life.second_cert in t for t in issued)
    assert any(life.second_cert in r[2] and "voided" in r[2] for r in rows if r[1] == "Certificate voided")
    assert any("changed: jewelry.total_mass_g: 2.349 → 2.351" in r[2] for r in rows if r[1] == "Grading")
    assert any("B912345678" in r[2] and "stable" in r[2] for r in rows if r[1] == "Measurement")
    assert rows[1][1] == "Item received" and rows[1][4] == "waiting to sync"
    assert window.certs.rowCount() == 2 and window.certs.item(0, 1).text() == "voided"
    qtbot.waitUntil(lambda: window.summary is not None, timeout=10_000)  # the appraisal side by side
    # A photo at full size with its SHA-256.
    assert window.photos.count() >= 5
    item = window.photos.item(0)
    window.show_photo(item.data(0x0100))
    from app.ui.dossier.photo import PhotoDialog

    qtbot.waitUntil(lambda: bool(window.findChildren(PhotoDialog)), timeout=5_000)
    photo = window.findChildren(PhotoDialog)[0]
    qtbot.waitUntil(lambda: photo.image.pixmap() is not None and not photo.image.pixmap().isNull(), timeout=10_000)
    assert item.data(0x0100) in photo.findChild(type(photo.image), "photoInfo").text()
    photo.close()
    # Exports to the file a person chose.
    import app.ui.dossier.window as win

    chosen = {"path": ""}
    monkeypatch.setattr(win, "choose_save_path", lambda *_a: chosen["path"])
    chosen["path"] = str(tmp_path / "d.json")
    window.export_json()
    qtbot.waitUntil(lambda: (tmp_path / "d.json").exists(), timeout=10_000)
    body = json.loads((tmp_path / "d.json").read_text("utf-8"))
    assert body["item"]["tag"] == life.tag and len(body["timeline"]) == len(rows)
    chosen["path"] = str(tmp_path / "cert.pdf")
    window.certs.selectRow(0)
    window.export_certificate()
    qtbot.waitUntil(lambda: (tmp_path / "cert.pdf").exists(), timeout=10_000)
    assert (tmp_path / "cert.pdf").read_bytes() == st.certificates.pdf(life.first_cert)  # signature intact
    chosen["path"] = str(tmp_path / "d.pdf")
    window.export_pdf()
    from app.ui.review.dialogs import KeyDialog

    qtbot.waitUntil(lambda: bool(window.findChildren(KeyDialog)), timeout=5_000)
    key_dialog = window.findChildren(KeyDialog)[0]
    key_dialog.passphrase.setText(PASSPHRASE)
    key_dialog._submit()
    qtbot.waitUntil(lambda: (tmp_path / "d.pdf").exists(), timeout=30_000)
    pdf = (tmp_path / "d.pdf").read_bytes()
    from tests.services.test_dossier import signed_dossier_json

    assert signed_dossier_json(pdf)["item"]["tag"] == life.tag
    qtbot.waitUntil(lambda: "d.pdf" in window.banner.text(), timeout=10_000)
    # The window follows the records: the exports are now on its timeline.
    qtbot.waitUntil(lambda: window.timeline.item(window.timeline.rowCount() - 1, 1).text() == "Export", timeout=10_000)


def test_a_clerk_sees_what_a_clerk_may(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    life = whole_life(st, people)
    ui = ui_factory(people.clerk, "en")
    open_dossier(ui, life.tag)
    window = _wait_open(qtbot, life.tag)
    qtbot.addWidget(window)
    what = {window.timeline.item(r, 1).text() for r in range(window.timeline.rowCount())}
    assert {"Item received", "Dispatched", "Hold", "Certificate voided"} <= what
    assert not what & {"Measurement", "Grading", "Review"}
    assert not window.buttons["pdf"].isVisibleTo(window) and not window.cert_export_button.isVisibleTo(window)
    ops.wait_idle(5_000)
    assert window.summary is None  # no appraisal panel for a clerk


def test_an_unclaimed_scan_opens_the_dossier_from_any_station(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    from app.ui.shell import MainWindow

    st, people = sqlite_station, sqlite_people
    life = whole_life(st, people)
    window = MainWindow(ui_factory(people.supervisor))
    qtbot.addWidget(window)
    window.show()
    window.show_station("sync")
    window.route_scan(life.waybill_out)  # an outbound waybill: the sync station has no use for it
    dossier = _wait_open(qtbot, life.tag)
    assert dossier.dossier.state == "dispatched"
    assert "Ctrl+F" in window.search_button.text()
    window.search_button.click()
    from app.ui.dossier.search import SearchDialog

    assert window.findChild(SearchDialog).isVisible()
