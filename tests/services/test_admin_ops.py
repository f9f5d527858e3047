"""Administrator operations: unlock, the user list only for who manages users, audit
chain verification, certificate export (original bytes), verified backup and restore
(refusing another warehouse's backup). Each is refused without the permission and audited."""

from __future__ import annotations

import hashlib
import logging
import sqlite3

import pytest
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationError
from app.services.backup import BackupService
from app.services.maintenance import MaintenanceService
from app.store.models import AuditEntry
from tests.helpers import PASSWORD

logging.getLogger("pyhanko").setLevel(logging.CRITICAL)


def _actions(station) -> list[str]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return [a.action for a in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def test_unlock_and_the_user_list_for_administrators_only(sqlite_station, sqlite_people):
    users = sqlite_station.users
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            users.authenticate("clerk.wang", "wrong password")
    with pytest.raises(PermissionDenied) as locked:
        users.authenticate("clerk.wang", PASSWORD)
    assert locked.value.code == "locked"
    with pytest.raises(PermissionDenied):
        users.unlock(sqlite_people.supervisor, sqlite_people.clerk.user_id)
    assert not users.unlock(sqlite_people.admin, sqlite_people.clerk.user_id).locked
    assert users.authenticate("clerk.wang", PASSWORD).username == "clerk.wang"
    with pytest.raises(PermissionDenied):
        users.people(sqlite_people.clerk)  # clerks do not see who works here
    assert "clerk.wang" in {u.username for u in users.people(sqlite_people.admin)}


def test_verify_the_audit_chain_and_notice_tampering(sqlite_station, sqlite_people):
    ops = MaintenanceService(sqlite_station.ctx, sqlite_station.certificates)
    with pytest.raises(PermissionDenied):
        ops.verify_audit_chain(sqlite_people.clerk)
    first = ops.verify_audit_chain(sqlite_people.admin)
    assert first.ok and first.entries > 5 and "verify_audit_chain" in _actions(sqlite_station)
    with sqlite_station.db.transaction() as s:
        row = s.execute(select(AuditEntry).order_by(AuditEntry.id).limit(1)).scalar_one()
        row.actor = "someone-else"
    broken = ops.verify_audit_chain(sqlite_people.admin)
    assert not broken.ok and broken.problem_en


def test_export_writes_the_signed_pdf_byte_for_byte(sqlite_station, sqlite_people, tmp_path):
    from tests.services.test_review_support import PASSPHRASE, approved

    station, people = sqlite_station, sqlite_people
    issuer = station.certificates.generate_key(people.supervisor, PASSPHRASE)
    cert = station.certificates.issue(people.supervisor, approved(station, people), issuer)
    ops = MaintenanceService(station.ctx, station.certificates)
    with pytest.raises(PermissionDenied):
        ops.export_certificate(people.clerk, cert.certificate_no, tmp_path)
    path = ops.export_certificate(people.admin, cert.certificate_no, tmp_path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == cert.pdf_sha256
    assert "export_certificate" in _actions(station)
    with pytest.raises(ValidationError):
        ops.export_certificate(people.admin, cert.certificate_no, tmp_path / "missing")


def test_backup_is_verified_and_restore_brings_the_records_back(sqlite_station, sqlite_people, tmp_path):
    station, people = sqlite_station, sqlite_people
    blob = station.ctx.blobs.put(b"a photo of a ring")
    service = BackupService(station.ctx)
    with pytest.raises(PermissionDenied):
        service.backup(people.clerk, tmp_path)
    info = service.backup(people.admin, tmp_path)
    assert info.counts["audit_log"] > 0 and info.blobs >= 1 and info.warehouse_id == station.ctx.warehouse_id
    station.users.add_user(people.admin, "after.backup", PASSWORD, "备份后", frozenset())
    backup_info, current = service.restore_preview(people.admin, info.folder)
    assert current["audit_log"] > backup_info.counts["audit_log"]  # says what it would replace
    kept = service.restore(people.admin, info.folder)
    assert kept.exists() and "after.backup" not in {u.username for u in station.users.list_users()}
    assert station.ctx.blobs.get(blob) == b"a photo of a ring"
    assert _actions(station)[-1] == "restore"


def test_a_damaged_or_foreign_backup_is_refused(sqlite_station, sqlite_people, tmp_path):
    import json

    service = BackupService(sqlite_station.ctx)
    sqlite_station.ctx.blobs.put(b"x")
    info = service.backup(sqlite_people.admin, tmp_path)
    manifest = json.loads((info.folder / "manifest.json").read_text(encoding="utf-8"))
    (info.folder / "manifest.json").write_text(json.dumps(dict(manifest, warehouse_id="WH-OTHER-09")), encoding="utf-8")
    with pytest.raises(ValidationError) as foreign:
        service.restore_preview(sqlite_people.admin, info.folder)
    assert "WH-OTHER-09" in foreign.value.en
    (info.folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    conn = sqlite3.connect(info.folder / "workstation.sqlite3")
    conn.execute("UPDATE users SET display_name = 'x'")
    conn.commit()
    conn.close()
    with pytest.raises(ValidationError) as damaged:
        BackupService.verify(info.folder)
    assert "damaged" in damaged.value.en


def test_a_password_given_by_an_administrator_is_changed_at_first_log_in(station, people):
    users = station.users
    assert not users.password_change_due(people.admin)  # chose their own at the first start
    assert users.password_change_due(people.clerk)  # the administrator typed it
    with pytest.raises(PermissionDenied):
        users.change_own_password(people.clerk, "not the password", "my-own-pass-9")
    with pytest.raises(ValidationError):
        users.change_own_password(people.clerk, PASSWORD, PASSWORD)
    users.change_own_password(people.clerk, PASSWORD, "my-own-pass-9")
    assert not users.password_change_due(people.clerk)
    assert users.authenticate("clerk.wang", "my-own-pass-9").username == "clerk.wang"
    users.reset_password(people.admin, people.clerk.user_id, "temporary-77")
    assert users.password_change_due(people.clerk)
    assert "change_own_password" in _actions(station)
