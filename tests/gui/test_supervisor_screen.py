"""The supervisor station through its widgets: the exceptions queue lists what the records
hold, hold and release from the window with a reason (refused without one), and the
dashboard shows the figures counted from the records; tables export as CSV and XLSX."""

from __future__ import annotations

import csv
import zipfile

from sqlalchemy import text

from app.ui.supervisor.screen import SupervisorScreen
from tests.helpers import receive_one
from tests.services.test_review_support import jewelry_in_review


def _screen(qtbot, ui_factory, actor, lang="zh_CN"):  # type: ignore[no-untyped-def]
    screen = SupervisorScreen(ui_factory(actor, lang))
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    screen.activated()
    return screen


def _row_of(panel, tag: str) -> int:  # type: ignore[no-untyped-def]
    for i, r in enumerate(panel.shown):
        if r.item_tag == tag:
            return i
    return -1


def _reason(qtbot, panel, text_: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=5000)
    panel.dialog.reason.setText(text_)
    panel.dialog.buttons.button(panel.dialog.buttons.StandardButton.Ok).click()


def test_hold_and_release_from_the_queue(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    tag = receive_one(st, people, line_id="L1", asn="ASN-G-000001", waybill="SF66600000001").tag
    st.intake.receive_parcel(people.clerk, "YT7000000000001")  # unannounced
    screen = _screen(qtbot, ui_factory, people.supervisor)
    panel = screen.exceptions
    qtbot.waitUntil(lambda: panel.queue is not None and panel.table.rowCount() == 1, timeout=10_000)
    assert panel.table.item(0, 0).text() == "未预报包裹" and panel.table.item(0, 4).text() == "YT7000000000001"
    assert "1" in panel.summary.text()
    # The piece is not an exception until it waits too long: make the limit zero hours.
    screen.ui.config.override("wait_received_h", 0.0)
    panel.refresh()
    qtbot.waitUntil(lambda: _row_of(panel, tag) >= 0, timeout=10_000)
    panel.table.selectRow(_row_of(panel, tag))
    assert panel.hold_btn.isEnabled() and not panel.release_btn.isEnabled()
    # An empty reason is refused in words, nothing changes.
    panel.hold_btn.click()
    _reason(qtbot, panel, "   ")
    qtbot.waitUntil(lambda: screen.findChild(object, "errorDialog") is not None, timeout=5000)
    assert st.items.find(tag).state == "received"
    screen.findChild(object, "errorDialog").close()
    panel.hold_btn.click()
    _reason(qtbot, panel, "merchant says the wrong piece was sent")
    qtbot.waitUntil(lambda: st.items.find(tag).state == "on_hold", timeout=5000)
    qtbot.waitUntil(lambda: any(r.kind == "on_hold" and r.item_tag == tag for r in panel.shown), timeout=10_000)
    row = next(i for i, r in enumerate(panel.shown) if r.kind == "on_hold")
    assert "已冻结" in panel.table.item(row, 3).text() and "已收货" in panel.table.item(row, 3).text()
    panel.table.selectRow(row)
    assert panel.release_btn.isEnabled() and not panel.hold_btn.isEnabled()
    panel.release_btn.click()
    _reason(qtbot, panel, "merchant confirmed")
    qtbot.waitUntil(lambda: st.items.find(tag).state == "received", timeout=5000)
    qtbot.waitUntil(lambda: not any(r.kind == "on_hold" for r in panel.shown), timeout=10_000)
    with st.db.read() as s:
        details = [
            r[0]
            for r in s.execute(
                text(
                    "SELECT detail FROM audit_log WHERE entity_id = :t AND action IN "
                    "('hold', 'release_hold') ORDER BY chain_index"
                ),
                {"t": tag},
            )
        ]
    assert len(details) == 2  # one audit entry each, with the reasons


def test_a_clerk_cannot_hold_even_through_the_window(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    tag = receive_one(st, people, line_id="L1", asn="ASN-G-000002", waybill="SF66600000002").tag
    screen = _screen(qtbot, ui_factory, people.clerk)
    screen.ui.config.override("wait_received_h", 0.0)
    panel = screen.exceptions
    panel.refresh()
    qtbot.waitUntil(lambda: _row_of(panel, tag) >= 0, timeout=10_000)
    panel.table.selectRow(_row_of(panel, tag))
    panel.hold_btn.click()
    _reason(qtbot, panel, "trying")
    qtbot.waitUntil(lambda: screen.findChild(object, "errorDialog") is not None, timeout=5000)
    assert st.items.find(tag).state == "received"


def test_dashboard_shows_the_records_and_exports(qtbot, ui_factory, sqlite_station, sqlite_people, tmp_path) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    jewelry_in_review(st, people)
    jewelry_in_review(st, people)
    screen = _screen(qtbot, ui_factory, people.supervisor, "en")
    screen.tabs.setCurrentIndex(1)
    panel = screen.dashboard
    qtbot.waitUntil(lambda: panel.data is not None, timeout=10_000)
    with st.db.read() as s:
        received = s.execute(text("SELECT COUNT(*) FROM items")).scalar_one()
        graded = s.execute(text("SELECT COUNT(*) FROM grading_results")).scalar_one()
    assert panel.figures["received"].text() == str(received) == "2"
    assert panel.figures["appraised"].text() == str(graded)
    queue = {
        panel.queue_table.item(i, 0).text(): panel.queue_table.item(i, 1).text()
        for i in range(panel.queue_table.rowCount())
    }
    assert queue["In review"] == "2"
    # A change elsewhere reaches the dashboard without a click.
    receive_one(st, people, line_id="L3", asn="ASN-G-000003", waybill="SF66600000003")
    screen.ui.signals.records_did_change.emit(["item.received"])
    qtbot.waitUntil(lambda: panel.figures["received"].text() == "3", timeout=10_000)
    panel.export(panel.queue_table, tmp_path / "queue.csv")
    panel.export(panel.queue_table, tmp_path / "queue.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "queue.csv").exists() and (tmp_path / "queue.xlsx").exists(), timeout=5000)
    from app.ui import ops

    ops.wait_idle()
    with open(tmp_path / "queue.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Stage", "Pieces", "Waiting since"] and ["In review", "2"] == rows[4][:2]
    with zipfile.ZipFile(tmp_path / "queue.xlsx") as z:
        assert "xl/worksheets/sheet1.xml" in z.namelist()
    panel.write_report(tmp_path / "daily.pdf")
    qtbot.waitUntil(
        lambda: (tmp_path / "daily.pdf").exists() and (tmp_path / "daily.pdf").stat().st_size > 1000, timeout=10_000
    )


def test_an_event_whose_photo_file_is_damaged_shows_why_in_words(
    qapp, qtbot, ui_factory, sqlite_station, sqlite_people
) -> None:  # type: ignore[no-untyped-def]
    """The sync engine rejects the event of a photo whose file was altered on this disk; the
    queue says so in the supervisor's language (the code in brackets), in both languages."""
    from app.refplatform import PlatformServer
    from app.runtime.platform import teach_local_notices
    from app.services.sync_port import StationSyncPort
    from app.sync.client import PlatformClient
    from app.sync.engine import SyncEngine
    from app.sync.ratelimit import Unlimited
    from app.ui import i18n
    from tests.services.test_intake_smoke import _jpeg

    st, people = sqlite_station, sqlite_people
    item = receive_one(st, people, line_id="L1", asn="ASN-G-000003", waybill="SF66600000003")
    photo = st.photos.attach(people.clerk, _jpeg(), "package", tag=item.tag, purpose="intake")
    st.ctx.blobs.path(photo.sha256).write_bytes(b"\xff\xd8 altered")
    srv = PlatformServer(tokens={"t-gui-sync": st.ctx.workstation_id}, warehouse_id="WH-LOCAL-01").start()
    try:
        teach_local_notices(srv, st)
        engine = SyncEngine(
            StationSyncPort(st.ctx), PlatformClient(srv.url, "t-gui-sync", st.ctx.workstation_id, limiter=Unlimited())
        )
        assert engine.push().rejected == 1
        engine.close()
    finally:
        srv.stop()
    for lang, words in (
        ("zh_CN", "本工作站磁盘上的文件缺失或已损坏"),
        ("en", "its file on this station's disk is missing or damaged"),
    ):
        installed = i18n.install_translators(qapp, lang) if lang == "zh_CN" else []
        try:
            panel = _screen(qtbot, ui_factory, people.supervisor, lang).exceptions
            qtbot.waitUntil(lambda p=panel: any(r.kind == "sync_rejected" for r in p.shown), timeout=10_000)
            row = next(i for i, r in enumerate(panel.shown) if r.kind == "sync_rejected")
            detail = panel.table.item(row, 6).text()
        finally:
            for tr in installed:
                qapp.removeTranslator(tr)
        assert f"{words} (local_blob_unreadable)" in detail and "damaged (digest mismatch)" in detail
