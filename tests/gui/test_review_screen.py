"""The review station: queue, open by scan, approve, return with a required reason, issue
with the key dialog, print the original then a COPY, batch print, void and reissue."""

from __future__ import annotations

import re
import subprocess

from PySide6.QtPrintSupport import QPrinter

from app.ui import ops
from app.ui.review.printing import new_printer
from app.ui.review.screen import ReviewScreen
from tests.services.test_review_support import PASSPHRASE, jewelry_in_review


def _prints(station, number: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from app.store.models import AuditEntry

    with station.db.read() as s:
        return int(
            s.execute(
                select(func.count(AuditEntry.id)).where(
                    AuditEntry.action == "print_certificate", AuditEntry.entity_id == number
                )
            ).scalar_one()
        )


def _file_printer(path):  # type: ignore[no-untyped-def]
    def make() -> QPrinter:
        p = new_printer()
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(path))
        return p

    return make


def _screen(qtbot, ui_factory, actor):  # type: ignore[no-untyped-def]
    screen = ReviewScreen(ui_factory(actor))
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    screen.activated()
    return screen


def _open(qtbot, screen, tag: str, state: str) -> None:  # type: ignore[no-untyped-def]
    assert screen.handle_scan(tag)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.item.tag == tag and screen.current.item.state == state,
        timeout=10_000,
    )


def test_queue_scan_approve_and_return(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    first, second = jewelry_in_review(st, people), jewelry_in_review(st, people)
    screen = _screen(qtbot, ui_factory, people.supervisor)
    qtbot.waitUntil(lambda: screen.review_table.rowCount() == 2, timeout=10_000)
    assert screen.review_table.item(0, 2).text() == "李鉴定"  # the appraiser by name, not by log-in
    assert not screen.handle_scan("not a tag")
    _open(qtbot, screen, first, "in_review")
    assert "18K金镶钻石吊坠" in screen.dossier.heading.text() and screen.dossier.measures.rowCount() >= 2
    assert screen.dossier.findChild(type(screen.status), "photo_front") is not None
    assert screen.buttons["approve"].isVisible() and not screen.buttons["issue"].isVisible()
    screen.buttons["approve"].click()
    qtbot.waitUntil(lambda: screen.current.item.state == "approved", timeout=10_000)
    assert st.items.find(first).state == "approved" and screen.buttons["issue"].isVisible()
    _open(qtbot, screen, second, "in_review")
    screen.buttons["return"].click()
    dialog = screen.dialog
    dialog.buttons.accepted.emit()  # empty reason: refused in the dialog, nothing recorded
    assert dialog.isVisible() and dialog.message.text()
    assert st.items.find(second).state == "in_review"
    dialog.reason.setPlainText("主石克拉数未记录")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert st.items.find(second).state == "in_appraisal"
    assert st.review.reviews(second)[-1].reason == "主石克拉数未记录"


def test_four_eyes_error_is_shown_not_raised(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(sqlite_station, sqlite_people, grader=sqlite_people.supervisor2)
    screen = _screen(qtbot, ui_factory, sqlite_people.supervisor2)
    _open(qtbot, screen, tag, "in_review")
    screen.buttons["approve"].click()
    qtbot.waitUntil(lambda: "自己" in screen.status.text(), timeout=10_000)
    assert sqlite_station.items.find(tag).state == "in_review"


def test_issue_with_key_dialog_print_copy_batch_and_void(
    qtbot, ui_factory, sqlite_station, sqlite_people, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    tag = jewelry_in_review(st, people)
    st.review.approve(people.supervisor2, tag, 1)
    screen = _screen(qtbot, ui_factory, people.supervisor)
    _open(qtbot, screen, tag, "approved")
    screen.buttons["issue"].click()
    key = screen.dialog
    assert key.creating  # first use: the supervisor sets the passphrase
    key.passphrase.setText(PASSPHRASE)
    key.repeat.setText("something else")
    key.buttons.accepted.emit()
    assert key.isVisible() and key.message.text() and not st.certificates.has_key()
    key.repeat.setText(PASSPHRASE)
    key.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.current.item.state == "certified", timeout=20_000)
    cert = st.certificates.for_item(tag)[0]
    assert cert.certificate_no in screen.status.text()
    # a preview closed without printing does not use up the original
    screen.buttons["print"].click()
    qtbot.waitUntil(lambda: screen.printing.preview is not None, timeout=20_000)
    first = screen.printing.preview
    assert "COPY" not in first.windowTitle()
    first.reject()
    assert _prints(st, cert.certificate_no) == 0
    screen.buttons["print"].click()
    qtbot.waitUntil(lambda: screen.printing.preview is not first, timeout=20_000)
    assert "COPY" not in screen.printing.preview.windowTitle()  # still the original
    # the print job is accepted: now the original is counted, and the next print is a COPY
    single = tmp_path / "single.pdf"
    screen.printing.printer_factory = _file_printer(single)
    screen.printing.preview.print_button.click()
    qtbot.waitUntil(lambda: _prints(st, cert.certificate_no) == 1, timeout=10_000)
    assert single.read_bytes().startswith(b"%PDF")
    shown = screen.printing.preview
    screen.buttons["print"].click()
    qtbot.waitUntil(lambda: screen.printing.preview is not shown, timeout=20_000)
    assert "COPY" in screen.printing.preview.windowTitle()
    screen.printing.preview.reject()
    # batch: into a PDF file instead of the system dialog
    second = jewelry_in_review(st, people)
    st.review.approve(people.supervisor2, second, 1)
    st.certificates.issue(people.supervisor, second, screen.certificate_actions.issuer)
    out = tmp_path / "batch.pdf"
    screen.printing.printer_factory = _file_printer(out)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.certs_table.rowCount() == 2, timeout=10_000)
    screen.certs_table.selectAll()
    screen.certificate_actions.print_selected()
    qtbot.waitUntil(lambda: "2 of 2" in screen.status.text(), timeout=30_000)
    ops.wait_idle()
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", pages, re.M)
    qtbot.waitUntil(lambda: _prints(st, cert.certificate_no) == 2, timeout=10_000)
    # void and reissue in one go
    _open(qtbot, screen, tag, "certified")
    screen.buttons["void"].click()
    void = screen.dialog
    void.reason.setPlainText("名称有误")
    assert void.reissue.isChecked()
    void.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not void.isVisible(), timeout=20_000)
    old = st.certificates.get(cert.certificate_no)
    assert old.status == "voided" and old.replaced_by and st.items.find(tag).state == "certified"


def test_queue_follows_records_did_change(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    screen = _screen(qtbot, ui_factory, people.supervisor)
    st.ctx.on_committed.append(lambda types: screen.ui.signals.records_did_change.emit(types))
    ops.wait_idle()
    assert screen.review_table.rowCount() == 0
    jewelry_in_review(st, people)  # committed elsewhere: the queue follows, no timer, no click
    qtbot.waitUntil(lambda: screen.review_table.rowCount() == 1, timeout=10_000)
