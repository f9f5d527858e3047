"""Database writes run on the one database worker, never on the I/O pool: certificate issue,
key unlock, print and void-and-reissue from the review screen, and a write started on the I/O
pool (an operation, or any other write transaction) is refused before its transaction opens."""

from __future__ import annotations

import pytest

from app.ui import ops
from tests.gui.test_review_screen import _file_printer, _open, _prints, _screen
from tests.services.test_review_support import PASSPHRASE, jewelry_in_review


@pytest.fixture
def pools(sqlite_station):  # type: ignore[no-untyped-def]
    """The pool each write of the station ran on, with the GUI's refusals installed (as app.ui.main
    installs them: on the operations and on every write transaction of the database)."""
    seen: list[tuple[str, str | None]] = []
    hooks, db_hooks = sqlite_station.ctx.before_write, sqlite_station.db.before_write
    hooks.extend([lambda action: seen.append((str(action), ops.current_pool())), ops.refuse_write_off_db_worker])
    db_hooks.extend([lambda what: seen.append((str(what), ops.current_pool())), ops.refuse_write_off_db_worker])
    yield seen
    del hooks[-2:]
    del db_hooks[-2:]


def _audits(station) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from app.store.models import AuditEntry

    with station.db.read() as s:
        return s.execute(select(func.count(AuditEntry.id))).scalar_one()


def test_a_write_on_the_io_pool_is_refused_and_writes_nothing(qtbot, sqlite_station, sqlite_people, pools):  # type: ignore[no-untyped-def]
    st, sup = sqlite_station, sqlite_people.supervisor
    before = _audits(st)
    errors: list[BaseException] = []
    ops.Op(None, st.certificates.generate_key, sup, PASSPHRASE, kind="io").failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], RuntimeError) and "database worker" in str(errors[0])
    assert _audits(st) == before and not st.certificates.has_key()
    done: list[object] = []
    ops.Op(None, st.certificates.generate_key, sup, PASSPHRASE).success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    assert st.certificates.has_key() and _audits(st) > before


def test_off_the_pools_writes_are_not_refused(sqlite_station, sqlite_people, pools):  # type: ignore[no-untyped-def]
    # the CLI, the sync worker and tests write from their own threads
    assert ops.current_pool() is None
    sqlite_station.certificates.generate_key(sqlite_people.supervisor, PASSPHRASE)
    assert pools and pools[-1][1] is None


def test_review_screen_key_issue_and_void_and_reissue_write_on_the_db_worker(  # type: ignore[no-untyped-def]
    qtbot, ui_factory, sqlite_station, sqlite_people, pools
):
    st, people = sqlite_station, sqlite_people
    tag = jewelry_in_review(st, people)
    st.review.approve(people.supervisor2, tag, 1)
    screen = _screen(qtbot, ui_factory, people.supervisor)
    _open(qtbot, screen, tag, "approved")
    pools.clear()
    screen.buttons["issue"].click()
    key = screen.dialog
    key.passphrase.setText(PASSPHRASE)
    key.repeat.setText(PASSPHRASE)
    key.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.current.item.state == "certified", timeout=20_000)
    cert = st.certificates.for_item(tag)[0]
    _open(qtbot, screen, tag, "certified")
    screen.buttons["void"].click()
    void = screen.dialog
    void.reason.setPlainText("名称有误")
    void.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not void.isVisible(), timeout=20_000)
    ops.wait_idle()
    assert st.certificates.get(cert.certificate_no).status == "voided"
    actions = [a for a, _ in pools]
    assert any("ISSUE_CERTIFICATE" in a or "issue_certificate" in a for a in actions), actions
    assert {kind for _, kind in pools} == {"db"}, pools


def test_a_write_transaction_outside_an_operation_on_the_io_pool_is_refused(  # type: ignore[no-untyped-def]
    qtbot, sqlite_station, pools
):
    """Not every write is an operation (a scripted setup's audit entry, a password change, the
    dashboard's kept day): the database itself refuses one started on the I/O pool."""
    from app.services.settings import SettingsService

    st = sqlite_station
    settings = SettingsService(st.ctx)
    before = _audits(st)
    errors: list[BaseException] = []
    ops.Op(None, settings.record_setup, "installer", {"language": ("en", "zh_CN")}, kind="io").failure(
        errors.append
    ).run()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], RuntimeError) and "database worker" in str(errors[0])
    assert _audits(st) == before
    done: list[object] = []
    ops.Op(None, settings.record_setup, "installer", {"language": ("en", "zh_CN")}).success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert _audits(st) == before + 1
    assert [kind for what, kind in pools if what == "transaction"] == ["io", "db"]


def test_review_screen_print_records_on_the_db_worker(  # type: ignore[no-untyped-def]
    qtbot, ui_factory, sqlite_station, sqlite_people, pools, tmp_path
):
    """The PDF and the picture are made on the I/O pool; the print is counted on the database worker."""
    st, people = sqlite_station, sqlite_people
    tag = jewelry_in_review(st, people)
    st.review.approve(people.supervisor2, tag, 1)
    issuer = st.certificates.generate_key(people.supervisor, PASSPHRASE)
    cert = st.certificates.issue(people.supervisor, tag, issuer)
    screen = _screen(qtbot, ui_factory, people.supervisor)
    screen.issuer = issuer
    _open(qtbot, screen, tag, "certified")
    pools.clear()
    screen.buttons["print"].click()
    qtbot.waitUntil(lambda: screen.printing.preview is not None, timeout=20_000)
    screen.printing.printer_factory = _file_printer(tmp_path / "original.pdf")
    screen.printing.preview.print_button.click()
    qtbot.waitUntil(lambda: _prints(st, cert.certificate_no) == 1, timeout=10_000)
    ops.wait_idle()
    assert any("PRINT_CERTIFICATE" in a or "print_certificate" in a for a, _ in pools), pools
    assert pools and {kind for _, kind in pools} == {"db"}, pools
